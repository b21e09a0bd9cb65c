/**
 * Read-only analysis for use-disposable-stack: which try/finally statements can become a
 * DisposableStack block, in which shape, and why the others are left alone. Works on the raw
 * TypeScript AST; the only checker question is whether a value is provably Disposable (shape D).
 */
import { ts } from '../../src/ts-morph.cjs';

/** One rewrite, as plain data: apply() finds the try again by its pre-order index and re-reads the text. */
export interface Site {
  /** Index of the TryStatement among all TryStatements of the file, in pre-order. */
  index: number;
  /** Offset of its `try` keyword in the original text (unchanged by the rewrites of later sites). */
  start: number;
  /**
   * block: the try becomes `{ using s = new DisposableStack(); s.defer(…); body }`.
   * using: `const x = INIT; try {…} finally { x[Symbol.dispose](); }` becomes `{ using x = INIT; body }`.
   * for-of-using: `for (const x of it) { try {…} finally { x[Symbol.dispose](); } }` becomes `for (using x of it) { body }`.
   */
  shape: 'block' | 'using' | 'for-of-using';
  /** Inner sites flattened into an enclosing site's block (ExitStack style) are not wrapped in a block. */
  flattened: boolean;
  /** The stack to defer on (block shape). */
  stackName?: string;
  /** For a block shape: true when this site declares `stackName` itself (false when it reuses its parent's). */
  declaresStack: boolean;
  async: boolean;
  /** Hazard 18: the body keeps its own nested block. */
  nestBody: boolean;
}

export interface Refusal {
  at: number;
  message: string;
}

export interface Analysis {
  sites: Site[];
  refusals: Refusal[];
}

interface Candidate {
  node: ts.TryStatement;
  index: number;
  refusal?: string;
  async: boolean;
  using?: UsingInfo;
  site?: Site;
  /** Names declared at the top level of the try block. */
  bodyTop: Set<string>;
  /** Identifier texts read in the finally (a superset of its free identifiers). */
  finallyNames: Set<string>;
}

interface UsingInfo {
  name: string;
  async: boolean;
}

/** Returns the type checker; called only when a shape-D candidate passed every syntactic check. */
export type CheckerGetter = () => ts.TypeChecker;

export interface AnalyzeOptions {
  allowThrowInFinally: boolean;
}

/** True for function-like nodes that start a new function boundary (return/yield/await/this scope). */
function isFunctionBoundary(node: ts.Node): boolean {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isClassStaticBlockDeclaration(node) ||
    ts.isPropertyDeclaration(node)
  );
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  const mods = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return !!mods?.some((m) => m.kind === kind);
}

/** True when `id` is a property name position rather than a reference or a binding. */
function isPropertyNamePosition(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return true;
  if (ts.isQualifiedName(p) && p.right === id) return true;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) ||
    ts.isMethodSignature(p) || ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p) || ts.isEnumMember(p)) && p.name === id) {
    return true;
  }
  if (ts.isJsxAttribute(p) && p.name === id) return true;
  return false;
}

/** Every identifier text used in `node` outside property-name positions. */
function collectNames(node: ts.Node, into: Set<string>): Set<string> {
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      if (!isPropertyNamePosition(n)) into.add(n.text);
      return;
    }
    if (ts.isShorthandPropertyAssignment(n)) into.add(n.name.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return into;
}

function bindingNames(name: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) {
    into.add(name.text);
    return;
  }
  for (const el of name.elements) {
    if (ts.isBindingElement(el)) bindingNames(el.name, into);
  }
}

/** Names a list of statements declares at its own level (let/const/var/class/function/enum/namespace/import-equals). */
export function topLevelDeclarations(statements: readonly ts.Statement[]): Set<string> {
  const out = new Set<string>();
  for (const s of statements) {
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) bindingNames(d.name, out);
    else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) out.add(s.name.text);
    else if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) out.add(s.name.text);
    else if (ts.isImportEqualsDeclaration(s)) out.add(s.name.text);
    else if (ts.isLabeledStatement(s)) {
      // A labelled declaration still declares at this level.
      let inner: ts.Statement = s.statement;
      while (ts.isLabeledStatement(inner)) inner = inner.statement;
      if (ts.isFunctionDeclaration(inner) && inner.name) out.add(inner.name.text);
    }
  }
  return out;
}

