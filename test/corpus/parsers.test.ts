// The rules give the same findings on JavaScript whichever parser reads it: ESLint's default
// parser (what the shipped configs leave JavaScript to) and @typescript-eslint/parser (what a
// project that parses everything with it uses), on the published JavaScript of the corpus.
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { moduleTypeConfigs } from '../../tools/corpus.js';
import plugin from '../../src/index.js';
import { corpusPackages, ensureCorpus } from '../support/corpus.js';

const corpus = ensureCorpus();

/** `file:line:column rule message` for every finding of every rule on the corpus's JavaScript. */
async function findings(parser: Linter.Parser | null): Promise<{ findings: string[]; files: number; fatal: string[] }> {
  const eslint = new ESLint({
    cwd: corpus,
    overrideConfigFile: true,
    allowInlineConfig: false,
    overrideConfig: [
      ...plugin.configs.all,
      { linterOptions: { reportUnusedDisableDirectives: 'off' } },
      ...moduleTypeConfigs(corpus, corpus),
      ...(parser ? [{ files: ['**/*.js'], languageOptions: { parser } }] : []),
    ],
  });
  const results = await eslint.lintFiles(['js']);
  const found: string[] = [];
  const fatal: string[] = [];
  for (const result of results) {
    const file = result.filePath.slice(corpus.length + 1);
    for (const message of result.messages) {
      if (message.fatal) fatal.push(`${file}: ${message.message}`);
      else if (message.ruleId?.startsWith('steady-state/')) found.push(`${file}:${message.line}:${message.column} ${message.ruleId} ${message.message}`);
    }
  }
  return { findings: found.sort(), files: results.length, fatal };
}

describe('JavaScript read by either parser', () => {
  it("gives the same findings with ESLint's default parser and with @typescript-eslint/parser", async () => {
    expect(corpusPackages(corpus).filter((pkg) => pkg.kind === 'js').length).toBeGreaterThanOrEqual(20);
    const espree = await findings(null);
    const typescript = await findings(tsParser);
    expect(espree.files).toBeGreaterThan(1000);
    expect(typescript.files).toBe(espree.files);
    expect(espree.fatal).toEqual([]);
    expect(typescript.fatal).toEqual([]);
    expect(espree.findings.length).toBeGreaterThan(0);
    expect(typescript.findings).toEqual(espree.findings);
  }, 300_000);
});
