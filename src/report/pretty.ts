/**
 * The pretty reporter: for each changed file a header naming it and the transforms that changed it,
 * its unified diff, and its warnings; failures with their cause; run notes; one summary line. Diffs go
 * to stdout; warnings, failures, notes and the summary go to stderr, so a pipe gets only the diffs.
 */
import { Chalk } from 'chalk';
import type { FileReport, RunSummary } from '../transform-api/types.js';
import type { Output } from './output.js';

export interface PrettySettings {
  silent?: boolean;
  verbose?: boolean;
  /** Per-phase timings for --verbose. */
  timings?: Record<string, number>;
  /** --print: these whole sources go to stdout instead of the diffs. */
  printSources?: readonly string[];
}

export function reportPretty(summary: RunSummary, out: Output, settings: PrettySettings = {}): void {
  const c = new Chalk({ level: out.color ? 1 : 0 });
  // stderr is coloured by its own terminal-ness: `migrate … > out.diff` still gets coloured warnings.
  const ce = new Chalk({ level: (out.stderrColor ?? out.color) ? 1 : 0 });
  // --print: the sources go to stdout, even with --silent (jscodeshift's --print).
  for (const source of settings.printSources ?? []) out.stdout(source.endsWith('\n') ? source : `${source}\n`);
  if (settings.silent) {
    for (const file of summary.files) if (file.status === 'failed') out.stderr(failureLine(file, ce));
    for (const note of summary.notes) if (note.level === 'error') out.stderr(`${ce.red('error')} ${note.transform}: ${note.message}\n`);
    return;
  }
  for (const file of summary.files) {
    if (!settings.printSources && (file.status === 'changed' || file.status === 'reverted')) {
      const tag = file.status === 'reverted' ? c.yellow(' (reverted by --verify)') : '';
      out.stdout(`${c.bold(file.path)}  ${c.dim(`(${file.transforms.join(', ')})`)}${tag}\n`);
      out.stdout(`${c.dim(`--- a/${file.path}`)}\n${c.dim(`+++ b/${file.path}`)}\n`);
      out.stdout(colorDiff(file.diff ?? '', c));
      out.stdout('\n');
    }
    for (const w of file.warnings) out.stderr(`${ce.yellow(`${file.path}:${w.line}:${w.column}`)} ${w.transform}: ${w.message}\n`);
    if (file.status === 'failed') out.stderr(failureLine(file, ce));
    if (file.status === 'reverted') {
      out.stderr(`${ce.yellow('reverted')} ${file.path}${file.reason ? `: ${file.reason}` : ''}\n`);
      for (const d of file.diagnostics ?? []) out.stderr(`  ${d.path}:${d.line}:${d.column} TS${d.code} ${d.message.replace(/\n/g, '\n    ')}\n`);
    }
  }
  for (const note of summary.notes) {
    const label = note.level === 'error' ? ce.red('error') : ce.cyan('note');
    out.stderr(`${label} ${note.transform}: ${note.path ? `${note.path}: ` : ''}${note.message}\n`);
  }
  if (settings.verbose) {
    for (const file of summary.files) if (file.status === 'skipped') out.stderr(`${ce.dim(`${file.path} skipped: ${file.reason}`)}\n`);
    for (const [phase, ms] of Object.entries(settings.timings ?? {})) out.stderr(ce.dim(`${phase}: ${formatDuration(ms)}\n`));
  }
  for (const [transform, stats] of Object.entries(summary.stats)) {
    out.stderr(`${transform} stats: ${Object.entries(stats).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  }
  out.stderr(`${summaryLine(summary, ce)}\n`);
  const next = nextStep(summary);
  if (next) out.stderr(`${ce.dim(next)}\n`);
}

function failureLine(file: FileReport, c: InstanceType<typeof Chalk>): string {
  const e = file.error;
  const by = e?.transform ? ` (${e.transform})` : '';
  const where = e?.location ? `\n  at ${e.location}` : '';
  return `${c.red('failed')} ${file.path}${by}: ${e?.message ?? 'unknown error'}${where}\n`;
}

function colorDiff(diff: string, c: InstanceType<typeof Chalk>): string {
  if (c.level === 0) return diff;
  return diff
    .split('\n')
    .map((line) => (line.startsWith('+') ? c.green(line) : line.startsWith('-') ? c.red(line) : line.startsWith('@@') ? c.cyan(line) : line))
    .join('\n');
}

/** `12 changed · 340 unchanged · 2 skipped · 1 failed · +48 −31 · 2.3 s` */
export function summaryLine(summary: RunSummary, c?: InstanceType<typeof Chalk>): string {
  const t = summary.totals;
  const parts = [`${t.changed} ${summary.written ? 'written' : 'changed'}`, `${t.unchanged} unchanged`];
  if (t.skipped) parts.push(`${t.skipped} skipped`);
  if (t.failed) parts.push(c ? c.red(`${t.failed} failed`) : `${t.failed} failed`);
  if (t.reverted) parts.push(`${t.reverted} reverted`);
  if (t.warnings) parts.push(`${t.warnings} warning${t.warnings === 1 ? '' : 's'}`);
  parts.push(`+${t.insertions} −${t.deletions}`, formatDuration(summary.durationMs));
  return parts.join(' · ');
}

function nextStep(summary: RunSummary): string | undefined {
  if (summary.written || summary.totals.changed === 0) return undefined;
  if (summary.mode === 'check') return 'check: files would change (exit 1). Run with --write to apply.';
  return 'preview only: nothing was written. Run again with --write to apply.';
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
