/**
 * use-async-local-storage, analysis: finds module-level slots, their references, the scope patterns that
 * write them (spec §4.2) and the reasons to leave a slot alone (spec §5).
 */
import type { Block, CallExpression, Expression, FunctionDeclaration, Identifier, PropertyAssignment, PropertyDeclaration, SourceFile, Statement, TypeChecker, VariableDeclaration, VariableStatement } from 'ts-morph';
import { Node, SyntaxKind, ts } from '../../src/ts-morph.cjs';

export type RefKind = 'decl' | 'read' | 'write' | 'shorthand' | 'export' | 'typequery' | 'destructure';

export interface Ref {
  id: Identifier;
  kind: RefKind;
  /** For writes: the assignment / update expression. */
  write?: Node;
  /** Set when a scope pattern consumes this reference (it disappears from the output). */
  claimed?: Scope;
}

export interface Slot {
  name: string;
  decl: VariableDeclaration | PropertyDeclaration;
  /** The variable statement; for a static field, the property declaration itself. */
  stmt: VariableStatement | PropertyDeclaration;
  /** Set for a private static class field (case 17): the storage stays in the member. */
  field?: { prop: PropertyDeclaration; className: string };
  /** Set for a property of a module-private const object literal that never escapes (case 24). */
  object?: { decl: VariableDeclaration; prop: PropertyAssignment; objName: string; init?: Expression; typeText?: string };
  /** How the slot is shown in messages. */
  label: string;
  symbol: ts.Symbol;
  refs: Ref[];
  refusal?: { node: Node; reason: string };
  scopes: Scope[];
  setters: Setter[];
}

/** A private setter (P3: returns the previous value; P3b: returns a reset function). */
export interface Setter {
  kind: 'p3' | 'p3b';
  slot: Slot;
  fn: FunctionDeclaration;
  name: string;
  calls: Identifier[];
}

export interface SetEntry {
  slot: Slot;
  kind: 'assign' | 'inc' | 'p3' | 'p3b';
  stmt: Statement;
  value?: Expression;
  op?: '+' | '-';
  amount?: string;
  /** The variable holding the saved value (P1/P2/P3) or the reset function (P3b). */
  saveName?: string;
  save?: VariableStatement;
  setter?: Setter;
  restore?: Statement;
  writeRefs: Ref[];
}

export interface Scope {
  kind: 'P1' | 'P2' | 'P6';
  /** The statements from the first save to the end of the pattern. */
  first: Statement;
  last: Statement;
  sets: SetEntry[];
  /** Save declarations kept as plain reads (their variable is used by V or the body). */
  keptSaves: VariableStatement[];
  /** P1 */
  between: Statement[];
  tryStmt?: ts.TryStatement & never;
  tryNode?: Node;
  f1: Statement[];
  f2: Statement[];
  /** P2/P6: the expression run inside the scope. */
  expr?: Expression;
  /** Nodes (statements / blocks / expressions) moved into the callback. */
  regions: Node[];
  isAsync: boolean;
  hasReturn: boolean;
  collapsed?: { prefix: string; expr: Expression };
  /** Why the scope cannot be rewritten, if so. */
  refusal?: { node: Node; reason: string };
  functionNode?: Node;
}

export const REASONS = {
  exported:
    "exported 'let' is a live binding read directly by importers; AsyncLocalStorage cannot back a live binding and replacing it with a getter changes the module's public API",
  noScope:
    'writes are never restored and no function in the module opens a scope, so there is no boundary to map onto run(); emulating it needs enterWith(), which is discouraged and behaves differently on async_hooks (Node <=22 default) and AsyncContextFrame (Node 24)',
  counter:
    'a counter / last-seen value with no save-set-restore scope is process-wide state meant to be shared between tasks; per-task storage would change what every task sees',
  yield:
    "the scope spans 'yield': run() cannot wrap a suspended generator body (ALS context inside a generator follows the caller of next()), and the original also exposes the value to the consumer between steps",
  breakContinue: "'break'/'continue' inside the scope body jumps out of it; the body cannot move into a run() callback",
  nonTailReturn:
    "'return' inside the scope body, but the try statement is not the last statement of its function; a return from the run() callback would not return from the function",
  mutex:
    'guard/mutex: the flag is checked, set, and reset to a constant; it is meant to exclude OTHER tasks, and per-task storage would silently remove that mutual exclusion',
  constRestore:
    'the value is restored to a constant instead of the saved previous value (non-LIFO); nested scopes would behave differently with run()',
  deferred: 'written inside a deferred callback (passed to a call) outside any scope; the scope such a write belongs to is ambiguous',
  destructure: 'written through destructuring or as a for-of/for-in target; only plain assignments can be rewritten',
  container:
    'the value is a container mutated in place; its identity and contents are shared with callers, so per-task storage would change what they observe',
  typeQuery: "used in a type query ('typeof'); the variable's type would disappear with it",
  multiDecl: 'declared together with other variables in one statement',
  setterEscapes: 'its private setter is also called outside a save/set/restore pattern',
  declAfter: 'a declaration between the set and the try statement is used after the scope',
  finallyControl: "'return'/'break'/'continue' inside the finally block of the scope",
  anyType: 'its type is implicitly any; declare its type so the storage can be typed',
  typeNotNameable: 'its type cannot be named in this file',
  var: "declared with 'var' and used by module code before its declaration (undefined there; a const storage would throw)",
  evalWith: "the module uses eval() or 'with', which can reach the variable by name",
  objectEscapes: 'its object is used other than as `o.prop` (passed, returned, spread, annotated, or has methods): the property is shared with other code',
  unrecognised:
    'it is restored in a finally block, but not in a recognised save/set/restore shape (save, set, work, restore to the saved value); rewrite it by hand or into one of those shapes',
  varInBody: "a 'var' declared in the scope body would become local to the run() callback",
  fieldInit: 'a static field is converted only when its initializer is a primitive literal (or absent) and it is not optional',
  publicStatic: 'public static field of an exported class: it is part of the API and assignable from outside the module',
  staticField: 'static class fields are not converted by this version of the transform (only module-level let/var)',
} as const;

