// A `var` declared in the scope body is used after it: the body cannot move into a callback.
let mode = 'plain';

export function render(next: string, fn: () => string): string {
  const prev = mode;
  mode = next;
  try {
    var html = fn();
  } finally {
    mode = prev;
  }
  return html;
}

export function currentMode(): string {
  return mode;
}