/** Walks `finallyBlock` without entering nested functions; returns the first reason to refuse. */
function findFinallyHazard(finallyBlock: ts.Block, opts: AnalyzeOptions): { refusal?: string; hasAwait: boolean } {
  let refusal: string | undefined;
  let hasAwait = false;
  const labelsInside: string[] = [];
  const setRefusal = (r: string): void => {
    refusal ??= r;
  };

  const visit = (n: ts.Node, loopDepth: number, switchDepth: number): void => {
    if (isFunctionBoundary(n) || ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
      // Class bodies: computed keys and decorators run in place, but their members are functions.
      if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
        for (const m of n.members) if (m.name && ts.isComputedPropertyName(m.name)) visit(m.name, loopDepth, switchDepth);
      }
      if (ts.isFunctionDeclaration(n)) setRefusal('the finally declares a function, whose scope would change inside the callback');
      return;
    }
    switch (n.kind) {
      case ts.SyntaxKind.ReturnStatement:
        setRefusal('the finally contains `return`, which overrides the result and swallows errors; a deferred callback cannot do that');
        break;
      case ts.SyntaxKind.YieldExpression:
        setRefusal('the finally contains `yield`, which an arrow callback cannot do');
        break;
      case ts.SyntaxKind.AwaitExpression:
        hasAwait = true;
        break;
      case ts.SyntaxKind.ThrowStatement:
        if (!opts.allowThrowInFinally && !isCaughtWithin(n, finallyBlock)) {
          setRefusal('the finally throws, which replaces the error of the body; with a stack callers would get a SuppressedError instead (option allowThrowInFinally rewrites it anyway)');
        }
        break;
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement: {
        const jump = n as ts.BreakOrContinueStatement;
        if (jump.label) {
          if (!labelsInside.includes(jump.label.text)) setRefusal(`the finally contains \`${n.kind === ts.SyntaxKind.BreakStatement ? 'break' : 'continue'} ${jump.label.text}\`, which jumps out of the finally and swallows errors`);
        } else if (n.kind === ts.SyntaxKind.BreakStatement ? loopDepth + switchDepth === 0 : loopDepth === 0) {
          setRefusal(`the finally contains \`${n.kind === ts.SyntaxKind.BreakStatement ? 'break' : 'continue'}\`, which jumps out of the finally and swallows errors`);
        }
        break;
      }
      case ts.SyntaxKind.VariableDeclarationList: {
        const list = n as ts.VariableDeclarationList;
        const flags = list.flags & ts.NodeFlags.BlockScoped;
        if (flags === 0) setRefusal('the finally declares `var` names, which would become local to the callback');
        if ((list.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing) hasAwait = true;
        break;
      }
      case ts.SyntaxKind.ForOfStatement:
        if ((n as ts.ForOfStatement).awaitModifier) hasAwait = true;
        break;
      default:
        break;
    }
    if (ts.isLabeledStatement(n)) {
      labelsInside.push(n.label.text);
      visit(n.statement, loopDepth, switchDepth);
      labelsInside.pop();
      return;
    }
    const isLoop = ts.isIterationStatement(n, false);
    const isSwitch = ts.isSwitchStatement(n);
    ts.forEachChild(n, (c) => {
      // The loop/switch only counts for its body, not its header expressions.
      const inBody = (isLoop && (c as ts.Node) === (n as ts.IterationStatement).statement) || (isSwitch && ts.isCaseBlock(c));
      visit(c, loopDepth + (isLoop && inBody ? 1 : 0), switchDepth + (isSwitch && inBody ? 1 : 0));
    });
  };
  visit(finallyBlock, 0, 0);
  return { refusal, hasAwait };
}

