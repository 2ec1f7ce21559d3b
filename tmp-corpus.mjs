import { ESLint } from 'eslint';
import plugin from './dist/src/index.js';
const C = process.env.HOME + '/.cache/steady-state-corpus';
const [rule, opts] = [process.argv[2], JSON.parse(process.argv[3] ?? '{}')];
const typed = process.argv[4] === 'typed';
const cfgs = [{ ...plugin.configs.all, rules: { [`steady-state/${rule}`]: opts === null ? 'error' : ['error', opts] } }];
if (typed) cfgs.push({ files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: true } } });
const eslint = new ESLint({ cwd: C, overrideConfigFile: true, overrideConfig: cfgs, errorOnUnmatchedPattern: false });
const results = await eslint.lintFiles(typed ? ['ts'] : ['js', 'ts']);
let n = 0;
for (const r of results) for (const m of r.messages) { if (m.ruleId) { n++; console.log(`${r.filePath.slice(C.length + 1)}:${m.line} ${m.messageId ?? ''} ${m.message.slice(0, 140)}`); } else if (m.fatal) console.log('FATAL', r.filePath, m.message); }
console.log('total', n);
