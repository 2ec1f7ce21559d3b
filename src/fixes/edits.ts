/**
 * Small edit helpers shared by the fix builders: indentation, names that are free to add, module
 * kind, and adding an import. Each returns `null` when it cannot be sure.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';

import { memoPerFile } from '../util/memo.js';
import type { TypeInfo } from '../util/types.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The whitespace before `node` on its line when nothing else precedes it there, else `null`. */
export function statementIndent(sourceCode: SourceCode, node: TSESTree.Node | TSESTree.Token): string | null {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  const before = line.slice(0, node.loc.start.column);
  return /^[ \t]*$/.test(before) ? before : null;
}

/** Every identifier spelled in the file (declarations, uses, property names), computed once per file. */
function fileIdentifiers(sourceCode: SourceCode): ReadonlySet<string> {
  return memoPerFile(sourceCode, 'fixes:identifiers', () => {
    const names = new Set<string>();
    for (const token of sourceCode.ast.tokens) if (token.type === AST_TOKEN_TYPES.Identifier) names.add(token.value);
    return names;
  });
}

/** The whitespace the line of `node` starts with. */
export function lineIndent(sourceCode: SourceCode, node: TSESTree.Node | TSESTree.Token): string {
  return /^\s*/.exec(sourceCode.lines[node.loc.start.line - 1] ?? '')?.[0] ?? '';
}

/** Whether `node` is the first thing on its line, so that text can go on a line of its own before it. */
export function startsLine(sourceCode: SourceCode, node: TSESTree.Node | TSESTree.Token): boolean {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return line.slice(0, node.loc.start.column).trim() === '';
}

/** Whether an identifier spelled `name` occurs anywhere in `node` (a declaration, a use, a property name). */
export function identifierUsed(sourceCode: SourceCode, node: TSESTree.Node, name: string): boolean {
  if (!fileIdentifiers(sourceCode).has(name)) return false;
  if (node === sourceCode.ast) return true;
  // The tokens of `node` alone, found by ESLint's index of token offsets.
  return sourceCode.getTokens(node).some((token) => token.type === AST_TOKEN_TYPES.Identifier && token.value === name);
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
export function importResolves(sourceCode: SourceCode, filename: string, types: TypeInfo | null, moduleName: string): boolean {
  if (!types) return true;
  return memoPerFile(sourceCode, `fixes:resolves:${moduleName}`, () => {
    if (types.checker.getAmbientModules().some((symbol) => symbol.getName() === `"${moduleName}"`)) return true;
    for (let dir = dirname(filename); ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'node_modules', moduleName, 'package.json'))) return true;
      if (dirname(dir) === dir) return false;
    }
  });
}

/**
 * How often each word (a run of identifier characters) occurs in the file's text, strings and
 * comments included, counted once per file: a name a fix adds must not occur anywhere.
 */
export function fileWords(sourceCode: SourceCode): ReadonlyMap<string, number> {
  return memoPerFile(sourceCode, 'fixes:words', () => {
    const counts = new Map<string, number>();
    for (const [word] of sourceCode.text.matchAll(/[\w$]+/g)) counts.set(word, (counts.get(word) ?? 0) + 1);
    return counts;
  });
}

/** The first of `candidates` that occurs nowhere in the file's text. */
export function unusedName(sourceCode: SourceCode, candidates: readonly string[]): string | null {
  const words = fileWords(sourceCode);
  return candidates.find((name) => !words.has(name)) ?? null;
}

/** The names bound in any scope of the file, collected once per file. */
export function declaredNames(sourceCode: SourceCode): ReadonlySet<string> {
  return memoPerFile(sourceCode, 'fixes:declared', () => {
    const names = new Set<string>();
    for (const scope of sourceCode.scopeManager?.scopes ?? []) for (const name of scope.set.keys()) names.add(name);
    return names;
  });
}

/** The tokens that span more than one line (template literals, continued strings, JSX text), in order, once per file. */
export function multilineTokens(sourceCode: SourceCode): readonly TSESTree.Token[] {
  return memoPerFile(sourceCode, 'fixes:multiline-tokens', () => sourceCode.ast.tokens.filter((token) => token.loc.start.line !== token.loc.end.line));
}

/** The quote the file writes strings with: that of its first string, else a single quote. */
export function quoteOf(sourceCode: SourceCode): string {
  return memoPerFile(sourceCode, 'fixes:quote', () =>
    sourceCode.ast.tokens.find((token) => token.type === AST_TOKEN_TYPES.String)?.value.startsWith('"') ? '"' : "'",
  );
}
