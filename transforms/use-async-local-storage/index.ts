/**
 * use-async-local-storage: moves module-level per-task state (save / set / restore around work) into
 * AsyncLocalStorage scopes. Spec: specs/use-async-local-storage.md. Only `new AsyncLocalStorage<T>()`,
 * `storage.run(value, () => …)` and `storage.getStore()` are emitted.
 */
import type { Expression, SourceFile, TypeChecker } from 'ts-morph';
import { Node, SyntaxKind, ts } from '../../src/ts-morph.cjs';
import { defineTransform } from '../../src/transform-api/define-transform.js';
import type { TextEdit, TransformContext } from '../../src/transform-api/types.js';
import {
  REASONS,
  findScopes,
  findSlots,
  isDeferred,
  isFunctionLike,
  isInPlaceMutation,
  type Analysis,
  type Ref,
  type Scope,
  type SetEntry,
  type Setter,
  type Slot,
} from './analyze.js';
import { targetRefusal } from './detect.js';
import { TextModel } from './text.js';

type Form = 'literal' | 'initial' | 'undef' | 'helper' | 'robox' | 'box';

interface SlotPlan {
  slot: Slot;
  form: Form;
  typeText: string;
  init?: string;
  storage: string;
  initial?: string;
  reader?: string;
  root?: string;
  box?: string;
}

interface Plan {
  edits: TextEdit[];
}

type Ctx = TransformContext<Record<string, never>>;

const PRIMITIVE_KINDS = new Set([
  SyntaxKind.StringLiteral,
  SyntaxKind.NumericLiteral,
  SyntaxKind.BigIntLiteral,
  SyntaxKind.TrueKeyword,
  SyntaxKind.FalseKeyword,
  SyntaxKind.NullKeyword,
  SyntaxKind.NoSubstitutionTemplateLiteral,
]);

function isPrimitiveLiteral(node: Node | undefined): boolean {
  if (!node) return true;
  if (PRIMITIVE_KINDS.has(node.getKind())) return true;
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.MinusToken && Node.isNumericLiteral(node.getOperand())) return true;
  return Node.isIdentifier(node) && node.getText() === 'undefined';
}

function isUndefinedInit(node: Node | undefined): boolean {
  return !node || (Node.isIdentifier(node) && node.getText() === 'undefined') || (Node.isVoidExpression(node) && Node.isNumericLiteral(node.getExpression()));
}

export default defineTransform<Record<string, never>, Plan>({
  name: 'use-async-local-storage',
  summary: 'Move module-level per-task state saved/set/restored around work into AsyncLocalStorage scopes',
  needsTypes: true,
  collect(file, ctx) {
    return collectPlan(file, ctx as Ctx);
  },
  apply(_file, plan) {
    return plan.edits;
  },
});

/** Cheap syntactic test: could this file have a slot at all? (Avoids building the type checker otherwise.) */
function mayHaveSlots(file: SourceFile): boolean {
  for (const stmt of file.getStatements()) {
    if (Node.isVariableStatement(stmt)) {
      const kind = stmt.getDeclarationKind();
      if (kind === 'let' || kind === 'var') return true;
      if (stmt.getDeclarations().some((d) => Node.isObjectLiteralExpression(d.getInitializer()))) return true;
    }
    if (Node.isClassDeclaration(stmt) && stmt.getProperties().some((p) => p.isStatic())) return true;
  }
  return false;
}

function collectPlan(file: SourceFile, ctx: Ctx): Plan | undefined {
  if (file.isDeclarationFile() || !mayHaveSlots(file)) return undefined;
  if (/\.[cm]?jsx?$/i.test(file.getFilePath()) && !ctx.compilerOptions.allowJs && !ctx.compilerOptions.checkJs) {
    ctx.skip('use-async-local-storage needs the type checker, and this JavaScript file is not part of the TypeScript program (allowJs is off)');
    return undefined;
  }
  const checker = ctx.getTypeChecker();
  const analysis = findSlots(file, checker);
  const candidates = analysis.slots.filter((s) => s.refs.some((r) => r.kind === 'write' || r.kind === 'destructure'));
  const statics = writtenStaticFields(file);
  if (candidates.length === 0 && statics.length === 0) return undefined;
  const warnings: Array<{ pos: number; message: string }> = [];
  for (const field of statics) {
    const cls = field.getParent() as import('ts-morph').ClassDeclaration;
    const name = `${cls.getName() ?? '(class)'}.${field.getName()}`;
    const isPublic = !field.hasModifier(SyntaxKind.PrivateKeyword) && !field.hasModifier(SyntaxKind.ProtectedKeyword) && !Node.isPrivateIdentifier(field.getNameNode());
    const exported = Node.isClassDeclaration(cls) && (cls.isExported() || cls.isDefaultExport());
    warnings.push({
      pos: field.getStart(),
      message: isPublic && exported
        ? `left alone: '${name}': ${REASONS.publicStatic}`
        : `left alone: '${name}': ${REASONS.staticField}`,
    });
  }
  const warn = (node: Node, message: string) => warnings.push({ pos: node.getStart(), message });
  const flush = () => {
    warnings.sort((a, b) => a.pos - b.pos);
    for (const w of warnings) ctx.warn(w.pos, w.message);
  };

  if (candidates.length === 0) {
    flush();
    return undefined;
  }
  const target = targetRefusal(file, ctx, checker);
  if (target) {
    for (const slot of candidates) warn(anchorOf(slot), `left alone: '${slot.label}': ${target}`);
    flush();
    return undefined;
  }

  const scopes = findScopes(file, analysis);
  const owned = refuseSlots(candidates, scopes, analysis, file, checker, ctx);
  const converted = candidates.filter((s) => !s.refusal);
  for (const slot of candidates) {
    if (slot.refusal) warn(slot.refusal.node, `left alone: '${slot.label}': ${slot.refusal.reason}`);
  }
  if (converted.length === 0) {
    flush();
    return undefined;
  }
  const plans = planSlots(converted, file, checker, ctx, owned);
  // Slots refused while typing them.
  for (const slot of converted) {
    if (slot.refusal) warn(slot.refusal.node, `left alone: '${slot.label}': ${slot.refusal.reason}`);
  }
  const liveScopes = scopes.filter((s) => !s.refusal && s.sets.every((set) => plans.has(set.slot)));
  if (plans.size === 0) {
    flush();
    return undefined;
  }
  const edits = buildEdits(file, ctx, analysis, plans, liveScopes, warn);
  flush();
  return { edits };
}

