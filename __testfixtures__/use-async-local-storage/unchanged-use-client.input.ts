'use client';
// A client component module: never converted.
let selected = '';

export function withSelection<T>(id: string, fn: () => T): T {
  const prev = selected;
  selected = id;
  try {
    return fn();
  } finally {
    selected = prev;
  }
}

export function isSelected(id: string): boolean {
  return selected === id;
}
