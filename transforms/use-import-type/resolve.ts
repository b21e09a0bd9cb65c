/**
 * The cheap half of use-import-type's cross-file questions: "is export `x` of module `m` a value?" and
 * "does module `m` export any value?", answered from the declarations of the modules involved (the
 * project's parsed files, following re-exports and `export *`), without building a type checker.
 * Anything unusual (`export =`, `import x = require()`, global scripts, unresolved modules) answers
 * 'unknown', and the transform asks the checker instead. Scope questions inside one file live here too.
 */
import type { Project } from 'ts-morph';
import { ts } from '../../src/ts-morph.cjs';

export type Kind = 'value' | 'type' | 'unknown';
/** `missing`: the module has no export of that name (so an `export *` chain keeps looking). */
type Found = Kind | 'missing';

const getModuleInstanceState = (ts as unknown as { getModuleInstanceState?: (node: ts.ModuleDeclaration) => number }).getModuleInstanceState;

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
}

/** What a declaration statement declares: [name, kind] pairs (kind of its meaning at run time). */
function declared(st: ts.Statement): Array<[string, Kind]> {
  if (ts.isVariableStatement(st)) {
    const names: string[] = [];
    for (const d of st.declarationList.declarations) bindingNames(d.name, names);
    return names.map((n) => [n, 'value']);
  }
  if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) return [[st.name.text, 'value']];
  if (ts.isEnumDeclaration(st)) return [[st.name.text, 'value']];
  if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) return [[st.name.text, 'type']];
  if (ts.isModuleDeclaration(st) && ts.isIdentifier(st.name)) {
    if (!getModuleInstanceState) return [[st.name.text, 'unknown']];
    return [[st.name.text, getModuleInstanceState(st) === 0 ? 'type' : 'value']];
  }
  return [];
}

function combine(kinds: Kind[]): Found {
  if (kinds.length === 0) return 'missing';
  if (kinds.includes('value')) return 'value';
  if (kinds.includes('unknown')) return 'unknown';
  return 'type';
}

export class ModuleIndex {
  private readonly resolved = new Map<string, string | undefined>();
  private readonly host: ts.ModuleResolutionHost;

  constructor(
    private readonly project: Project,
    private readonly options: ts.CompilerOptions,
  ) {
    this.host = project.getModuleResolutionHost();
  }

  sourceFile(path: string): ts.SourceFile | undefined {
    const existing = this.project.getSourceFile(path) ?? this.project.addSourceFileAtPathIfExists(path);
    return existing?.compilerNode;
  }

  resolve(specifier: string, from: ts.SourceFile): ts.SourceFile | undefined {
    const key = `${from.fileName}\0${specifier}`;
    if (!this.resolved.has(key)) {
      const r = ts.resolveModuleName(specifier, from.fileName, this.options, this.host).resolvedModule;
      this.resolved.set(key, r?.resolvedFileName);
    }
    const file = this.resolved.get(key);
    return file ? this.sourceFile(file) : undefined;
  }

  private isModule(sf: ts.SourceFile): boolean {
    return ts.isExternalModule(sf) && !sf.statements.some((st) => ts.isExportAssignment(st) && st.isExportEquals);
  }

