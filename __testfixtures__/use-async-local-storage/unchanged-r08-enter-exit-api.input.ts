// A push/pop API: callers pair enter() and exit() themselves; only enterWith() could emulate it.
let current: string | undefined;
const stack: Array<string | undefined> = [];

export function enter(name: string): void {
  stack.push(current);
  current = name;
}

export function exit(): void {
  current = stack.pop();
}

export function active(): string | undefined {
  return current;
}
