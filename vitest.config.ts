import { defineConfig } from 'vitest/config';

/**
 * The tests that take most of the time: every package of both corpora (untyped, typed, and
 * under both parsers), the fuzzer, the pathological inputs, the benchmark's smoke test, and the
 * pre-commit framework's hooks (each installs a Node environment). `npm test` runs everything
 * else, with a sample of the corpora (test/corpus/sample.test.ts); `npm run test:all` runs these.
 * CI runs both.
 */
const slow = [
  'test/corpus/untyped.test.ts',
  'test/corpus/services.test.ts',
  'test/corpus/typed.test.ts',
  'test/corpus/parsers.test.ts',
  'test/robustness/**/*.test.ts',
  'test/bench.test.ts',
  'test/tools/pre-commit-framework.test.ts',
];

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'default', include: ['test/**/*.test.ts'], exclude: slow } },
      { extends: true, test: { name: 'slow', include: slow } },
    ],
  },
});
