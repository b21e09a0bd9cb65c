// A private static field used as the current value (case 17): the member keeps its name and
// modifiers and holds the storage, so the emitted .d.ts does not change.
export interface Span {
  readonly name: string;
}

export class Tracer {
  private static active: Span | null = null;
  static #depth = 0;

  static withSpan<T>(span: Span, fn: () => T): T {
    const parent = Tracer.active;
    Tracer.active = span;
    this.#depth++;
    try {
      return fn();
    } finally {
      this.#depth--;
      Tracer.active = parent;
    }
  }

  static current(): string {
    const active = 'unused local with the same name';
    if (Tracer.active === null) return `none (${active.length})`;
    return `${Tracer.active.name}@${this.#depth}`;
  }
}
