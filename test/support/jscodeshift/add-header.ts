// jscodeshift transform in TypeScript (export default, async): puts a comment line in front of the
// source text as a string, before any byte-order mark (which then ends up after the comment, as with
// jscodeshift), and leaves files that already have it as the same string.
import type { API, FileInfo } from 'jscodeshift';

const HEADER = '// checked by add-header\n';

export default async function addHeader(file: FileInfo, api: API, options: { header?: string }): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  const header = options.header ? `// ${options.header}\n` : HEADER;
  if (file.source.includes(header)) return file.source;
  api.stats('headers');
  return header + file.source;
}