/** A throw inside a try block (with a catch) that itself lies within `root` is caught before it leaves `root`. */
function isCaughtWithin(node: ts.Node, root: ts.Node): boolean {
  let child: ts.Node = node;
  for (let p = node.parent; p && p !== root; child = p, p = p.parent) {
    if (ts.isTryStatement(p) && p.catchClause && child === p.tryBlock) return true;
  }
  return false;
}

/** The function (or source file) whose body contains `node`. */
function enclosingFunction(node: ts.Node): ts.Node {
  for (let p = node.parent; p; p = p.parent) {
    if (isFunctionBoundary(p) || ts.isSourceFile(p)) return p;
  }
  return node.getSourceFile();
}

function canAwaitAt(node: ts.Node): boolean {
  const fn = enclosingFunction(node);
  if (ts.isSourceFile(fn)) return ts.isExternalModule(fn);
  if (ts.isClassStaticBlockDeclaration(fn) || ts.isPropertyDeclaration(fn)) return false;
  return hasModifier(fn, ts.SyntaxKind.AsyncKeyword);
}

/** Global names the rewrite relies on; a local declaration of one of them makes the rewrite mean something else. */
const RELIED_ON = ['DisposableStack', 'AsyncDisposableStack', 'SuppressedError', 'Symbol'];

function declaredReliedOnName(sf: ts.SourceFile): string | undefined {
  let found: string | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && RELIED_ON.includes(n.text)) {
      const p = n.parent;
      const isDecl =
        ((ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isParameter(p) ||
          ts.isBindingElement(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isEnumDeclaration(p) ||
          ts.isImportEqualsDeclaration(p) || ts.isFunctionExpression(p) || ts.isClassExpression(p)) && (p as { name?: ts.Node }).name === n) ||
        (ts.isImportSpecifier(p) && p.name === n);
      if (isDecl && !isInsideDeclareGlobal(n)) found = n.text;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

function isInsideDeclareGlobal(n: ts.Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isModuleDeclaration(p) && (p.flags & ts.NodeFlags.GlobalAugmentation) !== 0) return true;
  }
  return false;
}

