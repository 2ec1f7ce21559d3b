import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** What a file's analyses are cached under: a name, or the object the analysis is derived from (an API index). */
export type MemoKey = string | object;

const perFile = new WeakMap<TSESTree.Program, Map<MemoKey, unknown>>();
/**
 * The file being linted and its cache. ESLint runs every rule on one file before the next, so
 * nearly every look-up is for this file and costs one comparison instead of a WeakMap look-up;
 * it holds one file's cache at most, until the next file is linted.
 */
let current: { readonly ast: TSESTree.Program; readonly cache: Map<MemoKey, unknown> } | null = null;

function fileCache(ast: TSESTree.Program): Map<MemoKey, unknown> {
  if (current?.ast === ast) return current.cache;
  let cache = perFile.get(ast);
  if (!cache) {
    cache = new Map();
    perFile.set(ast, cache);
  }
  current = { ast, cache };
  return cache;
}

/**
 * Computes a per-file analysis once and shares it between every rule that asks for it.
 * Keyed by the file's AST, so nothing is shared across files.
 */
export function memoPerFile<T>(sourceCode: Readonly<TSESLint.SourceCode>, key: MemoKey, compute: () => T): T {
  const cache = fileCache(sourceCode.ast);
  const cached = cache.get(key);
  if (cached !== undefined || cache.has(key)) return cached as T;
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