  /** Is export `name` of `sf` a value, a type, or unknown ('missing' when not exported at all)? */
  exportKind(sf: ts.SourceFile, name: string, seen = new Set<string>()): Found {
    const key = `${sf.fileName}\0${name}`;
    if (seen.has(key)) return 'missing';
    seen.add(key);
    if (!this.isModule(sf)) return 'unknown';
    const kinds: Kind[] = [];
    const stars: ts.ExportDeclaration[] = [];
    for (const st of sf.statements) {
      if (ts.isExportDeclaration(st)) {
        const clause = st.exportClause;
        if (!clause) {
          stars.push(st);
          continue;
        }
        if (ts.isNamespaceExport(clause)) {
          if (clause.name.text === name) kinds.push(st.isTypeOnly ? 'type' : 'value');
          continue;
        }
        for (const el of clause.elements) {
          if (el.name.text !== name) continue;
          if (st.isTypeOnly || el.isTypeOnly) {
            kinds.push('type');
            continue;
          }
          const local = (el.propertyName ?? el.name).text;
          if (st.moduleSpecifier) {
            const target = ts.isStringLiteral(st.moduleSpecifier) ? this.resolve(st.moduleSpecifier.text, sf) : undefined;
            const k = target ? this.exportKind(target, local, seen) : 'unknown';
            kinds.push(k === 'missing' ? 'unknown' : k);
          } else {
            const k = this.localKind(sf, local, seen);
            kinds.push(k === 'missing' ? 'unknown' : k);
          }
        }
        continue;
      }
      if (ts.isExportAssignment(st)) {
        if (name === 'default') {
          if (ts.isIdentifier(st.expression)) {
            const k = this.localKind(sf, st.expression.text, seen);
            kinds.push(k === 'missing' ? 'unknown' : k);
          } else kinds.push('value');
        }
        continue;
      }
      if (ts.isImportEqualsDeclaration(st)) {
        if (hasModifier(st, ts.SyntaxKind.ExportKeyword) && st.name.text === name) kinds.push('unknown');
        continue;
      }
      if (!hasModifier(st, ts.SyntaxKind.ExportKeyword)) continue;
      const isDefault = hasModifier(st, ts.SyntaxKind.DefaultKeyword);
      for (const [n, k] of declared(st)) {
        if (isDefault ? name === 'default' : n === name) kinds.push(k);
      }
      if (isDefault && name === 'default' && (ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st)) && !st.name) kinds.push('value');
    }
    const own = combine(kinds);
    if (own !== 'missing' || name === 'default') return own;
    for (const st of stars) {
      const target = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? this.resolve(st.moduleSpecifier.text, sf) : undefined;
      if (!target) return 'unknown';
      const k = this.exportKind(target, name, seen);
      if (k !== 'missing') return st.isTypeOnly ? 'type' : k;
    }
    return 'missing';
  }

  /** What the top-level name `name` of `sf` is (its declarations and imports). */
  localKind(sf: ts.SourceFile, name: string, seen = new Set<string>()): Found {
    const kinds: Kind[] = [];
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st)) {
        const clause = st.importClause;
        if (!clause || !ts.isStringLiteral(st.moduleSpecifier)) continue;
        const whole = clause.phaseModifier === ts.SyntaxKind.TypeKeyword;
        const target = (): ts.SourceFile | undefined => this.resolve((st.moduleSpecifier as ts.StringLiteral).text, sf);
        const follow = (imported: string): Kind => {
          const t = target();
          const k = t ? this.exportKind(t, imported, seen) : 'unknown';
          return k === 'missing' ? 'unknown' : k;
        };
        if (clause.name?.text === name) kinds.push(whole ? 'type' : follow('default'));
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb) && nb.name.text === name) kinds.push(whole ? 'type' : 'value');
        if (nb && ts.isNamedImports(nb)) {
          for (const el of nb.elements) {
            if (el.name.text !== name) continue;
            kinds.push(whole || el.isTypeOnly ? 'type' : follow((el.propertyName ?? el.name).text));
          }
        }
        continue;
      }
      if (ts.isImportEqualsDeclaration(st)) {
        if (st.name.text === name) kinds.push(st.isTypeOnly ? 'type' : 'unknown');
        continue;
      }
      for (const [n, k] of declared(st)) if (n === name) kinds.push(k);
    }
    return combine(kinds);
  }

  /** Does the module export any value? 'unknown' when that cannot be told from declarations. */
  moduleKind(sf: ts.SourceFile, seen = new Set<string>()): Kind | 'empty' {
    if (seen.has(sf.fileName)) return 'empty';
    seen.add(sf.fileName);
    if (!this.isModule(sf)) return 'unknown';
    let any = false;
    let unknown = false;
    for (const st of sf.statements) {
      if (ts.isExportDeclaration(st)) {
        if (st.isTypeOnly) {
          any = true;
          continue;
        }
        const clause = st.exportClause;
        if (clause && ts.isNamespaceExport(clause)) return 'value';
        if (!clause) {
          const target = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? this.resolve(st.moduleSpecifier.text, sf) : undefined;
          if (!target) return 'unknown';
          const k = this.moduleKind(target, seen);
          if (k === 'value') return 'value';
          if (k === 'unknown') unknown = true;
          if (k === 'type') any = true;
          continue;
        }
        for (const el of clause.elements) {
          any = true;
          if (el.isTypeOnly) continue;
          const k = this.exportKind(sf, el.name.text);
          if (k === 'value') return 'value';
          if (k !== 'type') unknown = true;
        }
        continue;
      }
      if (ts.isExportAssignment(st)) {
        any = true;
        const k = ts.isIdentifier(st.expression) ? this.localKind(sf, st.expression.text) : 'value';
        if (k === 'value') return 'value';
        if (k !== 'type') unknown = true;
        continue;
      }
      if (ts.isImportEqualsDeclaration(st) && hasModifier(st, ts.SyntaxKind.ExportKeyword)) return 'unknown';
      if (!hasModifier(st, ts.SyntaxKind.ExportKeyword)) continue;
      for (const [, k] of declared(st)) {
        any = true;
        if (k === 'value') return 'value';
        if (k === 'unknown') unknown = true;
      }
    }
    if (unknown) return 'unknown';
    return any ? 'type' : 'empty';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Scopes inside one file.

type Meaning = 'value' | 'type' | 'namespace';

/** The meaning a reference is looked up with. */
export function meaningOf(id: ts.Identifier, inType: boolean): Meaning {
  const p = id.parent;
  let top: ts.Node = id;
  while (ts.isQualifiedName(top.parent) && top.parent.left === top) top = top.parent;
  if (ts.isTypeQueryNode(top.parent)) return 'value'; // typeof x / typeof x.y
  if (ts.isQualifiedName(p) && p.left === id) return 'namespace';
  if (inType && ts.isPropertyAccessExpression(p) && p.expression === id) return 'namespace'; // implements ns.X
  return inType ? 'type' : 'value';
}

function declares(st: ts.Statement, name: string, meaning: Meaning): boolean {
  if (ts.isVariableStatement(st)) {
    if (meaning !== 'value') return false;
    const names: string[] = [];
    for (const d of st.declarationList.declarations) bindingNames(d.name, names);
    return names.includes(name);
  }
  if (ts.isFunctionDeclaration(st)) return meaning === 'value' && st.name?.text === name;
  if (ts.isClassDeclaration(st)) return meaning !== 'namespace' && st.name?.text === name;
  if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) return meaning === 'type' && st.name.text === name;
  if (ts.isEnumDeclaration(st)) return st.name.text === name;
  if (ts.isModuleDeclaration(st)) return ts.isIdentifier(st.name) && st.name.text === name && meaning !== 'type';
  return false;
}

