// CommonJS files: ESLint's default parser wraps a CommonJS file in a function scope of its own
// (whose block is the Program). Bindings there live as long as the module, exactly as in an ES
// module, and the rules must see them so.
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

const code = [
  "const express = require('express');",
  'const app = express();',
  'const seen = new Map();',
  "app.get('/users/:id', (req, res) => {",
  '  seen.set(req.params.id, Date.now());',
  '  res.end();',
  '});',
  'module.exports = app;',
  '',
].join('\n');

function cacheFindings(languageOptions: Linter.Config['languageOptions']): string[] {
  const linter = new Linter({ configType: 'flat' });
  return linter
    .verify(code, [{ ...plugin.configs.recommended[0], languageOptions, rules: { 'steady-state/no-unbounded-cache': 'error' } }], 'server.js')
    .map((message) => `${message.line}:${message.column} ${message.ruleId ?? message.message}`);
}

describe('a module-level Map in a CommonJS file, grown by a route handler', () => {
  it.each([
    ["ESLint's default parser, sourceType commonjs", { sourceType: 'commonjs' }],
    ["ESLint's default parser, sourceType module", { sourceType: 'module' }],
    ['@typescript-eslint/parser, sourceType commonjs', { sourceType: 'commonjs', parser: tsParser }],
  ] as const)('is reported with %s', (_, languageOptions) => {
    expect(cacheFindings(languageOptions)).toEqual(['3:7 steady-state/no-unbounded-cache']);
  });
});
