/**
 * The progress line on stderr: files done of total and the current transform. Shown only on a
 * terminal, only after the run has taken a moment, and erased when the run ends.
 */
import type { Output } from './output.js';

const DELAY_MS = 400;

export function createProgress(out: Output): { update(done: number, total: number, transform: string): void; done(): void } {
  const started = Date.now();
  let shown = false;
  let lastDraw = 0;
  return {
    update(done, total, transform) {
      const now = Date.now();
      if (now - started < DELAY_MS || now - lastDraw < 80) return;
      lastDraw = now;
      shown = true;
      out.stderr(`\r\x1b[2K${done}/${total} files · ${transform}`);
    },
    done() {
      if (shown) out.stderr('\r\x1b[2K');
    },
  };
}
