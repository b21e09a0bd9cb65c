// A property of a module-private const object that never escapes (case 24): the property leaves the
// object and gets its own storage; the other properties stay shared, as before.
const state = {
  hits: 0,
  user: null as string | null,
  label: 'app',
};

export function asUser<T>(user: string, fn: () => T): T {
  const prev = state.user;
  state.user = user;
  state.hits++;
  try {
    return fn();
  } finally {
    state.user = prev;
  }
}

export function describe(): string {
  return `${state.label}:${state.user ?? 'anonymous'}`;
}

export function hits(): number {
  return state.hits;
}
