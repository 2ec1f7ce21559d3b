// Fuzzes every rule with random programs, through espree and the TypeScript parser:
// - grammar-random programs from eslump (odd syntax, rarely the shapes the rules look for);
// - shape-mixed programs: the anti-patterns and idioms of the fixtures and rule tests, nested at
//   random in functions, loops, classes, try/catch, callbacks and module scope.
// Deterministic by default; FUZZ_SEED and FUZZ_ITERATIONS run other or longer campaigns, and a
// failure names the seed that rebuilds its program (FUZZ_SEED=<seed> FUZZ_ITERATIONS=1).
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import {
  espreeSetup,
  FuzzStats,
  fuzzOne,
  generateEslumpProgram,
  generateShapeProgram,
  programSeed,
  typescriptSetup,
  type FixMode,
  type FuzzFailure,
} from '../support/fuzz.js';

const DEFAULT_SEED = 0x5eed;
const DEFAULT_ITERATIONS = 250;
/** Below this many programs (reproducing one seed), not every rule is expected to be reached. */
const ITERATIONS_FOR_COVERAGE = 50;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

const seed = intFromEnv('FUZZ_SEED', DEFAULT_SEED);
const iterations = intFromEnv('FUZZ_ITERATIONS', DEFAULT_ITERATIONS);
const timeout = Math.max(120_000, iterations * 2_000);
const ruleIds = Object.keys(plugin.rules).map((name) => `steady-state/${name}`);

/** Two programs in three let `--fix` insert the fetch deadline; the third gets it as a suggestion. */
const fixModeFor = (programSeedValue: number): FixMode => (programSeedValue % 3 === 2 ? 'suggest' : 'autofix');

function describeFailure(failure: FuzzFailure): string {
  return [
    `[${failure.source} program, seed ${failure.seed}, ${failure.parser}] ${failure.check}`,
    failure.detail,
    `--- program (rebuild it with FUZZ_SEED=${failure.seed} FUZZ_ITERATIONS=1) ---`,
    failure.program,
  ].join('\n');
}

/** The first failures in full, and how many there were: an empty report is the passing state. */
function failureReport(failures: readonly FuzzFailure[]): { count: number; first: string[] } {
  return { count: failures.length, first: failures.slice(0, 3).map(describeFailure) };
}

describe(`fuzzing every rule (seed ${seed}, ${iterations} iterations)`, () => {
  it(
    'shape-mixed programs: no rule throws, fixes and suggestions parse, a second --fix changes nothing, every rule reports',
    () => {
      const linter = new Linter({ configType: 'flat' });
      const stats = new FuzzStats();
      const failures: FuzzFailure[] = [];
      let typescriptOnly = 0;
      for (let iteration = 0; iteration < iterations; iteration += 1) {
        const current = programSeed(seed, iteration);
        const program = generateShapeProgram(current);
        const meta = { source: 'shape-mixed', seed: current, fixMode: fixModeFor(current) };
        if (program.ts) typescriptOnly += 1;
        else fuzzOne(linter, espreeSetup, program.code, 'file.js', meta, stats, failures);
        fuzzOne(linter, typescriptSetup, program.code, 'file.ts', meta, stats, failures);
      }
      console.log(
        `shape-mixed fuzz: seed ${seed}, iterations ${iterations} (${typescriptOnly} TypeScript-only, linted with the TypeScript parser only); ${stats.summary()}`,
      );

      expect(failureReport(failures)).toEqual({ count: 0, first: [] });
      // The generator writes programs both parsers accept; a catalog entry that breaks that shows here.
      expect(stats.parseRejected).toBeLessThanOrEqual(Math.floor(stats.programs * 0.02));
      if (iterations >= ITERATIONS_FOR_COVERAGE) {
        expect(ruleIds.filter((id) => !stats.findingsByRule.has(id))).toEqual([]);
        expect(stats.fixesApplied).toBeGreaterThan(0);
        expect(stats.suggestionsChecked).toBeGreaterThan(0);
      }
    },
    timeout,
  );

  it(
    'eslump programs: no rule throws, no fatal message on programs the parser accepts, fixes parse',
    () => {
      const linter = new Linter({ configType: 'flat' });
      const stats = new FuzzStats();
      const failures: FuzzFailure[] = [];
      for (let iteration = 0; iteration < iterations; iteration += 1) {
        const current = programSeed(seed, iteration);
        const code = generateEslumpProgram(current);
        const meta = { source: 'eslump', seed: current, fixMode: fixModeFor(current) };
        fuzzOne(linter, espreeSetup, code, 'file.js', meta, stats, failures);
        fuzzOne(linter, typescriptSetup, code, 'file.js', meta, stats, failures);
      }
      console.log(`eslump fuzz: seed ${seed}, iterations ${iterations}; ${stats.summary()}`);

      expect(failureReport(failures)).toEqual({ count: 0, first: [] });
      // eslump writes some programs with early errors; most must still reach the rules.
      expect(stats.linted).toBeGreaterThanOrEqual(Math.ceil(stats.programs / 2));
    },
    timeout,
  );
});
