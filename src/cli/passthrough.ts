/**
 * Unknown `--key=value` flags are options for transforms, as in jscodeshift: values are parsed as JSON
 * where they parse (`--flow=true` gives true), a bare `--flag` is true, `--no-flag` false, and a key
 * given twice becomes a list. They are taken out of argv before commander parses it, so that known
 * flags after them still count.
 */
import type { Command } from 'commander';

const passthroughStore = new WeakMap<Command, Record<string, unknown>>();

/** The unknown `--key=value` flags recorded for a command by splitPassthrough. */
export function passthroughOf(command: Command): Record<string, unknown> {
  return passthroughStore.get(command) ?? {};
}

/** jscodeshift's rule: JSON where it parses, else the string. */
export function parsePassthroughValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Splits argv (without node and script) into what commander parses and the transform options. */
export function splitPassthrough(program: Command, args: readonly string[]): { known: string[]; passthrough: Record<string, unknown> } {
  const name = args.find((a) => !a.startsWith('-'));
  const command = program.commands.find((c) => c.name() === name);
  const passthrough: Record<string, unknown> = {};
  if (!command) return { known: [...args], passthrough };
  const longFlags = new Map<string, boolean>(); // flag → takes a value
  for (const option of command.options) {
    const takesValue = option.required || option.optional;
    if (option.long) longFlags.set(option.long, takesValue);
  }
  longFlags.set('--help', false);
  const known: string[] = [];
  let afterDashDash = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (afterDashDash || !arg.startsWith('--') || arg === '--') {
      if (arg === '--') afterDashDash = true;
      known.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (longFlags.has(flag)) {
      if (eq !== -1 && !longFlags.get(flag)) {
        // A boolean flag given a value, jscodeshift style: `--flag=true` is `--flag`, `--flag=false` is `--no-flag`.
        const value = parsePassthroughValue(arg.slice(eq + 1));
        const opposite = flag.startsWith('--no-') ? `--${flag.slice(5)}` : `--no-${flag.slice(2)}`;
        if (value === true) {
          known.push(flag);
          continue;
        }
        if (value === false && longFlags.has(opposite)) {
          known.push(opposite);
          continue;
        }
      }
      known.push(arg);
      if (eq === -1 && longFlags.get(flag) && i + 1 < args.length) known.push(args[++i]!);
      continue;
    }
    const negated = flag.startsWith('--no-');
    const key = flag.slice(negated ? 5 : 2);
    const value = eq === -1 ? !negated : parsePassthroughValue(arg.slice(eq + 1));
    if (key in passthrough && passthrough[key] !== true) {
      const previous = passthrough[key];
      passthrough[key] = [...(Array.isArray(previous) ? previous : [previous]), value];
    } else {
      passthrough[key] = value;
    }
  }
  passthroughStore.set(command, passthrough);
  return { known, passthrough };
}
