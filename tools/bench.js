#!/usr/bin/env node
// npm run bench [-- --runs N] [-- --corpus DIR] [-- --out FILE] — what the rules cost on real code.
//
// On the pinned real-code corpus (tools/corpus.js; fetched on demand), times ESLint with the
// parser and no rules (the floor), the floor plus each rule of this plugin alone, plus all of
// them, the same with type information on the TypeScript packages, and peer plugins' recommended
// configs on the same files, and the floor plus one rule that does nothing (ESLint's own cost of
// running any rule: traversal, code paths, rule set-up). Each row is the fastest wall time of
// several runs (other load on the machine only ever slows a run down), as a ratio to its floor and to the floor plus the no-op rule; ESLint's per-rule timing (stats) gives each rule's own time. Prints a table and writes
// it, with the machine, versions and date, to bench/RESULTS.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { ESLint } from 'eslint';
import pluginN from 'eslint-plugin-n';
import pluginPromise from 'eslint-plugin-promise';
import pluginUnicorn from 'eslint-plugin-unicorn';
import tseslint from 'typescript-eslint';

import tsParser from '@typescript-eslint/parser';

import { configRules, lintedFiles, typescriptFiles } from '../dist/src/configs.js';
import plugin from '../dist/src/index.js';
import { corpusPackages, ensureCorpus, moduleTypeConfigs } from './corpus.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    corpus: { type: 'string' },
    out: { type: 'string', default: join(root, 'bench', 'RESULTS.md') },
    peers: { type: 'boolean', default: true },
  },
});
const runs = Math.max(1, Number(values.runs));
const corpus = values.corpus ?? ensureCorpus();
const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

const allRules = configRules(plugin.configs.all);
const ours = Object.keys(allRules);
const asArray = (config) => (Array.isArray(config) ? config : [config]);
/** A rule that does nothing: what ESLint spends on a file as soon as any rule runs on it. */
const noop = { meta: { type: 'problem', schema: [] }, create: () => ({ Program() {} }) };
/**
 * What every row shares: the files, ESLint's default parser for JavaScript and
 * @typescript-eslint/parser for TypeScript (as the plugin's configs leave and set them), and the
 * plugins registered with no rule on.
 */
const base = [
  {
    files: lintedFiles,
    plugins: { 'steady-state': plugin, bench: { rules: { noop } } },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  { files: typescriptFiles, languageOptions: { parser: tsParser } },
  ...moduleTypeConfigs(corpus, corpus),
];
const typedBase = [
  ...base,
  { files: ['ts/**/*.{ts,mts,cts,tsx}'], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: join(corpus, 'ts') } } },
];

const peers = values.peers
  ? [
      ['eslint-plugin-promise recommended', asArray(pluginPromise.configs['flat/recommended'])],
      ['typescript-eslint recommended (untyped)', tseslint.configs.recommended],
      ['eslint-plugin-unicorn recommended', asArray(pluginUnicorn.configs.recommended)],
      ['eslint-plugin-n recommended', asArray(pluginN.configs['flat/recommended'])],
    ]
  : [];

/** A row: a name and the configs after the shared base. */
const rowsFor = (typed) => [
  ['floor: parser, no rules', []],
  ['floor + one rule that does nothing', [{ rules: { 'bench/noop': 'error' } }]],
  ...(typed ? [] : ours.map((rule) => [`+ ${rule.replace('steady-state/', '')}`, [{ rules: { [rule]: allRules[rule] } }]])),
  ['+ all steady-state rules', [{ rules: allRules }]],
  ['the recommended config as shipped', plugin.configs.recommended],
  ...(typed ? [] : peers.map(([name, configs]) => [`peer: ${name}`, configs])),
];

async function lint(patterns, configs, { typed = false, stats = false } = {}) {
  const eslint = new ESLint({
    cwd: corpus,
    overrideConfigFile: true,
    overrideConfig: [...(typed ? typedBase : base), ...configs],
    allowInlineConfig: false,
    errorOnUnmatchedPattern: false,
    stats,
  });
  const start = performance.now();
  const results = await eslint.lintFiles(patterns);
  const ms = performance.now() - start;
  const fatal = results.filter((result) => result.messages.some((message) => message.fatal)).length;
  return { ms, results, fatal };
}

