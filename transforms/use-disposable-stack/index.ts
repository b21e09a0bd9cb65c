/**
 * use-disposable-stack: rewrites try/finally cleanup into explicit resource management, following
 * /shared/specs/use-disposable-stack.md. The try statement becomes a block
 * `{ using stack = new DisposableStack(); stack.defer(() => { …finally… }); …body… }`; nested chains
 * flatten onto one stack; `x[Symbol.dispose]()` cleanups become `using x`. Everything it cannot prove
 * exact is left alone with a warning, and every rewritten site is warned about the one difference the
 * language forces (SuppressedError when body and cleanup both throw; ticks of `await using`).
 */
import { ts } from '../../src/ts-morph.cjs';
import { defineTransform, option } from '../../src/transform-api/define-transform.js';
import { analyze, type Site } from './analyze.js';
import { addDisposableLib, enginesAllowBelow24, libHasDisposable } from './project.js';
import { rewriteAll } from './render.js';

interface Options {
  allowThrowInFinally: boolean;
}

interface Matches {
  sites: Site[];
  scriptKind: ts.ScriptKind;
}

export const POLYFILL_NOTE =
  'DisposableStack, AsyncDisposableStack and SuppressedError are missing on Node < 24: load the core-js polyfill ' +
  '`core-js/proposals/explicit-resource-management` before the code (node -r / --import, or the first import of the ' +
  'entry module, never next to the rewritten code), and compile with a target below ESNext so `using` is downlevelled';

export const LIB_NOTE =
  'added "esnext.disposable" to lib for DisposableStack; it also gives Generator/IteratorObject (and their async ' +
  'forms) a dispose method, so a class implementing one by hand must declare [Symbol.dispose] (TS2420)';

function isInLoop(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (ts.isFunctionLike(p) || ts.isSourceFile(p) || ts.isClassStaticBlockDeclaration(p)) return false;
    if (ts.isIterationStatement(p, false) && child === p.statement) return true;
  }
  return false;
}

function siteWarning(site: Site, node: ts.TryStatement, throws: boolean): string {
  const what =
    site.shape === 'for-of-using'
      ? `\`for (${site.async ? 'await using' : 'using'} … of …)\``
      : site.shape === 'using'
      ? `\`${site.async ? 'await using' : 'using'}\``
      : site.flattened && !site.declaresStack
        ? `a defer on the enclosing ${site.async ? 'AsyncDisposableStack' : 'DisposableStack'}`
        : `${site.async ? 'an AsyncDisposableStack' : 'a DisposableStack'}`;
  let message = `rewritten to ${what}: when the body and the cleanup both throw, callers now get SuppressedError(cleanup error, body error) instead of the cleanup error`;
  if (throws) message += '; the finally throws on purpose, and that error now arrives wrapped when the body throws too';
  if (site.async) message += '; `await using` adds microtask ticks when the block exits';
  if (site.shape === 'block' && isInLoop(node)) message += '; it runs once per loop iteration (one stack and callback each time, slower than try/finally)';
  return message;
}

/** Interfaces that lib esnext.disposable extends with a dispose method (IteratorObject / AsyncIteratorObject). */
const SYNC_ITERATOR_OBJECTS = ['IteratorObject', 'Generator', 'ArrayIterator', 'MapIterator', 'SetIterator', 'StringIterator', 'RegExpStringIterator'];
const ASYNC_ITERATOR_OBJECTS = ['AsyncIteratorObject', 'AsyncGenerator'];

/**
 * The project step adds esnext.disposable to lib, which gives IteratorObject and AsyncIteratorObject a
 * dispose method: a class that implements them by hand then fails to type-check (TS2420). Say where.
 */