function paramDeclares(params: readonly ts.ParameterDeclaration[], name: string): boolean {
  const names: string[] = [];
  for (const p of params) bindingNames(p.name, names);
  return names.includes(name);
}

/**
 * Whether a reference to `name` (with `meaning`) is captured by a declaration in an enclosing scope
 * below the file's top level. `undefined` when a construct is not understood (ask the checker).
 */
export function shadowedLocally(id: ts.Identifier, name: string, meaning: Meaning): boolean | undefined {
  let child: ts.Node = id;
  for (let node: ts.Node = id.parent; node && !ts.isSourceFile(node); child = node, node = node.parent) {
    if (meaning === 'type' && (ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isFunctionLike(node))) {
      if (node.typeParameters?.some((tp) => tp.name.text === name)) return true;
    }
    if (meaning === 'type' && ts.isMappedTypeNode(node) && node.typeParameter.name.text === name) return true;
    if (meaning === 'type' && ts.isConditionalTypeNode(node) && child === node.trueType) {
      let found = false;
      const look = (n: ts.Node): void => {
        if (ts.isInferTypeNode(n) && n.typeParameter.name.text === name) found = true;
        else ts.forEachChild(n, look);
      };
      look(node.extendsType);
      if (found) return true;
    }
    if (meaning === 'value' && ts.isFunctionLike(node)) {
      if (paramDeclares(node.parameters, name)) return true;
      if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name?.text === name) return true;
    }
    if (ts.isClassExpression(node) && node.name?.text === name && meaning !== 'namespace') return true;
    if (ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      const statements = ts.isCaseClause(node) || ts.isDefaultClause(node) ? node.statements : node.statements;
      if (statements.some((st) => declares(st, name, meaning))) return true;
      if (meaning === 'value' && ts.isBlock(node) && ts.isFunctionLike(node.parent)) {
        // `var` anywhere in the function body is hoisted to it.
        let hoisted = false;
        const look = (n: ts.Node): void => {
          if (hoisted || ts.isFunctionLike(n)) return;
          if (ts.isVariableDeclarationList(n) && !(n.flags & ts.NodeFlags.BlockScoped)) {
            const names: string[] = [];
            for (const d of n.declarations) bindingNames(d.name, names);
            if (names.includes(name)) hoisted = true;
          }
          ts.forEachChild(n, look);
        };
        node.statements.forEach(look);
        if (hoisted) return true;
      }
    }
    if (meaning === 'value' && (ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node))) {
      const init = node.initializer;
      if (init && ts.isVariableDeclarationList(init)) {
        const names: string[] = [];
        for (const d of init.declarations) bindingNames(d.name, names);
        if (names.includes(name)) return true;
      }
    }
    if (meaning === 'value' && ts.isCatchClause(node) && node.variableDeclaration) {
      const names: string[] = [];
      bindingNames(node.variableDeclaration.name, names);
      if (names.includes(name)) return true;
    }
    if (ts.isWithStatement(node)) return undefined;
  }
  return false;
}

/** A top-level declaration (not an import) of `name` with `meaning` in the file. */
export function declaredAtTop(sf: ts.SourceFile, name: string, meaning: Meaning): boolean {
  return sf.statements.some((st) => declares(st, name, meaning));
}
