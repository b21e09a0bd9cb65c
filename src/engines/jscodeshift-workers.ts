/**
 * Runs jscodeshift transforms on worker threads (`-j N`). Each worker loads the transform module by
 * its path, receives file texts and returns plain data; the main thread applies the results to its
 * WorkFiles in file order, so a run with N workers reports exactly what one job reports. No disk
 * (except the workers importing the transform module), no console.
 *
 * This one module is both sides: imported normally it is the pool; started as a worker (workerData
 * marks it) it is the worker loop.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { FileError, JscodeshiftTransform, Transform, Warning } from '../transform-api/types.js';
import { runJscodeshiftOnFile, type StatsTable } from './jscodeshift-engine.js';
import { createWorkFile, failWorkFile, type ProjectUnit, type WorkFile } from './work-file.js';

/**
 * Workers pay a start-up cost: a thread, then jscodeshift, its parsers and the transform module loaded
 * again in each (measured 150–300 ms of CPU per worker, on lodash's files with
 * bench/jscodeshift-transform.cjs, where a file costs about 3.5 ms). With two workers on free cores, the
 * in-process run (which loads jscodeshift once, about 0.3 s) is overtaken from about 60 such files; below
 * MIN_FILES_PER_WORKER files per worker, fewer workers are started, and below two workers' worth the run
 * stays in-process, on the same code path as `--run-in-band`. On a machine whose cores are all busy,
 * workers do not help at any size: `-j 1` (or `--run-in-band`) is then the better choice.
 */
export const MIN_FILES_PER_WORKER = 40;

/** The default for `-j`: cores − 1, at least 1 (jscodeshift's rule). */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** How many workers a run of `fileCount` files gets with `jobs` allowed: 0 means in-process. */
export function workersFor(fileCount: number, jobs: number): number {
  const n = Math.min(jobs, Math.floor(fileCount / MIN_FILES_PER_WORKER));
  return n >= 2 ? n : 0;
}

const WORKER_MARK = 'codemigrate-jscodeshift-worker';

interface FileTask {
  index: number;
  path: string;
  text: string;
  bom: boolean;
}

interface ChunkMessage {
  id: number;
  modulePath: string;
  name: string;
  options: Record<string, unknown>;
  parser: string | undefined;
  files: FileTask[];
}

/** What a worker sends back for one file: plain data. */
interface FileOutcome {
  index: number;
  text: string;
  bom: boolean;
  changed: boolean;
  skipReason?: string;
  warnings: Warning[];
  error?: FileError;
  stats: StatsTable;
}

type ChunkReply = { id: number; outcomes: FileOutcome[] } | { id: number; fatal: string };

export interface JscodeshiftRunInput {
  transform: Transform;
  options: Record<string, unknown>;
}

