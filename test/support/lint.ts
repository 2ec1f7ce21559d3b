import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import { configRules } from '../../src/configs.js';
import plugin from '../../src/index.js';

/** A config that runs these rules of the plugin on every file, through the TypeScript parser (no type information). */
function configWithRules(rules: Linter.RulesRecord): Linter.Config[] {
  return [
    {
      files: ['**/*.{js,jsx,cjs,mjs,ts,tsx,mts,cts}'],
      plugins: { 'steady-state': plugin },
      languageOptions: { parser: tsParser },
      rules,
    },
  ];
}

function lintWithRules(code: string, rules: Linter.RulesRecord, filename: string): Linter.LintMessage[] {
  return new Linter({ configType: 'flat' }).verify(code, configWithRules(rules), filename);
}

/** `code` after `--fix` with one rule of the plugin (with `options`), as {@link lintWithRule} lints it. */
export function fixedWithRule(code: string, ruleName: string, options: readonly unknown[] = [], filename = 'file.ts'): string {
  return new Linter({ configType: 'flat' }).verifyAndFix(code, configWithRules({ [`steady-state/${ruleName}`]: ['error', ...options] }), { filename }).output;
}

/**
 * Lints `code` with one rule of the plugin, through the TypeScript parser (no type information),
 * the way a user's `eslint.config.js` would run it.
 */
export function lintWithRule(code: string, ruleName: string, options: readonly unknown[] = [], filename = 'file.ts'): Linter.LintMessage[] {
  return lintWithRules(code, { [`steady-state/${ruleName}`]: ['error', ...options] }, filename);
}

/**
 * Lints `code` as a user of the `recommended` config would, with `ruleName` on as well (with
 * `options`) whatever its config: what a doc example shows.
 */
export function lintAsRecommended(code: string, ruleName: string, options: readonly unknown[] = [], filename = 'file.ts'): Linter.LintMessage[] {
  return lintWithRules(code, { ...configRules(plugin.configs.recommended), [`steady-state/${ruleName}`]: ['error', ...options] }, filename);
}

/**
 * Runs an ad-hoc rule (one that records what shared analysis helpers answer) over `code`, through
 * the TypeScript parser, and returns the messages ESLint produced (none, when nothing crashed).
 */
export function runProbeRule(code: string, rule: unknown): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        plugins: { test: { rules: { probe: rule } } } as unknown as Linter.Config['plugins'],
        languageOptions: { parser: tsParser },
        rules: { 'test/probe': 'error' },
      },
    ],
    'file.ts',
  );
}

/** `code` with one fix or suggestion (an ESLint `{ range, text }` edit) applied. */
export function applyEdit(code: string, fix: { readonly range: readonly [number, number]; readonly text: string }): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}
