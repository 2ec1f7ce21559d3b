/**
 * Small edit helpers shared by the fix builders: indentation, names that are free to add, module
 * kind, and adding an import. Each returns `null` when it cannot be sure.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';

import type { TypeInfo } from '../util/types.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The whitespace before `node` on its line when nothing else precedes it there, else `null`. */
export function statementIndent(sourceCode: SourceCode, node: TSESTree.Node | TSESTree.Token): string | null {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  const before = line.slice(0, node.loc.start.column);
  return /^[ \t]*$/.test(before) ? before : null;
}

/** Whether an identifier spelled `name` occurs anywhere in `node` (a declaration, a use, a property name). */
export function identifierUsed(sourceCode: SourceCode, node: TSESTree.Node, name: string): boolean {
  const [start, end] = node.range;
  return sourceCode.ast.tokens.some((token) => token.type === AST_TOKEN_TYPES.Identifier && token.value === name && token.range[0] >= start && token.range[1] <= end);
}

/** Whether the file is an ES module that does not also use CommonJS `require`. */
export function isEsModule(sourceCode: SourceCode): boolean {
  if (sourceCode.ast.sourceType !== 'module') return false;
  const globalScope = sourceCode.scopeManager?.globalScope;
  return !globalScope?.through.some((reference) => reference.identifier.name === 'require' || reference.identifier.name === 'module');
}

/**
 * A default import of `from`: the existing one's local name, or `name` with an edit that adds
 * `import name from 'from';` after the last import (or before the first statement). `null` when
 * `name` is already used in the file or the file has no statement to put it before.
 */
export function addDefaultImport(
  sourceCode: SourceCode,
  name: string,
  from: string,
): { name: string; fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] } | null {
  const imports = sourceCode.ast.body.filter((statement): statement is TSESTree.ImportDeclaration => statement.type === AST_NODE_TYPES.ImportDeclaration);
  for (const declaration of imports) {
    if (declaration.source.value !== from || declaration.importKind === 'type') continue;
    const specifier = declaration.specifiers.find((candidate) => candidate.type === AST_NODE_TYPES.ImportDefaultSpecifier);
    if (specifier) return { name: specifier.local.name, fix: () => [] };
  }
  if (identifierUsed(sourceCode, sourceCode.ast, name)) return null;
  const last = imports.at(-1);
  if (last) {
    const quote = last.source.raw.startsWith('"') ? '"' : "'";
    const semicolon = sourceCode.getText(last).trimEnd().endsWith(';') ? ';' : '';
    const text = `\nimport ${name} from ${quote}${from}${quote}${semicolon}`;
    return { name, fix: (fixer) => [fixer.insertTextAfter(last, text)] };
  }
  const first = sourceCode.ast.body[0];
  if (!first || statementIndent(sourceCode, first) !== '') return null;
  // Above the comments attached to the first statement (its doc comment), below a file header.
  let anchor: TSESTree.Node | TSESTree.Comment = first;
  for (const comment of sourceCode.getCommentsBefore(first).reverse()) {
    if (comment.loc.end.line < anchor.loc.start.line - 1 || statementIndent(sourceCode, comment) !== '') break;
    anchor = comment;
  }
  const at = anchor.range[0];
  return { name, fix: (fixer) => [fixer.insertTextBeforeRange([at, at], `import ${name} from '${from}';\n`)] };
}

/**
 * Whether an import of `moduleName` added to this file would type-check: with type information,
 * when the program declares the module or a `node_modules` folder above the file has it. Without
 * type information nothing is type-checked, and a remedy that adds a dependency says so.
 */
export function importResolves(filename: string, types: TypeInfo | null, moduleName: string): boolean {
  if (!types) return true;
  if (types.checker.getAmbientModules().some((symbol) => symbol.getName() === `"${moduleName}"`)) return true;
  for (let dir = dirname(filename); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', moduleName, 'package.json'))) return true;
    if (dirname(dir) === dir) return false;
  }
}
