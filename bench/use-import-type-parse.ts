/**
 * The floor for the use-import-type bench: parse every .ts file under a directory with TypeScript
 * (ts from ts-morph, parent pointers set), nothing else.   node --import tsx bench/use-import-type-parse.ts <dir>
 */
import { ts } from 'ts-morph';
import { listTsFiles, readText } from './use-import-type-corpus.js';

const dir = process.argv[2]!;
let nodes = 0;
for (const file of listTsFiles(dir)) {
  const sf = ts.createSourceFile(file, readText(file), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  nodes += sf.statements.length;
}
process.stdout.write(`parsed ${listTsFiles(dir).length} files, ${nodes} top-level statements\n`);
