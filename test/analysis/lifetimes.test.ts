import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { enclosingFunction, repeatingFunction, siteRunsOnce, valueEscapes } from '../../src/analysis/lifetimes.js';
import { runProbeRule } from '../support/lint.js';

/**
 * Runs the lifetime helpers at every `probe()` call of a snippet and returns one line per probe:
 * whether the site runs once per module load, and whether it repeats over the life of the binding
 * declared as `owned` (module level when there is none).
 */
function probe(code: string): string[] {
  const lines: string[] = [];
  const rule = ESLintUtils.RuleCreator.withoutDocs({
    meta: { type: 'problem', schema: [], messages: { probe: '{{text}}' } },
    create(context) {
      let owner: TSESTree.Node | null = null;
      return {
        'VariableDeclarator[id.name="owned"]'(node: TSESTree.VariableDeclarator) {
          owner = enclosingFunction(node);
        },
        'CallExpression[callee.name="probe"]:exit'(node: TSESTree.CallExpression) {
          const ownerFn = owner && owner.type !== AST_NODE_TYPES.Program ? (owner as Parameters<typeof repeatingFunction>[2]) : null;
          const once = siteRunsOnce(context.sourceCode, node);
          const repeats = repeatingFunction(context.sourceCode, node, ownerFn) !== null;
          lines.push(`line ${node.loc.start.line}: ${once ? 'once' : 'not once'}, ${repeats ? 'repeats' : 'does not repeat'}`);
        },
      };
    },
  });
  expect(runProbeRule(code, rule)).toEqual([]);
  return lines;
}

describe('siteRunsOnce / repeatingFunction (module-level binding)', () => {
  it('module level, IIFEs, init() called once, and synchronous callbacks in them run once', () => {
    expect(
      probe(`probe();
(() => { probe(); })();
function init() { probe(); [1, 2].forEach(() => probe()); }
init();
new Promise(() => probe());`),
    ).toEqual([
      'line 1: once, does not repeat',
      'line 2: once, does not repeat',
      'line 3: once, does not repeat',
      'line 3: once, does not repeat',
      'line 5: once, does not repeat',
    ]);
  });

  it('handlers, exported functions, functions called from handlers, and listeners repeat', () => {
    expect(
      probe(`export function handler() { probe(); }
function helper() { probe(); }
app.get('/x', () => helper());
emitter.on('data', () => probe());
function twice() { probe(); }
twice(); twice;`),
    ).toEqual([
      'line 1: not once, repeats',
      'line 2: not once, repeats',
      'line 4: not once, repeats',
      'line 5: not once, repeats',
    ]);
  });
});

describe('repeatingFunction (function-level binding)', () => {
  it('repeats only in nested functions that outlive the call', () => {
    expect(
      probe(`export function factory() {
  const owned = new Map();
  probe();
  [1].forEach(() => probe());
  const handler = () => probe();
  emitter.on('x', handler);
  return { get: () => probe() };
}`),
    ).toEqual([
      'line 3: not once, does not repeat',
      'line 4: not once, does not repeat',
      'line 5: not once, repeats',
      'line 7: not once, repeats',
    ]);
  });

  it('a callback awaited within the call does not outlive it', () => {
    expect(
      probe(`export async function read(stream) {
  const owned = [];
  await new Promise((resolve) => stream.on('end', () => { probe(); resolve(); }));
}`),
    ).toEqual(['line 3: not once, repeats']);
  });
});

describe('valueEscapes', () => {
  function escapes(code: string): boolean[] {
    const results: boolean[] = [];
    const rule = ESLintUtils.RuleCreator.withoutDocs({
      meta: { type: 'problem', schema: [], messages: { x: 'x' } },
      create: () => ({
        'Identifier[name="value"]'(node: TSESTree.Identifier) {
          const parent = node.parent;
          if (parent.type === AST_NODE_TYPES.VariableDeclarator) return;
          // Only the references to the value: not the key of `{ value }` nor the exported name of `export { value }`.
          if (parent.type === AST_NODE_TYPES.Property && parent.key === node) return;
          if (parent.type === AST_NODE_TYPES.ExportSpecifier && parent.exported === node && parent.local !== node) return;
          results.push(valueEscapes(node));
        },
      }),
    });
    expect(runProbeRule(code, rule)).toEqual([]);
    return results;
  }

  it('members, iteration, size checks and read-only helpers keep the value here', () => {
    expect(
      escapes(`const value = new Map();
value.get(1); value.set(1, 2); if (value.size > 3) {}
for (const entry of value) {}
JSON.stringify([...value]); console.log(value); Object.keys(value);`),
    ).toEqual([false, false, false, false, false, false, false]);
  });

  it('returning, passing, storing and exporting it hand it on', () => {
    expect(
      escapes(`const value = new Map();
export function a() { return value; }
register(value);
const other = { value };
holder.map = value;
export { value };`),
    ).toEqual([true, true, true, true, true]);
  });
});
