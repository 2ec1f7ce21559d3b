import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';

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
  /** Rules never require type information; types only make them quieter. */
  requiresTypeChecking?: false;
}

export function ruleDocsUrl(ruleName: string): string {
  return `${packageMeta.repository}/blob/main/docs/rules/${ruleName}.md`;
}

const createDocumentedRule = ESLintUtils.RuleCreator<SteadyStateDocs>(ruleDocsUrl);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * typescript-eslint's `RuleCreator`, with the options-with-defaults computed once per distinct
 * options rather than on every file: its `create` deep-clones the defaults each time, which on
 * real code cost more than some rules' whole analysis. The merged options are frozen, because
 * every file of a run shares them.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  spec: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, SteadyStateDocs>>,
): TSESLint.RuleModule<MessageIds, Options, SteadyStateDocs> & { name: string } {
  const rule = createDocumentedRule(spec);
  const defaults = spec.meta.defaultOptions ?? ([] as unknown as Options);
  const resolved = new Map<string, Options>();
  return {
    ...rule,
    create(context) {
      const key = JSON.stringify(context.options);
      let options = resolved.get(key);
      if (options === undefined) {
        options = deepFreeze(ESLintUtils.applyDefault<Options, Options>(defaults, context.options));
        resolved.set(key, options);
      }
      return spec.create(context, options);
    },
  };
}
