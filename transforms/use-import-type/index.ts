/**
 * use-import-type: marks imports and re-exports that are used only as types (`import type`,
 * inline `type`, `export type`, `export type *`), without changing the JavaScript the project emits.
 *
 * Decides each binding from its uses in the file first (every reference in an erased position, with the
 * file's own scopes). Where the file alone cannot tell (unused bindings, `export { x }`, re-exports from
 * other modules, `export *`, bindings in decorated signatures under emitDecoratorMetadata) it reads the
 * declarations of the modules involved (resolve.ts), and asks the type checker only when those do not
 * answer (`export =`, `import x = require()`, ambient modules, unresolved modules).
 * Spec: specs/use-import-type.md.
 */
import { ts } from '../../src/ts-morph.cjs';
import { defineTransform, option } from '../../src/transform-api/define-transform.js';
import type { TextEdit, TransformContext } from '../../src/transform-api/types.js';
import { declaredAtTop, meaningOf, ModuleIndex, shadowedLocally } from './resolve.js';
import { classify, collectMetadataIds, isReference, isScopeDeclarationName, jsxFactoryRoots, type Ref } from './usage.js';
import {
  hasComments,
  indentBefore,
  layoutList,
  lineStartIfBlank,
  nextLineDirective,
  renderList,
  sameLineCommentsEnd,
  skipTrivia,
  specifierTextWithoutType,
} from './text.js';

export type Style = 'auto' | 'separate' | 'inline';
export interface Options {
  style: Style;
}

type Named = ts.ImportSpecifier | ts.ExportSpecifier;

/** One binding of an import declaration (default, namespace, named specifier, or `import x = require()`). */
interface Unit {
  kind: 'default' | 'namespace' | 'named' | 'equals';
  node: ts.Node;
  local: ts.Identifier;
  alreadyType: boolean;
  /** Final decision: type-only after the transform. */
  isType: boolean;
}

interface ImportPlan {
  kind: 'import';
  decl: ts.ImportDeclaration;
  units: Unit[];
}
interface EqualsPlan {
  kind: 'equals';
  decl: ts.ImportEqualsDeclaration;
}
interface ExportPlan {
  kind: 'export';
  decl: ts.ExportDeclaration;
  specs: Array<{ node: ts.ExportSpecifier; alreadyType: boolean; isType: boolean }>;
}
interface StarPlan {
  kind: 'star';
  decl: ts.ExportDeclaration;
}
type Plan = ImportPlan | EqualsPlan | ExportPlan | StarPlan;

export interface Matches {
  plans: Plan[];
  /** Existing `import type { … } from 'm'` declarations new type specifiers may join, by module name. */
  mergeTargets: Map<string, ts.ImportDeclaration>;
}

interface Binding {
  unit: Unit;
  decl: ts.ImportDeclaration | ts.ImportEqualsDeclaration;
  refs: Ref[];
  /** Another declaration in the file has the same name: resolve references with the checker. */
  shadowed: boolean;
  jsxFactory: boolean;
  /** A top-level value of the same name (a companion object) makes tsc keep the import in its output. */
  mergedValueUse?: boolean;
}

interface TargetInfo {
  resolved: boolean;
  hasValue: boolean;
}

const SKIP_EXTENSIONS = /\.(vue|svelte|astro)$/i;
const JS_EXTENSIONS = /\.[cm]?jsx?$/i;

function isTopLevelValueDeclaration(decl: ts.Node): boolean {
  if (ts.isVariableDeclaration(decl)) return ts.isVariableStatement(decl.parent.parent) && ts.isSourceFile(decl.parent.parent.parent);
  if (ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl) || ts.isEnumDeclaration(decl) || ts.isModuleDeclaration(decl)) {
    return ts.isSourceFile(decl.parent);
  }
  return false;
}

function isTypeOnlyClause(clause: ts.ImportClause): boolean {
  return clause.phaseModifier === ts.SyntaxKind.TypeKeyword;
}

function moduleName(decl: ts.ImportDeclaration | ts.ExportDeclaration): string | undefined {
  const spec = decl.moduleSpecifier;
  return spec && ts.isStringLiteral(spec) ? spec.text : undefined;
}

