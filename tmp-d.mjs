import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import plugin from './dist/src/index.js';
import { readFileSync } from 'node:fs';
const linter = new Linter();
const code = process.argv[2].startsWith('@') ? readFileSync(process.argv[2].slice(1), 'utf8') : process.argv[2];
const msgs = linter.verify(code, [{ files: ['**/*.ts'], plugins: { 'steady-state': plugin }, languageOptions: { parser: tsParser }, rules: { [`steady-state/${process.argv[3]}`]: ['error', JSON.parse(process.argv[4] ?? '{}')] } }], 'x.ts');
for (const m of msgs) console.log(m.line, m.column, m.message);
