import { closeSync, openSync, readSync } from 'node:fs';
import type { User } from './types.js';

/** Reads the first bytes of two files; each descriptor is closed however the read ends. */
export function headers(a: string, b: string, user: User): string {
  const first = openSync(a, 'r');
  try {
    const second = openSync(b, 'r');
    try {
      const buffer = Buffer.alloc(16);
      readSync(first, buffer, 0, 8, 0);
      readSync(second, buffer, 8, 8, 0);
      return `${user.name}: ${buffer.toString('hex')}`;
    } finally {
      closeSync(second);
    }
  } finally {
    closeSync(first);
  }
}
