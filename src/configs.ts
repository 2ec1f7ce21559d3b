import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';

import type { SteadyStateDocs } from './util/create-rule.js';

export type ConfigName = 'recommended' | 'strict' | 'all';

/** The files the shipped configs lint: JavaScript and TypeScript in every module flavour. */
export const lintedFiles = ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx', '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

export interface RuleWithDocs {
  readonly meta: { readonly docs?: Partial<SteadyStateDocs>; readonly deprecated?: unknown };
}

/** Whether a rule belongs in a config, from its own `meta.docs.recommended`. */
export function ruleInConfig(rule: RuleWithDocs, config: ConfigName): boolean {
  if (rule.meta.deprecated) return false;
  const level = rule.meta.docs?.recommended;
  if (config === 'all') return true;
  if (config === 'strict') return level === 'recommended' || level === 'strict';
  return level === 'recommended';
}

/**
 * The flat configs, computed from rule meta. Each registers the plugin on itself and sets
 * `@typescript-eslint/parser` (which parses JavaScript too) for the files it matches, so
 * `export default [steadyState.configs.recommended]` lints `.js` to `.tsx` with nothing else.
 */
export function buildConfigs(
  namespace: string,
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Readonly<Record<string, RuleWithDocs>>,
): Record<ConfigName, TSESLint.FlatConfig.Config> {
  const make = (config: ConfigName): TSESLint.FlatConfig.Config => ({
    name: `${namespace}/${config}`,
    files: lintedFiles,
    plugins: { [namespace]: plugin },
    languageOptions: { parser: tsParser },
    rules: Object.fromEntries(
      Object.entries(rules)
        .filter(([, rule]) => ruleInConfig(rule, config))
        .map(([name, rule]) => {
          const strictOptions = rule.meta.docs?.strictOptions;
          const entry: TSESLint.SharedConfig.RuleEntry =
            config !== 'recommended' && strictOptions ? ['error', strictOptions] : 'error';
          return [`${namespace}/${name}`, entry];
        }),
    ),
  });
  return { recommended: make('recommended'), strict: make('strict'), all: make('all') };
}
