/**
 * `defineTransform` and `option`: how a transform declares itself. Pure functions over data.
 */
import type { OptionSpec, TsMorphTransform } from './types.js';

const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Declares a codemigrate transform. It checks the metadata up front, so a malformed transform fails
 * when it is loaded rather than halfway through a run.
 */
export function defineTransform<O = Record<string, never>, M = unknown>(
  definition: Omit<TsMorphTransform<O, M>, 'engine'> & { engine?: 'ts-morph' },
): TsMorphTransform<O, M> {
  if (!NAME_PATTERN.test(definition.name)) {
    throw new TypeError(`transform name ${JSON.stringify(definition.name)} must be kebab-case, e.g. "use-import-type"`);
  }
  if (!definition.summary) throw new TypeError(`transform ${definition.name} needs a one-line summary`);
  if (typeof definition.collect !== 'function' || typeof definition.apply !== 'function') {
    throw new TypeError(`transform ${definition.name} needs collect() and apply() functions`);
  }
  return { ...definition, engine: 'ts-morph' };
}

/** Option declarations: one table gives the type, the flags, --help, the README row and validation. */
export const option = {
  choice<const T extends string>(choices: readonly T[], spec: { default: NoInfer<T>; description: string }): OptionSpec<T> {
    return { kind: 'choice', choices, default: spec.default, description: spec.description };
  },
  boolean(spec: { default: boolean; description: string }): OptionSpec<boolean> {
    return { kind: 'boolean', default: spec.default, description: spec.description };
  },
  string(spec: { default: string; description: string }): OptionSpec<string> {
    return { kind: 'string', default: spec.default, description: spec.description };
  },
  number(spec: { default: number; description: string }): OptionSpec<number> {
    return { kind: 'number', default: spec.default, description: spec.description };
  },
};

/** The default value of every declared option. */
export function defaultOptions<O>(specs: { [K in keyof O]: OptionSpec<O[K]> } | undefined): O {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs ?? {}) as Array<[string, OptionSpec<unknown>]>) out[key] = spec.default;
  return out as O;
}

/**
 * Checks and fills options against their specs. Unknown keys are an error for built-in transforms
 * (a typo should not silently do nothing); values are coerced from strings where the CLI gave strings.
 */
export function resolveOptions<O>(
  transformName: string,
  specs: { [K in keyof O]: OptionSpec<O[K]> } | undefined,
  given: Record<string, unknown>,
): O {
  const out = defaultOptions(specs) as Record<string, unknown>;
  const table = (specs ?? {}) as Record<string, OptionSpec<unknown>>;
  for (const [key, raw] of Object.entries(given)) {
    if (raw === undefined) continue;
    const spec = table[key];
    if (!spec) {
      const known = Object.keys(table);
      throw new OptionError(
        `${transformName} has no option "${key}"`,
        known.length ? `its options are: ${known.join(', ')}` : `${transformName} takes no options`,
      );
    }
    out[key] = coerceOption(transformName, key, spec, raw);
  }
  return out as O;
}

function coerceOption(transformName: string, key: string, spec: OptionSpec<unknown>, raw: unknown): unknown {
  switch (spec.kind) {
    case 'choice':
      if (typeof raw === 'string' && spec.choices?.includes(raw)) return raw;
      throw new OptionError(
        `${transformName} --${key} must be one of ${spec.choices?.join(', ')}; got ${JSON.stringify(raw)}`,
        `for example: --${key} ${spec.choices?.[0]}`,
      );
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      throw new OptionError(`${transformName} --${key} must be true or false; got ${JSON.stringify(raw)}`, `use --${key} or --no-${key}`);
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (Number.isFinite(n)) return n;
      throw new OptionError(`${transformName} --${key} must be a number; got ${JSON.stringify(raw)}`, `for example: --${key} ${spec.default}`);
    }
    case 'string':
      if (typeof raw === 'string') return raw;
      return String(raw);
  }
}

/** A bad option value: a usage error (exit 2), with a hint. */
export class OptionError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'OptionError';
  }
}
