import type { ESLintUtils, TSESLint } from '@typescript-eslint/utils';

import type { FailureModeId } from '../failure-modes.js';
import { packageMeta } from '../package-meta.js';

/** The plugin-specific part of every rule's `meta.docs`. */
export interface SteadyStateDocs {
  /** The narrowest shipped config that enables the rule: `recommended` rules are also in `strict`. */
  recommended: 'recommended' | 'strict' | false;
  /** The production symptom the rule guards against (see `src/failure-modes.ts`). */
  failureMode: FailureModeId;
  /**
   * Options the `strict` and `all` configs set for this rule (the stricter variants a rule offers,
   * such as also reporting queues); `recommended` uses the defaults.
   */
  strictOptions?: Record<string, unknown>;
  /**
   * Options with which a team has decided the behaviour the rule's suggestions would choose (a
   * timeout value, a cap, a limiter), so that `--fix` applies them as autofixes. No config sets
   * them; the real-code tests lint with them to check every autofix.
   */
  fixOptions?: Record<string, unknown>;
  /** Rules never require type information; types only make them quieter. */
  requiresTypeChecking?: false;
}

export function ruleDocsUrl(ruleName: string): string {
  return `${packageMeta.repository}/blob/main/docs/rules/${ruleName}.md`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `defaults` overlaid with `given`, objects merged key by key, anything else replaced. */
function merge(defaults: unknown, given: unknown): unknown {
  if (given === undefined) return defaults;
  if (!isPlainObject(defaults) || !isPlainObject(given)) return given;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given)) merged[key] = merge(defaults[key], value);
  return merged;
}

/** Whether two option values (JSON-like: what a rule schema admits) are equal, without serialising them. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index += 1) if (!sameValue(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // key by key, without building key lists: this runs for every file
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    if (!Object.hasOwn(right, key) || !sameValue(left[key], right[key])) return false;
    count += 1;
  }
  for (const key in right) if (Object.hasOwn(right, key)) count -= 1;
  return count === 0;
}

/**
 * Whether two rules' option lists are equal, each object option compared on the keys its default
 * names: the schemas admit no other key, and ESLint merges every file's options afresh over the
 * defaults, keeping the values themselves, so the compare ends at `===` on each.
 */
function sameOptions(a: readonly unknown[], b: readonly unknown[], keysAt: readonly (readonly string[] | null)[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) {
    const left = a[index];
    const right = b[index];
    const keys = keysAt[index];
    if (keys && isPlainObject(left) && isPlainObject(right)) {
      for (const key of keys) {
        const value = left[key];
        const other = right[key];
        if (value !== other && !sameValue(value, other)) return false;
      }
    } else if (!sameValue(left, right)) {
      return false;
    }
  }
  return true;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The options a rule's `create()` receives: every option present, from `meta.defaultOptions` where
 * the user set none (the meta test checks that every option the schema names has a default).
 */
export type ResolvedOptions<Options extends readonly unknown[]> = { readonly [K in keyof Options]: Readonly<Required<Options[K]>> };

/** A rule as written in `rules/`: typescript-eslint's rule shape, whose `create()` gets the resolved options. */
export type RuleSpec<Options extends readonly unknown[], MessageIds extends string> = Omit<
  ESLintUtils.RuleWithMetaAndName<Options, MessageIds, SteadyStateDocs>,
  'create'
> & {
  create(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, options: ResolvedOptions<Options>): TSESLint.RuleListener;
};

/**
 * A rule with its docs URL and its options merged over `meta.defaultOptions`, the same contract as
 * typescript-eslint's `RuleCreator` (whose package needs TypeScript installed, which a
 * JavaScript-only project does not have). The merged options are computed once per distinct
 * options rather than on every file, and frozen, because every file of a run shares them.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  spec: Readonly<RuleSpec<Options, MessageIds>>,
): TSESLint.RuleModule<MessageIds, Options, SteadyStateDocs> & { name: string } {
  const { name, meta, create } = spec;
  const defaults: readonly unknown[] = meta.defaultOptions ?? [];
  const keysAt = defaults.map((option) => (isPlainObject(option) ? Object.keys(option) : null));
  /** The options seen so far, each with its resolved form: a run has one or a few. */
  const resolved: { readonly given: readonly unknown[]; readonly options: ResolvedOptions<Options> }[] = [];
  /** The last options seen, by identity: without user options ESLint passes `meta.defaultOptions` itself to every file. */
  let last: { readonly given: readonly unknown[]; readonly options: ResolvedOptions<Options> } | null = null;
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, url: ruleDocsUrl(name) } },
    create(context) {
      const given: readonly unknown[] = context.options;
      if (last?.given !== given) {
        let options = resolved.find((entry) => sameOptions(entry.given, given, keysAt))?.options;
        if (options === undefined) {
          const length = Math.max(defaults.length, given.length);
          options = deepFreeze(
            Array.from({ length }, (_, index) => merge(structuredClone(defaults[index]), structuredClone(given[index]))) as unknown as ResolvedOptions<Options>,
          );
          // Kept as ESLint gave it, not cloned: ESLint merges each file's options afresh but keeps the
          // configured arrays and values by reference, so the next file's compare ends at `===` on them.
          resolved.push({ given, options });
        }
        last = { given, options };
      }
      return create(context, last.options);
    },
  };
}