export default defineTransform<Options, Matches>({
  name: 'use-import-type',
  summary: 'Mark imports and re-exports used only as types with import type / export type, without changing emitted JavaScript',
  needsTypes: true,
  needsJsDoc: false,
  options: {
    style: option.choice(['auto', 'separate', 'inline'], {
      default: 'auto',
      description:
        'auto: import type when every binding is a type, else inline `type`; separate: type bindings move to their own import type; inline: always inline `type`',
    }),
  },
  example: 'migrate use-import-type src --style separate',

  collect(file, ctx) {
    const path = ctx.path;
    if (SKIP_EXTENSIONS.test(path)) {
      ctx.skip('template usages in .vue/.svelte/.astro files are invisible to the transform');
      return undefined;
    }
    if (/\.d\.[cm]?ts$/i.test(path) || /\.d\.[^.]+\.ts$/i.test(path)) return undefined;
    if (JS_EXTENSIONS.test(path)) {
      ctx.skip('JavaScript files cannot hold import type');
      return undefined;
    }
    return analyse(file.compilerNode, ctx);
  },

  apply(file, matches, ctx) {
    return buildEdits(file.compilerNode, matches, ctx.options.style, ctx.eol);
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Analysis.

/** The sorted offsets where any of `names` starts in `text` (inside longer words and comments too). */
function occurrencesOf(text: string, names: Iterable<string>): number[] {
  const alternatives = [...names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const found: number[] = [];
  if (alternatives.length === 0) return found;
  const pattern = new RegExp(alternatives.join('|'), 'g');
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) found.push(m.index);
  return found;
}

/** Whether one of the sorted `offsets` lies in [start, end). */
function occursWithin(offsets: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < offsets.length && offsets[lo]! < end;
}

function analyse(sf: ts.SourceFile, ctx: TransformContext<Options>): Matches | undefined {
  const text = sf.text;
  const options = ctx.compilerOptions;
  const warnings: Array<{ pos: number; message: string }> = [];
  const warn = (node: ts.Node | number, message: string): void => {
    warnings.push({ pos: typeof node === 'number' ? node : node.getStart(sf), message });
  };
  let checkerCache: ts.TypeChecker | undefined;
  const checker = (): ts.TypeChecker => (checkerCache ??= ctx.getTypeChecker().compilerObject);

  // 1. Import bindings of the file's top-level import declarations.
  const bindings = new Map<string, Binding[]>();
  const importDecls: ImportPlan[] = [];
  const equalsDecls: Array<{ decl: ts.ImportEqualsDeclaration; binding: Binding }> = [];
  const exportDecls: ts.ExportDeclaration[] = [];
  const mergeTargets = new Map<string, ts.ImportDeclaration>();
  const addBinding = (unit: Unit, decl: Binding['decl']): Binding => {
    const b: Binding = { unit, decl, refs: [], shadowed: false, jsxFactory: false };
    const list = bindings.get(unit.local.text);
    if (list) list.push(b);
    else bindings.set(unit.local.text, [b]);
    return b;
  };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const clause = st.importClause;
      if (!clause) continue;
      const name = moduleName(st);
      if (isTypeOnlyClause(clause)) {
        const nb = clause.namedBindings;
        if (name !== undefined && !clause.name && nb && ts.isNamedImports(nb) && nb.elements.length > 0 && !st.attributes && !mergeTargets.has(name)) {
          mergeTargets.set(name, st);
        }
        continue;
      }
      const units: Unit[] = [];
      if (clause.name) units.push({ kind: 'default', node: clause.name, local: clause.name, alreadyType: false, isType: false });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) units.push({ kind: 'namespace', node: nb, local: nb.name, alreadyType: false, isType: false });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) units.push({ kind: 'named', node: el, local: el.name, alreadyType: el.isTypeOnly, isType: el.isTypeOnly });
      }
      if (units.length === 0) continue;
      for (const u of units) if (!u.alreadyType) addBinding(u, st);
      importDecls.push({ kind: 'import', decl: st, units });
    } else if (ts.isImportEqualsDeclaration(st)) {
      if (st.isTypeOnly || !ts.isExternalModuleReference(st.moduleReference)) continue;
      if (st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      const unit: Unit = { kind: 'equals', node: st, local: st.name, alreadyType: false, isType: false };
      equalsDecls.push({ decl: st, binding: addBinding(unit, st) });
    } else if (ts.isExportDeclaration(st)) {
      exportDecls.push(st);
    }
  }

  // 2. One walk over the file: references of those bindings, metadata positions, JSX.
  const metadataIds = new Set<ts.Identifier>();
  const withMetadata = !!options.experimentalDecorators && !!options.emitDecoratorMetadata;
  let hasJsx = false;
  let hasFragment = false;
  // Where the bound names occur in the text: a subtree none of them occurs in holds no reference and is
  // not walked. Not in JSX (the factory is referenced by elements, not by name) and not when the file
  // spells an identifier with a \u escape (the text would not show the name).
  const occurrences = sf.languageVariant === ts.LanguageVariant.Standard && !text.includes('\\u') ? occurrencesOf(text, bindings.keys()) : undefined;
  const visit = (node: ts.Node): void => {
    if (occurrences && !occursWithin(occurrences, node.pos, node.end)) return;
    if (ts.isIdentifier(node)) {
      const list = bindings.get(node.text);
      if (!list) return;
      if (isScopeDeclarationName(node)) {
        const topLevel = isTopLevelValueDeclaration(node.parent);
        for (const b of list) {
          if (b.unit.local === node) continue;
          b.shadowed = true;
          // A companion value at the top of the module: tsc keeps the import in its output for it.
          if (topLevel) b.mergedValueUse = true;
        }
        return;
      }
      if (!isReference(node)) return;
      const kind = classify(node);
      const metadata = metadataIds.has(node);
      for (const b of list) b.refs.push({ id: node, kind, metadata });
      return;
    }
    if (withMetadata && (ts.isClassDeclaration(node) || ts.isClassExpression(node))) collectMetadataIds(node, metadataIds);
    if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) hasJsx = true;
    else if (ts.isJsxFragment(node)) hasFragment = true;
    ts.forEachChild(node, visit);
  };
  if (bindings.size > 0) {
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st)) continue;
      visit(st);
    }
  }
  if ((hasJsx || hasFragment) && sf.languageVariant === ts.LanguageVariant.JSX) {
    const roots = jsxFactoryRoots(sf, options);
    if (roots) {
      const names = [...(hasJsx ? [roots.factory] : []), ...(hasFragment ? [roots.fragment] : [])];
      for (const n of names) for (const b of bindings.get(n) ?? []) b.jsxFactory = true;
    }
  }

  // 3. Resolution helpers (the checker, only where the file alone cannot tell).
  const symbolCache = new Map<ts.Node, ts.Symbol | undefined>();
  const aliasOf = (b: Binding): ts.Symbol | undefined => {
    if (!symbolCache.has(b.unit.local)) symbolCache.set(b.unit.local, checker().getSymbolAtLocation(b.unit.local));
    return symbolCache.get(b.unit.local);
  };
  const infoCache = new Map<ts.Symbol, TargetInfo>();
  const symbolInfo = (sym: ts.Symbol | undefined): TargetInfo => {
    if (!sym) return { resolved: false, hasValue: false };
    const cached = infoCache.get(sym);
    if (cached) return cached;
    const c = checker();
    let typeOnly = false;
    let s: ts.Symbol | undefined = sym;
    for (let n = 0; s && s.flags & ts.SymbolFlags.Alias && n < 64; n++) {
      if (s.declarations?.some((d) => ts.isTypeOnlyImportOrExportDeclaration(d))) typeOnly = true;
      s = c.getImmediateAliasedSymbol(s);
    }
    const info: TargetInfo =
      !s || !s.declarations || s.declarations.length === 0
        ? { resolved: false, hasValue: false }
        : { resolved: true, hasValue: !typeOnly && (s.flags & ts.SymbolFlags.Value) !== 0 };
    infoCache.set(sym, info);
    return info;
  };
  const moduleCache = new Map<ts.Symbol, TargetInfo>();
  const moduleInfo = (moduleSym: ts.Symbol | undefined): TargetInfo => {
    if (!moduleSym || !moduleSym.declarations?.length) return { resolved: false, hasValue: false };
    const cached = moduleCache.get(moduleSym);
    if (cached) return cached;
    let info: TargetInfo;
    if (moduleSym.exports?.has('export=' as ts.__String)) info = { resolved: true, hasValue: true };
    else {
      const exports = checker().getExportsOfModule(moduleSym);
      info = { resolved: true, hasValue: exports.some((e) => symbolInfo(e).hasValue || !symbolInfo(e).resolved) };
    }
    moduleCache.set(moduleSym, info);
    return info;
  };
  const index = new ModuleIndex(ctx.project, options);
  const fromKind = (k: string): TargetInfo | undefined =>
    k === 'value' ? { resolved: true, hasValue: true } : k === 'type' || k === 'empty' ? { resolved: true, hasValue: false } : undefined;
  const targetOf = (b: Binding): TargetInfo => {
    if (ts.isImportDeclaration(b.decl) && ts.isStringLiteral(b.decl.moduleSpecifier)) {
      const target = index.resolve(b.decl.moduleSpecifier.text, sf);
      if (target) {
        const u = b.unit;
        const k =
          u.kind === 'namespace'
            ? index.moduleKind(target)
            : index.exportKind(target, u.kind === 'default' ? 'default' : ((u.node as ts.ImportSpecifier).propertyName ?? (u.node as ts.ImportSpecifier).name).text);
        const info = fromKind(k);
        if (info) return info;
      }
    }
    return targetByChecker(b);
  };
  const targetByChecker = (b: Binding): TargetInfo => {
    const alias = aliasOf(b);
    if (b.unit.kind === 'namespace' || (b.unit.kind === 'equals' && alias)) {
      const target = alias ? checker().getAliasedSymbol(alias) : undefined;
      if (target && target.flags & (ts.SymbolFlags.ValueModule | ts.SymbolFlags.NamespaceModule) && target.declarations?.some((d) => ts.isSourceFile(d) || ts.isModuleDeclaration(d))) {
        return moduleInfo(target);
      }
      if (b.unit.kind === 'equals' && alias) return symbolInfo(alias);
      return { resolved: false, hasValue: false };
    }
    return symbolInfo(alias);
  };

  // 4. Decide each binding.
  const name = (b: Binding): string => b.unit.local.text;
  for (const list of bindings.values()) {
    for (const b of list) {
      let refs = b.refs;
      let cheap: Ref[] | undefined;
      if (b.shadowed && list.length === 1) {
        cheap = [];
        for (const r of refs) {
          const n = name(b);
          if (r.kind === 'exportLocal' || r.kind === 'exportDefault') {
            // Top level: a local value of the same name takes the value side of the export.
            if (declaredAtTop(sf, n, 'value')) b.mergedValueUse = true;
            else cheap.push(r);
            continue;
          }
          const meaning = r.kind === 'type' ? meaningOf(r.id, true) : r.kind === 'alias' ? 'namespace' : 'value';
          const shadowed = shadowedLocally(r.id, n, meaning);
          if (shadowed === undefined) {
            cheap = undefined;
            break;
          }
          if (shadowed) continue;
          if (meaning !== 'type' && declaredAtTop(sf, n, meaning)) continue; // a companion value at the top level
          cheap.push(r);
        }
      }
      if (cheap) refs = cheap;
      else if (b.shadowed || list.length > 1) {
        const alias = aliasOf(b);
        const c = checker();
        const mergedWithValue = alias ? (alias.flags & ts.SymbolFlags.Value) !== 0 : false;
        refs = refs.filter((r) => {
          const p = r.id.parent;
          const sym = ts.isShorthandPropertyAssignment(p)
            ? c.getShorthandAssignmentValueSymbol(p)
            : ts.isExportSpecifier(p)
              ? c.getExportSpecifierLocalTargetSymbol(p)
              : c.getSymbolAtLocation(r.id);
          if (sym !== alias) return false;
          // An import merged with a local value (a companion object): value uses reach the local value.
          return !(mergedWithValue && (r.kind === 'value' || r.kind === 'exportDefault' || r.kind === 'exportLocal'));
        });
      }
      b.refs = refs;
      decide(b, refs);
    }
  }

  function decide(b: Binding, refs: Ref[]): void {
    const u = b.unit;
    const value = refs.find((r) => r.kind === 'value' && !r.metadata);
    if (value || b.jsxFactory) return;
    const alias = refs.find((r) => r.kind === 'alias');
    if (alias) {
      if (refs.every((r) => r.kind !== 'value')) warn(alias.id, `left alone: \`${name(b)}\` is referenced by an import alias (\`import … = ${name(b)}…\`), which cannot reference a type-only import (TS1380)`);
      return;
    }
    const exportDefault = refs.find((r) => r.kind === 'exportDefault');
    if (exportDefault) {
      const t = targetOf(b);
      if (t.resolved && !t.hasValue) {
        warn(exportDefault.id, `left alone: \`${name(b)}\` is a type exported with \`export default\`/\`export =\`; write \`export type { ${name(b)} as default }\` yourself (TS1292 under isolatedModules)`);
      }
      return;
    }
    const metadata = refs.find((r) => r.metadata);
    const exported = refs.find((r) => r.kind === 'exportLocal');
    if (metadata || exported || refs.length === 0) {
      const t = targetOf(b);
      if (u.kind === 'namespace' && exported) return; // a namespace object re-exported is a value
      if (!t.resolved) {
        if (refs.length === 0) warn(u.local, `left alone: \`${name(b)}\` is never used and its module cannot be resolved, so whether it is a type is unknown`);
        else if (metadata) warn(metadata.id, `left alone: \`${name(b)}\` appears in a decorated signature (emitDecoratorMetadata) and its declaration cannot be resolved`);
        else warn(exported!.id, `left alone: \`${name(b)}\` is re-exported and its declaration cannot be resolved`);
        return;
      }
      if (t.hasValue) {
        if (metadata) {
          warn(metadata.id, `left alone: \`${name(b)}\` is a value in a decorated signature; emitDecoratorMetadata emits it as design-time metadata`);
        }
        return;
      }
    }
    u.isType = true;
  }

  // 5. Import declarations.
  const plans: Plan[] = [];
  const droppedLoadWarnings = (decl: ts.ImportDeclaration | ts.ImportEqualsDeclaration, units: Unit[]): void => {
    const m = ts.isImportDeclaration(decl) ? moduleName(decl) : undefined;
    const computed = units.flatMap((u) => bindingOf(u)?.refs.filter((r) => r.kind === 'computedKey') ?? []);
    const merged = units.map(bindingOf).find((b) => b?.mergedValueUse);
    if (merged) {
      warn(decl, `dropped module load: '${m ?? decl.getText(sf)}' was loaded only because \`${merged.unit.local.text}\` shares its name with a local value; the import is now type-only and no longer runs the module`);
    } else if (computed.length > 0) {
      warn(decl, `dropped module load: '${m ?? decl.getText(sf)}' was loaded only for computed keys of type members (\`[${computed[0]!.id.text}]\`); the import is now type-only and no longer runs the module`);
    } else if (options.verbatimModuleSyntax) {
      const target = m !== undefined ? index.resolve(m, sf) : undefined;
      if (target && fileHasSideEffects(target)) {
        warn(decl, `runtime import removed: '${m}' has top-level side effects and was loaded only for types; add \`import '${m}'\` if they are needed`);
      }
    }
  };
  const bindingByUnit = new Map<Unit, Binding>();
  for (const list of bindings.values()) for (const b of list) bindingByUnit.set(b.unit, b);
  function bindingOf(u: Unit): Binding | undefined {
    return bindingByUnit.get(u);
  }

  const runtimeModules = new Set<string>();
  for (const p of importDecls) {
    const changed = p.units.some((u) => u.isType && !u.alreadyType);
    const allType = p.units.every((u) => u.isType);
    const allInline = p.units.every((u) => u.alreadyType);
    if (!changed && !(allInline && ctx.options.style !== 'inline')) {
      const m = moduleName(p.decl);
      if (m !== undefined) runtimeModules.add(m);
      continue;
    }
    if (p.decl.attributes) {
      warn(p.decl.attributes, `left alone: import attributes (\`with { … }\`) cannot be combined with a type-only import (TS2857)`);
      const m = moduleName(p.decl);
      if (m !== undefined) runtimeModules.add(m);
      continue;
    }
    plans.push(p);
    if (!allType) {
      const m = moduleName(p.decl);
      if (m !== undefined) runtimeModules.add(m);
    }
  }
  for (const p of importDecls) {
    if (!plans.includes(p) || !p.units.every((u) => u.isType) || p.units.every((u) => u.alreadyType)) continue;
    // `import { type … }` still loads the module under verbatimModuleSyntax; otherwise tsc drops it too.
    if (ctx.options.style === 'inline' && options.verbatimModuleSyntax && p.units.every((u) => u.kind === 'named')) continue;
    const m = moduleName(p.decl);
    if (m !== undefined && runtimeModules.has(m)) continue;
    droppedLoadWarnings(p.decl, p.units);
  }
  for (const { decl, binding } of equalsDecls) {
    if (!binding.unit.isType) continue;
    plans.push({ kind: 'equals', decl });
    droppedLoadWarnings(decl, [binding.unit]);
  }

  // 6. Export declarations.
  const localTypeOnly = (spec: ts.ExportSpecifier): boolean | undefined => {
    const localName = (spec.propertyName ?? spec.name).text;
    if (ts.isIdentifier(spec.propertyName ?? spec.name)) {
      const own = bindings.get(localName);
      if (declaredAtTop(sf, localName, 'value')) return false;
      if (own && own.length === 1) return own[0]!.unit.isType;
      const k = index.localKind(sf, localName);
      if (k === 'value') return false;
      if (k === 'type') return true;
    }
    return localTypeOnlyByChecker(spec);
  };
  const localTypeOnlyByChecker = (spec: ts.ExportSpecifier): boolean | undefined => {
    const c = checker();
    const local = c.getExportSpecifierLocalTargetSymbol(spec);
    if (!local) return undefined;
    if (local.flags & ts.SymbolFlags.Alias) {
      const decl = local.declarations?.[0];
      // One of this file's imports: its decision (the export was one of its references).
      for (const list of bindings.values()) {
        for (const b of list) if (aliasOf(b) === local) return b.unit.isType;
      }
      if (decl && ts.isTypeOnlyImportOrExportDeclaration(decl)) return true;
      const info = symbolInfo(local);
      return info.resolved ? !info.hasValue : undefined;
    }
    if (local.flags & ts.SymbolFlags.Value) return false;
    return local.flags & (ts.SymbolFlags.Type | ts.SymbolFlags.Namespace) ? true : undefined;
  };
  for (const decl of exportDecls) {
    if (decl.isTypeOnly) continue;
    const clause = decl.exportClause;
    const m = moduleName(decl);
    if (!clause || ts.isNamespaceExport(clause)) {
      // export * from 'm' / export * as ns from 'm'
      if (!decl.moduleSpecifier || m === undefined) continue;
      const targetFile = index.resolve(m, sf);
      const cheap = targetFile ? index.moduleKind(targetFile) : 'unknown';
      if (cheap === 'value' || cheap === 'empty') continue;
      if (cheap === 'unknown') {
        const target = checker().getSymbolAtLocation(decl.moduleSpecifier);
        if (!target) continue;
        const info = moduleInfo(target);
        if (!info.resolved || info.hasValue) continue;
        if (checker().getExportsOfModule(target).length === 0) continue;
      }
      const sideEffects = targetFile ? fileHasSideEffects(targetFile) : false;
      if (decl.attributes) {
        warn(decl.attributes, `left alone: import attributes (\`with { … }\`) cannot be combined with a type-only export`);
        continue;
      }
      if (sideEffects) {
        warn(decl, `left alone: '${m}' exports only types but has top-level side effects, which \`export type *\` would stop running`);
        continue;
      }
      plans.push({ kind: 'star', decl });
      warn(decl, `dropped module load: '${m}' exports only types; \`export type *\` no longer loads it at run time`);
      continue;
    }
    const specs: ExportPlan['specs'] = [];
    let unknown: ts.ExportSpecifier | undefined;
    for (const spec of clause.elements) {
      if (spec.isTypeOnly) {
        specs.push({ node: spec, alreadyType: true, isType: true });
        continue;
      }
      let isType: boolean | undefined;
      if (decl.moduleSpecifier) {
        const targetFile = m !== undefined ? index.resolve(m, sf) : undefined;
        const k = targetFile ? index.exportKind(targetFile, (spec.propertyName ?? spec.name).text) : 'unknown';
        if (k === 'value' || k === 'type') isType = k === 'type';
        else {
          const sym = checker().getExportSpecifierLocalTargetSymbol(spec);
          const info = symbolInfo(sym);
          isType = info.resolved ? !info.hasValue : undefined;
        }
      } else {
        isType = localTypeOnly(spec);
      }
      if (isType === undefined) unknown ??= spec;
      specs.push({ node: spec, alreadyType: false, isType: isType ?? false });
    }
    if (unknown) warn(unknown, `left alone: what \`${(unknown.propertyName ?? unknown.name).getText(sf)}\` is cannot be resolved, so it stays a value export`);
    const changed = specs.some((s) => s.isType && !s.alreadyType);
    const allInline = specs.length > 0 && specs.every((s) => s.alreadyType);
    if (!changed && !(allInline && ctx.options.style !== 'inline')) continue;
    if (decl.attributes) {
      warn(decl.attributes, `left alone: import attributes (\`with { … }\`) cannot be combined with a type-only export`);
      continue;
    }
    plans.push({ kind: 'export', decl, specs });
  }

  function fileHasSideEffects(file: ts.SourceFile): boolean {
    if (file.isDeclarationFile) return false;
    return file.statements.some((st) => {
      if (ts.isImportDeclaration(st)) return !st.importClause;
      if (ts.isExpressionStatement(st) || ts.isIfStatement(st) || ts.isIterationStatement(st, false) || ts.isTryStatement(st) || ts.isBlock(st)) {
        return true;
      }
      return false;
    });
  }

  warnings.sort((a, b) => a.pos - b.pos);
  for (const w of warnings) ctx.warn(w.pos, w.message);
  if (plans.length === 0) return undefined;
  plans.sort((a, b) => a.decl.pos - b.decl.pos);
  return { plans, mergeTargets };
}

