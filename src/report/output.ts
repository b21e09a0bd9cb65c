/**
 * Where reporters print: injected, so that the CLI can be tested in-process with captured output and
 * the Node API can print nothing.
 */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colours on: a terminal, and neither NO_COLOR nor --no-color. */
  color: boolean;
  /** Colours on stderr (default: as `color`). */
  stderrColor?: boolean;
  /** stderr is a terminal (progress is shown only then). */
  stderrIsTTY: boolean;
}

/** An Output that keeps everything in memory (tests, the Node API). */
export function captureOutput(): Output & { out: string; err: string } {
  const captured = {
    out: '',
    err: '',
    color: false,
    stderrIsTTY: false,
    stdout(text: string) {
      captured.out += text;
    },
    stderr(text: string) {
      captured.err += text;
    },
  };
  return captured;
}