function warnHandWrittenIterators(sf: ts.SourceFile, warn: (at: number, message: string) => void): void {
  const visit = (n: ts.Node): void => {
    if ((ts.isClassDeclaration(n) || ts.isClassExpression(n)) && n.heritageClauses) {
      for (const clause of n.heritageClauses) {
        if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
        for (const t of clause.types) {
          const name = ts.isIdentifier(t.expression) ? t.expression.text : '';
          const isSync = SYNC_ITERATOR_OBJECTS.includes(name);
          if (!isSync && !ASYNC_ITERATOR_OBJECTS.includes(name)) continue;
          const member = isSync ? 'dispose' : 'asyncDispose';
          const has = n.members.some((m) => m.name && ts.isComputedPropertyName(m.name) && m.name.expression.getText(sf) === `Symbol.${member}`);
          if (!has) {
            warn(
              n.getStart(sf),
              `when this run adds "esnext.disposable" to lib, this class must also declare [Symbol.${member}]() because ${name} then extends ${isSync ? 'Disposable' : 'AsyncDisposable'} (TS2420)`,
            );
          }
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}

function finallyThrows(node: ts.TryStatement): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isThrowStatement(n)) found = true;
    ts.forEachChild(n, visit);
  };
  if (node.finallyBlock) visit(node.finallyBlock);
  return found;
}

export default defineTransform<Options, Matches>({
  name: 'use-disposable-stack',
  summary: 'Rewrite try/finally cleanup into DisposableStack / `using` blocks (explicit resource management).',
  needsTypes: true,
  needsJsDoc: false,
  options: {
    allowThrowInFinally: option.boolean({
      default: false,
      description: 'also rewrite a finally that throws (its error then arrives as SuppressedError when the body throws too)',
    }),
  },
  example: 'migrate use-disposable-stack src/',

  collect(file, ctx) {
    const sf = file.compilerNode;
    const warnings: Array<{ at: number; message: string }> = [];
    if (!libHasDisposable(ctx.compilerOptions) && sf.text.includes('implements')) {
      warnHandWrittenIterators(sf, (at, message) => warnings.push({ at, message }));
    }
    if (!sf.text.includes('finally')) {
      for (const w of warnings) ctx.warn(w.at, w.message);
      return undefined;
    }
    const checker = (): ts.TypeChecker => ctx.getTypeChecker().compilerObject;
    const { sites, refusals } = analyze(sf, checker, { allowThrowInFinally: ctx.options.allowThrowInFinally });
    const tries: ts.TryStatement[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isTryStatement(n)) tries.push(n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    for (const r of refusals) warnings.push({ at: r.at, message: r.message });
    for (const site of sites) {
      const node = tries[site.index]!;
      warnings.push({ at: node.getStart(sf), message: siteWarning(site, node, finallyThrows(node)) });
    }
    warnings.sort((a, b) => a.at - b.at);
    for (const w of warnings) ctx.warn(w.at, w.message);
    if (sites.length === 0) return undefined;
    return { sites, scriptKind: (sf as unknown as { scriptKind?: ts.ScriptKind }).scriptKind ?? ts.ScriptKind.TS };
  },

  apply(file, matches, ctx) {
    const before = file.getFullText();
    const after = rewriteAll(before, matches.sites, matches.scriptKind, ctx.eol);
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let endB = before.length;
    let endA = after.length;
    while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
      endB--;
      endA--;
    }
    return [{ start, end: endB, text: after.slice(start, endA) }];
  },

  finish(ctx) {
    if (ctx.changedFiles.length === 0) return;
    const seen = new Set<string>();
    let runtimeNoted = false;
    let noConfigNoted = false;
    // Only the projects that hold a changed file (by folder; all of them when none matches).
    const slash = (p: string): string => p.replace(/\\/g, '/');
    const holdsChange = (tsconfigPath: string | undefined): boolean => {
      if (!tsconfigPath) return true;
      const dir = slash(tsconfigPath).replace(/[^/]*$/, '');
      return ctx.changedFiles.some((f) => slash(f).startsWith(dir));
    };
    const relevant = ctx.projects.some((p) => p.info.tsconfigPath && holdsChange(p.info.tsconfigPath))
      ? ctx.projects.filter((p) => holdsChange(p.info.tsconfigPath))
      : ctx.projects;
    for (const { info, compilerOptions } of relevant) {
      if (!info.tsconfigPath) {
        if (!noConfigNoted) {
          ctx.note('no tsconfig.json: the rewritten code needs `lib` to include "esnext.disposable" (or "esnext") to type-check');
          noConfigNoted = true;
        }
      } else if (!seen.has(info.tsconfigPath)) {
        seen.add(info.tsconfigPath);
        if (!libHasDisposable(compilerOptions)) {
          const newText = info.tsconfigText !== undefined ? addDisposableLib(info.tsconfigText, compilerOptions) : undefined;
          if (newText !== undefined && newText !== info.tsconfigText) {
            ctx.editFile(info.tsconfigPath, newText);
            ctx.note(LIB_NOTE, info.tsconfigPath);
          }
          else ctx.note('add "esnext.disposable" to compilerOptions.lib: DisposableStack is not declared otherwise (TS2304)', info.tsconfigPath);
        }
      }
      if (!runtimeNoted) {
        const engines = (info.packageJson?.data.engines as Record<string, unknown> | undefined)?.node;
        if (enginesAllowBelow24(engines)) {
          const why = engines === undefined ? 'package.json has no engines.node' : `engines.node "${String(engines)}" allows Node < 24`;
          ctx.note(`${why}. ${POLYFILL_NOTE}`, info.packageJson?.path);
          if ((compilerOptions.target ?? 0) >= ts.ScriptTarget.ESNext) {
            ctx.note('target ESNext emits `using` as is, which Node < 24 cannot parse: build with a target below ESNext (ES2022 downlevels it)', info.tsconfigPath);
          }
          const js = ctx.changedFiles.filter((f) => /\.[cm]?jsx?$/.test(f));
          if (js.length > 0) {
            ctx.note(`${js.length} JavaScript file(s) now contain \`using\`: if they run without a compile step, they need Node >= 24`);
          }
          runtimeNoted = true;
        }
      }
    }
    if (ctx.projects.length === 0) {
      ctx.note('no tsconfig.json: the rewritten code needs `lib` to include "esnext.disposable" (or "esnext") to type-check');
      ctx.note(`package.json engines.node unknown. ${POLYFILL_NOTE}`);
    }
  },
});