/** A pool of worker threads for jscodeshift transforms; `close()` ends them. */
export interface JscodeshiftPool {
  /** Same contract as ExecuteSettings.runJscodeshift: updates the WorkFiles and the stats, reports progress. */
  run(run: JscodeshiftRunInput, files: WorkFile[], stats: StatsTable, onDone?: (count: number) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * A pool of at most `jobs` workers, started on the first run that has enough files (see
 * MIN_FILES_PER_WORKER). Transforms without a module path (objects passed to the Node API) and
 * options that cannot be copied to a thread run in-process.
 */
export function createJscodeshiftPool(jobs: number, parser: string | undefined): JscodeshiftPool {
  const workers: Worker[] = [];
  let nextId = 0;

  function spawn(): Worker {
    const self = import.meta.url;
    const data = { mark: WORKER_MARK };
    if (/\.ts$/.test(self)) {
      // Running from sources (tests): the worker needs tsx to load this .ts module.
      const tsxPackage = createRequire(self).resolve('tsx/package.json');
      const tsxApi = pathToFileURL(join(dirname(tsxPackage), 'dist', 'esm', 'api', 'index.mjs')).href;
      const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(self)}); });`;
      return new Worker(code, { eval: true, workerData: data });
    }
    return new Worker(new URL(self), { workerData: data });
  }

  async function run(input: JscodeshiftRunInput, files: WorkFile[], stats: StatsTable, onDone?: (count: number) => void): Promise<void> {
    const transform = input.transform as JscodeshiftTransform;
    const todo = files.filter((f) => !f.error);
    const wanted = workersFor(todo.length, jobs);
    if (wanted === 0 || !transform.modulePath || !cloneable(input.options)) {
      let count = 0;
      for (const file of files) {
        await runJscodeshiftOnFile(transform, input.options, file, parser, stats);
        onDone?.(++count);
      }
      return;
    }
    while (workers.length < wanted) workers.push(spawn());
    const active = workers.slice(0, wanted);

    // Dynamic chunks: small enough to balance uneven files, large enough to keep messages few.
    const chunkSize = Math.max(1, Math.min(50, Math.ceil(todo.length / (active.length * 4))));
    const tasks: FileTask[] = todo.map((f) => ({ index: files.indexOf(f), path: f.path, text: f.text, bom: f.bom }));
    const outcomes = new Array<FileOutcome | undefined>(files.length);
    let cursor = 0;
    let finished = files.length - todo.length;
    const fallback = new Set<number>();

    await Promise.all(
      active.map(async (worker) => {
        while (cursor < tasks.length) {
          const chunk = tasks.slice(cursor, cursor + chunkSize);
          cursor += chunk.length;
          const reply = await send(worker, {
            id: nextId++,
            modulePath: transform.modulePath!,
            name: transform.name,
            options: input.options,
            parser,
            files: chunk,
          });
          if ('fatal' in reply) for (const t of chunk) fallback.add(t.index);
          else for (const o of reply.outcomes) outcomes[o.index] = o;
          finished += chunk.length;
          onDone?.(finished);
        }
      }),
    );

    // Apply in file order, so warnings, failures and the stats table come out as with one job.
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      const outcome = outcomes[i];
      if (fallback.has(i)) {
        await runJscodeshiftOnFile(transform, input.options, file, parser, stats);
        continue;
      }
      if (!outcome) continue;
      file.warnings.push(...outcome.warnings);
      for (const [name, n] of Object.entries(outcome.stats)) stats[name] = (stats[name] ?? 0) + n;
      if (outcome.error) {
        failWorkFile(file, outcome.error);
        continue;
      }
      if (outcome.skipReason) file.skipReason ??= outcome.skipReason;
      if (outcome.changed) {
        file.text = outcome.text;
        file.bom = outcome.bom;
        file.changedBy.push(transform.name);
      }
    }
  }

  function send(worker: Worker, message: ChunkMessage): Promise<ChunkReply> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: ChunkReply): void => {
        if (reply.id !== message.id) return;
        cleanup();
        resolve(reply);
      };
      const onError = (error: Error): void => {
        cleanup();
        reject(error);
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(new Error(`a jscodeshift worker thread exited with code ${code}`));
      };
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(message);
    });
  }

  async function close(): Promise<void> {
    const all = workers.splice(0);
    await Promise.all(all.map((w) => w.terminate()));
  }

  return { run, close };
}

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The worker side.

if (!isMainThread && parentPort && (workerData as { mark?: string } | null)?.mark === WORKER_MARK) {
  const port = parentPort;
  const loaded = new Map<string, Promise<JscodeshiftTransform>>();
  const load = (modulePath: string): Promise<JscodeshiftTransform> => {
    let p = loaded.get(modulePath);
    if (!p) {
      p = import('../project/load-transforms.js').then(async ({ importTransformModule }) => {
        const t = await importTransformModule(modulePath);
        if (t.engine !== 'jscodeshift') throw new Error(`${modulePath} is not a jscodeshift transform`);
        return t;
      });
      loaded.set(modulePath, p);
    }
    return p;
  };
  // The engine only reads path, text and bom of a WorkFile; a worker has no project.
  const noUnit = undefined as unknown as ProjectUnit;

  port.on('message', (message: ChunkMessage) => {
    void (async () => {
      let transform: JscodeshiftTransform;
      try {
        transform = { ...(await load(message.modulePath)), name: message.name };
      } catch (error) {
        port.postMessage({ id: message.id, fatal: (error as Error).message } satisfies ChunkReply);
        return;
      }
      const outcomes: FileOutcome[] = [];
      for (const task of message.files) {
        const file = createWorkFile(task.path, task.text, task.bom, noUnit);
        const stats: StatsTable = {};
        await runJscodeshiftOnFile(transform, message.options, file, message.parser, stats);
        outcomes.push({
          index: task.index,
          text: file.text,
          bom: file.bom,
          changed: file.changedBy.length > 0,
          skipReason: file.skipReason,
          warnings: file.warnings,
          error: file.error ? { ...file.error } : undefined,
          stats,
        });
      }
      port.postMessage({ id: message.id, outcomes } satisfies ChunkReply);
    })();
  });
}