// ---------------------------------------------------------------------------------------------------------------
// Refusals.

function refuseSlots(candidates: Slot[], scopes: Scope[], analysis: Analysis, file: SourceFile, checker: TypeChecker, ctx: Ctx): Set<Ref> {
  void file;
  void checker;
  void ctx;
  const refuse = (slot: Slot, node: Node, reason: string) => {
    slot.refusal ??= { node, reason };
  };
  const evalOrWith = file.getDescendants().find((n) => Node.isWithStatement(n) || (Node.isCallExpression(n) && n.getExpression().getText() === 'eval'));
  for (const slot of candidates) {
    if (slot.refusal) continue;
    if (evalOrWith) refuse(slot, evalOrWith, REASONS.evalWith);
    if (!slot.field && !slot.object && (slot.stmt as import('ts-morph').VariableStatement).getDeclarationKind() === 'var') {
      const early = slot.refs.find((r) => r.kind !== 'decl' && r.id.getStart() < slot.decl.getStart() && !r.id.getAncestors().some((a) => isFunctionLike(a)));
      if (early) refuse(slot, early.id, REASONS.var);
    }
    if (slot.field) {
      if (!isPrimitiveLiteral(slot.field.prop.getInitializer())) refuse(slot, slot.decl, REASONS.fieldInit);
      if (slot.field.prop.hasQuestionToken()) refuse(slot, slot.decl, REASONS.fieldInit);
    } else if (!slot.object && (slot.stmt as import('ts-morph').VariableStatement).isExported()) refuse(slot, slot.decl, REASONS.exported);
    const exportRef = slot.refs.find((r) => r.kind === 'export');
    if (exportRef) refuse(slot, exportRef.id, REASONS.exported);
    if (!slot.field && !slot.object && (slot.stmt as import('ts-morph').VariableStatement).getDeclarations().length !== 1) refuse(slot, slot.decl, REASONS.multiDecl);
    const typeQuery = slot.refs.find((r) => r.kind === 'typequery');
    if (typeQuery) refuse(slot, typeQuery.id, REASONS.typeQuery);
    const destructure = slot.refs.find((r) => r.kind === 'destructure');
    if (destructure) refuse(slot, destructure.id, REASONS.destructure);
    const mutation = slot.refs.find((r) => r.kind === 'read' && isInPlaceMutation(r));
    if (mutation) refuse(slot, mutation.id, REASONS.container);
  }
  for (const scope of scopes) {
    if (scope.refusal) for (const set of scope.sets) refuse(set.slot, scope.refusal.node, scope.refusal.reason);
  }
  const live = new Set(scopes.filter((s) => !s.refusal));
  const owned = new Set<Ref>();
  for (let changed = true; changed; ) {
    owned.clear();
    changed = false;
    for (const scope of [...live]) {
      const refused = scope.sets.find((set) => set.slot.refusal);
      if (!refused) continue;
      live.delete(scope);
      changed = true;
      for (const set of scope.sets) {
        if (!set.slot.refusal) refuse(set.slot, scope.first, `set together with '${refused.slot.label}' in one scope, which is left alone`);
      }
    }
    if (changed) continue;
    const claimed = claimedRefs(live);
    const consumedCalls = consumedSetterCalls(live);
    for (const slot of candidates) {
      if (slot.refusal) continue;
      const slotScopes = [...live].filter((s) => s.sets.some((set) => set.slot === slot));
      const setters = [...analysis.setters.values()].filter((s) => s.slot === slot);
      const setterWrites = new Set<Ref>();
      for (const setter of setters) {
        const used = slotScopes.some((s) => s.sets.some((set) => set.setter === setter));
        const allConsumed = setter.calls.every((c) => consumedCalls.has(c));
        if (used && !allConsumed) {
          refuse(slot, setter.calls.find((c) => !consumedCalls.has(c)) ?? setter.fn, REASONS.setterEscapes);
          changed = true;
        }
        if (used && allConsumed) {
          for (const ref of slot.refs) if (ref.id.getAncestors().includes(setter.fn)) setterWrites.add(ref);
        }
      }
      for (const ref of claimed) owned.add(ref);
      for (const ref of setterWrites) owned.add(ref);
      if (slot.refusal) continue;
      const unclaimed = slot.refs.filter((r) => r.kind === 'write' && !claimed.has(r) && !setterWrites.has(r));
      const deferred = unclaimed.find((r) => isDeferred(r.id));
      if (slotScopes.length === 0) {
        const first = unclaimed[0]?.id ?? slot.decl;
        const counter = unclaimed.length > 0 && unclaimed.every((r) => isCounterWrite(r.write!));
        const inFinally = unclaimed.find((r) => r.id.getAncestors().some((a) => Node.isBlock(a) && Node.isTryStatement(a.getParent()) && (a.getParent() as import('ts-morph').TryStatement).getFinallyBlock() === a));
        if (inFinally) refuse(slot, inFinally.id, REASONS.unrecognised);
        else refuse(slot, first, counter ? REASONS.counter : REASONS.noScope);
        changed = true;
      } else if (deferred) {
        refuse(slot, deferred.id, REASONS.deferred);
        changed = true;
      }
    }
  }
  return owned;
}

