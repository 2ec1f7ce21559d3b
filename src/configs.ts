import { createRequire } from 'node:module';

import type { ESLint, Linter } from 'eslint';

import type { SteadyStateDocs } from './util/create-rule.js';

export type ConfigName = 'recommended' | 'strict' | 'all';

/** TypeScript in every module flavour: the files the configs hand to `@typescript-eslint/parser`. */
export const typescriptFiles = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** The files the shipped configs lint: JavaScript and TypeScript in every module flavour. */
export const lintedFiles = ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx', ...typescriptFiles];

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
 * `@typescript-eslint/parser` when it is installed, else `null`. It is an optional peer
 * dependency: a JavaScript-only project does not need it (nor TypeScript, which it requires).
 */
export function loadTypeScriptParser(): Linter.Parser | null {
  try {
    return createRequire(import.meta.url)('@typescript-eslint/parser') as Linter.Parser;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'MODULE_NOT_FOUND') return null;
    throw error;
  }
}

/** The rule settings of a config (the union of its objects' `rules`). */
export function configRules(config: readonly Linter.Config[]): Linter.RulesRecord {
  return Object.assign({}, ...config.map((entry) => entry.rules ?? {})) as Linter.RulesRecord;
}

/**
 * The flat configs, computed from rule meta. Each is an array: one object that registers the
 * plugin and turns the rules on for JavaScript and TypeScript files, and, when
 * `@typescript-eslint/parser` is installed, one that sets it as the parser of TypeScript files only.
 * JavaScript keeps the parser the project chose (ESLint's default unless it says otherwise).
 */
export function buildConfigs(
  namespace: string,
  plugin: ESLint.Plugin,
  rules: Readonly<Record<string, RuleWithDocs>>,
  typescriptParser: Linter.Parser | null,
): Record<ConfigName, Linter.Config[]> {
  const make = (config: ConfigName): Linter.Config[] => [
    {
      name: `${namespace}/${config}`,
      files: lintedFiles,
      plugins: { [namespace]: plugin },
      rules: Object.fromEntries(
        Object.entries(rules)
          .filter(([, rule]) => ruleInConfig(rule, config))
          .map(([name, rule]): [string, Linter.RuleEntry] => {
            const strictOptions = rule.meta.docs?.strictOptions;
            return [`${namespace}/${name}`, config !== 'recommended' && strictOptions ? ['error', strictOptions] : 'error'];
          }),
      ),
    },
    ...(typescriptParser ? [{ name: `${namespace}/${config}/typescript`, files: typescriptFiles, languageOptions: { parser: typescriptParser } }] : []),
  ];
  return { recommended: make('recommended'), strict: make('strict'), all: make('all') };
}
