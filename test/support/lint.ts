import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import plugin from '../../src/index.js';

/**
 * Lints `code` with one rule of the plugin, through the TypeScript parser (no type information),
 * the way a user's `eslint.config.js` would run it.
 */
export function lintWithRule(code: string, ruleName: string, options: readonly unknown[] = [], filename = 'file.ts'): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.{js,jsx,cjs,mjs,ts,tsx,mts,cts}'],
        plugins: { 'steady-state': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
        languageOptions: { parser: tsParser as unknown as Linter.Parser },
        rules: { [`steady-state/${ruleName}`]: ['error', ...options] },
      },
    ],
    filename,
  );
}