/** Static, non-readonly class fields that the module writes (`C.x = …`, `this.x = …` in static code). */
function writtenStaticFields(file: SourceFile): import('ts-morph').PropertyDeclaration[] {
  const out: import('ts-morph').PropertyDeclaration[] = [];
  for (const cls of file.getDescendantsOfKind(SyntaxKind.ClassDeclaration)) {
    const className = cls.getName();
    for (const prop of cls.getProperties()) {
      if (!prop.isStatic() || prop.isReadonly()) continue;
      // Private static fields are slots of their own (analyze.ts, case 17).
      if (prop.hasModifier(SyntaxKind.PrivateKeyword) || Node.isPrivateIdentifier(prop.getNameNode())) continue;
      const name = prop.getName();
      const written = file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression).some((pa) => {
        if (pa.getName() !== name) return false;
        const target = pa.getExpression();
        const ok = (Node.isIdentifier(target) && target.getText() === className) || Node.isThisExpression(target);
        if (!ok) return false;
        const parent = pa.getParent();
        if (Node.isBinaryExpression(parent) && parent.getLeft() === pa) {
          const k = parent.getOperatorToken().getKind();
          return k >= SyntaxKind.FirstAssignment && k <= SyntaxKind.LastAssignment;
        }
        return (Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent)) && (parent.getOperatorToken() === SyntaxKind.PlusPlusToken || parent.getOperatorToken() === SyntaxKind.MinusMinusToken);
      });
      if (written) out.push(prop);
    }
  }
  return out;
}

