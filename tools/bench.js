#!/usr/bin/env node
// npm run bench [-- --runs N] — what the rules cost on real code.
//
// Lints the pinned corpus of published server packages (fetched by ../shared/corpus/corpus.sh into
// ~/.cache/steady-state-corpus, or $STEADY_STATE_CORPUS) with the built plugin, and prints:
// - wall-clock time with every rule (configs.all) against the same run with one rule that does
//   nothing (ESLint skips traversal entirely when no rule is on, so "no rules" is not the floor);
// - each rule's own time as ESLint's --stats measures it, as a share of parse time.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { ESLint } from 'eslint';

import plugin from '../dist/src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.env.STEADY_STATE_CORPUS ?? join(homedir(), '.cache', 'steady-state-corpus');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Math.max(1, Number(values.runs));

if (!existsSync(join(corpus, 'MANIFEST.tsv'))) {
  const script = join(root, '..', 'shared', 'corpus', 'corpus.sh');
  if (!existsSync(script)) {
    console.error(`no corpus at ${corpus} and no ${script} to fetch it`);
    process.exit(2);
  }
  console.error(`fetching the corpus into ${corpus} …`);
  execFileSync('bash', [script, corpus], { stdio: ['ignore', 'ignore', 'inherit'] });
}

const noop = { meta: { type: 'problem', schema: [] }, create: () => ({ Program() {} }) };
const base = { ...plugin.configs.all, plugins: { ...plugin.configs.all.plugins, bench: { rules: { noop } } } };

async function lint(rules, stats = false) {
  const eslint = new ESLint({
    cwd: corpus,
    overrideConfigFile: true,
    overrideConfig: [{ ...base, rules: { 'bench/noop': 'error', ...rules }, linterOptions: { reportUnusedDisableDirectives: 'off' } }],
    errorOnUnmatchedPattern: false,
    stats,
  });
  const start = performance.now();
  const results = await eslint.lintFiles(['js', 'ts']);
  return { ms: performance.now() - start, results };
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

await lint({}); // warm-up: module loading, JIT
const floor = [];
const all = [];
for (let run = 0; run < runs; run += 1) {
  floor.push((await lint({})).ms);
  all.push((await lint(plugin.configs.all.rules)).ms);
}
const { results } = await lint(plugin.configs.all.rules, true);
let parse = 0;
const byRule = new Map();
for (const result of results) {
  for (const pass of result.stats?.times?.passes ?? []) {
    parse += pass.parse.total;
    for (const [rule, time] of Object.entries(pass.rules ?? {})) {
      if (rule.startsWith('steady-state/')) byRule.set(rule, (byRule.get(rule) ?? 0) + time.total);
    }
  }
}
const files = results.length;
const lines = Number(
  execFileSync('bash', ['-c', `awk -F'\\t' '$2=="TOTAL"{s+=$5} END{print s}' "${join(corpus, 'MANIFEST.tsv')}"`]).toString().trim(),
);
console.log(`corpus: ${files} files, ${lines} lines (${corpus})`);
console.log(`wall clock, median of ${runs}: floor (one no-op rule) ${Math.round(median(floor))} ms, all rules ${Math.round(median(all))} ms, ratio ${(median(all) / median(floor)).toFixed(3)}`);
console.log(`rule time as a share of parse time (${Math.round(parse)} ms), from ESLint stats:`);
let total = 0;
for (const [rule, ms] of [...byRule].sort((a, b) => b[1] - a[1])) {
  total += ms;
  console.log(`  ${rule.padEnd(40)} ${String(Math.round(ms)).padStart(6)} ms  ${((ms / parse) * 100).toFixed(2)}%`);
}
console.log(`  ${'all rules'.padEnd(40)} ${String(Math.round(total)).padStart(6)} ms  ${((total / parse) * 100).toFixed(2)}%`);