const MUTATING_METHODS = new Set([
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'sort',
  'reverse',
  'fill',
  'copyWithin',
  'set',
  'delete',
  'add',
  'clear',
]);

function skipParens(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current)) current = current.getExpression();
  return current;
}

function isAssignmentOperator(kind: SyntaxKind): boolean {
  return kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;
}

/** Whether `node` sits inside a destructuring assignment target or a for-of/for-in initializer. */
function isDestructuringTarget(id: Node): boolean {
  let child: Node = id;
  let parent = id.getParent();
  let sawPattern = false;
  while (parent) {
    if (Node.isArrayLiteralExpression(parent) || Node.isObjectLiteralExpression(parent)) sawPattern = true;
    else if (Node.isShorthandPropertyAssignment(parent) || Node.isPropertyAssignment(parent) || Node.isSpreadElement(parent) || Node.isSpreadAssignment(parent) || Node.isParenthesizedExpression(parent)) {
      // keep climbing
    } else if (Node.isBinaryExpression(parent)) {
      return sawPattern && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken && parent.getLeft() === child;
    } else if (Node.isForOfStatement(parent) || Node.isForInStatement(parent)) {
      return parent.getInitializer() === child;
    } else {
      return false;
    }
    child = parent;
    parent = parent.getParent();
  }
  return false;
}

export function classifyRef(id: Identifier, decl: VariableDeclaration | PropertyDeclaration): Ref {
  if (id === decl.getNameNode()) return { id, kind: 'decl' };
  const parent = id.getParent()!;
  if (Node.isShorthandPropertyAssignment(parent)) {
    return { id, kind: isDestructuringTarget(parent) ? 'destructure' : 'shorthand' };
  }
  if (Node.isExportSpecifier(parent)) return { id, kind: 'export' };
  if (Node.isTypeQuery(parent) || (Node.isQualifiedName(parent) && parent.getParentIfKind(SyntaxKind.TypeQuery))) return { id, kind: 'typequery' };
  // Climb parentheses.
  let top: Node = id;
  while (Node.isParenthesizedExpression(top.getParent())) top = top.getParent()!;
  const p = top.getParent()!;
  if (Node.isBinaryExpression(p) && p.getLeft() === top && isAssignmentOperator(p.getOperatorToken().getKind())) {
    return { id, kind: 'write', write: p };
  }
  if ((Node.isPrefixUnaryExpression(p) || Node.isPostfixUnaryExpression(p)) && (p.getOperatorToken() === SyntaxKind.PlusPlusToken || p.getOperatorToken() === SyntaxKind.MinusMinusToken)) {
    return { id, kind: 'write', write: p };
  }
  if (isDestructuringTarget(top)) return { id, kind: 'destructure' };
  return { id, kind: 'read' };
}

/** Whether a read is mutated in place (`x.push(…)`, `x.a = …`, `x[i]++`). */
export function isInPlaceMutation(ref: Ref): boolean {
  let top: Node = ref.id;
  while (Node.isParenthesizedExpression(top.getParent()) || Node.isNonNullExpression(top.getParent())) top = top.getParent()!;
  const p = top.getParent();
  if (Node.isPropertyAccessExpression(p) && p.getExpression() === top) {
    const gp = p.getParent();
    if (Node.isCallExpression(gp) && gp.getExpression() === p && MUTATING_METHODS.has(p.getName())) return true;
    return isWriteTarget(p);
  }
  if (Node.isElementAccessExpression(p) && p.getExpression() === top) return isWriteTarget(p);
  return false;
}

function isWriteTarget(node: Node): boolean {
  const p = node.getParent();
  if (Node.isBinaryExpression(p) && p.getLeft() === node && isAssignmentOperator(p.getOperatorToken().getKind())) return true;
  if ((Node.isPrefixUnaryExpression(p) || Node.isPostfixUnaryExpression(p)) && (p.getOperatorToken() === SyntaxKind.PlusPlusToken || p.getOperatorToken() === SyntaxKind.MinusMinusToken)) return true;
  if (Node.isDeleteExpression(p)) return true;
  return false;
}

