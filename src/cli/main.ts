/**
 * The command line: `main(argv, env, io)` parses flags with commander, runs the pipeline, hands the
 * report to a reporter and returns the exit code. It never calls process.exit and never touches
 * `process`: bin/migrate.js passes everything in, so tests drive it in-process.
 */
import { Command, CommanderError, Option } from 'commander';
import { builtinTransforms } from '../../transforms/index.js';
import { JSCODESHIFT_PARSERS } from '../engines/jscodeshift-engine.js';
import { closestMatch, editDistance, UsageError } from '../project/errors.js';
import { DEFAULT_EXTENSIONS } from '../project/select-files.js';
import { run, toolVersion, type RunOptions } from '../pipeline/run.js';
import { reportJson } from '../report/json.js';
import type { Output } from '../report/output.js';
import { reportPretty } from '../report/pretty.js';
import { createProgress } from '../report/progress.js';
import { OptionError } from '../transform-api/define-transform.js';
import type { OptionSpec, RunSummary, Transform } from '../transform-api/types.js';
import { ExitCode, exitCodeFor } from './exit-codes.js';
import { parsePassthroughValue, passthroughOf, splitPassthrough } from './passthrough.js';

export interface CliIo extends Output {
  cwd: string;
}

interface CommonFlags {
  dry?: boolean;
  write?: boolean;
  check?: boolean;
  print?: boolean;
  json?: boolean;
  patch?: string;
  project?: string;
  ignorePattern?: string[];
  gitignore?: boolean;
  extensions?: string;
  parser?: string;
  jobs?: string;
  runInBand?: boolean;
  allowDirty?: boolean;
  verify?: boolean;
  failOnError?: boolean;
  silent?: boolean;
  verbose?: boolean;
  color?: boolean;
  transform?: string[];
  [key: string]: unknown;
}

const COMMON_FLAG_KEYS = new Set([
  'dry', 'write', 'check', 'print', 'json', 'patch', 'project', 'ignorePattern', 'gitignore', 'extensions', 'parser',
  'jobs', 'runInBand', 'allowDirty', 'verify', 'failOnError', 'silent', 'verbose', 'color', 'transform',
]);

/** Runs the CLI. Returns the exit code (see exit-codes.ts); bugs in codemigrate itself propagate with their stack. */
export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: CliIo): Promise<ExitCode> {
  const colorAllowed = !env.NO_COLOR && !argv.includes('--no-color');
  const out: Output = { ...io, color: io.color && colorAllowed, stderrColor: (io.stderrColor ?? io.color) && colorAllowed };
  let exitCode: ExitCode = ExitCode.Ok;
  const program = buildProgram(out, async (specs, paths, flags, passthrough) => {
    exitCode = await runCommand(specs, paths, flags, passthrough, io, out);
  });

  const args = argv.slice(2);
  const { known, passthrough } = splitPassthrough(program, args);
  // A mistyped flag (--wirte) would silently become a transform option and the run a mere preview.
  const ownFlags = program.commands.flatMap((c) => c.options.map((o) => o.long?.replace(/^--/, '') ?? '')).filter(Boolean);
  for (const key of Object.keys(passthrough)) {
    const near = key.length >= 4 ? ownFlags.find((flag) => flag !== key && editDistance(key, flag) <= 2) : undefined;
    if (near) out.stderr(`note --${key} is not a codemigrate flag: it is passed to the transforms as an option (did you mean --${near}?)\n`);
  }
  try {
    await program.parseAsync(known, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.Ok;
      // `migrate help` exits 0; no command at all (help printed on stderr) is a usage error, not a success.
      if (error.code === 'commander.help') return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
      return usageError(out, new UsageError(error.message.replace(/^error: /, ''), commanderHint(error, args)));
    }
    if (error instanceof UsageError) return usageError(out, error);
    if (error instanceof OptionError) return usageError(out, new UsageError(error.message, error.hint));
    throw error;
  }
  return exitCode;

  async function runCommand(
    specs: ReadonlyArray<string | Transform>,
    paths: string[],
    flags: CommonFlags,
    extra: Record<string, unknown>,
    cliIo: CliIo,
    output: Output,
  ): Promise<ExitCode> {
    const modes = ['write', 'check', 'dry'].filter((m) => flags[m]);
    if (flags.write && (flags.check || flags.dry)) {
      throw new UsageError(`--${modes.join(' and --')} cannot be combined`, '--write applies the changes; --check and --dry-run only preview them');
    }
    const jobs = flags.runInBand ? 1 : flags.jobs !== undefined ? Number(flags.jobs) : undefined;
    if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) {
      throw new UsageError(`--jobs must be a whole number of at least 1; got ${flags.jobs}`, 'for example: -j 4, or --run-in-band for one');
    }
    const transformOptions: Record<string, unknown> = { ...extra };
    for (const [key, value] of Object.entries(flags)) {
      if (!COMMON_FLAG_KEYS.has(key) && value !== undefined) transformOptions[key] = value;
    }
    const progress = flags.json || flags.silent || !output.stderrIsTTY ? undefined : createProgress(output);
    const options: RunOptions = {
      cwd: cliIo.cwd,
      transforms: specs,
      options: transformOptions,
      paths,
      project: flags.project,
      gitignore: flags.gitignore !== false,
      ignorePatterns: flags.ignorePattern ?? [],
      extensions: flags.extensions ? flags.extensions.split(',').map((e) => e.trim()).filter(Boolean) : DEFAULT_EXTENSIONS,
      parser: flags.parser,
      mode: flags.write ? 'write' : flags.check ? 'check' : 'preview',
      write: Boolean(flags.write),
      allowDirty: Boolean(flags.allowDirty),
      verify: flags.verify,
      jobs,
      patchFile: flags.patch,
      onProgress: progress?.update,
    };
    let summary: RunSummary;
    let timings: Record<string, number>;
    let results;
    try {
      ({ summary, timings, results } = await run(options));
    } finally {
      progress?.done();
    }
    if (flags.json) {
      reportJson(summary, output);
    } else {
      const printSources = flags.print ? results.filter((r) => r.status === 'changed').map((r) => r.after) : undefined;
      reportPretty(summary, output, { silent: flags.silent, verbose: flags.verbose, timings, printSources });
    }
    return exitCodeFor(summary);
  }
}

