// A sample of real code for the default `npm test`: every rule, without type information, on a
// few packages of each corpus — the mid-sized JavaScript and TypeScript library packages and two
// mid-sized service packages. `npm run test:all` lints every package (untyped.test.ts,
// services.test.ts, typed.test.ts); this keeps a crash or an unsafe fix on real code from
// waiting for it.
import { describe, expect, it } from 'vitest';

import { corpusPackages, ensureCorpus, ensureServices, lintPackage, lintServicePackage, servicePackages } from '../support/corpus.js';

/** The `count` packages around the middle of `packages` ordered by size: typical code, not the largest. */
function middle<T extends { readonly lines: number }>(packages: readonly T[], count: number): T[] {
  const bySize = [...packages].sort((a, b) => a.lines - b.lines);
  const start = Math.max(0, Math.floor((bySize.length - count) / 2));
  return bySize.slice(start, start + count);
}

const corpus = ensureCorpus();
const libraries = corpusPackages(corpus);
const sampledLibraries = [
  ...middle(
    libraries.filter((pkg) => pkg.kind === 'js'),
    2,
  ),
  ...middle(
    libraries.filter((pkg) => pkg.kind === 'ts'),
    1,
  ),
];
const services = ensureServices();
const sampledServices = middle(servicePackages(services), 2);

describe('a sample of real code, every rule, no type information', () => {
  it('samples JavaScript and TypeScript library packages and service packages', () => {
    expect(sampledLibraries.map((pkg) => pkg.kind)).toEqual(['js', 'js', 'ts']);
    expect(sampledServices).toHaveLength(2);
  });

  it.each(sampledLibraries.map((pkg) => [pkg.spec, pkg] as const))(
    'library %s: no rule crashes, and every fix and suggestion is safe',
    async (_, pkg) => {
      const report = await lintPackage(corpus, pkg, false);
      expect(report.files).toBeGreaterThan(0);
      expect(report.problems).toEqual([]);
    },
    180_000,
  );

  it.each(sampledServices.map((pkg) => [`${pkg.name}@${pkg.version}`, pkg] as const))(
    'service %s: no rule crashes, and every fix and suggestion is safe',
    async (_, pkg) => {
      const report = await lintServicePackage(services, pkg);
      expect(report.files).toBeGreaterThan(0);
      expect(report.problems).toEqual([]);
    },
    300_000,
  );
});