/** The union of the (widened) types of the initializer and of every value assigned to an implicitly-typed slot. */
function assignedUnion(slot: Slot, anchor: Node): { text: string; undef: boolean; nul: boolean } | undefined {
  const exprs: Node[] = [];
  const init = slot.object ? slot.object.init : slot.decl.getInitializer();
  if (init) exprs.push(init);
  for (const ref of slot.refs) {
    if (ref.kind !== 'write' || !ref.write) continue;
    if (!Node.isBinaryExpression(ref.write) || ref.write.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return undefined;
    exprs.push(ref.write.getRight());
  }
  const texts: string[] = [];
  let undef = !init;
  let nul = false;
  for (const expr of exprs) {
    const t = expr.getType();
    if (t.isAny() || t.isUnknown()) {
      // `x = prev` restores carry the slot's own (any) type: skip reads of saves, refuse anything else.
      if (Node.isIdentifier(expr)) continue;
      return undefined;
    }
    for (const part of t.isUnion() ? t.getUnionTypes() : [t]) {
      const base = part.isLiteral() || part.isBooleanLiteral() ? part.getBaseTypeOfLiteralType() : part;
      if (base.isUndefined()) undef = true;
      if (base.isNull()) nul = true;
      const text = base.getText(anchor, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
      if (text.includes('import(') || text === 'any') return undefined;
      if (!texts.includes(text)) texts.push(text);
    }
  }
  if (undef && !texts.includes('undefined')) texts.push('undefined');
  if (texts.length === 0) return undefined;
  // null/undefined last, as people write them.
  const order = (t: string) => (t === 'null' ? 1 : t === 'undefined' ? 2 : 0);
  texts.sort((a, b) => order(a) - order(b));
  return { text: texts.join(' | '), undef, nul };
}

function isCounterWrite(write: Node): boolean {
  if (Node.isPrefixUnaryExpression(write) || Node.isPostfixUnaryExpression(write)) return true;
  if (Node.isBinaryExpression(write)) {
    const k = write.getOperatorToken().getKind();
    return k === SyntaxKind.PlusEqualsToken || k === SyntaxKind.MinusEqualsToken;
  }
  return false;
}

function claimedRefs(live: Iterable<Scope>): Set<Ref> {
  const out = new Set<Ref>();
  for (const scope of live) for (const set of scope.sets) for (const ref of set.writeRefs) out.add(ref);
  return out;
}

function consumedSetterCalls(live: Iterable<Scope>): Set<Node> {
  const out = new Set<Node>();
  for (const scope of live) {
    for (const set of scope.sets) {
      if (!set.setter) continue;
      const init = (set.stmt as import('ts-morph').VariableStatement).getDeclarations()[0]!.getInitializer() as import('ts-morph').CallExpression;
      out.add(init.getExpression());
      if (set.kind === 'p3' && set.restore && Node.isExpressionStatement(set.restore)) {
        const call = set.restore.getExpression();
        if (Node.isCallExpression(call)) out.add(call.getExpression());
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Forms, types and names.

function planSlots(slots: Slot[], file: SourceFile, checker: TypeChecker, ctx: Ctx, owned: Set<Ref>): Map<Slot, SlotPlan> {
  void checker;
  const used = new Set(file.getDescendantsOfKind(SyntaxKind.Identifier).map((id) => id.getText()));
  const unique = (base: string) => {
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}${n}`;
    used.add(name);
    return name;
  };
  const strict = ctx.compilerOptions.strict === true ? ctx.compilerOptions.strictNullChecks !== false : ctx.compilerOptions.strictNullChecks === true;
  const plans = new Map<Slot, SlotPlan>();
  for (const slot of slots) {
    const decl = slot.decl;
    let evolving: { text: string; undef: boolean; nul: boolean } | undefined;
    const typeNode = slot.object ? undefined : decl.getTypeNode();
    const type = slot.object ? slot.object.prop.getSymbol()!.getTypeAtLocation(slot.object.prop) : decl.getType();
    let typeText: string;
    if (typeNode) typeText = typeNode.getText();
    else if (slot.object?.typeText) typeText = slot.object.typeText;
    else if (type.isAny()) {
      // `let x;` / `let x = null`: the union of the types of every assigned value (spec §4.4).
      const union = assignedUnion(slot, anchorOf(slot));
      if (!union) {
        slot.refusal = { node: decl, reason: REASONS.anyType };
        continue;
      }
      typeText = union.text;
      evolving = union;
    } else {
      typeText = type.getText(anchorOf(slot), ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
      if (typeText.includes('import(')) {
        slot.refusal = { node: decl, reason: REASONS.typeNotNameable };
        continue;
      }
    }
    const parts = type.isUnion() ? type.getUnionTypes() : [type];
    const loose = !strict || (!evolving && (type.isAny() || type.isUnknown()));
    const incUndef = loose || (evolving ? evolving.undef : parts.some((t) => t.isUndefined() || (t.getFlags() & ts.TypeFlags.Void) !== 0));
    const incNull = loose || (evolving ? evolving.nul : parts.some((t) => t.isNull()));
    const initNode = slot.object ? slot.object.init : decl.getInitializer();
    const init = initNode?.getText();
    const hasUnscoped = slot.refs.some((r) => r.kind === 'write' && !owned.has(r));
    // A value typed any/unknown (or including undefined) may be undefined at run time even when T is not:
    // then `getStore() ?? INIT` would not be exact, so such slots use the read-only box.
    const looseValue = slot.refs.some((r) => {
      if (r.kind !== 'write' || !r.write || !Node.isBinaryExpression(r.write) || r.write.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return false;
      const right = r.write.getRight();
      // Restores assign the saved value (`x = prev` where `const prev = x`): the slot's own type.
      if (Node.isIdentifier(right)) {
        const init = right.getSymbol()?.getDeclarations()[0];
        if (init && Node.isVariableDeclaration(init) && slot.refs.some((ref) => ref.id === init.getInitializer())) return false;
      }
      const t = right.getType();
      return t.isAny() || t.isUnknown() || (t.isUnion() ? t.getUnionTypes() : [t]).some((u) => u.isUndefined());
    });
    let form: Form;
    if (hasUnscoped) form = 'box';
    else if (isUndefinedInit(initNode)) form = 'undef';
    else if (incUndef || looseValue) form = 'robox';
    else if (incNull && init !== 'null') form = 'helper';
    else form = isPrimitiveLiteral(initNode) ? 'literal' : 'initial';
    const base = slot.name.replace(/^#/, '');
    const storage = slot.field ? `${slot.field.className}.${slot.name}` : unique(`${base}Storage`);
    if (slot.object && typeText.includes('import(')) {
      slot.refusal = { node: anchorOf(slot), reason: REASONS.typeNotNameable };
      continue;
    }
    const plan: SlotPlan = { slot, form, typeText, init, storage };
    const cap = base[0]!.toUpperCase() + base.slice(1);
    if (form === 'initial' || (form === 'helper' && !isPrimitiveLiteral(initNode))) plan.initial = unique(`${base}Initial`);
    if (form === 'helper') plan.reader = unique(`read${cap}`);
    if (form === 'robox' || form === 'box') plan.root = unique(`${base}Root`);
    if (form === 'box') plan.box = unique(`${base}Box`);
    plans.set(slot, plan);
  }
  return plans;
}


// ---------------------------------------------------------------------------------------------------------------
// Edits.

function readExpr(plan: SlotPlan): string {
  switch (plan.form) {
    case 'literal':
      return `${plan.storage}.getStore() ?? ${plan.init}`;
    case 'initial':
      return `${plan.storage}.getStore() ?? ${plan.initial}`;
    case 'undef':
      return `${plan.storage}.getStore()`;
    case 'helper':
      return `${plan.reader}()`;
    case 'robox':
      return `(${plan.storage}.getStore() ?? ${plan.root}).value`;
    case 'box':
      return `${plan.box}().value`;
  }
}

function needsParens(plan: SlotPlan): boolean {
  return plan.form === 'literal' || plan.form === 'initial';
}

/** Whether an inline `a ?? b` read must be parenthesised at `id`. */
function parensAt(id: Node): boolean {
  const parent = id.getParent()!;
  if (
    Node.isReturnStatement(parent) ||
    Node.isVariableDeclaration(parent) ||
    Node.isTemplateSpan(parent) ||
    Node.isArrayLiteralExpression(parent) ||
    Node.isPropertyAssignment(parent) ||
    Node.isParenthesizedExpression(parent) ||
    Node.isExpressionStatement(parent) ||
    Node.isSpreadElement(parent) ||
    Node.isConditionalExpression(parent)
  ) {
    return false;
  }
  if ((Node.isCallExpression(parent) || Node.isNewExpression(parent)) && parent.getExpression() !== id) return false;
  if (Node.isArrowFunction(parent) && parent.getBody() === id) return false;
  if (Node.isBinaryExpression(parent)) {
    const k = parent.getOperatorToken().getKind();
    if (k === SyntaxKind.QuestionQuestionToken || k === SyntaxKind.CommaToken) return false;
    if (k >= SyntaxKind.FirstAssignment && k <= SyntaxKind.LastAssignment && parent.getRight() === id) return false;
  }
  return true;
}

function buildEdits(
  file: SourceFile,
  ctx: Ctx,
  analysis: Analysis,
  plans: Map<Slot, SlotPlan>,
  scopes: Scope[],
  warn: (node: Node, message: string) => void,
): TextEdit[] {
  const eol = ctx.eol;
  const protectedRanges: Array<[number, number]> = [];
  file.forEachDescendant((n) => {
    if (Node.isTemplateExpression(n) || Node.isNoSubstitutionTemplateLiteral(n) || Node.isStringLiteral(n)) protectedRanges.push([n.getStart(), n.getEnd()]);
  });
  const model = new TextModel(file.getFullText(), protectedRanges);

  // Scope regions → scope, for read contexts.
  const regionOwner = new Map<Node, Scope>();
  for (const scope of scopes) for (const region of scope.regions) regionOwner.set(region, scope);
  const claimed = claimedRefs(scopes);
  const deletedSetters = new Set<Setter>();
  for (const setter of analysis.setters.values()) {
    if (scopes.some((s) => s.sets.some((set) => set.setter === setter)) && plans.has(setter.slot)) deletedSetters.add(setter);
  }
  const inDeletedSetter = (node: Node) => [...deletedSetters].some((s) => node.getAncestors().includes(s.fn));
  const droppedSaves = new Set<Node>();
  for (const scope of scopes) for (const set of scope.sets) if (set.save && !scope.keptSaves.includes(set.save)) droppedSaves.add(set.save);
  const inDropped = (node: Node) => node.getAncestors().some((a) => droppedSaves.has(a));

  type Context = { kind: 'inline' } | { kind: 'fn'; fn: Node } | { kind: 'scope'; scope: Scope };
  const contextOf = (id: Node): Context => {
    let child: Node = id;
    for (let a = id.getParent(); a; child = a, a = a.getParent()) {
      const owner = regionOwner.get(a);
      if (owner) return owner.collapsed || owner.kind !== 'P1' ? { kind: 'inline' } : { kind: 'scope', scope: owner };
      if (Node.isPropertyDeclaration(a) || Node.isClassStaticBlockDeclaration(a)) return { kind: 'inline' };
      if (isFunctionLike(a)) {
        const body = (a as import('ts-morph').FunctionDeclaration).getBody?.();
        if (!body || child !== body || !Node.isBlock(body)) return { kind: 'inline' };
        if (Node.isConstructorDeclaration(a)) return { kind: 'inline' };
        if ((Node.isFunctionDeclaration(a) || Node.isFunctionExpression(a) || Node.isMethodDeclaration(a)) && a.isGenerator()) return { kind: 'inline' };
        return { kind: 'fn', fn: a };
      }
    }
    return { kind: 'inline' };
  };

  // Reads per context.
  interface ReadSite {
    ref: Ref;
    plan: SlotPlan;
    ctx: Context;
  }
  const reads: ReadSite[] = [];
  for (const plan of plans.values()) {
    for (const ref of plan.slot.refs) {
      if (ref.kind !== 'read' && ref.kind !== 'shorthand') continue;
      if (inDeletedSetter(ref.id) || inDropped(ref.id)) continue;
      reads.push({ ref, plan, ctx: plan.form === 'box' ? { kind: 'inline' } : contextOf(ref.id) });
    }
  }
  const fnReads = new Map<Node, ReadSite[]>();
  const scopeReads = new Map<Scope, ReadSite[]>();
  for (const r of reads) {
    if (r.ctx.kind === 'fn') fnReads.set(r.ctx.fn, [...(fnReads.get(r.ctx.fn) ?? []), r]);
    if (r.ctx.kind === 'scope') scopeReads.set(r.ctx.scope, [...(scopeReads.get(r.ctx.scope) ?? []), r]);
  }
  const hoisted = new Set<ReadSite>();
  const hoistedFnSlots = new Map<Node, SlotPlan[]>();
  for (const [fn, sites] of fnReads) {
    if (sites.length === 1 && inlineSingle(fn, sites[0]!.ref.id)) continue;
    for (const s of sites) hoisted.add(s);
    hoistedFnSlots.set(fn, uniquePlans(sites));
  }
  for (const sites of scopeReads.values()) for (const s of sites) hoisted.add(s);
  const hoistsIn = (fn: Node | undefined, slot: Slot) => !!fn && (hoistedFnSlots.get(fn) ?? []).some((p) => p.slot === slot);
  /** The name of a hoisted read: the variable's own name, or for a static field a name free in that function. */
  const localNames = new Map<string, string>();
  const localName = (slot: Slot, container: Node | undefined): string => {
    if (!slot.field && !slot.object) return slot.name;
    const scopeNode = container ?? file;
    const key = `${scopeNode.getStart()}:${scopeNode.getEnd()}:${slot.name}`;
    const known = localNames.get(key);
    if (known) return known;
    const used = new Set(
      scopeNode
        .getDescendantsOfKind(SyntaxKind.Identifier)
        .filter((id) => {
          const parent = id.getParent();
          return !(Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id);
        })
        .map((id) => id.getText()),
    );
    const base = slot.name.replace(/^#/, '');
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}${n}`;
    localNames.set(key, name);
    return name;
  };
  // Hoisted reads of static fields are replaced by the local name.
  for (const site of hoisted) {
    if (!site.plan.slot.field && !site.plan.slot.object) continue;
    const container = site.ctx.kind === 'fn' ? site.ctx.fn : site.ctx.kind === 'scope' ? site.ctx.scope.functionNode : undefined;
    const id = site.ref.id;
    model.add({ start: id.getStart(), end: id.getEnd(), render: () => localName(site.plan.slot, container) });
  }

  // Inline read replacements.
  for (const site of reads) {
    if (hoisted.has(site)) continue;
    const id = site.ref.id;
    let text = readExpr(site.plan);
    if (site.ref.kind === 'shorthand') {
      model.add({ start: id.getStart(), end: id.getEnd(), render: () => `${id.getText()}: ${text}` });
      continue;
    }
    const parent = id.getParent()!;
    if (needsParens(site.plan)) {
      if (Node.isBinaryExpression(parent) && parent.getLeft() === id && parent.getOperatorToken().getKind() === SyntaxKind.QuestionQuestionToken && isUndefinedOrNullText(site.plan.init)) {
        text = `${site.plan.storage}.getStore()`;
      } else if (parensAt(id)) text = `(${text})`;
    }
    model.add({ start: id.getStart(), end: id.getEnd(), render: () => text });
  }
  // Hoisted reads at the top of functions.
  for (const [fn, slotPlans] of hoistedFnSlots) {
    const body = (fn as import('ts-morph').FunctionDeclaration).getBody() as import('ts-morph').Block;
    const stmts = body.getStatements();
    let firstIndex = 0;
    while (firstIndex < stmts.length && Node.isExpressionStatement(stmts[firstIndex]) && Node.isStringLiteral((stmts[firstIndex] as import('ts-morph').ExpressionStatement).getExpression())) firstIndex++;
    const first = stmts[firstIndex]!;
    const at = first.getStart();
    const indent = model.indentAt(at);
    model.add({
      start: at,
      end: at,
      render: (delta) => slotPlans.map((p) => `const ${localName(p.slot, fn)} = ${readExpr(p)};${eol}${model.shift(indent, delta)}`).join(''),
    });
  }
  // Box writes.
  for (const plan of plans.values()) {
    if (plan.form !== 'box') continue;
    for (const ref of plan.slot.refs) {
      if (ref.kind !== 'write' || claimed.has(ref) || inDeletedSetter(ref.id)) continue;
      model.add({ start: ref.id.getStart(), end: ref.id.getEnd(), render: () => `${plan.box}().value` });
    }
  }
  // Deleted setters.
  for (const setter of deletedSetters) {
    model.add({ start: setter.fn.getFullStart(), end: setter.fn.getEnd(), render: () => '' });
  }
  // Scopes.
  const js = /\.[cm]?jsx?$/i.test(file.getFilePath());
  const alsName = importEdit(file, model, eol, isCommonJs(file));
  for (const scope of scopes) {
    const fn = scope.functionNode;
    const valueOf = (set: SetEntry, delta: number): string => {
      const plan = plans.get(set.slot)!;
      let value: string;
      if (set.kind === 'inc') {
        const read = hoistsIn(fn, set.slot) ? localName(set.slot, fn) : needsParens(plan) ? `(${readExpr(plan)})` : readExpr(plan);
        const amount = set.value && !isSimple(set.value) ? `(${set.amount})` : set.amount;
        value = `${read} ${set.op} ${amount}`;
      } else {
        value = model.render(set.value!.getStart(), set.value!.getEnd(), delta);
      }
      return plan.form === 'box' || plan.form === 'robox' ? `{ value: ${value} }` : value;
    };
    const chain = (cb: string, delta: number): string => {
      let text = cb;
      for (let k = scope.sets.length - 1; k >= 0; k--) {
        const set = scope.sets[k]!;
        text = `${plans.get(set.slot)!.storage}.run(${valueOf(set, delta)}, ${k === scope.sets.length - 1 ? text : `() => ${text}`})`;
      }
      return text;
    };
    const I = model.indentAt(scope.first.getStart());
    const exprCallback = (expr: Expression, delta: number, isAsync: boolean) => {
      let body = model.render(expr.getStart(), expr.getEnd(), delta);
      if (Node.isObjectLiteralExpression(expr)) body = `(${body})`;
      return `${isAsync ? 'async ' : ''}() => ${body}`;
    };
    const blockCallback = (d: number): string => {
      const lines: string[] = [];
      const inner = model.shift(I, d + 1);
      for (const p of uniquePlans(scopeReads.get(scope) ?? [])) lines.push(`${inner}const ${localName(p.slot, scope.functionNode)} = ${readExpr(p)};`);
      if (scope.between.length > 0) {
        const a = scope.between[0]!.getStart();
        lines.push(inner + model.render(a, scope.between[scope.between.length - 1]!.getEnd(), d + 1));
      }
      const tryNode = scope.tryNode as import('ts-morph').TryStatement;
      const catchClause = tryNode.getCatchClause();
      if (!catchClause && scope.f1.length === 0) {
        const st = tryNode.getTryBlock().getStatements();
        if (st.length > 0) {
          const ranges = st[0]!.getLeadingCommentRanges();
          const a = ranges.length > 0 ? ranges[0]!.getPos() : st[0]!.getStart();
          lines.push(model.shift(model.indentAt(a), d) + model.render(a, st[st.length - 1]!.getEnd(), d));
        }
      } else {
        let text = inner + model.render(tryNode.getStart(), (catchClause ?? tryNode.getTryBlock()).getEnd(), d + 1);
        if (scope.f1.length > 0) {
          const f1 = scope.f1;
          text += ` finally {${eol}${model.shift(model.indentAt(f1[0]!.getStart()), d + 1)}${model.render(f1[0]!.getStart(), f1[f1.length - 1]!.getEnd(), d + 1)}${eol}${inner}}`;
        }
        lines.push(text);
      }
      if (lines.length === 0) return `${scope.isAsync ? 'async ' : ''}() => {}`;
      return `${scope.isAsync ? 'async ' : ''}() => {${eol}${lines.join(eol)}${eol}${model.shift(I, d)}}`;
    };
    const runStatement = (d: number): string => {
      if (scope.kind === 'P1' && scope.collapsed) {
        return `${scope.collapsed.prefix}${chain(exprCallback(scope.collapsed.expr, d - 1, false), d)};`;
      }
      if (scope.kind !== 'P1') {
        const exprDelta = d;
        if (scope.collapsed) return `${scope.collapsed.prefix}${chain(exprCallback(scope.collapsed.expr, exprDelta, false), d)};`;
        return `return await ${chain(exprCallback(scope.expr!, exprDelta, true), d)};`;
      }
      const prefix = scope.hasReturn ? (scope.isAsync ? 'return await ' : 'return ') : scope.isAsync ? 'await ' : '';
      return `${prefix}${chain(blockCallback(d), d)};`;
    };
    model.add({
      start: scope.first.getStart(),
      end: scope.last.getEnd(),
      render: (delta) => {
        const base = model.shift(I, delta);
        let out = '';
        for (const kept of scope.keptSaves) out += model.render(kept.getStart(), kept.getEnd(), delta) + eol + base;
        if (scope.f2.length > 0) {
          const f2 = scope.f2;
          out += `try {${eol}${model.shift(I, delta + 1)}${runStatement(delta + 1)}${eol}${base}} finally {${eol}`;
          out += `${model.shift(model.indentAt(f2[0]!.getStart()), delta)}${model.render(f2[0]!.getStart(), f2[f2.length - 1]!.getEnd(), delta)}${eol}${base}}`;
        } else out += runStatement(delta);
        return out;
      },
    });
    const names = scope.sets.map((s) => `'${s.slot.label}'`).join(', ') + (scope.sets.length > 1 ? ' are' : ' is');
    let message: string;
    if (scope.kind === 'P6') {
      message = `behaviour change: ${names} now scoped by run() instead of being restored when the promise settles; callers that do not await the result no longer see the value until it settles`;
    } else if (scope.isAsync || (scope.collapsed?.prefix.includes('await') ?? false)) {
      message = `behaviour change: ${names} now scoped by run(); work the scope starts without awaiting (timers, un-awaited promises) keeps the scope's value`;
    } else {
      message = `behaviour change: ${names} now scoped by run(); async callbacks keep seeing the scope's value after their first await (before: the restored value), and so do timers they start`;
    }
    if (scope.kind === 'P2') message += '; on throw the value is now restored (before: it leaked)';
    warn(scope.first, message);
  }
  // Declarations.
  for (const plan of plans.values()) {
    const { slot } = plan;
    const lines: string[] = [];
    const T = plan.typeText;
    const init = plan.init ?? 'undefined';
    // JavaScript files get no type annotations.
    const ty = (text: string) => (js ? '' : text);
    const als = `new ${alsName}`;
    switch (plan.form) {
      case 'literal':
      case 'undef':
        lines.push(`const ${plan.storage} = ${als}${ty(`<${T}>`)}();`);
        break;
      case 'initial':
        lines.push(`const ${plan.storage} = ${als}${ty(`<${T}>`)}();`, `const ${plan.initial}${ty(`: ${T}`)} = ${init};`);
        break;
      case 'helper': {
        lines.push(`const ${plan.storage} = ${als}${ty(`<${T}>`)}();`);
        if (plan.initial) lines.push(`const ${plan.initial}${ty(`: ${T}`)} = ${init};`);
        const store = /\bstore\b/.test(init) ? 'store_' : 'store';
        const unit = model.unit;
        lines.push('', `function ${plan.reader}()${ty(`: ${T}`)} {`, `${unit}const ${store} = ${plan.storage}.getStore();`, `${unit}return ${store} === undefined ? ${plan.initial ?? init} : ${store};`, '}');
        break;
      }
      case 'robox':
        lines.push(`const ${plan.storage} = ${als}${ty(`<{ readonly value: ${T} }>`)}();`, `const ${plan.root}${ty(`: { readonly value: ${T} }`)} = { value: ${init} };`);
        break;
      case 'box': {
        const unit = model.unit;
        lines.push(
          `const ${plan.storage} = ${als}${ty(`<{ value: ${T} }>`)}();`,
          `const ${plan.root}${ty(`: { value: ${T} }`)} = { value: ${init} };`,
          '',
          `function ${plan.box}()${ty(`: { value: ${T} }`)} {`,
          `${unit}return ${plan.storage}.getStore() ?? ${plan.root};`,
          '}',
        );
        break;
      }
    }
    if (slot.field) {
      // The member keeps its name and modifiers and holds the storage; helpers go before the class.
      const { prop } = slot.field;
      const head = model.text.slice(prop.getStart(), prop.getNameNode().getEnd());
      const semi = prop.getText().trimEnd().endsWith(';') ? ';' : '';
      const storageLine = lines.shift()!.replace(/^const \S+ = /, '').replace(/;$/, '');
      model.add({ start: prop.getStart(), end: prop.getEnd(), render: () => `${head} = ${storageLine}${semi}` });
      while (lines[0] === '') lines.shift();
      if (lines.length > 0) {
        const cls = prop.getParent() as import('ts-morph').ClassDeclaration;
        const at = cls.getStart(true);
        model.add({ start: at, end: at, render: () => lines.join(eol) + eol + eol });
      }
    } else if (slot.object) {
      // The property leaves the object literal; its storage is declared right after the object.
      const [start, end] = propertyRemovalRange(slot.object.prop, model.text);
      model.add({ start, end, render: () => '' });
      const stmtEnd = slot.stmt.getEnd();
      model.add({ start: stmtEnd, end: stmtEnd, render: () => eol + lines.join(eol) });
    } else {
      model.add({ start: slot.stmt.getStart(), end: slot.stmt.getEnd(), render: () => lines.join(eol) });
    }
    const boxNote = plan.form === 'box' ? '; writes outside run() now go to the innermost scope (a per-scope box), or to the root value outside any scope' : '';
    warn(
      anchorOf(slot),
      `converted '${slot.label}' to AsyncLocalStorage (${plan.storage}); behaviour change: work that outlives a scope (timers, setImmediate, un-awaited promises, long-lived listeners) now sees and keeps alive the scope's value instead of whatever the variable holds later, and microtask tick counts change slightly${boxNote}`,
    );
  }
  return model.edits();
}

function anchorOf(slot: Slot): Node {
  return slot.object?.prop ?? slot.decl;
}

/** The text range to delete for a property of an object literal, with its comma and, on its own line, the line. */
function propertyRemovalRange(prop: Node, text: string): [number, number] {
  const literal = prop.getParent() as import('ts-morph').ObjectLiteralExpression;
  const props = literal.getProperties();
  const index = props.indexOf(prop as never);
  let lineStart = prop.getStart();
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  const ownLine = lineStart === 0 || text[lineStart - 1] === '\n';
  let end = prop.getEnd();
  if (text[end] === ',') end++;
  if (ownLine) {
    let e = end;
    while (e < text.length && (text[e] === ' ' || text[e] === '\t' || text[e] === '\r')) e++;
    if (text[e] === '\n') return [lineStart, e + 1];
  }
  if (index < props.length - 1) return [prop.getStart(), props[index + 1]!.getStart()];
  if (index > 0) return [props[index - 1]!.getEnd(), prop.getEnd()];
  return [prop.getStart(), end];
}

function isUndefinedOrNullText(init: string | undefined): boolean {
  return init === undefined || init === 'null' || init === 'undefined';
}

function isSimple(expr: Node): boolean {
  return Node.isIdentifier(expr) || Node.isNumericLiteral(expr) || Node.isPropertyAccessExpression(expr) || Node.isCallExpression(expr) || Node.isStringLiteral(expr);
}

function uniquePlans(sites: Array<{ plan: SlotPlan }>): SlotPlan[] {
  const out: SlotPlan[] = [];
  for (const s of sites) if (!out.includes(s.plan)) out.push(s.plan);
  return out;
}

/** A function with a single read keeps it inline when it is the return value (or an operand of it) or a whole initializer. */
function inlineSingle(fn: Node, id: Node): boolean {
  const parent = id.getParent()!;
  if (Node.isVariableDeclaration(parent) && parent.getInitializer() === id) return true;
  const body = (fn as import('ts-morph').FunctionDeclaration).getBody() as import('ts-morph').Block;
  const stmts = body.getStatements();
  if (stmts.length !== 1 || !Node.isReturnStatement(stmts[0])) return false;
  const expr = stmts[0].getExpression();
  if (!expr) return false;
  if (expr === id) return true;
  return Node.isBinaryExpression(expr) && parent === expr;
}

/** A CommonJS source: .cjs/.cts, or JavaScript with require()/module.exports and no import/export syntax. */
function isCommonJs(file: SourceFile): boolean {
  const path = file.getFilePath();
  if (/\.c[jt]s$/i.test(path)) return true;
  if (!/\.jsx?$/i.test(path)) return false;
  if (file.getImportDeclarations().length > 0 || file.getExportDeclarations().length > 0 || file.getExportAssignments().length > 0) return false;
  if (file.getStatements().some((s) => Node.isModifierable(s) && s.hasModifier(SyntaxKind.ExportKeyword))) return false;
  return /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(file.getFullText());
}

/** `const { … } = require('node:async_hooks')` at module level, if any. */
function findRequireOfAsyncHooks(file: SourceFile): import('ts-morph').ObjectBindingPattern | undefined {
  for (const stmt of file.getVariableStatements()) {
    for (const decl of stmt.getDeclarations()) {
      const init = decl.getInitializer();
      const name = decl.getNameNode();
      if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== 'require' || !Node.isObjectBindingPattern(name)) continue;
      const arg = init.getArguments()[0];
      if (arg && Node.isStringLiteral(arg) && (arg.getLiteralText() === 'node:async_hooks' || arg.getLiteralText() === 'async_hooks')) return name;
    }
  }
  return undefined;
}

/** Adds the AsyncLocalStorage import (or reuses one) and returns the local name. */
function importEdit(file: SourceFile, model: TextModel, eol: string, commonJs = false): string {
  if (commonJs) {
    const pattern = findRequireOfAsyncHooks(file);
    if (pattern) {
      const existing = pattern.getElements().find((e) => (e.getPropertyNameNode()?.getText() ?? e.getName()) === 'AsyncLocalStorage');
      if (existing) return existing.getName();
      const last = pattern.getElements()[pattern.getElements().length - 1];
      if (last) {
        model.add({ start: last.getEnd(), end: last.getEnd(), render: () => ', AsyncLocalStorage' });
        return 'AsyncLocalStorage';
      }
    }
  }
  const imports = file.getImportDeclarations();
  for (const decl of imports) {
    const spec = decl.getModuleSpecifierValue();
    if (spec !== 'node:async_hooks' && spec !== 'async_hooks') continue;
    if (decl.isTypeOnly()) continue;
    const named = decl.getNamedImports();
    const existing = named.find((n) => n.getName() === 'AsyncLocalStorage' && !n.isTypeOnly());
    if (existing) return existing.getAliasNode()?.getText() ?? 'AsyncLocalStorage';
    if (named.length > 0) {
      const last = named[named.length - 1]!;
      model.add({ start: last.getEnd(), end: last.getEnd(), render: () => ', AsyncLocalStorage' });
      return 'AsyncLocalStorage';
    }
  }
  const used = new Set(file.getDescendantsOfKind(SyntaxKind.Identifier).map((id) => id.getText()));
  let name = 'AsyncLocalStorage';
  let spec = 'AsyncLocalStorage';
  if (used.has(name)) {
    let n = 2;
    while (used.has(`AsyncLocalStorage${n}`)) n++;
    name = `AsyncLocalStorage${n}`;
    spec = `AsyncLocalStorage as ${name}`;
  }
  const text = commonJs
    ? `const { ${spec.replace(' as ', ': ')} } = require('node:async_hooks');`
    : `import { ${spec} } from 'node:async_hooks';`;
  if (imports.length > 0 && !commonJs) {
    const last = imports[imports.length - 1]!;
    model.add({ start: last.getEnd(), end: last.getEnd(), render: () => `${eol}${text}` });
  } else {
    const stmts = file.getStatements();
    let k = 0;
    while (k < stmts.length && Node.isExpressionStatement(stmts[k]) && Node.isStringLiteral((stmts[k] as import('ts-morph').ExpressionStatement).getExpression())) k++;
    const first = stmts[k];
    if (first) {
      const at = first.getStart(true);
      model.add({ start: at, end: at, render: () => `${text}${eol}${eol}` });
    } else {
      model.add({ start: file.getEnd(), end: file.getEnd(), render: () => `${eol}${text}${eol}` });
    }
  }
  return name;
}

