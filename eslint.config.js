// Lints the plugin's own code: typescript-eslint with type information, eslint-plugin-eslint-plugin
// for the rules and their tests, and no-deprecated so context methods removed in ESLint 10
// (getSourceCode, getFilename, getScope, parserOptions) cannot slip back in. The plugin's own
// `recommended` config runs on its code too (src/, rules/, tools/), from the build in dist/:
// `npm run lint` builds first, and `npm test` builds before it lints.
import { defineConfig } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

import steadyState from './dist/src/index.js';

export default defineConfig(
  { ignores: ['dist/', 'fixtures/', 'node_modules/', 'coverage/', 'test/.typecheck/'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-deprecated': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
    rules: {
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Require|Disallow|Enforce|Report)' }],
      'eslint-plugin/require-meta-schema-default': 'off',
      'eslint-plugin/meta-property-ordering': 'error',
      'eslint-plugin/prefer-placeholders': 'error',
      'eslint-plugin/report-message-format': ['error', '^[`A-Z].*[.)]$'],
    },
  },
  {
    // The rule tests pass their cases to SteadyStateRuleTester (test/support/rule-tests.ts) as
    // literal arrays, so the test rules read them as they read RuleTester's.
    files: ['test/rules/**/*.ts'],
    extends: [eslintPlugin.configs.tests],
    settings: { 'eslint-plugin': { ruleTesterConstructors: ['RuleTester', 'SteadyStateRuleTester'] } },
    rules: {
      // Error positions come from the `at()` helpers (test/support/location.ts), which find the
      // reported text in the code; the rule cannot evaluate a call and would ask for the numbers.
      'eslint-plugin/require-test-error-positions': 'off',
      // A case says what it tests in the comment above it and in its code; the harness names each run by rule and mode.
      'eslint-plugin/require-test-case-name': 'off',
    },
  },
  {
    files: ['src/**', 'rules/**', 'tools/**'],
    extends: [steadyState.configs.recommended],
  },
);