// ---------------------------------------------------------------------------------------------------------------
// Printing: edits in place.

function buildEdits(sf: ts.SourceFile, matches: Matches, style: Style, eol: string): TextEdit[] {
  const text = sf.text;
  const edits: TextEdit[] = [];
  const merges = new Map<ts.ImportDeclaration, string[]>();

  const stripInline = (el: Named): void => {
    if (!el.isTypeOnly) return;
    edits.push({ start: el.getStart(sf), end: (el.propertyName ?? el.name).getStart(sf), text: '' });
  };
  const addInline = (el: Named): void => {
    edits.push({ start: el.getStart(sf), end: el.getStart(sf), text: 'type ' });
  };
  const renderNamed = (withType: boolean) => (el: Named): string => {
    const bare = specifierTextWithoutType(text, el, sf);
    return withType ? `type ${bare}` : bare;
  };
  /** Merging into an existing single-line `import type { … }` of the same module, when that is safe. */
  const mergeable = (m: string | undefined, els: Named[]): ts.ImportDeclaration | undefined => {
    if (m === undefined || els.length === 0) return undefined;
    const target = matches.mergeTargets.get(m);
    if (!target) return undefined;
    const nb = target.importClause!.namedBindings as ts.NamedImports;
    if (/[\r\n]/.test(text.slice(nb.getStart(sf), nb.end)) || hasComments(text, nb, sf)) return undefined;
    const commented = els.some((el) => {
      if ((ts.getLeadingCommentRanges(text, el.pos) ?? []).length > 0) return true;
      const after = skipTrivia(text, el.end);
      return sameLineCommentsEnd(text, text[after] === ',' ? after + 1 : el.end) !== (text[after] === ',' ? after + 1 : el.end);
    });
    if (commented) return undefined;
    return target;
  };
  const joinDecls = (decl: ts.Node, parts: string[]): string => {
    const indent = indentBefore(text, decl.getStart(sf));
    const directive = nextLineDirective(text, decl, sf);
    const sep = eol + (directive ? indent + directive + eol : '') + indent;
    return parts.join(sep);
  };
  const removeDecl = (decl: ts.Node): void => {
    const start = lineStartIfBlank(text, decl.getStart(sf));
    const beginsLine = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
    let end = decl.end;
    let p = end;
    while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
    if (beginsLine) {
      if (text[p] === '\r' && text[p + 1] === '\n') end = p + 2;
      else if (text[p] === '\n') end = p + 1;
    }
    edits.push({ start, end, text: '' });
  };

  for (const plan of matches.plans) {
    if (plan.kind === 'equals') {
      const at = plan.decl.name.getStart(sf);
      edits.push({ start: at, end: at, text: 'type ' });
      continue;
    }
    if (plan.kind === 'star') {
      const star = skipTrivia(text, plan.decl.getStart(sf) + 'export'.length);
      edits.push({ start: star, end: star, text: 'type ' });
      continue;
    }
    if (plan.kind === 'export') {
      buildExport(plan);
      continue;
    }
    buildImport(plan);
  }

  function buildExport(plan: ExportPlan): void {
    const decl = plan.decl;
    const clause = decl.exportClause as ts.NamedExports;
    const allType = plan.specs.every((s) => s.isType);
    const clauseStart = clause.getStart(sf);
    if (style === 'inline' || !allType) {
      if (style !== 'separate' || allType) {
        for (const s of plan.specs) if (s.isType && !s.alreadyType) addInline(s.node);
        return;
      }
      // separate, mixed: `export type { types } …` + `export { values } …`
      const layout = layoutList(text, clause.elements, clause, sf);
      const prefix = text.slice(decl.getStart(sf), clauseStart);
      const suffix = text.slice(clause.end, decl.end);
      const types = new Set<Named>(plan.specs.filter((s) => s.isType).map((s) => s.node));
      const values = new Set<Named>(plan.specs.filter((s) => !s.isType).map((s) => s.node));
      const typeText = `${prefix}type ${renderList(layout, types, renderNamed(false), eol)}${suffix}`;
      const valueText = `${prefix}${renderList(layout, values, renderNamed(false), eol)}${suffix}`;
      const typeFirst = plan.specs[0]!.isType;
      edits.push({ start: decl.getStart(sf), end: decl.end, text: joinDecls(decl, typeFirst ? [typeText, valueText] : [valueText, typeText]) });
      return;
    }
    edits.push({ start: clauseStart, end: clauseStart, text: 'type ' });
    for (const s of plan.specs) stripInline(s.node);
  }

  function buildImport(plan: ImportPlan): void {
    const decl = plan.decl;
    const clause = decl.importClause!;
    const m = moduleName(decl);
    const units = plan.units;
    const def = units.find((u) => u.kind === 'default');
    const ns = units.find((u) => u.kind === 'namespace');
    const named = units.filter((u) => u.kind === 'named');
    const namedNode = clause.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined;
    const allType = units.every((u) => u.isType);
    const clauseStart = clause.getStart(sf);
    const prefix = text.slice(decl.getStart(sf), clauseStart);
    const suffix = text.slice(clause.end, decl.end);
    const layout = namedNode ? layoutList(text, namedNode.elements, namedNode, sf) : undefined;
    const namedEls = (pick: (u: Unit) => boolean): Set<Named> => new Set(named.filter(pick).map((u) => u.node as Named));

    // Output declarations, in the original's order of bindings.
    interface Out {
      type: boolean;
      def?: boolean;
      ns?: boolean;
      named?: Set<Named>;
      /** Inline `type` for these named elements (value declarations). */
      inline?: boolean;
      first: number;
    }
    const outs: Out[] = [];
    const firstIndex = (pred: (u: Unit) => boolean): number => units.findIndex(pred);
    if (allType && style !== 'inline') {
      if (def) outs.push({ type: true, def: true, first: 0 });
      if (ns) outs.push({ type: true, ns: true, first: firstIndex((u) => u === ns) });
      if (named.length) outs.push({ type: true, named: namedEls(() => true), first: firstIndex((u) => u.kind === 'named') });
    } else if (style === 'separate') {
      const value: Out = { type: false, first: firstIndex((u) => !u.isType) };
      if (def && !def.isType) value.def = true;
      if (ns && !ns.isType) value.ns = true;
      const namedValues = namedEls((u) => !u.isType);
      if (namedValues.size) value.named = namedValues;
      outs.push(value);
      if (def?.isType) outs.push({ type: true, def: true, first: 0 });
      if (ns?.isType) outs.push({ type: true, ns: true, first: firstIndex((u) => u === ns) });
      const namedTypes = namedEls((u) => u.isType);
      if (namedTypes.size) outs.push({ type: true, named: namedTypes, first: firstIndex((u) => u.kind === 'named' && u.isType) });
    } else {
      // auto (mixed) or inline: named types get an inline `type`; a type default/namespace needs its own declaration.
      const value: Out = { type: false, inline: true, first: firstIndex((u) => !u.isType || u.kind === 'named') };
      if (def && !def.isType) value.def = true;
      if (ns && !ns.isType) value.ns = true;
      if (named.length) value.named = namedEls(() => true);
      if (value.def || value.ns || value.named) outs.push(value);
      if (def?.isType) outs.push({ type: true, def: true, first: 0 });
      if (ns?.isType) outs.push({ type: true, ns: true, first: firstIndex((u) => u === ns) });
    }
    outs.sort((a, b) => a.first - b.first);

    // Named type lists that can join an existing `import type { … }` of the same module instead.
    const target = outs.find((o) => o.type && o.named && !o.def && !o.ns);
    const mergeInto = target ? mergeable(m, [...target.named!]) : undefined;
    const canDropWhole = mergeInto && outs.length === 1 && !hasComments(text, decl, sf);
    if (mergeInto && (outs.length > 1 || canDropWhole)) {
      const names = [...target!.named!].map(renderNamed(false));
      merges.set(mergeInto, [...(merges.get(mergeInto) ?? []), ...names]);
      outs.splice(outs.indexOf(target!), 1);
      if (outs.length === 0) {
        removeDecl(decl);
        return;
      }
    }

    // Same shape as the original: edit in place.
    if (outs.length === 1) {
      const o = outs[0]!;
      const sameShape = !!o.def === !!def && !!o.ns === !!ns && (o.named?.size ?? 0) === named.length;
      if (sameShape) {
        if (o.type) {
          edits.push({ start: clauseStart, end: clauseStart, text: 'type ' });
          for (const u of named) stripInline(u.node as Named);
        } else {
          for (const u of named) if (u.isType && !u.alreadyType) addInline(u.node as Named);
        }
        return;
      }
    }

    const render = (o: Out): string => {
      const parts: string[] = [];
      if (o.def) parts.push(def!.local.text);
      if (o.ns) parts.push(text.slice(clause.namedBindings!.getStart(sf), clause.namedBindings!.end));
      if (o.named && layout) {
        parts.push(renderList(layout, o.named, (el) => renderNamed(!o.type && !!o.inline && isTypeUnit(el))(el), eol));
      }
      return `${prefix}${o.type ? 'type ' : ''}${parts.join(', ')}${suffix}`;
    };
    const isTypeUnit = (el: Named): boolean => named.some((u) => u.node === el && u.isType);
    edits.push({ start: decl.getStart(sf), end: decl.end, text: joinDecls(decl, outs.map(render)) });
  }

  for (const [target, names] of merges) {
    const nb = target.importClause!.namedBindings as ts.NamedImports;
    const last = nb.elements[nb.elements.length - 1]!;
    const after = skipTrivia(text, last.end);
    if (text[after] === ',') edits.push({ start: after + 1, end: after + 1, text: ` ${names.join(', ')},` });
    else edits.push({ start: last.end, end: last.end, text: `, ${names.join(', ')}` });
  }
  return edits;
}
