/**
 * The registry of built-in transforms. A transform's name is a contract: the same string is its file
 * or folder (transforms/<name>), its fixture folder (__testfixtures__/<name>/), its sub-command and its
 * README row; test/conventions.test.ts checks all four.
 */
import type { Transform } from '../src/transform-api/types.js';
import useAsyncLocalStorage from './use-async-local-storage/index.js';
import useDisposableStack from './use-disposable-stack/index.js';
import useImportType from './use-import-type/index.js';

/** Built-in transforms, in the order `migrate list` shows them. */
export const builtinTransforms: readonly Transform[] = [useImportType, useDisposableStack, useAsyncLocalStorage];
