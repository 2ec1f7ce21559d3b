/**
 * What a node's value is, decided by eslint-utils' static evaluation (`getStaticValue`) from the
 * scope it is in: literals, `const` bindings (`const FOREVER = Infinity`), arithmetic on them and
 * the real built-in globals (`Number.POSITIVE_INFINITY`) are all values; a parameter, a `let` that
 * is written again, or a call is not. Every "is this 0 / Infinity / a finite bound" question in the
 * analyses goes through here, so they agree.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { skipTypeWrappers } from './ast.js';
import { ASTUtils } from './eslint-utils.js';

/** A value known before the code runs, wrapped so that a known `undefined` differs from "unknown". */
export interface KnownValue {
  readonly value: unknown;
}

/**
 * The node's static value, or `null` when it cannot be known. `Infinity`, `NaN` and `undefined`
 * that no scope declares (a parser given no globals) are still the built-ins.
 */
export function staticValueOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): KnownValue | null {
  const target = skipTypeWrappers(node);
  const scope = sourceCode.getScope(target);
  const known = ASTUtils.getStaticValue(target, scope);
  if (known) return known;
  if (target.type === AST_NODE_TYPES.Identifier && UNDECLARED_BUILTINS.has(target.name)) {
    const variable = ASTUtils.findVariable(scope, target);
    if (!variable || variable.defs.length === 0) return { value: UNDECLARED_BUILTINS.get(target.name) };
  }
  return null;
}

const UNDECLARED_BUILTINS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['Infinity', Number.POSITIVE_INFINITY],
  ['NaN', Number.NaN],
  ['undefined', undefined],
]);

/** The node's value when it is statically a number, else `null`. */
export function staticNumber(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): number | null {
  const known = staticValueOf(sourceCode, node);
  return known && typeof known.value === 'number' ? known.value : null;
}

/** The node's value when it is statically a string, else `null`. */
export function staticString(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string | null {
  const known = staticValueOf(sourceCode, node);
  return known && typeof known.value === 'string' ? known.value : null;
}

/** Statically `null` or `undefined`. */
export function isStaticallyNullish(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const known = staticValueOf(sourceCode, node);
  return known !== null && (known.value === null || known.value === undefined);
}

/**
 * A value that, given as a timeout or a limit, turns it off: statically `0`, `Infinity`, `null`
 * or `undefined`. A value the file does not state is not.
 */
export function isDisabledLimit(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const known = staticValueOf(sourceCode, node);
  if (!known) return false;
  const { value } = known;
  return value === null || value === undefined || value === 0 || value === Number.POSITIVE_INFINITY;
}

/** Counts at or above this are "forever" for a retry or attempt count. */
export const ENDLESS_COUNT = 1_000_000;

/** A count that never runs out: statically `Infinity` or a number of a million or more. */
export function isEndlessCount(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const count = staticNumber(sourceCode, node);
  return count !== null && count >= ENDLESS_COUNT;
}

/** A finite number the file states (a bound a loop or a batch is cut by), else `null`. */
export function staticFiniteNumber(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): number | null {
  const count = staticNumber(sourceCode, node);
  return count !== null && Number.isFinite(count) ? count : null;
}
