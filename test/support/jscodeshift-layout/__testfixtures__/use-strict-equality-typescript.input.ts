export function eq<T>(a: T, b: T): boolean {
  return (a as unknown) == b;
}
