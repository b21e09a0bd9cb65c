// The new value is derived from the saved one and the initial value is an array (case 20): the
// initial value is hoisted once, and the saved value is kept as a plain read.
let path: readonly string[] = [];

export function within<T>(name: string, fn: () => T): T {
  const outer = path;
  path = [...outer, name];
  try {
    return fn();
  } finally {
    path = outer;
  }
}

export function where(): string {
  return path.length === 0 ? '/' : `/${path.join('/')}`;
}

export function isRoot(): boolean {
  return path === rootPath;
}

const rootPath = path;