export function isFunctionLike(node: Node): boolean {
  return (
    Node.isFunctionDeclaration(node) ||
    Node.isFunctionExpression(node) ||
    Node.isArrowFunction(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  );
}

/** Whether a write sits in a callback passed to a call (deferred), below module level. */
export function isDeferred(node: Node): boolean {
  for (let current: Node | undefined = node.getParent(); current; current = current.getParent()) {
    if ((Node.isArrowFunction(current) || Node.isFunctionExpression(current)) && (Node.isCallExpression(current.getParent()) || Node.isNewExpression(current.getParent()))) {
      return true;
    }
  }
  return false;
}

/** Walks `node` without entering nested functions. */
export function walkOwn(node: Node, visit: (n: Node) => void): void {
  visit(node);
  node.forEachChild((child) => {
    if (isFunctionLike(child) || Node.isClassDeclaration(child) || Node.isClassExpression(child)) return;
    walkOwn(child, visit);
  });
}

export interface Analysis {
  slots: Slot[];
  refMap: Map<ts.Node, { slot: Slot; ref: Ref }>;
  setters: Map<string, Setter>;
}

export function findSlots(file: SourceFile, checker: TypeChecker): Analysis {
  const slots: Slot[] = [];
  const byName = new Map<string, Slot>();
  for (const stmt of file.getVariableStatements()) {
    const kind = stmt.getDeclarationKind();
    if (kind !== 'let' && kind !== 'var') continue;
    if (stmt.hasDeclareKeyword()) continue;
    for (const decl of stmt.getDeclarations()) {
      const nameNode = decl.getNameNode();
      if (!Node.isIdentifier(nameNode)) continue;
      const symbol = nameNode.getSymbol()?.compilerSymbol;
      if (!symbol) continue;
      const slot: Slot = { name: nameNode.getText(), label: nameNode.getText(), decl, stmt, symbol, refs: [], scopes: [], setters: [] };
      slots.push(slot);
      byName.set(slot.name, slot);
    }
  }
  const refMap = new Map<ts.Node, { slot: Slot; ref: Ref }>();
  const tc = checker.compilerObject;
  for (const id of file.getDescendantsOfKind(SyntaxKind.Identifier)) {
    const slot = byName.get(id.getText());
    if (!slot) continue;
    const parent = id.getParent();
    let symbol: ts.Symbol | undefined;
    if (Node.isShorthandPropertyAssignment(parent) && parent.getNameNode() === id) {
      symbol = tc.getShorthandAssignmentValueSymbol(parent.compilerNode);
    } else if (Node.isExportSpecifier(parent)) {
      symbol = tc.getExportSpecifierLocalTargetSymbol(parent.compilerNode);
    } else {
      symbol = tc.getSymbolAtLocation(id.compilerNode);
    }
    if (symbol !== slot.symbol) continue;
    const ref = classifyRef(id, slot.decl);
    slot.refs.push(ref);
    refMap.set(id.compilerNode, { slot, ref });
  }
  findStaticSlots(file, slots, refMap);
  findObjectSlots(file, slots, refMap, checker);
  return { slots, refMap, setters: findSetters(file, refMap) };
}

/** Private static fields of named module-level classes (`private static x`, `static #x`), accessed as `C.x` / `this.x`. */
function findStaticSlots(file: SourceFile, slots: Slot[], refMap: Map<ts.Node, { slot: Slot; ref: Ref }>): void {
  for (const cls of file.getClasses()) {
    const className = cls.getName();
    if (!className) continue;
    for (const prop of cls.getProperties()) {
      if (!prop.isStatic() || prop.isReadonly() || prop.hasDeclareKeyword() || prop.getDecorators().length > 0) continue;
      const isPrivate = prop.hasModifier(SyntaxKind.PrivateKeyword) || Node.isPrivateIdentifier(prop.getNameNode());
      if (!isPrivate) continue;
      const name = prop.getName();
      const refs: Ref[] = [];
      let foreign = false;
      for (const pa of file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
        if (pa.getName() !== name) continue;
        const target = pa.getExpression();
        const viaClass = Node.isIdentifier(target) && target.getText() === className;
        const viaThis = Node.isThisExpression(target) && isInStaticMemberOf(pa, cls);
        if (!viaClass && !viaThis) continue;
        refs.push(classifyRef(pa as unknown as Identifier, prop));
      }
      // Element access or `this.x` in instance code would escape the analysis.
      for (const ea of file.getDescendantsOfKind(SyntaxKind.ElementAccessExpression)) {
        if (ea.getArgumentExpression()?.getText().replace(/['"`]/g, '') === name) foreign = true;
      }
      if (!refs.some((r) => r.kind === 'write')) continue;
      const slot: Slot = { name, label: `${className}.${name}`, decl: prop, stmt: prop, symbol: undefined as unknown as ts.Symbol, refs, scopes: [], setters: [], field: { prop, className } };
      if (foreign) slot.refusal = { node: prop, reason: 'accessed with an element access; only C.x / this.x accesses can be rewritten' };
      slots.push(slot);
      for (const ref of refs) refMap.set(ref.id.compilerNode, { slot, ref });
    }
  }
}

/** Properties of module-level, unexported, unannotated `const o = { … }` objects that are written as `o.p = …`. */
function findObjectSlots(file: SourceFile, slots: Slot[], refMap: Map<ts.Node, { slot: Slot; ref: Ref }>, checker: TypeChecker): void {
  for (const stmt of file.getVariableStatements()) {
    if (stmt.getDeclarationKind() !== 'const' || stmt.isExported()) continue;
    for (const decl of stmt.getDeclarations()) {
      const nameNode = decl.getNameNode();
      const init = decl.getInitializer();
      if (!Node.isIdentifier(nameNode) || !init || !Node.isObjectLiteralExpression(init)) continue;
      const objName = nameNode.getText();
      const symbol = nameNode.getSymbol();
      const uses = file.getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => id !== nameNode && id.getText() === objName && checker.getSymbolAtLocation(id) === symbol);
      // Escapes: any use that is not `o.p`, an annotated declaration, methods/accessors/spreads in the literal.
      const escapes =
        !!decl.getTypeNode() ||
        uses.some((id) => {
          const parent = id.getParent();
          return !(Node.isPropertyAccessExpression(parent) && parent.getExpression() === id);
        }) ||
        init.getProperties().some((p) => !Node.isPropertyAssignment(p)) ||
        init.getDescendantsOfKind(SyntaxKind.ThisKeyword).length > 0;
      for (const prop of init.getProperties()) {
        if (!Node.isPropertyAssignment(prop)) continue;
        const propName = prop.getNameNode();
        if (!Node.isIdentifier(propName)) continue;
        const name = propName.getText();
        const refs: Ref[] = uses
          .map((id) => id.getParent() as Node)
          .filter((pa) => Node.isPropertyAccessExpression(pa) && pa.getName() === name)
          .map((pa) => classifyRef(pa as unknown as Identifier, decl));
        if (!refs.some((r) => r.kind === 'write')) continue;
        let value: Expression | undefined = prop.getInitializer();
        let typeText: string | undefined;
        if (value && (Node.isAsExpression(value) || Node.isSatisfiesExpression(value)) && value.getTypeNode()) {
          typeText = Node.isAsExpression(value) ? value.getTypeNode()!.getText() : undefined;
          value = value.getExpression();
        }
        const slot: Slot = {
          name,
          label: `${objName}.${name}`,
          decl,
          stmt,
          symbol: undefined as unknown as ts.Symbol,
          refs,
          scopes: [],
          setters: [],
          object: { decl, prop, objName, init: value, typeText },
        };
        if (escapes) slot.refusal = { node: prop, reason: REASONS.objectEscapes };
        slots.push(slot);
        for (const ref of refs) refMap.set(ref.id.compilerNode, { slot, ref });
      }
    }
  }
}

function isInStaticMemberOf(node: Node, cls: Node): boolean {
  for (let current = node.getParent(); current; current = current.getParent()) {
    if (Node.isMethodDeclaration(current) || Node.isGetAccessorDeclaration(current) || Node.isSetAccessorDeclaration(current) || Node.isPropertyDeclaration(current)) {
      return current.getParent() === cls && current.isStatic();
    }
    if (Node.isClassStaticBlockDeclaration(current)) return current.getParent() === cls;
    if (Node.isFunctionDeclaration(current) || Node.isFunctionExpression(current) || Node.isConstructorDeclaration(current)) return false;
  }
  return false;
}

function slotRefOf(node: Node | undefined, analysis: Pick<Analysis, 'refMap'>): { slot: Slot; ref: Ref } | undefined {
  if (!node) return undefined;
  const inner = skipParens(node);
  if (!Node.isIdentifier(inner) && !Node.isPropertyAccessExpression(inner)) return undefined;
  return analysis.refMap.get(inner.compilerNode);
}

/** P3 / P3b private setters. */
function findSetters(file: SourceFile, refMap: Analysis['refMap']): Map<string, Setter> {
  const out = new Map<string, Setter>();
  for (const fn of file.getFunctions()) {
    if (fn.isExported() || fn.isDefaultExport() || !fn.getName() || fn.getParameters().length !== 1) continue;
    if (fn.isAsync() || fn.isGenerator() || fn.getOverloads().length > 0) continue;
    const param = fn.getParameters()[0]!.getNameNode();
    if (!Node.isIdentifier(param)) continue;
    const body = fn.getBody();
    if (!body || !Node.isBlock(body)) continue;
    const stmts = body.getStatements();
    if (stmts.length !== 3) continue;
    const save = parseSaveDecl(stmts[0]!, { refMap });
    if (!save) continue;
    const set = stmts[1]!;
    if (!Node.isExpressionStatement(set)) continue;
    const assign = set.getExpression();
    if (!Node.isBinaryExpression(assign) || assign.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    const target = slotRefOf(assign.getLeft(), { refMap });
    if (!target || target.slot !== save.slot || skipParens(assign.getRight()).getText() !== param.getText()) continue;
    const ret = stmts[2]!;
    if (!Node.isReturnStatement(ret) || !ret.getExpression()) continue;
    const retExpr = skipParens(ret.getExpression()!);
    let kind: 'p3' | 'p3b' | undefined;
    if (Node.isIdentifier(retExpr) && retExpr.getText() === save.name) kind = 'p3';
    else if (Node.isArrowFunction(retExpr) && retExpr.getParameters().length === 0) {
      const b = retExpr.getBody();
      let restore: Node | undefined;
      if (Node.isBlock(b) && b.getStatements().length === 1 && Node.isExpressionStatement(b.getStatements()[0])) {
        restore = (b.getStatements()[0] as import('ts-morph').ExpressionStatement).getExpression();
      } else if (!Node.isBlock(b)) restore = b;
      if (restore) {
        const r = skipParens(restore);
        if (Node.isBinaryExpression(r) && r.getOperatorToken().getKind() === SyntaxKind.EqualsToken && slotRefOf(r.getLeft(), { refMap })?.slot === save.slot && skipParens(r.getRight()).getText() === save.name) {
          kind = 'p3b';
        }
      }
    }
    if (!kind) continue;
    const name = fn.getName()!;
    const symbol = fn.getNameNode()!.getSymbol();
    const calls = file
      .getDescendantsOfKind(SyntaxKind.Identifier)
      .filter((id) => id.getText() === name && id !== fn.getNameNode() && id.getSymbol() === symbol);
    out.set(name, { kind, slot: save.slot, fn, name, calls });
  }
  return out;
}

function parseSaveDecl(stmt: Statement, analysis: Pick<Analysis, 'refMap'>): { slot: Slot; name: string; stmt: VariableStatement; ref: Ref } | undefined {
  if (!Node.isVariableStatement(stmt) || stmt.getDeclarationKind() === 'var') return undefined;
  const decls = stmt.getDeclarations();
  if (decls.length !== 1) return undefined;
  const d = decls[0]!;
  if (!Node.isIdentifier(d.getNameNode()) || d.getTypeNode()) return undefined;
  // A `let` save must never be reassigned.
  if (stmt.getDeclarationKind() === 'let') {
    const name = d.getName();
    const block = stmt.getParent()!;
    const reassigned = block.getDescendantsOfKind(SyntaxKind.BinaryExpression).some((b) => isAssignmentOperator(b.getOperatorToken().getKind()) && skipParens(b.getLeft()).getText() === name)
      || block.getDescendantsOfKind(SyntaxKind.PostfixUnaryExpression).some((u) => u.getOperand().getText() === name)
      || block.getDescendantsOfKind(SyntaxKind.PrefixUnaryExpression).some((u) => u.getOperand().getText() === name && (u.getOperatorToken() === SyntaxKind.PlusPlusToken || u.getOperatorToken() === SyntaxKind.MinusMinusToken));
    if (reassigned) return undefined;
  }
  const init = d.getInitializer();
  const target = slotRefOf(init, analysis);
  if (!target || target.ref.kind !== 'read') return undefined;
  return { slot: target.slot, name: d.getName(), stmt, ref: target.ref };
}

/** A set statement: `x = V;`, `x++;`, `x += k;`, `const p = setX(V);`. */
function parseSet(stmt: Statement, analysis: Analysis): SetEntry | undefined {
  if (Node.isVariableStatement(stmt) && stmt.getDeclarationKind() === 'const' && stmt.getDeclarations().length === 1) {
    const d = stmt.getDeclarations()[0]!;
    const init = d.getInitializer();
    if (!Node.isIdentifier(d.getNameNode()) || !init || !Node.isCallExpression(init)) return undefined;
    const callee = init.getExpression();
    const setter = Node.isIdentifier(callee) ? analysis.setters.get(callee.getText()) : undefined;
    if (!setter || !setter.calls.includes(callee as Identifier) || init.getArguments().length !== 1) return undefined;
    return { slot: setter.slot, kind: setter.kind, stmt, value: init.getArguments()[0] as Expression, saveName: d.getName(), setter, writeRefs: [] };
  }
  if (!Node.isExpressionStatement(stmt)) return undefined;
  const expr = skipParens(stmt.getExpression());
  if (Node.isBinaryExpression(expr)) {
    const target = slotRefOf(expr.getLeft(), analysis);
    if (!target || target.ref.kind !== 'write') return undefined;
    const op = expr.getOperatorToken().getKind();
    if (op === SyntaxKind.EqualsToken) return { slot: target.slot, kind: 'assign', stmt, value: expr.getRight(), writeRefs: [target.ref] };
    if (op === SyntaxKind.PlusEqualsToken || op === SyntaxKind.MinusEqualsToken) {
      return { slot: target.slot, kind: 'inc', stmt, op: op === SyntaxKind.PlusEqualsToken ? '+' : '-', amount: expr.getRight().getText(), value: expr.getRight(), writeRefs: [target.ref] };
    }
    return undefined;
  }
  if (Node.isPrefixUnaryExpression(expr) || Node.isPostfixUnaryExpression(expr)) {
    const target = slotRefOf(expr.getOperand(), analysis);
    if (!target || target.ref.kind !== 'write') return undefined;
    const op = expr.getOperatorToken() === SyntaxKind.PlusPlusToken ? '+' : '-';
    return { slot: target.slot, kind: 'inc', stmt, op, amount: '1', writeRefs: [target.ref] };
  }
  return undefined;
}

/** Whether `stmt` restores `set`; returns the write refs it consumes, or 'const' for a restore to something else. */
function parseRestore(stmt: Statement, set: SetEntry, analysis: Analysis): Ref[] | 'const' | undefined {
  if (!Node.isExpressionStatement(stmt)) return undefined;
  const expr = skipParens(stmt.getExpression());
  if (set.kind === 'p3' || set.kind === 'p3b') {
    if (!Node.isCallExpression(expr)) return undefined;
    const callee = expr.getExpression();
    if (set.kind === 'p3') {
      if (Node.isIdentifier(callee) && callee.getText() === set.setter!.name && expr.getArguments().length === 1 && skipParens(expr.getArguments()[0]!).getText() === set.saveName) return [];
      return undefined;
    }
    if (Node.isIdentifier(callee) && callee.getText() === set.saveName && expr.getArguments().length === 0) return [];
    return undefined;
  }
  if (Node.isBinaryExpression(expr)) {
    const target = slotRefOf(expr.getLeft(), analysis);
    if (!target || target.slot !== set.slot || target.ref.kind !== 'write') return undefined;
    const op = expr.getOperatorToken().getKind();
    if (set.kind === 'assign' && op === SyntaxKind.EqualsToken) {
      const right = skipParens(expr.getRight());
      if (set.saveName && Node.isIdentifier(right) && right.getText() === set.saveName) return [target.ref];
      // Restoring some other variable is not a recognised shape; restoring a constant is R07/R13.
      return Node.isIdentifier(right) && right.getText() !== 'undefined' ? undefined : 'const';
    }
    if (set.kind === 'inc') {
      const inverse = set.op === '+' ? SyntaxKind.MinusEqualsToken : SyntaxKind.PlusEqualsToken;
      if (op === inverse && expr.getRight().getText() === set.amount) return [target.ref];
      if (op === SyntaxKind.EqualsToken) return 'const';
    }
    return undefined;
  }
  if ((Node.isPrefixUnaryExpression(expr) || Node.isPostfixUnaryExpression(expr)) && set.kind === 'inc' && set.amount === '1') {
    const target = slotRefOf(expr.getOperand(), analysis);
    if (!target || target.slot !== set.slot) return undefined;
    const op = expr.getOperatorToken() === SyntaxKind.PlusPlusToken ? '+' : '-';
    if (op !== set.op) return [target.ref];
  }
  return undefined;
}

export function statementLists(file: SourceFile): Statement[][] {
  const lists: Statement[][] = [file.getStatements()];
  file.forEachDescendant((node) => {
    if (Node.isBlock(node) || Node.isCaseClause(node) || Node.isDefaultClause(node) || Node.isModuleBlock(node)) {
      lists.push(node.getStatements());
    }
  });
  return lists;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.getParent(); current; current = current.getParent()) {
    if (isFunctionLike(current)) return current;
  }
  return undefined;
}

/** Scope body checks: yield, break/continue crossing, return, await. */
function checkRegions(regions: Node[]): { yieldNode?: Node; crossing?: Node; returnNode?: Node; varNode?: Node; isAsync: boolean } {
  const result: { yieldNode?: Node; crossing?: Node; returnNode?: Node; varNode?: Node; isAsync: boolean } = { isAsync: false };
  for (const region of regions) {
    walkOwn(region, (n) => {
      if (Node.isVariableDeclarationList(n) && n.getDeclarationKind() === 'var') result.varNode ??= n;
      if (Node.isYieldExpression(n)) result.yieldNode ??= n;
      else if (Node.isAwaitExpression(n)) result.isAsync = true;
      else if (Node.isForOfStatement(n) && n.isAwaited()) result.isAsync = true;
      else if (Node.isReturnStatement(n)) result.returnNode ??= n;
      else if (Node.isBreakStatement(n) || Node.isContinueStatement(n)) {
        if (!jumpStaysInside(n, regions)) result.crossing ??= n;
      }
    });
  }
  return result;
}

function jumpStaysInside(jump: Node, regions: Node[]): boolean {
  const label = (jump as import('ts-morph').BreakStatement).getLabel?.()?.getText();
  for (let current = jump.getParent(); current; current = current.getParent()) {
    if (regions.includes(current)) {
      // Reached the region root: the region itself may be the loop/label target.
      return matchesJump(current, jump, label);
    }
    if (matchesJump(current, jump, label)) return true;
    if (isFunctionLike(current)) return false;
  }
  return false;
}

function matchesJump(node: Node, jump: Node, label: string | undefined): boolean {
  if (label !== undefined) return Node.isLabeledStatement(node) && node.getLabel().getText() === label;
  const isLoop = Node.isForStatement(node) || Node.isForOfStatement(node) || Node.isForInStatement(node) || Node.isWhileStatement(node) || Node.isDoStatement(node);
  if (Node.isContinueStatement(jump)) return isLoop;
  return isLoop || Node.isSwitchStatement(node);
}

/** Whether statement `stmt` (in list `stmts`) is the last statement of a function body. */
function isTail(stmts: Statement[], index: number, matched?: ReadonlyMap<Node, Scope>): boolean {
  if (index !== stmts.length - 1) return false;
  const parent = stmts[index]!.getParent();
  if (!Node.isBlock(parent)) return false;
  if (isFunctionLike(parent.getParent()!)) return true;
  // The try block of an enclosing scope that converts and is unwrapped into its callback: the last
  // statement there is the last statement of the callback (the enclosing scope itself is tail, or it
  // would have been refused for the return inside it).
  const outer = matched?.get(parent);
  return !!outer && !outer.refusal && outer.kind === 'P1' && !outer.collapsed && outer.f1.length === 0 && !(outer.tryNode as import('ts-morph').TryStatement).getCatchClause();
}

function usesName(nodes: Node[], name: string): boolean {
  return nodes.some((n) => n.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getText() === name) || (Node.isIdentifier(n) && n.getText() === name));
}

/** Finds every scope pattern in the file and records refusals found while matching. */
export function findScopes(file: SourceFile, analysis: Analysis): Scope[] {
  const scopes: Scope[] = [];
  const refuse = (slot: Slot, node: Node, reason: string) => {
    slot.refusal ??= { node, reason };
  };
  // Try blocks of the scopes found so far (outer lists come first), for tail positions in nested scopes.
  const matched = new Map<Node, Scope>();
  for (const stmts of statementLists(file)) {
    let i = 0;
    while (i < stmts.length) {
      const scope = matchAt(stmts, i, analysis, refuse, matched);
      if (scope) {
        scopes.push(scope);
        if (scope.tryNode) matched.set((scope.tryNode as import('ts-morph').TryStatement).getTryBlock(), scope);
        i = stmts.indexOf(scope.last) + 1;
      } else i++;
    }
  }
  return scopes;
}

function matchAt(stmts: Statement[], i: number, analysis: Analysis, refuse: (slot: Slot, node: Node, reason: string) => void, matched: Map<Node, Scope>): Scope | undefined {
  let j = i;
  while (j < stmts.length && parseSaveDecl(stmts[j]!, analysis)) j++;
  let n = 0;
  while (j + n < stmts.length && parseSet(stmts[j + n]!, analysis)) n++;
  // Trailing set-like statements that are not restored (a counter bumped in the scope) belong to the body.
  for (let k = n; k >= 1; k--) {
    const scope = matchWith(stmts, i, k, analysis, refuse, matched);
    if (scope) return scope;
  }
  return undefined;
}

function matchWith(stmts: Statement[], i: number, setCount: number, analysis: Analysis, refuse: (slot: Slot, node: Node, reason: string) => void, matched: Map<Node, Scope>): Scope | undefined {
  let j = i;
  const saves: Array<{ slot: Slot; name: string; stmt: VariableStatement; ref: Ref }> = [];
  for (let s; j < stmts.length && (s = parseSaveDecl(stmts[j]!, analysis)); j++) saves.push(s);
  const sets: SetEntry[] = [];
  for (let s; sets.length < setCount && j < stmts.length && (s = parseSet(stmts[j]!, analysis)); j++) sets.push(s);
  if (sets.length === 0) return undefined;
  const slotsSet = new Set(sets.map((s) => s.slot));
  if (slotsSet.size !== sets.length) return undefined;
  // Saves must belong to set slots; pair them.
  for (const save of saves) {
    const set = sets.find((s) => s.slot === save.slot && s.kind === 'assign');
    if (!set || set.saveName) return undefined;
    set.saveName = save.name;
    set.save = save.stmt;
  }
  const afterSets = j;
  // P2: const r = E; restores; return r;
  const p2 = matchP2(stmts, afterSets, sets, analysis);
  if (p2) return finishScope(p2, stmts, i, saves, analysis, refuse);
  // P6: return E.finally(() => { restores })
  const p6 = matchP6(stmts, afterSets, sets, analysis);
  if (p6) return finishScope(p6, stmts, i, saves, analysis, refuse);
  // P1: S*; try { B } [catch] finally { F1; restores; F2 }
  let t = afterSets;
  while (t < stmts.length && !Node.isTryStatement(stmts[t])) {
    // A statement between set and try must not write the slots.
    const writes = stmts[t]!.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => {
      const r = analysis.refMap.get(id.compilerNode);
      return r && slotsSet.has(r.slot) && r.ref.kind === 'write';
    });
    if (writes || Node.isReturnStatement(stmts[t])) return undefined;
    t++;
  }
  if (t >= stmts.length) return undefined;
  const tryStmt = stmts[t]!;
  if (!Node.isTryStatement(tryStmt)) return undefined;
  const finallyBlock = tryStmt.getFinallyBlock();
  if (!finallyBlock) return undefined;
  const fstmts = finallyBlock.getStatements();
  const indices: number[] = [];
  for (const set of sets) {
    let found = -1;
    for (let k = 0; k < fstmts.length; k++) {
      const r = parseRestore(fstmts[k]!, set, analysis);
      if (r === 'const') {
        const guard = set.kind === 'assign' && !set.saveName && isGuard(stmts, i, set);
        refuse(set.slot, fstmts[k]!, guard ? REASONS.mutex : REASONS.constRestore);
        return undefined;
      }
      if (r) {
        found = k;
        set.restore = fstmts[k];
        set.writeRefs.push(...r);
        break;
      }
    }
    if (found < 0) return undefined;
    indices.push(found);
  }
  const lo = Math.min(...indices);
  const hi = Math.max(...indices);
  if (hi - lo + 1 !== indices.length) return undefined;
  if (sets.some((s) => s.kind === 'assign' && !s.saveName)) return undefined;
  let between = stmts.slice(afterSets, t);
  const f1 = fstmts.slice(0, lo);
  const f2 = fstmts.slice(hi + 1);
  const catchClause = tryStmt.getCatchClause();
  // `let t: T; try { t = E } finally …` ⇒ `const t: T = S.run(V, () => E)` (case 30).
  const assignLocal = between.length === 1 && !catchClause && f1.length === 0 ? matchAssignLocal(between[0]!, tryStmt.getTryBlock().getStatements(), stmts.slice(t + 1).concat(f2)) : undefined;
  if (assignLocal) between = [];
  const regions: Node[] = [...between, tryStmt.getTryBlock()];
  if (catchClause) regions.push(catchClause);
  regions.push(...f1);
  const scope: Scope = {
    kind: 'P1',
    first: stmts[i]!,
    last: tryStmt,
    sets,
    keptSaves: [],
    between,
    tryNode: tryStmt,
    f1,
    f2,
    regions,
    isAsync: false,
    hasReturn: false,
  };
  const check = checkRegions(regions);
  scope.isAsync = check.isAsync;
  scope.hasReturn = !!check.returnNode;
  if (check.yieldNode) scope.refusal = { node: check.yieldNode, reason: REASONS.yield };
  else if (check.varNode) scope.refusal = { node: check.varNode, reason: REASONS.varInBody };
  else if (check.crossing) scope.refusal = { node: check.crossing, reason: REASONS.breakContinue };
  else if (check.returnNode && (!isTail(stmts, t, matched) || f1.some((s) => checkRegions([s]).returnNode))) {
    scope.refusal = { node: check.returnNode, reason: REASONS.nonTailReturn };
  }
  const finallyCheck = checkRegions(f1);
  if (!scope.refusal && (finallyCheck.crossing || finallyCheck.returnNode || finallyCheck.yieldNode)) {
    scope.refusal = { node: (finallyCheck.crossing ?? finallyCheck.returnNode ?? finallyCheck.yieldNode)!, reason: REASONS.finallyControl };
  }
  // Declarations between set and try used after the scope.
  if (!scope.refusal && !assignLocal) {
    const declared = between.flatMap((s): Node[] => {
      if (Node.isVariableStatement(s)) return s.getDeclarations().flatMap((d) => d.getNameNode().getDescendantsOfKind(SyntaxKind.Identifier).concat(Node.isIdentifier(d.getNameNode()) ? [d.getNameNode() as Identifier] : []));
      if ((Node.isFunctionDeclaration(s) || Node.isClassDeclaration(s)) && s.getNameNode()) return [s.getNameNode()!];
      return [];
    });
    const after = [...f2, ...stmts.slice(t + 1)];
    const used = declared.find((id) => usesName(after, id.getText()));
    if (used) scope.refusal = { node: used, reason: REASONS.declAfter };
  }
  // Collapse: a single `return [await] E;` / `[await] E;` in the try block, nothing else moves.
  const tryStatements = tryStmt.getTryBlock().getStatements();
  if (assignLocal) {
    scope.collapsed = assignLocal;
    scope.hasReturn = false;
  } else if (between.length === 0 && !catchClause && f1.length === 0 && tryStatements.length === 1) {
    const only = tryStatements[0]!;
    let prefix = '';
    let expr: Expression | undefined;
    if (Node.isReturnStatement(only) && only.getExpression()) {
      expr = only.getExpression()!;
      prefix = 'return ';
    } else if (Node.isExpressionStatement(only)) {
      expr = only.getExpression();
    }
    if (expr && Node.isAwaitExpression(expr)) {
      prefix += 'await ';
      expr = expr.getExpression();
    }
    if (expr && !checkRegions([expr]).isAsync && (!prefix.startsWith('return') || isTail(stmts, t, matched))) {
      scope.collapsed = { prefix, expr };
    }
  }
  return finishScope(scope, stmts, i, saves, analysis, refuse);
}

/** `let t[: T];` followed by a try block that is exactly `t = [await] E;`, t assigned nowhere else afterwards. */
function matchAssignLocal(letStmt: Statement, tryStatements: Statement[], after: Statement[]): { prefix: string; expr: Expression } | undefined {
  if (!Node.isVariableStatement(letStmt) || letStmt.getDeclarationKind() !== 'let' || letStmt.getDeclarations().length !== 1) return undefined;
  const d = letStmt.getDeclarations()[0]!;
  if (d.getInitializer() || !Node.isIdentifier(d.getNameNode()) || tryStatements.length !== 1) return undefined;
  const only = tryStatements[0]!;
  if (!Node.isExpressionStatement(only)) return undefined;
  const assign = only.getExpression();
  if (!Node.isBinaryExpression(assign) || assign.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return undefined;
  if (skipParens(assign.getLeft()).getText() !== d.getName()) return undefined;
  const name = d.getName();
  const reassigned = after.some((s) =>
    s.getDescendantsOfKind(SyntaxKind.BinaryExpression).some((b) => isAssignmentOperator(b.getOperatorToken().getKind()) && skipParens(b.getLeft()).getText() === name),
  );
  let expr = assign.getRight();
  let awaitText = '';
  if (Node.isAwaitExpression(expr)) {
    awaitText = 'await ';
    expr = expr.getExpression();
  }
  if (checkRegions([expr]).isAsync) return undefined;
  const typeNode = d.getTypeNode();
  return { prefix: `${reassigned ? 'let' : 'const'} ${name}${typeNode ? `: ${typeNode.getText()}` : ''} = ${awaitText}`, expr };
}

function isGuard(stmts: Statement[], setIndex: number, set: SetEntry): boolean {
  for (const stmt of stmts.slice(0, setIndex)) {
    if (!Node.isIfStatement(stmt)) continue;
    const reads = stmt.getExpression().getDescendantsOfKind(SyntaxKind.Identifier).concat(Node.isIdentifier(stmt.getExpression()) ? [stmt.getExpression() as Identifier] : []);
    if (reads.some((id) => id.getText() === set.slot.name)) return true;
  }
  return false;
}

function matchP2(stmts: Statement[], j: number, sets: SetEntry[], analysis: Analysis): Scope | undefined {
  const decl = stmts[j];
  if (!decl || !Node.isVariableStatement(decl) || decl.getDeclarations().length !== 1) return undefined;
  const d = decl.getDeclarations()[0]!;
  const init = d.getInitializer();
  if (!Node.isIdentifier(d.getNameNode()) || !init || d.getTypeNode()) return undefined;
  const restores = stmts.slice(j + 1, j + 1 + sets.length);
  if (restores.length !== sets.length) return undefined;
  if (!claimRestores(restores, sets, analysis)) return undefined;
  const ret = stmts[j + 1 + sets.length];
  if (!ret || !Node.isReturnStatement(ret) || ret.getExpression()?.getText() !== d.getName()) return undefined;
  let expr: Expression = init;
  let prefix = 'return ';
  if (Node.isAwaitExpression(expr)) {
    prefix = 'return await ';
    expr = expr.getExpression();
  }
  return expressionScope('P2', stmts[j]!, ret, sets, expr, prefix);
}

function matchP6(stmts: Statement[], j: number, sets: SetEntry[], analysis: Analysis): Scope | undefined {
  const ret = stmts[j];
  if (!ret || !Node.isReturnStatement(ret)) return undefined;
  const call = ret.getExpression();
  if (!call || !Node.isCallExpression(call)) return undefined;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'finally' || call.getArguments().length !== 1) return undefined;
  const cb = call.getArguments()[0]!;
  if (!Node.isArrowFunction(cb) && !Node.isFunctionExpression(cb)) return undefined;
  if (cb.getParameters().length !== 0) return undefined;
  const body = cb.getBody();
  let restores: Statement[];
  if (Node.isBlock(body)) restores = body.getStatements();
  else return undefined;
  if (restores.length !== sets.length) return undefined;
  if (!claimRestores(restores, sets, analysis)) return undefined;
  return expressionScope('P6', stmts[j]!, ret, sets, callee.getExpression(), 'return ');
}

/** Each set's restore among `restores` (one each, not a constant), recorded on the set; false if one has none. */
function claimRestores(restores: Statement[], sets: SetEntry[], analysis: Analysis): boolean {
  return sets.every((set) =>
    restores.some((r) => {
      const parsed = parseRestore(r, set, analysis);
      if (!parsed || parsed === 'const') return false;
      set.restore = r;
      set.writeRefs.push(...parsed);
      return true;
    }),
  );
}

/**
 * The scope of P2 and P6: one expression runs between the sets and their restores, and its value is
 * returned. It collapses to `prefix` + the run() call unless the expression awaits.
 */
function expressionScope(kind: 'P2' | 'P6', first: Statement, last: Statement, sets: SetEntry[], expr: Expression, prefix: string): Scope {
  const check = checkRegions([expr]);
  const scope: Scope = {
    kind,
    first,
    last,
    sets,
    keptSaves: [],
    between: [],
    f1: [],
    f2: [],
    expr,
    regions: [expr],
    isAsync: check.isAsync,
    hasReturn: true,
    collapsed: check.isAsync ? undefined : { prefix, expr },
  };
  if (check.yieldNode) scope.refusal = { node: check.yieldNode, reason: REASONS.yield };
  return scope;
}

function finishScope(
  scope: Scope,
  stmts: Statement[],
  i: number,
  saves: Array<{ slot: Slot; name: string; stmt: VariableStatement; ref: Ref }>,
  analysis: Analysis,
  refuse: (slot: Slot, node: Node, reason: string) => void,
): Scope | undefined {
  void refuse;
  void analysis;
  scope.first = stmts[i]!;
  scope.functionNode = enclosingFunction(scope.first);
  // Save declarations: keep them (as reads) when their variable is used other than by the restore.
  for (const save of saves) {
    const set = scope.sets.find((s) => s.save === save.stmt)!;
    const users: Node[] = [
      ...scope.sets.filter((s) => s.value).map((s) => s.value!),
      ...scope.regions,
      ...scope.f2,
      ...scope.sets.filter((s) => s.stmt !== save.stmt).map((s) => s.stmt),
    ];
    const restoreText = set.restore;
    const used = users.some((u) =>
      u.getDescendantsOfKind(SyntaxKind.Identifier).concat(Node.isIdentifier(u) ? [u as Identifier] : []).some((id) => id.getText() === save.name && !(restoreText && id.getAncestors().includes(restoreText))),
    );
    // Also used after the pattern in the same list?
    const after = stmts.slice(stmts.indexOf(scope.last) + 1);
    if (used || usesName(after, save.name)) scope.keptSaves.push(save.stmt);
  }
  // P3 saves (`const p = setX(V)`): the variable p disappears; it must not be used anywhere but in the restore.
  for (const set of scope.sets) {
    if ((set.kind === 'p3' || set.kind === 'p3b') && set.saveName) {
      const users = [...scope.regions, ...scope.f2, ...stmts.slice(stmts.indexOf(scope.last) + 1)];
      const used = users.some((u) => u.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getText() === set.saveName && !(set.restore && id.getAncestors().includes(set.restore))));
      if (used) return undefined;
    }
  }
  return scope;
}

export type { Block, CallExpression };
