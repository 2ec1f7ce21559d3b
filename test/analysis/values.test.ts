import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { isDisabledLimit, isEndlessCount, staticFiniteNumber, staticValueOf } from '../../src/util/values.js';
import { runProbeRule } from '../support/lint.js';

/** Each `probe(x)` argument of a snippet, judged by the value helpers: one line per probe. */
function probe(code: string): string[] {
  const lines: string[] = [];
  const rule = ESLintUtils.RuleCreator.withoutDocs({
    meta: { type: 'problem', schema: [], messages: { probe: '{{text}}' } },
    create(context) {
      return {
        'CallExpression[callee.name="probe"]'(node: TSESTree.CallExpression) {
          const arg = node.arguments[0];
          if (!arg) return;
          const known = staticValueOf(context.sourceCode, arg);
          lines.push(
            [
              known ? `value ${String(known.value)}` : 'unknown',
              isDisabledLimit(context.sourceCode, arg) ? 'disabled' : '',
              isEndlessCount(context.sourceCode, arg) ? 'endless' : '',
              staticFiniteNumber(context.sourceCode, arg) === null ? '' : 'finite',
            ]
              .filter(Boolean)
              .join(' '),
          );
        },
      };
    },
  });
  expect(runProbeRule(code, rule)).toEqual([]);
  return lines;
}

describe('static values', () => {
  it('decides literals, const bindings and built-ins by value', () => {
    expect(
      probe(`const FOREVER = Infinity; const NO_TIMEOUT = 0; const BATCH = 3; const MS = 10 * 1000;
probe(FOREVER); probe(NO_TIMEOUT); probe(BATCH); probe(MS); probe(Number.POSITIVE_INFINITY);
probe(Number.MAX_SAFE_INTEGER); probe(null); probe(undefined); probe(void 0); probe(1e6);`),
    ).toEqual([
      'value Infinity disabled endless',
      'value 0 disabled finite',
      'value 3 finite',
      'value 10000 finite',
      'value Infinity disabled endless',
      `value ${Number.MAX_SAFE_INTEGER} endless finite`,
      'value null disabled',
      'value undefined disabled',
      'value undefined disabled',
      'value 1000000 endless finite',
    ]);
  });

  it('knows nothing of parameters, reassigned bindings, calls or shadowed built-ins', () => {
    expect(
      probe(`let n = 0; n = read();
function f(limit, Infinity) { probe(limit); probe(Infinity); }
probe(n); probe(read()); probe(process.env.TIMEOUT);`),
    ).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
  });
});
