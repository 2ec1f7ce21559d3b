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
    files: ['test/rules/**/*.ts'],
    extends: [eslintPlugin.configs.tests],
  },
  {
    files: ['src/**', 'rules/**', 'tools/**'],
    extends: [steadyState.configs.recommended],
  },
);
