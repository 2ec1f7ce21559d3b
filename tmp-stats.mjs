import { ESLint } from 'eslint';
import plugin from './dist/src/index.js';
const C = process.env.HOME + '/.cache/steady-state-corpus';
const eslint = new ESLint({ cwd: C, overrideConfigFile: true, overrideConfig: [plugin.configs.all], stats: true, errorOnUnmatchedPattern: false });
const results = await eslint.lintFiles(['js', 'ts']);
const byRule = {}; let parse = 0;
for (const r of results) for (const p of r.stats?.times?.passes ?? []) { parse += p.parse.total; for (const [k, v] of Object.entries(p.rules ?? {})) byRule[k] = (byRule[k] ?? 0) + v.total; }
console.log({ parse: Math.round(parse), byRule: Object.fromEntries(Object.entries(byRule).map(([k, v]) => [k, `${Math.round(v)}ms (${(v / parse * 100).toFixed(2)}%)`])) });