function usageError(out: Output, error: UsageError): ExitCode {
  out.stderr(`error ${error.message}\n`);
  if (error.hint) out.stderr(`hint ${error.hint}\n`);
  return ExitCode.Usage;
}

function commanderHint(error: CommanderError, args: readonly string[]): string {
  if (error.code === 'commander.unknownCommand') {
    const name = args.find((a) => !a.startsWith('-')) ?? '';
    const suggestion = closestMatch(name, [...builtinTransforms.map((t) => t.name), 'run', 'list']);
    return suggestion ? `did you mean ${suggestion}? (migrate list shows every transform)` : 'migrate list shows every built-in transform; migrate run -t <file> runs a transform file';
  }
  return 'migrate --help lists the commands and options';
}

type Action = (specs: ReadonlyArray<string | Transform>, paths: string[], flags: CommonFlags, passthrough: Record<string, unknown>) => Promise<void>;

/** The commander program: one sub-command per built-in transform, plus `run` and `list`. */
export function buildProgram(out: Output, action: Action): Command {
  const program = new Command('migrate')
    .description('Preview and apply codemods to TypeScript and JavaScript projects. Nothing is written without --write.')
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.stdout(s), writeErr: (s) => out.stderr(s), outputError: () => {} })
    .showSuggestionAfterError(false)
    .addHelpText('after', () => `\nBuilt-in transforms:\n${builtinTransforms.map((t) => `  ${t.name.padEnd(26)}${t.summary}`).join('\n') || '  (none yet)'}\n\nExit codes: 0 ok · 1 --check found changes · 2 usage or configuration error · 3 a file failed or was reverted\n`);

  program
    .command('list')
    .description('list the built-in transforms with their summaries and options')
    .option('--json', 'print the list as JSON')
    .action((flags: { json?: boolean }) => {
      if (flags.json) {
        out.stdout(`${JSON.stringify(builtinTransforms.map(describeTransform), null, 2)}\n`);
        return;
      }
      for (const t of builtinTransforms) {
        out.stdout(`${t.name.padEnd(26)}${t.summary}\n`);
        for (const [key, spec] of Object.entries((t.options ?? {}) as Record<string, OptionSpec<unknown>>)) {
          out.stdout(`  ${flagFor(key, spec).padEnd(24)} ${spec.description} (default: ${JSON.stringify(spec.default)})\n`);
        }
      }
    });

  const runCommand = addCommonOptions(
    program
      .command('run')
      .description('run several transforms in order, each on the previous one\'s output: built-in names, transform files or modules')
      .requiredOption('-t, --transform <name|file>', 'a built-in transform, a transform file, or a module in node_modules (repeatable)', collect, [])
      .argument('[paths...]', 'files, directories or globs (default: the current directory)'),
  );
  runCommand.action(async (paths: string[], flags: CommonFlags) => {
    await action(flags.transform ?? [], paths, flags, passthroughOf(runCommand));
  });

  for (const transform of builtinTransforms) {
    const sub = addCommonOptions(
      program
        .command(transform.name)
        .description(transform.summary)
        .argument('[paths...]', 'files, directories or globs (default: the current directory)'),
    );
    if (transform.engine === 'ts-morph') {
      for (const [key, spec] of Object.entries((transform.options ?? {}) as Record<string, OptionSpec<unknown>>)) {
        addTransformOption(sub, key, spec);
      }
    }
    sub.addHelpText('after', `\nExample:\n  ${transform.example ?? `npx migrate ${transform.name} src`}\n`);
    sub.action(async (paths: string[], flags: CommonFlags) => {
      await action([transform], paths, flags, passthroughOf(sub));
    });
  }
  return program;
}

