import { join } from 'node:path';

import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import * as espree from 'espree';
import { describe, expect, it } from 'vitest';

import { fixturesDir } from './paths.js';
import { typeCheckAgainst } from './type-check.js';

/** Marks a case that uses TypeScript syntax, so it is not run through espree. */
interface CaseFlags {
  readonly ts?: boolean;
}

export type ValidCase<Options extends readonly unknown[]> = ValidTestCase<Options> & CaseFlags;

export type InvalidCase<MessageIds extends string, Options extends readonly unknown[]> = InvalidTestCase<MessageIds, Options> &
  CaseFlags & {
    /** Type information proves this code correct: with types the rule must stay silent. */
    readonly typedValid?: boolean;
  };

export interface RuleCases<MessageIds extends string, Options extends readonly unknown[]> {
  /** A string is shorthand for `{ code }`, as in ESLint's RuleTester. */
  readonly valid: readonly (string | ValidCase<Options>)[];
  readonly invalid: readonly InvalidCase<MessageIds, Options>[];
}

/**
 * The rule tester of this plugin's rule tests: one per test file, with the cases written as
 * literal `valid` / `invalid` arrays in its `run()` call, where eslint-plugin-eslint-plugin's
 * test rules read them (eslint.config.js names this class in `ruleTesterConstructors`). Each
 * `run()` runs the cases three ways and checks their fix outputs (see {@link runRuleTests}).
 */
export class SteadyStateRuleTester {
  run<MessageIds extends string, Options extends readonly unknown[]>(
    name: string,
    rule: TSESLint.RuleModule<MessageIds, Options>,
    cases: NoInfer<RuleCases<MessageIds, Options>>,
  ): void {
    runRuleTests(name, rule, cases);
  }
}

// The rule-tester and ESLint type rules differently; every rule here is a typescript-eslint RuleModule.
type AnyRule = TSESLint.RuleModule<string, readonly unknown[]>;

function strip<T extends CaseFlags & { typedValid?: boolean }>(test: T): Omit<T, 'ts' | 'typedValid'> {
  const { ts: _ts, typedValid: _typedValid, ...rest } = test;
  return rest;
}

function toValid<Options extends readonly unknown[]>(test: InvalidCase<string, Options>): ValidTestCase<Options> {
  const { errors: _errors, output: _output, ...rest } = strip(test);
  return rest;
}

/**
 * Runs one set of cases three ways: JavaScript through espree (cases without TypeScript syntax),
 * TypeScript parser without types, and TypeScript parser with a type-checked program. Types may only
 * make a rule quieter: an invalid case reports in every mode unless it is marked `typedValid`.
 * Then checks every fix and suggestion output: it parses, it no longer has the finding it fixed, a
 * second `--fix` pass changes nothing, and it adds no type error.
 */
function runRuleTests<MessageIds extends string, Options extends readonly unknown[]>(
  name: string,
  rule: TSESLint.RuleModule<MessageIds, Options>,
  cases: RuleCases<MessageIds, Options>,
): void {
  const jsTester = new RuleTester({
    defaultFilenames: { ts: 'file.js', tsx: 'file.jsx' },
    languageOptions: { parser: espree, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  });
  const tsTester = new RuleTester();
  const typedTester = new RuleTester({
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: fixturesDir } },
  });

  const valid = cases.valid.map((test): ValidCase<Options> => (typeof test === 'string' ? { code: test } : test));
  const jsCases = {
    valid: valid.filter((test) => !test.ts).map(strip),
    invalid: cases.invalid.filter((test) => !test.ts).map(strip),
  };
  jsTester.run(`${name} (JavaScript, espree)`, rule, jsCases);
  tsTester.run(`${name} (TypeScript parser, no type information)`, rule, {
    valid: valid.map(strip),
    invalid: cases.invalid.map(strip),
  });
  typedTester.run(`${name} (TypeScript parser, type-checked)`, rule, {
    valid: [...valid.map(strip), ...cases.invalid.filter((test) => test.typedValid).map(toValid)],
    invalid: cases.invalid.filter((test) => !test.typedValid).map(strip),
  });

  describe(`${name}: fix and suggestion outputs`, () => {
    const outputs = cases.invalid.flatMap((test) => fixOutputs(test));
    const offersChanges = rule.meta.fixable !== undefined || rule.meta.hasSuggestions === true;
    it(offersChanges ? 'are exercised by the cases' : 'do not exist: the rule neither fixes nor suggests', () => {
      if (offersChanges) expect(outputs.length).toBeGreaterThan(0);
      else expect(outputs).toEqual([]);
    });
    it('remove the finding they fix, and a second --fix pass changes nothing', () => {
      const linter = new Linter({ configType: 'flat' });
      const config = (test: InvalidCase<MessageIds, Options>): Linter.Config[] => [
        {
          files: ['**/*.ts'],
          plugins: { 'steady-state': { rules: { [name]: rule as unknown as AnyRule } } } as unknown as Linter.Config['plugins'],
          languageOptions: { parser: tsParser },
          rules: { [`steady-state/${name}`]: ['error', ...(test.options ?? [])] } as Linter.RulesRecord,
        },
      ];
      for (const { test, output, kind } of outputs) {
        const before = linter.verify(test.code, config(test), 'file.ts');
        const after = linter.verify(output, config(test), 'file.ts');
        expect(
          after.filter((m) => m.fatal),
          `${kind} output parses:\n${output}`,
        ).toEqual([]);
        expect(after.length, `${kind} output fixes a finding:\n${output}`).toBeLessThan(before.length);
        if (kind === 'fix') {
          const again = linter.verifyAndFix(output, config(test), 'file.ts');
          expect(again.output, `second --fix pass:\n${output}`).toBe(output);
        }
      }
    });
    it('add no type error', () => {
      const pairs = outputs.map(({ test, output }) => ({ before: test.code, after: output }));
      const added = typeCheckAgainst(pairs);
      expect(added).toEqual([]);
    });
  });
}

function fixOutputs<MessageIds extends string, Options extends readonly unknown[]>(
  test: InvalidCase<MessageIds, Options>,
): { test: InvalidCase<MessageIds, Options>; output: string; kind: 'fix' | 'suggestion' }[] {
  const found: { test: InvalidCase<MessageIds, Options>; output: string; kind: 'fix' | 'suggestion' }[] = [];
  if (typeof test.output === 'string') found.push({ test, output: test.output, kind: 'fix' });
  for (const error of test.errors) {
    for (const suggestion of error.suggestions ?? []) {
      found.push({ test, output: suggestion.output, kind: 'suggestion' });
    }
  }
  return found;
}

export const typedFixtureFile = join(fixturesDir, 'file.ts');
