import type { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { createRule } from '../../src/util/create-rule.js';

type Options = [{ limit?: number; names?: string[]; nested?: { on?: boolean; level?: number } }];

/** A rule that records the options its `create()` receives, file by file. */
function recordingRule(): { rule: ReturnType<typeof createRule<Options, 'x'>>; seen: unknown[] } {
  const seen: unknown[] = [];
  const rule = createRule<Options, 'x'>({
    name: 'no-unbounded-cache',
    meta: {
      type: 'problem',
      docs: { description: 'test', recommended: false, failureMode: 'memory-drift' },
      messages: { x: 'x' },
      schema: [{ type: 'object' }],
      defaultOptions: [{ limit: 10, names: ['a'], nested: { on: false, level: 1 } }],
    },
    create(_context, options) {
      seen.push(options);
      return {};
    },
  });
  return { rule, seen };
}

function contextWith(options: unknown[]): Readonly<TSESLint.RuleContext<'x', Options>> {
  // Only `options` is read by the wrapper; the rest of a context does not matter here.
  return { options } as unknown as Readonly<TSESLint.RuleContext<'x', Options>>;
}

describe('createRule', () => {
  it('merges the given options over the defaults, objects key by key and arrays replaced', () => {
    const { rule, seen } = recordingRule();
    rule.create(contextWith([{ names: ['b', 'c'], nested: { on: true } }]));
    expect(seen[0]).toEqual([{ limit: 10, names: ['b', 'c'], nested: { on: true, level: 1 } }]);
    expect(Object.isFrozen(seen[0])).toBe(true);
  });

  it('hands every file with equal options the same resolved options, even as new arrays', () => {
    const { rule, seen } = recordingRule();
    rule.create(contextWith([{ limit: 5, nested: { level: 2 } }]));
    rule.create(contextWith([{ nested: { level: 2 }, limit: 5 }]));
    expect(seen[1]).toBe(seen[0]);
  });

  it('resolves different options apart, and returns to earlier ones', () => {
    const { rule, seen } = recordingRule();
    const first = [{ limit: 5 }];
    rule.create(contextWith(first));
    rule.create(contextWith([{ limit: 6 }]));
    rule.create(contextWith([{ limit: 5, names: ['a'] }]));
    rule.create(contextWith(first));
    expect(seen[1]).toEqual([{ limit: 6, names: ['a'], nested: { on: false, level: 1 } }]);
    expect(seen[1]).not.toBe(seen[0]);
    // `names: ['a']` equals the default but is a different given value: resolved apart, to the same content
    expect(seen[2]).not.toBe(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(seen[3]).toBe(seen[0]);
  });

  it('resolves options apart that differ only in a nested value', () => {
    const { rule, seen } = recordingRule();
    rule.create(contextWith([{ nested: { level: 2 } }]));
    rule.create(contextWith([{ nested: { level: 3 } }]));
    expect(seen[1]).not.toBe(seen[0]);
    expect(seen[1]).toEqual([{ limit: 10, names: ['a'], nested: { on: false, level: 3 } }]);
  });

  it('does not mistake an array for an object with the same keys', () => {
    const { rule, seen } = recordingRule();
    rule.create(contextWith([{ names: ['x'] }]));
    rule.create(contextWith([{ names: { 0: 'x' } }]));
    expect(seen[1]).not.toBe(seen[0]);
  });
});
