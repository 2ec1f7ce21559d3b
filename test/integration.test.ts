import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../dist/src/index.js';
import { collectFiles } from '../src/cli.js';
import { fixturesDir, rootDir } from './support/paths.js';

const configFile = join(rootDir, 'test', 'support', 'fixtures.eslint.config.js');
const typedConfigFile = join(rootDir, 'test', 'support', 'fixtures-typed.eslint.config.js');
const leaky = join(fixturesDir, 'leaky-service');
const steady = join(fixturesDir, 'steady-service');
const existingRules = new Set(Object.keys(plugin.rules));

/** `file:line rule` for every `// expect: rule-a, rule-b` marker of a rule that exists. */
function markers(dir: string): string[] {
  const expected: string[] = [];
  for (const file of collectFiles([dir], rootDir)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const marker = /\/\/ expect: (.+)$/.exec(line);
        for (const rule of marker?.[1]?.split(',').map((name) => name.trim()) ?? []) {
          if (existingRules.has(rule)) expected.push(`${relative(fixturesDir, file)}:${index + 1} ${rule}`);
        }
      });
  }
  return expected.sort();
}

function findings(results: readonly ESLint.LintResult[]): string[] {
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) => `${relative(fixturesDir, result.filePath)}:${message.line} ${message.ruleId?.replace('steady-state/', '') ?? `FATAL ${message.message}`}`,
      ),
    )
    .sort();
}

async function lintFixtures(options: { concurrency?: number; typed?: boolean } = {}): Promise<{ leaky: string[]; steady: string[] }> {
  const eslint = new ESLint({
    cwd: fixturesDir,
    overrideConfigFile: options.typed ? typedConfigFile : configFile,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  const results = await eslint.lintFiles(['leaky-service', 'steady-service']);
  return {
    leaky: findings(results.filter((result) => result.filePath.startsWith(leaky))),
    steady: findings(results.filter((result) => result.filePath.startsWith(steady))),
  };
}

describe('fixtures, through the built plugin and the ESLint class', () => {
  it('the leaky service has markers for every rule that exists', () => {
    const marked = new Set(markers(leaky).map((entry) => entry.split(' ')[1]));
    expect([...marked].sort()).toEqual([...existingRules].sort());
  });

  it('reports exactly the marked lines in the leaky service and nothing in the steady one', async () => {
    const result = await lintFixtures();
    expect(result.leaky).toEqual(markers(leaky));
    expect(result.steady).toEqual([]);
  });

  it('gives the same result with concurrency: 2', async () => {
    const result = await lintFixtures({ concurrency: 2 });
    expect(result.leaky).toEqual(markers(leaky));
    expect(result.steady).toEqual([]);
  });

  it('offers a remedy (an autofix or a suggestion) on every marked finding of each rule that has remedies', async () => {
    const eslint = new ESLint({ cwd: fixturesDir, overrideConfigFile: configFile });
    const results = await eslint.lintFiles(['leaky-service']);
    const withRemedies = new Set(
      Object.entries(plugin.rules)
        .filter(([, rule]) => Boolean(rule.meta?.fixable) || Boolean(rule.meta?.hasSuggestions))
        .map(([name]) => `steady-state/${name}`),
    );
    const without = results.flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId !== null && withRemedies.has(message.ruleId) && !message.fix && (message.suggestions ?? []).length === 0)
        .map((message) => `${relative(fixturesDir, result.filePath)}:${message.line} ${message.ruleId ?? ''}`),
    );
    expect(withRemedies.size).toBeGreaterThan(0);
    expect(without).toEqual([]);
  });

  it('gives the same result with type information', async () => {
    const result = await lintFixtures({ typed: true });
    expect(result.leaky).toEqual(markers(leaky));
    expect(result.steady).toEqual([]);
  });
});
