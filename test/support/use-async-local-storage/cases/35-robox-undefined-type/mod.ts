// The type includes undefined and the initial value is not undefined: a scope set to undefined must
// read undefined, not the initial value, so the store holds a read-only box (case 12).
let region: string | undefined = 'eu';

export function inRegion<T>(next: string | undefined, fn: () => T): T {
  const saved = region;
  region = next;
  try {
    return fn();
  } finally {
    region = saved;
  }
}

export function currentRegion(): string | undefined {
  return region;
}

export function endpoint(): string {
  const r = region ?? 'global';
  return `https://${r}.example.com`;
}
