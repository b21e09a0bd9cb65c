// The transform bench/verify.mjs runs: edits a share of the files so that --verify has work to do.
// - every=N: insert a comment line at the top of every N-th file (by sorted path); harmless, but each
//   edited file and its importers must be checked. every=1 edits every file; every=0 edits none.
// - only=a,b: edit only the files whose path ends with one of these suffixes.
// - breakExport=NAME: also rename the exported declaration NAME (`export function NAME` / `export const
//   NAME` / `export class NAME`) to NAME_renamed, which breaks its importers: --verify must revert it.
import { defineTransform, option } from '../src/index.js';

export interface Options {
  every: number;
  only: string;
  breakExport: string;
}

export default defineTransform<Options, Array<{ start: number; end: number; text: string }>>({
  name: 'verify-touch',
  summary: 'Edit a share of the files (bench transform for --verify).',
  options: {
    every: option.number({ default: 1, description: 'edit every N-th file (0: none)' }),
    only: option.string({ default: '', description: 'comma-separated path suffixes: edit only these files' }),
    breakExport: option.string({ default: '', description: 'rename this exported declaration, breaking its importers' }),
  },
  collect(file, ctx) {
    const edits: Array<{ start: number; end: number; text: string }> = [];
    const path = file.getFilePath();
    const only = ctx.options.only.split(',').filter(Boolean);
    const every = ctx.options.every;
    const selected = only.length ? only.some((s) => path.endsWith(s)) : every > 0 && hash(path) % every === 0;
    if (selected) edits.push({ start: 0, end: 0, text: `// touched by verify-touch${ctx.eol}` });
    const name = ctx.options.breakExport;
    if (name) {
      const m = new RegExp(`export (?:declare )?(?:function|const|class|abstract class) (${name})\\b`).exec(file.getFullText());
      if (m) {
        const start = m.index + m[0].length - name.length;
        edits.push({ start, end: start + name.length, text: `${name}_renamed` });
      }
    }
    return edits.length ? edits : undefined;
  },
  apply(_file, edits) {
    return edits;
  },
});

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}