/**
 * The fastest of several runs: what the work itself costs. Other load on a shared machine only
 * ever makes a run slower, so the minimum is the steadiest estimate (the median of a few runs
 * moved by 10–30% between minutes on the 2-core machine this is run on).
 */
const fastest = (list) => Math.min(...list);

/** Runs every row of a table `runs` times, interleaved so that drift hits all rows alike. */
async function measure(label, patterns, typed) {
  const rows = rowsFor(typed);
  const { results, fatal } = await lint(patterns, [], { typed }); // warm-up: module loading, JIT, type programs
  const times = rows.map(() => []);
  for (let run = 0; run < runs; run += 1) {
    for (const [index, [, configs]] of rows.entries()) {
      times[index].push((await lint(patterns, configs, { typed })).ms);
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  const floor = fastest(times[0]);
  const anyRule = fastest(times[1]);
  // Each rule's own time from ESLint's stats, with every rule on: the fastest of `runs` runs, rule by rule.
  // Each run also gives the rules' share of the same run's own parse + traversal: ESLint times
  // every pass of every file whole (parse, scopes, traversal, code paths and rules), so what is
  // not the rules' is ESLint's. Both halves of the ratio are measured file by file in the same
  // minute, so load on the machine moves them together and the ratio holds still.
  const perRun = [];
  const shares = [];
  for (let run = 0; run < runs; run += 1) {
    const { results: withStats } = await lint(patterns, [{ rules: allRules }], { typed, stats: true });
    const times = new Map();
    let passes = 0;
    for (const result of withStats) {
      for (const pass of result.stats?.times?.passes ?? []) {
        passes += pass.total ?? 0;
        for (const [rule, time] of Object.entries(pass.rules ?? {})) times.set(rule, (times.get(rule) ?? 0) + time.total);
      }
    }
    perRun.push(times);
    const ourTime = [...times].filter(([rule]) => rule.startsWith('steady-state/')).reduce((sum, [, ms]) => sum + ms, 0);
    shares.push({ ours: ourTime, eslint: passes - ourTime });
  }
  const sameRun = [...shares].sort((a, b) => a.ours / a.eslint - b.ours / b.eslint)[Math.floor((shares.length - 1) / 2)];
  const timing = new Map([...(perRun[0]?.keys() ?? [])].map((rule) => [rule, fastest(perRun.map((times) => times.get(rule) ?? 0))]));
  const statsTotal = fastest(perRun.map((times) => [...times].filter(([rule]) => rule.startsWith('steady-state/')).reduce((sum, [, ms]) => sum + ms, 0)));
  const files = results.length;
  const lines = results.reduce((sum, result) => sum + readFileSync(result.filePath, 'utf8').split('\n').length, 0);
  return {
    label,
    files,
    lines,
    fatal,
    floor,
    anyRule,
    statsTotal,
    sameRun,
    rows: rows.map(([name], index) => ({
      name,
      ms: fastest(times[index]),
      ratio: fastest(times[index]) / floor,
      overAnyRule: fastest(times[index]) / anyRule,
    })),
    timing: [...timing].filter(([rule]) => rule.startsWith('steady-state/')).sort((a, b) => b[1] - a[1]),
  };
}

const tsPackages = corpusPackages(corpus).filter((pkg) => pkg.kind === 'ts');
const tables = [
  await measure('JavaScript corpus (published code), no type information', ['js'], false),
  await measure('TypeScript corpus (sources), no type information', ['ts'], false),
  await measure('TypeScript corpus (sources), type-aware (projectService)', ['ts'], true),
];

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const pct = (ratio) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;
const lines = [
  '# Benchmark',
  '',
  `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ESLint ${version('eslint')}, typescript-eslint ${version('typescript-eslint')}, TypeScript ${version('typescript')}, eslint-plugin-steady-state ${plugin.meta.version}.`,
  `Corpus: ${relative(root, corpus).startsWith('..') ? corpus.replace(process.env.HOME ?? '~', '~') : relative(root, corpus)} (${tsPackages.length} TypeScript packages and the published JavaScript of the others, see tools/corpus/corpus.sh). Each time is the fastest of ${runs} runs (interleaved; other load only ever slows a run down); JavaScript is parsed by ESLint's default parser and TypeScript by @typescript-eslint/parser in every row, as the plugin's configs leave and set them. "Ratio" is the row's time over the floor's: ESLint with those parsers and no rules. The second ratio is over the floor plus one rule that does nothing, which every real rule set pays: ESLint's traversal, code-path analysis and rule set-up.`,
  '',
];
// The budget: what all the rules add to ESLint's own parse and traversal (the floor plus the no-op rule).
lines.push(
  '## Budget',
  '',
  "All rules together are meant to cost at most 5% of parse + traversal. Three readings. The first two are against the floor plus the no-op rule: the wall time all rules add to it (everything the rules cost, `create()` set-up, listeners, the selector matching they ask for and their garbage), and the time ESLint's stats give the rules (`create()` and listeners; fastest of the runs). Those compare runs made minutes apart, which load on a shared machine moves by more than the budget. The third is measured within one run: the rules' stats time over the rest of the same run's pass time (parse, scopes, traversal and code paths, file by file; the median of the runs), so load moves both halves together.",
  '',
  '| corpus | parse + traversal | all rules add (wall) | rules (stats) | rules, within one run (stats) |',
  '| :-- | --: | --: | --: | --: |',
);
for (const table of tables) {
  const all = table.rows.find((row) => row.name === '+ all steady-state rules');
  const added = all ? all.ms - table.anyRule : 0;
  const share = (ms) => `${Math.round(ms)} ms (${((ms / table.anyRule) * 100).toFixed(1)}%${ms / table.anyRule <= 0.05 ? ', within' : ', over'})`;
  const { ours: sameRunOurs, eslint: sameRunEslint } = table.sameRun;
  const sameRunShare = sameRunOurs / sameRunEslint;
  const within = `${Math.round(sameRunOurs)} ms of ${fmt(sameRunEslint)} (${(sameRunShare * 100).toFixed(1)}%${sameRunShare <= 0.05 ? ', within' : ', over'})`;
  lines.push(`| ${table.label} | ${fmt(table.anyRule)} | ${share(added)} | ${share(table.statsTotal)} | ${within} |`);
}
lines.push('');
for (const table of tables) {
  lines.push(`## ${table.label}`, '', `${table.files} files, ${table.lines} lines${table.fatal ? `, ${table.fatal} rejected by the parser` : ''}.`, '');
  lines.push('| configuration | time | ratio to floor | ratio to floor + no-op rule |', '| :-- | --: | --: | --: |');
  for (const row of table.rows) {
    lines.push(`| ${row.name} | ${fmt(row.ms)} | ${row.ratio.toFixed(3)} (${pct(row.ratio)}) | ${row.overAnyRule.toFixed(3)} (${pct(row.overAnyRule)}) |`);
  }
  lines.push('', `Each rule's own time (ESLint stats, all rules on, fastest of ${runs} runs), as a share of the floor:`, '');
  lines.push('| rule | time | share of floor |', '| :-- | --: | --: |');
  let total = 0;
  for (const [rule, ms] of table.timing) {
    total += ms;
    lines.push(`| ${rule} | ${Math.round(ms)} ms | ${((ms / table.floor) * 100).toFixed(2)}% |`);
  }
  lines.push(`| all rules | ${Math.round(total)} ms | ${((total / table.floor) * 100).toFixed(2)}% |`, '');
}
const markdown = `${lines.join('\n')}\n`;
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, markdown);
process.stdout.write(markdown);
process.stderr.write(`written to ${values.out}\n`);