function addCommonOptions(command: Command): Command {
  return command
    .option('-d, --dry', 'preview: print the diff, write nothing (the default)')
    .addOption(new Option('--dry-run', 'same as --dry').hideHelp())
    .option('-w, --write', 'apply the changes')
    .option('--check', 'preview; exit 1 if any file would change')
    .option('-p, --print', 'print each transformed file\'s source to stdout')
    .option('--json', 'print the report as JSON on stdout')
    .option('--patch <file>', 'also write every change as one patch file for git apply')
    .option('--project <tsconfig>', 'the tsconfig to load (default: the nearest tsconfig.json)')
    .addOption(new Option('--tsconfig <tsconfig>', 'same as --project').hideHelp())
    .option('--ignore-pattern <glob>', 'skip matching files (repeatable; .gitignore syntax)', collect, [])
    .option('--no-gitignore', 'do not respect .gitignore files')
    .option('--extensions <list>', `file extensions to include (default: ${DEFAULT_EXTENSIONS.join(',')})`)
    .addOption(new Option('--parser <parser>', 'parser for jscodeshift transforms (default: the transform\'s own, else by extension)').choices([...JSCODESHIFT_PARSERS]))
    .option('-j, --jobs <n>', 'worker threads for jscodeshift transforms (default: cores - 1)')
    .option('--run-in-band', 'run in one thread (same as -j 1)')
    .option('-f, --allow-dirty', 'write even when the files have uncommitted changes')
    .addOption(new Option('--force', 'same as --allow-dirty').hideHelp())
    .option('--verify', 'type-check the affected files before and after, and revert files whose edits add errors (default with --write and --check when a tsconfig is loaded)')
    .option('--no-verify', 'do not type-check the result')
    .option('--fail-on-error', 'accepted for jscodeshift habits: failures always exit non-zero')
    .option('--silent', 'print nothing but errors')
    .option('--verbose', 'also print skipped files and timings per phase')
    .option('--no-color', 'no colours in the output')
    .hook('preAction', (_cmd, actionCommand) => {
      const o = actionCommand.opts<CommonFlags>();
      if (o.dryRun) actionCommand.setOptionValue('dry', true);
      if (o.tsconfig && !o.project) actionCommand.setOptionValue('project', o.tsconfig);
      if (o.force) actionCommand.setOptionValue('allowDirty', true);
      for (const key of ['dryRun', 'tsconfig', 'force']) actionCommand.setOptionValue(key, undefined);
      COMMON_FLAG_KEYS.add('dryRun');
    });
}

function addTransformOption(command: Command, key: string, spec: OptionSpec<unknown>): void {
  const flag = flagFor(key, spec);
  const description = `${spec.description} (default: ${JSON.stringify(spec.default)})`;
  if (spec.kind === 'boolean') {
    command.addOption(new Option(flag, description));
    command.addOption(new Option(`--no-${kebab(key)}`, `turn off --${kebab(key)}`).hideHelp());
    return;
  }
  const option = new Option(flag, description);
  if (spec.kind === 'choice' && spec.choices) option.choices([...spec.choices]);
  if (spec.kind === 'number') option.argParser((v) => parsePassthroughValue(v));
  command.addOption(option);
}

function flagFor(key: string, spec: OptionSpec<unknown>): string {
  if (spec.kind === 'boolean') return `--${kebab(key)}`;
  return `--${kebab(key)} <${spec.kind === 'choice' ? (spec.choices ?? []).join('|') : spec.kind}>`;
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** What `migrate list --json` prints for one transform. */
export function describeTransform(t: Transform): Record<string, unknown> {
  return {
    name: t.name,
    summary: t.summary,
    engine: t.engine,
    needsTypes: t.engine === 'ts-morph' ? Boolean(t.needsTypes) : false,
    options: Object.fromEntries(
      Object.entries((t.options ?? {}) as Record<string, OptionSpec<unknown>>).map(([k, s]) => [
        k,
        { kind: s.kind, default: s.default, description: s.description, ...(s.choices ? { choices: s.choices } : {}) },
      ]),
    ),
  };
}
