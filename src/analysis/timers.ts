import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { calleeName, isFunctionNode, referenceText } from '../util/ast.js';
import { memoPerFile } from '../util/memo.js';
import { apiIndex, findApiReferences, type ApiSpec } from '../util/references.js';

/**
 * The file's timers: every call of the real `setTimeout` / `setInterval` (global, `globalThis.*`,
 * `timers` / `node:timers`, aliased), the promise `setTimeout` of `timers/promises`, and what the
 * file clears with `clearTimeout` / `clearInterval`.
 */

export interface TimerCall {
  readonly call: TSESTree.CallExpression;
  readonly kind: 'timeout' | 'interval' | 'promise-timeout';
}

export interface FileTimers {
  readonly timers: readonly TimerCall[];
  /** Source texts of everything passed to `clearTimeout` / `clearInterval` (`timer`, `this.keepAlive`). */
  readonly cleared: ReadonlySet<string>;
  /** The real `Promise.race(...)` calls. */
  readonly races: readonly TSESTree.CallExpression[];
}

const TIMER_SPECS: readonly ApiSpec[] = [
  { tag: 'timeout', kind: 'call', global: 'setTimeout' },
  { tag: 'interval', kind: 'call', global: 'setInterval' },
  { tag: 'timeout', kind: 'call', module: { from: 'timers', path: 'setTimeout' } },
  { tag: 'interval', kind: 'call', module: { from: 'timers', path: 'setInterval' } },
  { tag: 'promise-timeout', kind: 'call', module: { from: 'timers/promises', path: 'setTimeout' } },
  { tag: 'clear', kind: 'call', global: 'clearTimeout' },
  { tag: 'clear', kind: 'call', global: 'clearInterval' },
  { tag: 'clear', kind: 'call', module: { from: 'timers', path: 'clearTimeout' } },
  { tag: 'clear', kind: 'call', module: { from: 'timers', path: 'clearInterval' } },
];

const RACE_SPECS: readonly ApiSpec[] = [{ tag: 'race', kind: 'call', global: 'Promise.race' }];

export function fileTimers(sourceCode: Readonly<TSESLint.SourceCode>): FileTimers {
  return memoPerFile(sourceCode, 'timers', () => {
    const timers: TimerCall[] = [];
    const cleared = new Set<string>();
    const races: TSESTree.CallExpression[] = [];
    for (const ref of findApiReferences(sourceCode, apiIndex('timers', () => TIMER_SPECS))) {
      if (ref.node.type !== AST_NODE_TYPES.CallExpression) continue;
      if (ref.tag === 'clear') {
        const [handle] = ref.node.arguments;
        if (handle) cleared.add(referenceText(sourceCode, handle));
      } else {
        timers.push({ call: ref.node, kind: ref.tag as TimerCall['kind'] });
      }
    }
    // Races matter only around timers: skip the lookup in the many files that use Promise but no timer.
    if (timers.length > 0) {
      for (const ref of findApiReferences(sourceCode, apiIndex('timer-races', () => RACE_SPECS))) {
        if (ref.node.type === AST_NODE_TYPES.CallExpression) races.push(ref.node);
      }
    }
    return { timers, cleared, races };
  });
}

/**
 * Where the timer's handle goes: discarded (an expression statement, an arrow's returned value
 * nobody keeps), or kept in a variable, a property, a collection (`timers.set(id, setTimeout(…))`).
 */
export type HandleUse = { readonly kind: 'discarded' } | { readonly kind: 'kept'; readonly target: TSESTree.Node | null };

export function handleUse(call: TSESTree.CallExpression): HandleUse {
  let node: TSESTree.Node = call;
  // setTimeout(…).unref() still returns the handle
  for (;;) {
    const member: TSESTree.Node | undefined = node.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) break;
    const name = ASTUtils.getPropertyName(member);
    if ((name !== 'unref' && name !== 'ref') || member.parent.type !== AST_NODE_TYPES.CallExpression) break;
    node = member.parent;
  }
  const parent = node.parent;
  if (!parent) return { kind: 'discarded' };
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
      return { kind: 'discarded' };
    case AST_NODE_TYPES.ArrowFunctionExpression:
      // `(resolve) => setTimeout(resolve, ms)` as a Promise executor returns it to nobody.
      return parent.body === node && isPromiseExecutor(parent) ? { kind: 'discarded' } : { kind: 'kept', target: null };
    case AST_NODE_TYPES.VariableDeclarator:
      return { kind: 'kept', target: parent.id };
    case AST_NODE_TYPES.AssignmentExpression:
      return { kind: 'kept', target: parent.left };
    case AST_NODE_TYPES.PropertyDefinition:
      // class field `timer = setInterval(…)`: kept on the instance
      return { kind: 'kept', target: parent.value === node ? parent : null };
    default:
      return { kind: 'kept', target: null };
  }
}

/** The executor of a `new Promise(…)`. */
export function isPromiseExecutor(fn: TSESTree.Node): boolean {
  return (
    isFunctionNode(fn) &&
    fn.parent.type === AST_NODE_TYPES.NewExpression &&
    fn.parent.arguments[0] === fn &&
    calleeName(fn.parent) === 'Promise'
  );
}

/** The `new Promise(executor)` whose executor the node is directly in (not in a callback nested in it). */
export function enclosingPromise(node: TSESTree.Node): TSESTree.NewExpression | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) {
      return isPromiseExecutor(current) && current.parent.type === AST_NODE_TYPES.NewExpression ? current.parent : null;
    }
  }
  return null;
}
