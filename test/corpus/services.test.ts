// Every rule, without type information, on every file of the service corpus: published servers,
// daemons, bots and workers (fetched on demand by tools/corpus/services.sh, see tools/review.js),
// the code the rules' precision is judged on. No rule may crash, and every autofix and suggestion
// must parse, remove its finding, and (autofixes) be stable under a second --fix.
import { afterAll, describe, expect, it } from 'vitest';

import { ensureServices, lintServicePackage, servicePackages, summarize } from '../support/corpus.js';
import type { PackageReport } from '../support/corpus.js';

const dir = ensureServices();
const packages = servicePackages(dir);
const reports: [string, PackageReport][] = [];

describe('service code, every rule, no type information', () => {
  afterAll(() => console.log(summarize('service corpus', reports)));

  it('has the pinned service packages', () => {
    expect(packages.length).toBeGreaterThanOrEqual(15);
  });

  it.each(packages.map((pkg) => [`${pkg.name}@${pkg.version}`, pkg] as const))(
    '%s: no rule crashes, and every fix and suggestion is safe',
    async (_, pkg) => {
      const report = await lintServicePackage(dir, pkg);
      reports.push([`${pkg.name}@${pkg.version}`, report]);
      expect(report.files).toBeGreaterThan(0);
      expect(report.problems).toEqual([]);
    },
    300_000,
  );
});
