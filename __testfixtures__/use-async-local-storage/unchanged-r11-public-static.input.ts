// A public static field of an exported class is part of the API: anyone can assign it.
export class Context {
  static current: string | null = null;

  static run<T>(value: string, fn: () => T): T {
    const prev = Context.current;
    Context.current = value;
    try {
      return fn();
    } finally {
      Context.current = prev;
    }
  }
}
