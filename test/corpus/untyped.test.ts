// Every rule, without type information, on every file of the real-code corpus: published
// JavaScript of Node server packages and the TypeScript sources of others (fetched on demand
// by tools/corpus/corpus.sh, see tools/corpus.js).
import { afterAll, describe, expect, it } from 'vitest';

import { corpusPackages, ensureCorpus, lintPackage, summarize } from '../support/corpus.js';
import type { PackageReport } from '../support/corpus.js';

const corpus = ensureCorpus();
const packages = corpusPackages(corpus);
const reports: [string, PackageReport][] = [];

describe('real code, every rule, no type information', () => {
  afterAll(() => console.log(summarize('untyped corpus', reports)));

  it('has the pinned packages of both corpora', () => {
    expect(packages.filter((pkg) => pkg.kind === 'js').length).toBeGreaterThanOrEqual(20);
    expect(packages.filter((pkg) => pkg.kind === 'ts').length).toBeGreaterThanOrEqual(5);
  });

  it.each(packages.map((pkg) => [pkg.spec, pkg] as const))(
    '%s: no rule crashes, and every fix and suggestion is safe',
    async (_, pkg) => {
      const report = await lintPackage(corpus, pkg, false);
      reports.push([pkg.spec, report]);
      expect(report.files).toBeGreaterThan(0);
      expect(report.problems).toEqual([]);
    },
    180_000,
  );
});
