// `npm run bench` on a tiny corpus made of the fixtures: the benchmark runs end to end and
// writes every row of its table. Timings are not asserted (they are noisy); the benchmark
// itself is run on the real corpus with `npm run bench`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { fixturesDir, rootDir } from './support/paths.js';

describe('npm run bench', () => {
  const corpus = mkdtempSync(join(tmpdir(), 'steady-state-bench-'));
  afterAll(() => rmSync(corpus, { recursive: true, force: true }));

  it('times the floor, each rule, all rules, typed mode and the peers, and writes the table', () => {
    cpSync(join(fixturesDir, 'leaky-service', 'src'), join(corpus, 'js', 'leaky'), { recursive: true });
    cpSync(join(fixturesDir, 'steady-service', 'src'), join(corpus, 'ts', 'steady', 'src'), { recursive: true });
    mkdirSync(join(corpus, 'ts', 'steady'), { recursive: true });
    writeFileSync(
      join(corpus, 'ts', 'steady', 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, module: 'preserve', target: 'ES2022' }, include: ['src'] }),
    );
    writeFileSync(join(corpus, 'MANIFEST.tsv'), 'corpus\tspec\tintegrity\tfiles\tlines\nts\tsteady@0.0.0\t-\t1\t1\n');
    const out = join(corpus, 'RESULTS.md');
    execFileSync(process.execPath, [join(rootDir, 'tools', 'bench.js'), '--runs', '1', '--corpus', corpus, '--out', out], { stdio: 'pipe' });

    const table = readFileSync(out, 'utf8');
    const [budget, ...sections] = table.split(/^## /m).slice(1);
    // the budget reads each corpus' added wall time and rule time against parse + traversal, and the rules' share within one run
    for (const label of ['JavaScript corpus (published code), no type information', 'TypeScript corpus (sources), no type information']) {
      expect(budget).toMatch(
        new RegExp(
          `^\\| ${label.replace(/[().,]/g, '\\$&')} \\| [\\d.]+ s \\| -?\\d+ ms \\(-?\\d+\\.\\d%, (within|over)\\) \\| \\d+ ms \\(\\d+\\.\\d%, (within|over)\\) \\| \\d+ ms of [\\d.]+ s \\(\\d+\\.\\d%, (within|over)\\) \\|$`,
          'm',
        ),
      );
    }
    expect(sections.map((section) => section.split('\n')[0])).toEqual([
      'JavaScript corpus (published code), no type information',
      'TypeScript corpus (sources), no type information',
      'TypeScript corpus (sources), type-aware (projectService)',
    ]);
    const rules = Object.keys(plugin.rules);
    const ratioRow = (section: string, name: string) =>
      new RegExp(`^\\| ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\| [\\d.]+ s \\| \\d+\\.\\d{3} \\(`, 'm').test(section);
    for (const section of sections.slice(0, 2)) {
      expect(ratioRow(section, 'floor: parser, no rules')).toBe(true);
      expect(ratioRow(section, 'floor + one rule that does nothing')).toBe(true);
      for (const rule of rules) expect(ratioRow(section, `+ ${rule}`), rule).toBe(true);
      expect(ratioRow(section, '+ all steady-state rules')).toBe(true);
      expect(ratioRow(section, 'the recommended config as shipped')).toBe(true);
      for (const peer of ['eslint-plugin-promise', 'typescript-eslint', 'eslint-plugin-unicorn', 'eslint-plugin-n']) {
        expect(new RegExp(`^\\| peer: ${peer} recommended`, 'm').test(section), peer).toBe(true);
      }
      // The leaky service makes every rule run its listeners, so each has a timing row.
      for (const rule of rules) expect(section).toMatch(new RegExp(`^\\| steady-state/${rule} \\| \\d+ ms \\| \\d+\\.\\d\\d% \\|$`, 'm'));
    }
    expect(ratioRow(sections[2]!, 'floor + one rule that does nothing')).toBe(true);
    expect(ratioRow(sections[2]!, '+ all steady-state rules')).toBe(true);
    expect(table).toMatch(/Node v\d+\.\d+\.\d+, ESLint \d+\.\d+\.\d+/);
  }, 180_000);
});
