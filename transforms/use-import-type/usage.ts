/**
 * Syntactic half of use-import-type: where each imported binding is referenced, and whether each
 * reference is erased by the compiler (a type position) or emitted (a value position).
 */
import { ts } from '../../src/ts-morph.cjs';

/**
 * - `type`: erased (type annotation, `typeof x`, `implements`, type arguments, ambient declaration).
 * - `computedKey`: a computed key of a type member (`[key]: T`); erased, but tsc keeps the import for it.
 * - `value`: emitted.
 * - `exportLocal`: `export { x }` (a value or a type export, depending on what `x` is).
 * - `exportDefault`: `export default x` / `export = x`.
 * - `alias`: `import K = x.K` (an import alias may not reference a type-only import: TS1380).
 */
export type RefKind = 'type' | 'computedKey' | 'value' | 'exportLocal' | 'exportDefault' | 'alias';

export interface Ref {
  id: ts.Identifier;
  kind: RefKind;
  /** The reference is a type in a decorated signature, serialized by emitDecoratorMetadata. */
  metadata: boolean;
}

const SCOPE_DECLARATIONS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ClassExpression,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.ModuleDeclaration,
  ts.SyntaxKind.TypeParameter,
  ts.SyntaxKind.BindingElement,
  ts.SyntaxKind.ImportEqualsDeclaration,
  ts.SyntaxKind.ImportClause,
  ts.SyntaxKind.ImportSpecifier,
  ts.SyntaxKind.NamespaceImport,
]);

/** `id` declares something with its name in some scope (so it may shadow or merge with an import). */
export function isScopeDeclarationName(id: ts.Identifier): boolean {
  const p = id.parent as ts.Node & { name?: ts.Node };
  return SCOPE_DECLARATIONS.has(p.kind) && p.name === id;
}

/** `id` refers to a binding by name (not a property name, a declaration's own name or a label). */
export function isReference(id: ts.Identifier): boolean {
  const p = id.parent as ts.Node & { name?: ts.Node; propertyName?: ts.Node; label?: ts.Node };
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p)) return p.expression === id;
  if (ts.isQualifiedName(p)) {
    if (p.right === id) return false;
    let top: ts.Node = p;
    while (ts.isQualifiedName(top.parent)) top = top.parent;
    if (ts.isImportTypeNode(top.parent) && top.parent.qualifier === top) return false;
    return true;
  }
  if (ts.isImportTypeNode(p)) return false;
  if (ts.isShorthandPropertyAssignment(p)) return p.name === id;
  if (ts.isExportSpecifier(p)) return !p.parent.parent.moduleSpecifier && (p.propertyName ?? p.name) === id;
  if (p.name === id || p.propertyName === id || p.label === id) return false;
  if (ts.isTypePredicateNode(p) && p.parameterName === id) return false;
  if (ts.isJsxNamespacedName(p)) return false;
  if (ts.isMetaProperty(p)) return false;
  return true;
}

function hasDeclareModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) ?? false);
}

/** Classifies one reference by climbing to the nearest node that decides whether it is emitted. */
export function classify(id: ts.Identifier): RefKind {
  let child: ts.Node = id;
  let node: ts.Node | undefined = id.parent;
  while (node) {
    switch (node.kind) {
      case ts.SyntaxKind.ExpressionWithTypeArguments: {
        const e = node as ts.ExpressionWithTypeArguments;
        if (child !== e.expression) return 'type';
        const h = node.parent;
        if (ts.isHeritageClause(h) && (h.token === ts.SyntaxKind.ImplementsKeyword || ts.isInterfaceDeclaration(h.parent))) return 'type';
        break; // class `extends` or an instantiation expression: keep climbing (an ambient class erases it)
      }
      case ts.SyntaxKind.ComputedPropertyName: {
        const owner = node.parent.parent;
        if (owner && (ts.isTypeLiteralNode(owner) || ts.isInterfaceDeclaration(owner))) return 'computedKey';
        break;
      }
      case ts.SyntaxKind.ImportEqualsDeclaration:
        return 'alias';
      case ts.SyntaxKind.ExportSpecifier:
        return 'exportLocal';
      case ts.SyntaxKind.ExportAssignment:
        return 'exportDefault';
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
        return 'type';
      case ts.SyntaxKind.SourceFile:
        return 'value';
      default:
        if (ts.isTypeNode(node)) return 'type';
        if (hasDeclareModifier(node)) return 'type';
    }
    child = node;
    node = node.parent;
  }
  return 'value';
}

