/**
 * Target detection for use-async-local-storage (spec §4.8): a file is converted only when it is a Node
 * target (node:async_hooks resolves through @types/node) and shows no browser or isomorphic evidence.
 */
import type { SourceFile, TypeChecker } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/ts-morph.cjs';
import type { TransformContext } from '../../src/transform-api/types.js';

/** Globals that only exist in a browser (lib.dom.d.ts). */
const DOM_GLOBALS = new Set([
  'document',
  'window',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
  'HTMLDivElement',
  'HTMLInputElement',
  'Element',
  'Document',
  'Window',
  'customElements',
  'requestAnimationFrame',
]);

const BROWSER_ONLY_MODULES = new Set(['react-dom/client', 'client-only']);

/** Returns the reason the file is not a Node target, or undefined if it is one. */
export function targetRefusal(file: SourceFile, ctx: TransformContext<unknown>, checker: TypeChecker): string | undefined {
  // Directives.
  for (const statement of file.getStatements()) {
    if (!Node.isExpressionStatement(statement)) break;
    const expression = statement.getExpression();
    if (!Node.isStringLiteral(expression)) break;
    if (expression.getLiteralText() === 'use client') {
      return "browser target ('use client' directive); node:async_hooks does not exist there, so the module is left unchanged";
    }
  }
  // Isomorphic guards: typeof window / typeof document.
  for (const typeOf of file.getDescendantsOfKind(SyntaxKind.TypeOfExpression)) {
    const operand = typeOf.getExpression();
    if (Node.isIdentifier(operand) && (operand.getText() === 'window' || operand.getText() === 'document')) {
      return `isomorphic module ('typeof ${operand.getText()}' guard); a static import of node:async_hooks would break the browser bundle`;
    }
  }
  const pkg = ctx.projectInfo.packageJson?.data;
  if (pkg && (pkg['browser'] !== undefined || JSON.stringify(pkg['exports'] ?? null).includes('"browser"'))) {
    return "isomorphic package (package.json 'browser' field or 'browser' export condition); a static import of node:async_hooks would break the browser bundle";
  }
  for (const declaration of file.getImportDeclarations()) {
    if (BROWSER_ONLY_MODULES.has(declaration.getModuleSpecifierValue())) {
      return `browser target (imports '${declaration.getModuleSpecifierValue()}'); node:async_hooks does not exist there, so the module is left unchanged`;
    }
  }
  const lib = ctx.compilerOptions.lib ?? [];
  if (lib.some((entry) => /(^|\/|lib\.)dom(\.|$)/i.test(entry))) {
    return "browser target (tsconfig 'lib' includes DOM); node:async_hooks does not exist there, so the module is left unchanged";
  }
  // DOM globals and types used in the file that are not declared locally.
  for (const identifier of file.getDescendantsOfKind(SyntaxKind.Identifier)) {
    const name = identifier.getText();
    if (!DOM_GLOBALS.has(name)) continue;
    const parent = identifier.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) continue;
    if (Node.isPropertyAssignment(parent) && parent.getNameNode() === identifier) continue;
    const symbol = checker.getSymbolAtLocation(identifier);
    const declarations = symbol?.getDeclarations() ?? [];
    const local = declarations.some((d) => d.getSourceFile() === file);
    if (local) continue;
    const fromDom = declarations.length === 0 || declarations.some((d) => /lib\.dom/i.test(d.getSourceFile().getFilePath()));
    if (fromDom) {
      return `browser target (DOM global '${name}' used); node:async_hooks does not exist there, so the module is left unchanged`;
    }
  }
  // Node evidence: node:async_hooks must resolve (@types/node present).
  if (!ctx.project.getAmbientModule('node:async_hooks') && !ctx.project.getAmbientModule('async_hooks')) {
    return "'node:async_hooks' does not resolve (no @types/node in the project), so AsyncLocalStorage cannot be imported with its types";
  }
  return undefined;
}
