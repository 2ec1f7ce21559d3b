import { ESLint } from 'eslint';
import plugin from './dist/src/index.js';
const C = process.env.HOME + '/.cache/steady-state-corpus';
const typed = process.argv[2] === 'typed';
const configs = [{ ...plugin.configs.all, linterOptions: { reportUnusedDisableDirectives: 'off' } }];
if (typed) configs.push({ files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: true } } });
const eslint = new ESLint({ cwd: C, overrideConfigFile: true, overrideConfig: configs, errorOnUnmatchedPattern: false });
const t0 = Date.now();
const results = await eslint.lintFiles(typed ? ['ts'] : ['js', 'ts']);
let fatal = 0; const byRule = {};
for (const r of results) for (const m of r.messages) { if (m.fatal) fatal++; else if (m.ruleId?.startsWith('steady-state/')) byRule[m.ruleId] = (byRule[m.ruleId] ?? 0) + 1; }
console.log({ typed, files: results.length, fatal, byRule, ms: Date.now() - t0 });
