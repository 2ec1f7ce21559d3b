import { ESLintUtils } from '@typescript-eslint/utils';

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

export const createRule = ESLintUtils.RuleCreator<SteadyStateDocs>(ruleDocsUrl);
