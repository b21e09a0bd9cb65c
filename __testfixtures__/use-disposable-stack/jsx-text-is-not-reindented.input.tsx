declare const React: { createElement(...args: unknown[]): unknown };
declare const lock: { release(): void };
declare function render(node: unknown): string;

export function page(fail: boolean): string {
  try {
    if (fail) throw new Error("x");
    return render(
      <pre>
  two spaces
      six spaces
      </pre>,
    );
  } catch (e) {
    return render(<p>
      failed
    </p>);
  } finally {
    lock.release();
  }
}
