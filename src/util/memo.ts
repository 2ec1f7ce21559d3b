import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

const perFile = new WeakMap<TSESTree.Program, Map<string, unknown>>();

/**
 * Computes a per-file analysis once and shares it between every rule that asks for it.
 * Keyed by the file's AST, so nothing outlives the file and nothing is shared across files.
 */
export function memoPerFile<T>(sourceCode: Readonly<TSESLint.SourceCode>, key: string, compute: () => T): T {
  let cache = perFile.get(sourceCode.ast);
  if (!cache) {
    cache = new Map();
    perFile.set(sourceCode.ast, cache);
  }
  if (cache.has(key)) {
    return cache.get(key) as T;
  }
  const value = compute();
  cache.set(key, value);
  return value;
}

const perValue = new WeakMap<object, Map<string, unknown>>();

/**
 * Computes data derived from an immutable value once for as long as the value lives: for a rule's
 * resolved options (one frozen object per distinct options, see `createRule`), shared by every
 * file that has them instead of rebuilt per file.
 */
export function memoPerValue<T>(value: object, key: string, compute: () => T): T {
  let cache = perValue.get(value);
  if (!cache) {
    cache = new Map();
    perValue.set(value, cache);
  }
  if (cache.has(key)) return cache.get(key) as T;
  const result = compute();
  cache.set(key, result);
  return result;
}
