// A `return` in the body is fine when the try statement is the last statement of the function
// (case 19): falling through returns undefined before and after.
let flag: boolean = false;
const seen: string[] = [];

export function maybe(on: boolean, values: readonly string[]): string | undefined {
  const saved = flag;
  flag = on;
  try {
    for (const value of values) {
      if (value.startsWith('!')) return value;
      seen.push(`${value}:${flag}`);
    }
  } finally {
    flag = saved;
  }
}

export function seenValues(): string[] {
  return seen.splice(0);
}