/** The left-most identifier of an entity name or property access. */
export function leftmost(name: ts.Node): ts.Identifier | undefined {
  let n: ts.Node = name;
  for (;;) {
    if (ts.isIdentifier(n)) return n;
    if (ts.isQualifiedName(n)) n = n.left;
    else if (ts.isPropertyAccessExpression(n)) n = n.expression;
    else return undefined;
  }
}

/** Type references that emitDecoratorMetadata serializes as values (`design:type`, `design:paramtypes`, `design:returntype`). */
export function collectMetadataIds(cls: ts.ClassLikeDeclaration, out: Set<ts.Identifier>): void {
  const decorated = (n: ts.Node): boolean => ts.canHaveDecorators(n) && (ts.getDecorators(n)?.length ?? 0) > 0;
  const serialize = (t: ts.TypeNode | undefined): void => {
    if (!t) return;
    if (ts.isParenthesizedTypeNode(t) || ts.isTypeOperatorNode(t)) serialize(t.type);
    else if (ts.isUnionTypeNode(t) || ts.isIntersectionTypeNode(t)) t.types.forEach(serialize);
    else if (ts.isConditionalTypeNode(t)) {
      serialize(t.trueType);
      serialize(t.falseType);
    } else if (ts.isTypeReferenceNode(t)) {
      const id = leftmost(t.typeName);
      if (id) out.add(id);
    }
  };
  const classDecorated = decorated(cls);
  for (const member of cls.members) {
    const paramsDecorated = ts.isFunctionLike(member) && member.parameters.some(decorated);
    if (ts.isConstructorDeclaration(member)) {
      if (member.body && (classDecorated || paramsDecorated)) member.parameters.forEach((p) => serialize(p.type));
    } else if (ts.isMethodDeclaration(member)) {
      if (decorated(member) || paramsDecorated) {
        member.parameters.forEach((p) => serialize(p.type));
        serialize(member.type);
      }
    } else if (ts.isPropertyDeclaration(member)) {
      if (decorated(member)) serialize(member.type);
    } else if (ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) {
      if (decorated(member) || paramsDecorated) {
        serialize(member.type);
        member.parameters.forEach((p) => serialize(p.type));
        // The paired accessor's type is serialized too.
        const name = member.name.getText();
        for (const other of cls.members) {
          if (other !== member && (ts.isGetAccessorDeclaration(other) || ts.isSetAccessorDeclaration(other)) && other.name.getText() === name) {
            serialize(other.type);
            other.parameters.forEach((p) => serialize(p.type));
          }
        }
      }
    }
  }
}

/** The root identifier names of the classic-runtime JSX factory and fragment factory for this file, or undefined for the automatic runtime. */
export function jsxFactoryRoots(sf: ts.SourceFile, options: ts.CompilerOptions): { factory: string; fragment: string } | undefined {
  const pragmas = (sf as unknown as { pragmas?: Map<string, unknown> }).pragmas;
  const arg = (name: string, key: string): string | undefined => {
    const entry = pragmas?.get(name) as { arguments?: Record<string, string> } | Array<{ arguments?: Record<string, string> }> | undefined;
    const first = Array.isArray(entry) ? entry[0] : entry;
    return first?.arguments?.[key];
  };
  const runtime = arg('jsxruntime', 'factory');
  const importSource = arg('jsximportsource', 'factory');
  const automatic = options.jsx === ts.JsxEmit.ReactJSX || options.jsx === ts.JsxEmit.ReactJSXDev;
  if (runtime === 'automatic' || (runtime !== 'classic' && (automatic || importSource))) return undefined;
  const ns = options.reactNamespace ?? 'React';
  const factory = arg('jsx', 'factory') ?? options.jsxFactory ?? `${ns}.createElement`;
  const fragment = arg('jsxfrag', 'factory') ?? options.jsxFragmentFactory ?? `${ns}.Fragment`;
  return { factory: factory.split('.')[0]!, fragment: fragment.split('.')[0]! };
}
