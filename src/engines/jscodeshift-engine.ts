/**
 * The jscodeshift engine: runs a jscodeshift transform exactly as jscodeshift's own worker calls it
 * (`fileInfo`, `api { j, jscodeshift, stats, report }`, `options`) and maps its return value the way
 * jscodeshift does. No disk and no console: texts in, texts and warnings out.
 */
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileError, JscodeshiftTransform } from '../transform-api/types.js';
import { BOM } from './text-edits.js';
import { failWorkFile, toFileError, type WorkFile } from './work-file.js';

const require = createRequire(import.meta.url);

type Jscodeshift = { withParser(parser: unknown): unknown };
let core: Jscodeshift | undefined;
const getParser = (): ((name?: string) => unknown) => require('jscodeshift/src/getParser.js');

/** The parsers `--parser` accepts, as jscodeshift names them. */
export const JSCODESHIFT_PARSERS = ['babel', 'babylon', 'flow', 'ts', 'tsx'] as const;

/**
 * Which parser a file gets: `--parser`, else the transform module's `parser` export, else by
 * extension (`.ts`/`.mts`/`.cts` → ts, `.tsx` → tsx, otherwise babel). jscodeshift itself uses babel
 * for everything unless told otherwise, which fails on TypeScript syntax.
 */
export function chooseParser(transform: JscodeshiftTransform, path: string, cliParser: string | undefined): string | object {
  if (cliParser) return cliParser;
  if (transform.parser) return transform.parser;
  if (/\.tsx$/i.test(path)) return 'tsx';
  if (/\.[cm]?ts$/i.test(path)) return 'ts';
  return 'babel';
}

const withParserCache = new Map<unknown, unknown>();

function jscodeshiftFor(parser: string | object): unknown {
  core ??= require('jscodeshift/src/core.js') as Jscodeshift;
  const key = parser;
  let j = withParserCache.get(key);
  if (!j) {
    j = core.withParser(typeof parser === 'string' ? getParser()(parser) : parser);
    withParserCache.set(key, j);
  }
  return j;
}

const THIS_FILE = fileURLToPath(import.meta.url);

/**
 * The position in the transform's own code: the first stack frame in the transform module's folder,
 * even when that folder is inside node_modules (`-t react-codemod/transforms/class`), which the generic
 * rule skips.
 */
function withTransformLocation(error: FileError, modulePath: string | undefined): FileError {
  if (error.stack) {
    // The frames below the transform are codemigrate's (and differ between the main thread and a worker):
    // drop them, as jscodeshift's worker drops its own.
    const lines = error.stack.split('\n');
    const engine = lines.findIndex((line, i) => i > 0 && line.includes(THIS_FILE));
    if (engine > 0) error = { ...error, stack: lines.slice(0, engine).join('\n') };
  }
  if (!modulePath || !error.stack) return error;
  const dir = dirname(modulePath);
  for (const line of error.stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!m) continue;
    const file = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
    if (file.startsWith(dir + sep) && !file.slice(dir.length).includes(`${sep}node_modules${sep}`)) {
      return { ...error, location: `${file}:${m[2]}:${m[3]}` };
    }
  }
  return error;
}

/** Per-run counters from `api.stats(name, n)`. */
export type StatsTable = Record<string, number>;

/**
 * Runs one jscodeshift transform on one file, updating the WorkFile. A throw fails only this file.
 */
export async function runJscodeshiftOnFile(
  transform: JscodeshiftTransform,
  options: Record<string, unknown>,
  file: WorkFile,
  cliParser: string | undefined,
  stats: StatsTable,
): Promise<void> {
  if (file.error) return;
  // jscodeshift reads the file as it is on disk, BOM included; so do we, for byte-identical output.
  const source = (file.bom ? BOM : '') + file.text;
  const j = jscodeshiftFor(chooseParser(transform, file.path, cliParser));
  const api = {
    j,
    jscodeshift: j,
    stats(name: string, quantity?: number) {
      stats[name] = (stats[name] ?? 0) + (typeof quantity === 'number' ? quantity : 1);
    },
    report(message: unknown) {
      file.warnings.push({ path: file.path, line: 1, column: 1, transform: transform.name, message: String(message) });
    },
  };
  let out: unknown;
  try {
    out = await transform.fn({ path: file.path, source }, api, { ...options });
  } catch (error) {
    failWorkFile(file, withTransformLocation(toFileError(error, transform.name, transform.modulePath), transform.modulePath));
    return;
  }
  if (out === null || out === undefined || out === '' || out === false) {
    file.skipReason ??= `${transform.name}: the transform returned nothing (jscodeshift's "skipped")`;
    return;
  }
  if (typeof out !== 'string') {
    failWorkFile(file, { transform: transform.name, message: `the transform returned a ${typeof out}, not a string` });
    return;
  }
  if (out === source) return;
  if (out.startsWith(BOM)) {
    file.bom = true;
    file.text = out.slice(1);
  } else {
    file.bom = false;
    file.text = out;
  }
  file.changedBy.push(transform.name);
}
