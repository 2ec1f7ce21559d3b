// Every rule, with type information from each package's own tsconfig (projectService), on the
// TypeScript sources of the real-code corpus, whose dependencies and @types/node are installed
// next to them so the types are the real ones.
import { afterAll, describe, expect, it } from 'vitest';

import { corpusPackages, ensureCorpus, lintPackage, summarize } from '../support/corpus.js';
import type { PackageReport } from '../support/corpus.js';

const corpus = ensureCorpus();
const packages = corpusPackages(corpus).filter((pkg) => pkg.kind === 'ts');
const reports: [string, PackageReport][] = [];

describe('real code, every rule, with type information', () => {
  afterAll(() => console.log(summarize('type-aware corpus', reports)));

  it.each(packages.map((pkg) => [pkg.spec, pkg] as const))(
    '%s: no rule crashes, and every fix and suggestion is safe and type-checks',
    async (_, pkg) => {
      const report = await lintPackage(corpus, pkg, true);
      reports.push([pkg.spec, report]);
      expect(report.files).toBeGreaterThan(0);
      expect(report.problems).toEqual([]);
    },
    300_000,
  );
});