/** The TryStatements of a file in pre-order. */
export function tryStatementsInOrder(sf: ts.SourceFile): ts.TryStatement[] {
  const out: ts.TryStatement[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isTryStatement(n)) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The text between the try's blocks must be only the keywords: comments there would be lost. */
function hasCommentsBetweenBlocks(node: ts.TryStatement, text: string): boolean {
  const finallyBlock = node.finallyBlock!;
  const sf = node.getSourceFile();
  const afterPrevious = node.catchClause ? node.catchClause.end : node.tryBlock.end;
  const gap = text.slice(afterPrevious, finallyBlock.getStart(sf));
  if (!/^\s*finally\s*$/.test(gap)) return true;
  // `try /* … */ {`: the try keyword and its brace are replaced.
  return text.slice(node.getStart(sf) + 'try'.length, node.tryBlock.getStart(sf)).trim() !== '';
}

function isStatementListParent(n: ts.Node): n is ts.Block | ts.SourceFile | ts.ModuleBlock | ts.CaseOrDefaultClause {
  return ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseOrDefaultClause(n);
}

/** The finally is exactly `x[Symbol.dispose]()` (or `x?.[…]()`, or `await x[Symbol.asyncDispose]()`), with no comments. */
function disposeCall(node: ts.TryStatement, text: string, async: boolean): { name: string; optional: boolean; wanted: string } | undefined {
  const sf = node.getSourceFile();
  const finallyBlock = node.finallyBlock!;
  if (finallyBlock.statements.length !== 1) return undefined;
  const stmt = finallyBlock.statements[0]!;
  // No comments in the finally: they would have nowhere to go.
  if (text.slice(finallyBlock.getStart(sf) + 1, finallyBlock.end - 1).trim() !== stmt.getText(sf)) return undefined;
  if (!ts.isExpressionStatement(stmt)) return undefined;
  let expr = stmt.expression;
  let awaited = false;
  if (ts.isAwaitExpression(expr)) {
    awaited = true;
    expr = expr.expression;
  }
  if (awaited !== async) return undefined;
  if (!ts.isCallExpression(expr) || expr.arguments.length !== 0 || expr.questionDotToken) return undefined;
  const callee = expr.expression;
  if (!ts.isElementAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return undefined;
  const optional = !!callee.questionDotToken;
  const key = callee.argumentExpression;
  const wanted = async ? 'asyncDispose' : 'dispose';
  if (!ts.isPropertyAccessExpression(key) || !ts.isIdentifier(key.expression) || key.expression.text !== 'Symbol' || key.name.text !== wanted) {
    return undefined;
  }
  return { name: callee.expression.text, optional, wanted };
}

/** Shape D: is `try` preceded by `const x = INIT` whose finally is exactly `x[Symbol.dispose]()`? */
function usingShape(node: ts.TryStatement, text: string, getChecker: CheckerGetter | undefined, async: boolean): UsingInfo | undefined {
  if (!getChecker) return undefined;
  const call = disposeCall(node, text, async);
  if (!call) return undefined;
  const { name, optional, wanted } = call;
  const sf = node.getSourceFile();
  const parent = node.parent;
  if (!isStatementListParent(parent)) return undefined;
  const statements = parent.statements;
  const i = statements.indexOf(node);
  if (i < 1) return undefined;
  const prev = statements[i - 1]!;
  if (!ts.isVariableStatement(prev) || hasModifier(prev, ts.SyntaxKind.ExportKeyword) || hasModifier(prev, ts.SyntaxKind.DeclareKeyword)) return undefined;
  const list = prev.declarationList;
  if ((list.flags & ts.NodeFlags.BlockScoped) !== ts.NodeFlags.Const || list.declarations.length !== 1) return undefined;
  const decl = list.declarations[0]!;
  if (!ts.isIdentifier(decl.name) || decl.name.text !== name || !decl.initializer || decl.exclamationToken) return undefined;
  // Nothing but whitespace between the declaration and the try (a comment would be lost).
  if (text.slice(prev.end, node.getStart(sf)).trim() !== '') return undefined;
  if (!/^const\s/.test(prev.getText(sf))) return undefined;
  // A try/finally inside the initializer would move with the declaration; keep such code on the stack shape.
  if (/\bfinally\b/.test(prev.getText(sf))) return undefined;
  // The body must not re-declare the name at its top level.
  if (topLevelDeclarations(node.tryBlock.statements).has(name)) return undefined;
  const checker = getChecker();
  const symbol = checker.getSymbolAtLocation(decl.name);
  if (!symbol || !isProvablyDisposable(checker, decl.name, optional, wanted)) return undefined;
  // Used nowhere but in the declaration and the try statement.
  let usedOutside = false;
  const visit = (n: ts.Node): void => {
    if (usedOutside) return;
    if (n === prev || n === node) return;
    if (ts.isIdentifier(n) && n.text === name && checker.getSymbolAtLocation(n) === symbol) usedOutside = true;
    ts.forEachChild(n, visit);
  };
  for (const s of statements) visit(s);
  if (usedOutside) return undefined;
  // The body must not reassign the dispose method (using captures it at the declaration).
  if (node.tryBlock.getText(sf).includes(`[Symbol.${wanted}] =`)) return undefined;
  return { name, async };
}

/** The value must be provably Disposable (TS2850 otherwise) and, without `?.`, never null. */
function isProvablyDisposable(checker: ts.TypeChecker, at: ts.Identifier, optional: boolean, wanted: string): boolean {
  const type = checker.getTypeAtLocation(at);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
  const nonNull = checker.getNonNullableType(type);
  if (!optional && nonNull !== type) return false;
  if (nonNull.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return false;
  const parts = nonNull.isUnion() ? nonNull.types : [nonNull];
  for (const part of parts) {
    const prop = part.getProperties().find((p) => p.escapedName.toString().startsWith(`__@${wanted}@`));
    if (!prop) return false;
    if (checker.getTypeOfSymbolAtLocation(prop, at).getCallSignatures().length === 0) return false;
  }
  return true;
}

/**
 * Shape D in a loop (hazard 30): `for (const x of it) { try { BODY } finally { x[Symbol.dispose](); } }`
 * becomes `for (using x of it) { BODY }`: each iteration's value is disposed at the end of that iteration.
 */
function forOfUsingShape(node: ts.TryStatement, text: string, getChecker: CheckerGetter | undefined, async: boolean): UsingInfo | undefined {
  if (!getChecker || node.catchClause) return undefined;
  const block = node.parent;
  if (!ts.isBlock(block) || block.statements.length !== 1 || !ts.isForOfStatement(block.parent) || block.parent.statement !== block) return undefined;
  const loop = block.parent;
  const call = disposeCall(node, text, async);
  if (!call) return undefined;
  const list = loop.initializer;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.BlockScoped) !== ts.NodeFlags.Const || list.declarations.length !== 1) return undefined;
  const decl = list.declarations[0]!;
  if (!ts.isIdentifier(decl.name) || decl.name.text !== call.name) return undefined;
  const sf = node.getSourceFile();
  if (!/^const\s/.test(text.slice(list.getStart(sf)))) return undefined;
  if (/\bfinally\b/.test(loop.expression.getText(sf))) return undefined;
  // Comments in the loop block around the try would be lost.
  if (text.slice(block.getStart(sf) + 1, node.getStart(sf)).trim() !== '' || text.slice(node.end, block.end - 1).trim() !== '') return undefined;
  if (topLevelDeclarations(node.tryBlock.statements).has(call.name)) return undefined;
  if (node.tryBlock.getText(sf).includes(`[Symbol.${call.wanted}] =`)) return undefined;
  if (!isProvablyDisposable(getChecker(), decl.name, call.optional, call.wanted)) return undefined;
  return { name: call.name, async };
}

/**
 * Finds every try/finally of the file and decides its fate. `checker` is only used for shape D; without
 * it, every site uses the always-exact stack shape.
 */
export function analyze(sf: ts.SourceFile, checker: CheckerGetter | undefined, opts: AnalyzeOptions): Analysis {
  const text = sf.getFullText();
  const all = tryStatementsInOrder(sf);
  const refusals: Refusal[] = [];
  const candidates = new Map<ts.TryStatement, Candidate>();
  const shadowed = declaredReliedOnName(sf);

  all.forEach((node, index) => {
    if (!node.finallyBlock) return;
    const c: Candidate = {
      node,
      index,
      async: false,
      bodyTop: topLevelDeclarations(node.tryBlock.statements),
      finallyNames: collectNames(node.finallyBlock, new Set()),
    };
    const hazard = findFinallyHazard(node.finallyBlock, opts);
    c.async = hazard.hasAwait;
    if (shadowed === 'Symbol') c.refusal = 'a local `Symbol` breaks the helpers TypeScript emits for `using` (microsoft/TypeScript#63522)';
    else if (shadowed) c.refusal = `\`${shadowed}\` is declared in this file, so the rewrite would not use the global one`;
    else if (hazard.refusal) c.refusal = hazard.refusal;
    else if (node.finallyBlock.statements.length === 0 && text.slice(node.finallyBlock.getStart(sf) + 1, node.finallyBlock.end - 1).trim() === '') {
      c.refusal = 'the finally is empty: there is nothing to register';
    } else if (c.async && !canAwaitAt(node)) c.refusal = 'the finally awaits outside an async function or module top level';
    else if (hasCommentsBetweenBlocks(node, text)) c.refusal = 'a comment next to the `try` or `finally` keyword would be lost';
    candidates.set(node, c);
    if (c.refusal) refusals.push({ at: node.getStart(sf), message: `left alone: ${c.refusal}` });
  });

  const usedNames = collectNames(sf, new Set());
  const sites: Site[] = [];

  /** Stack names declared by rewritten sites that contain `node` (never shadowed by a nested one). */
  const enclosingStackNames = (node: ts.Node): Set<string> => {
    const names = new Set<string>();
    for (let p = node.parent; p; p = p.parent) {
      if (ts.isTryStatement(p)) {
        const pc = candidates.get(p);
        if (pc?.site?.stackName) names.add(pc.site.stackName);
      }
    }
    return names;
  };
  const freshName = (node: ts.Node, extra: Set<string> = new Set()): string => {
    const taken = enclosingStackNames(node);
    for (let i = 0; ; i++) {
      const name = i === 0 ? 'stack' : `stack_${i}`;
      if (!usedNames.has(name) && !taken.has(name) && !extra.has(name)) return name;
    }
  };

  // Pre-order: a parent is decided before the tries inside it.
  for (const node of all) {
    const c = candidates.get(node);
    if (!c || c.refusal || c.site) continue;
    // The root of a chain.
    const forOf = forOfUsingShape(node, text, checker, c.async);
    c.using = forOf ?? usingShape(node, text, checker, c.async);
    const root: Site = c.using
      ? { index: c.index, start: node.getStart(sf), shape: forOf ? 'for-of-using' : 'using', flattened: false, declaresStack: false, async: c.async, nestBody: false }
      : { index: c.index, start: node.getStart(sf), shape: 'block', flattened: false, stackName: freshName(node), declaresStack: true, async: c.async, nestBody: false };
    c.site = root;
    sites.push(root);

    // Flatten the chain of last-statement inner tries onto this block (spec 8.1 C, hazards 18 and 19).
    const blockNames = new Set<string>(c.bodyTop);
    if (c.using) blockNames.add(c.using.name);
    const members: Candidate[] = [];
    let current = c;
    let currentStack: { name: string; async: boolean } | undefined = root.shape === 'block' ? { name: root.stackName!, async: root.async } : undefined;
    for (;;) {
      if (current.node.catchClause) break;
      const last = current.node.tryBlock.statements.at(-1);
      if (!last || !ts.isTryStatement(last)) break;
      const inner = candidates.get(last);
      if (!inner || inner.refusal) break;
      const innerUsing = usingShape(last, text, checker, inner.async);
      // (b) no name of the inner block is already declared at the merged block's level.
      const innerNames = new Set(inner.bodyTop);
      if (innerUsing) innerNames.add(innerUsing.name);
      const newNames = new Set(inner.bodyTop);
      if ([...newNames].some((n) => blockNames.has(n))) break;
      // (c) the inner finally does not read a name its own body declares.
      if ([...inner.finallyNames].some((n) => inner.bodyTop.has(n))) break;
      // (c') earlier members' finallies do not read a name the inner body brings to the merged level.
      if (members.some((m) => [...m.finallyNames].some((n) => newNames.has(n)))) break;
      inner.using = innerUsing;
      let site: Site;
      if (innerUsing) {
        site = { index: inner.index, start: last.getStart(sf), shape: 'using', flattened: true, declaresStack: false, async: inner.async, nestBody: false };
      } else if (currentStack && currentStack.async === inner.async) {
        site = { index: inner.index, start: last.getStart(sf), shape: 'block', flattened: true, stackName: currentStack.name, declaresStack: false, async: inner.async, nestBody: false };
      } else {
        const name = freshName(last, new Set(currentStack ? [currentStack.name] : []));
        site = { index: inner.index, start: last.getStart(sf), shape: 'block', flattened: true, stackName: name, declaresStack: true, async: inner.async, nestBody: false };
        currentStack = { name, async: inner.async };
      }
      inner.site = site;
      sites.push(site);
      members.push(inner);
      for (const n of innerNames) blockNames.add(n);
      current = inner;
    }
    // Hazard 18 for the root: its finally must not read a name declared at the merged block level.
    if (root.shape === 'block' && !node.catchClause) {
      const levelNames = new Set(c.bodyTop);
      for (const m of members) {
        for (const n of m.bodyTop) levelNames.add(n);
        if (m.using) levelNames.add(m.using.name);
        if (m.site?.declaresStack && m.site.stackName) levelNames.add(m.site.stackName);
      }
      if ([...c.finallyNames].some((n) => levelNames.has(n))) root.nestBody = true;
    }
  }

  return { sites, refusals };
}
