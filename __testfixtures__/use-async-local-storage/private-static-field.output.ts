// A private static field used as the current value (case 17): the member keeps its name and
// modifiers and holds the storage, so the emitted .d.ts does not change.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Span {
  readonly name: string;
}

export class Tracer {
  private static active = new AsyncLocalStorage<Span | null>();
  static #depth = new AsyncLocalStorage<number>();

  static withSpan<T>(span: Span, fn: () => T): T {
    return Tracer.active.run(span, () => Tracer.#depth.run((Tracer.#depth.getStore() ?? 0) + 1, () => fn()));
  }

  static current(): string {
    const active2 = Tracer.active.getStore() ?? null;
    const depth = Tracer.#depth.getStore() ?? 0;
    const active = 'unused local with the same name';
    if (active2 === null) return `none (${active.length})`;
    return `${active2.name}@${depth}`;
  }
}
