import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from './eslint-utils.js';

/**
 * Small fix builders. Each inserts text at a place where the result is certain to parse and keeps
 * comments and the surrounding layout; each returns `null` when it cannot be sure.
 */

function indentOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)?.[0] ?? '';
}

/** Adds `propertyText` (e.g. `signal: AbortSignal.timeout(30000)`) as the last property of an object literal. */
export function addProperty(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  object: TSESTree.ObjectExpression,
  propertyText: string,
): TSESLint.RuleFix | null {
  const openBrace = sourceCode.getFirstToken(object);
  const closeBrace = sourceCode.getLastToken(object);
  if (!openBrace || !closeBrace || openBrace.value !== '{' || closeBrace.value !== '}') return null;
  const last = object.properties.at(-1);
  if (!last) {
    const inner = sourceCode.text.slice(openBrace.range[1], closeBrace.range[0]);
    if (inner.trim() === '') {
      return fixer.replaceTextRange([openBrace.range[1], closeBrace.range[0]], ` ${propertyText} `);
    }
    // Only comments inside: keep them, put the property first.
    return fixer.insertTextAfter(openBrace, ` ${propertyText},`);
  }
  const afterLast = sourceCode.getTokenAfter(last);
  const multiline = last.loc.end.line !== closeBrace.loc.start.line;
  if (afterLast && ASTUtils.isCommaToken(afterLast)) {
    return multiline
      ? fixer.insertTextAfter(afterLast, `\n${indentOf(sourceCode, last)}${propertyText},`)
      : fixer.insertTextAfter(afterLast, ` ${propertyText}`);
  }
  return multiline ? fixer.insertTextAfter(last, `,\n${indentOf(sourceCode, last)}${propertyText}`) : fixer.insertTextAfter(last, `, ${propertyText}`);
}

/** Replaces a property's value, keeping its key (`timeout: 0` → `timeout: 30000`). */
export function replacePropertyValue(fixer: TSESLint.RuleFixer, property: TSESTree.Property, valueText: string): TSESLint.RuleFix | null {
  if (property.shorthand || property.method || property.kind !== 'init') return null;
  return fixer.replaceText(property.value, valueText);
}

/**
 * Appends arguments to a call so that `argumentsText` start at position `index`; missing arguments
 * in between are filled with `undefined`. Handles a trailing comma and an empty argument list.
 */
export function appendArguments(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  argumentText: string,
): TSESLint.RuleFix | null {
  if (call.arguments.length > index) return null;
  if (call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return null;
  const closeParen = sourceCode.getLastToken(call);
  if (!closeParen || !ASTUtils.isClosingParenToken(closeParen)) return null;
  const fill = Array.from({ length: index - call.arguments.length }, () => 'undefined');
  const text = [...fill, argumentText].join(', ');
  const before = sourceCode.getTokenBefore(closeParen);
  if (!before) return null;
  if (call.arguments.length === 0) {
    return ASTUtils.isOpeningParenToken(before) ? fixer.insertTextBefore(closeParen, text) : null;
  }
  if (ASTUtils.isCommaToken(before)) return fixer.insertTextAfter(before, ` ${text}`);
  // `before` is the last token of the last argument, its closing parenthesis included.
  return fixer.insertTextAfter(before, `, ${text}`);
}

/** Inserts a new argument right after `argument` (before the next one): `get(url, cb)` → `get(url, X, cb)`. */
export function insertArgumentAfter(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  argument: TSESTree.CallExpressionArgument,
  argumentText: string,
): TSESLint.RuleFix | null {
  const index = call.arguments.indexOf(argument);
  const next = call.arguments[index + 1];
  if (index < 0) return null;
  if (!next) return appendArguments(fixer, sourceCode, call, index + 1, argumentText);
  const comma = sourceCode.getTokenBefore(next, { filter: ASTUtils.isCommaToken });
  if (!comma || comma.range[0] < argument.range[1]) return null;
  return fixer.insertTextAfter(comma, ` ${argumentText},`);
}
