import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { calleeName, forEachDescendant, isFunctionNode, referenceText, resolveConstValue, skipTypeWrappers, variableOf } from '../util/ast.js';
import { synchronousCallbacks } from '../catalog/index.js';
import { staticFiniteNumber, staticNumber } from '../util/values.js';
import { apiIndex, findApiReferences, type ApiSpec, type FoundReference } from '../util/references.js';

/**
 * Iteration context: is this code run once per item of a loop or of an array iteration callback?
 */

export type LoopNode = TSESTree.ForStatement | TSESTree.ForInStatement | TSESTree.ForOfStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement;

export interface Iteration {
  /** The loop statement, or the `items.forEach(…)` call whose callback runs per item. */
  readonly node: LoopNode | TSESTree.CallExpression;
  /** The part that runs per item: the loop body, or the callback. */
  readonly body: TSESTree.Node;
  /** How messages name it: `for…of loop`, `forEach() callback`. */
  readonly description: string;
}

const LOOP_NAMES: Record<LoopNode['type'], string> = {
  [AST_NODE_TYPES.ForStatement]: 'for loop',
  [AST_NODE_TYPES.ForInStatement]: 'for…in loop',
  [AST_NODE_TYPES.ForOfStatement]: 'for…of loop',
  [AST_NODE_TYPES.WhileStatement]: 'while loop',
  [AST_NODE_TYPES.DoWhileStatement]: 'do…while loop',
};

function isLoop(node: TSESTree.Node): node is LoopNode {
  return node.type in LOOP_NAMES;
}

/**
 * The innermost iteration `node` runs in, without crossing a function boundary other than an array
 * iteration callback (`items.forEach((item) => …)`); `null` when it does not run per item.
 */
export function iterationOf(node: TSESTree.Node): Iteration | null {
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (isLoop(parent) && parent.body === child) {
      return { node: parent, body: parent.body, description: LOOP_NAMES[parent.type] };
    }
    if (isFunctionNode(parent)) {
      const call = parent.parent;
      const name = call.type === AST_NODE_TYPES.CallExpression && call.callee !== parent ? calleeName(call) : null;
      if (call.type === AST_NODE_TYPES.CallExpression && name !== null && synchronousCallbacks.has(name) && name !== 'from' && !name.startsWith('replace')) {
        return { node: call, body: parent, description: `${name}() callback` };
      }
      return null;
    }
  }
  return null;
}

/**
 * The largest number of iterations, when the loop states it: `for (let i = 0; i < 3; i++)`,
 * `for (let i = 0; i < BATCH; i++)` with `const BATCH = 3` (given `sourceCode`, decided by value),
 * `for (const x of [a, b])`, decided by value (a `const` bound counts as its value).
 */
export function literalIterationBound(iteration: Iteration, sourceCode: Readonly<TSESLint.SourceCode>): number | null {
  const loop = iteration.node;
  const bound = (node: TSESTree.Node): number | null => staticFiniteNumber(sourceCode, node);
  const elements = (node: TSESTree.Node): number | null => {
    const value = resolveConstValue(sourceCode, node);
    if (value.type !== AST_NODE_TYPES.ArrayExpression) return null;
    return value.elements.some((element) => element?.type === AST_NODE_TYPES.SpreadElement) ? null : value.elements.length;
  };
  if (loop.type === AST_NODE_TYPES.ForStatement) {
    const test = loop.test && skipTypeWrappers(loop.test);
    if (test?.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '<' || test.operator === '<=')) {
      const limit = bound(test.right);
      if (limit !== null) return limit + (test.operator === '<=' ? 1 : 0);
    }
    return null;
  }
  if (loop.type === AST_NODE_TYPES.ForOfStatement) return elements(loop.right);
  if (loop.type === AST_NODE_TYPES.CallExpression && loop.callee.type === AST_NODE_TYPES.MemberExpression) return elements(loop.callee.object);
  return null;
}

/**
 * The longest a timer can wait, when the code says it: a literal or a constant bound to one,
 * `Math.random() * 1500`, `Math.min(delay, 1000)`, a sum of those; `0` with no delay at all.
 */
export function maxDelay(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined): number | null {
  if (!node) return 0;
  const known = staticFiniteNumber(sourceCode, node);
  if (known !== null) return known;
  const value = resolveConstValue(sourceCode, node);
  if (value.type === AST_NODE_TYPES.Literal) return null;
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.left.type !== AST_NODE_TYPES.PrivateIdentifier) {
    const random = (side: TSESTree.Node): boolean => {
      const inner = skipTypeWrappers(side);
      return inner.type === AST_NODE_TYPES.CallExpression && isMathCall(inner, 'random');
    };
    if (value.operator === '*' && random(value.left)) return maxDelay(sourceCode, value.right);
    if (value.operator === '*' && random(value.right)) return maxDelay(sourceCode, value.left);
    const left = maxDelay(sourceCode, value.left);
    const right = maxDelay(sourceCode, value.right);
    if (left === null || right === null) return null;
    if (value.operator === '+') return left + right;
    if (value.operator === '*') return left * right;
    return null;
  }
  if (value.type === AST_NODE_TYPES.CallExpression) {
    if (isMathCall(value, 'min')) {
      const bounds = value.arguments.map((arg) => (arg.type === AST_NODE_TYPES.SpreadElement ? null : maxDelay(sourceCode, arg)));
      const known = bounds.filter((bound): bound is number => bound !== null);
      return known.length > 0 ? Math.min(...known) : null;
    }
    if (isMathCall(value, 'floor') || isMathCall(value, 'round') || isMathCall(value, 'trunc')) {
      const [arg] = value.arguments;
      return arg && arg.type !== AST_NODE_TYPES.SpreadElement ? maxDelay(sourceCode, arg) : null;
    }
  }
  return null;
}

function isMathCall(call: TSESTree.CallExpression, method: string): boolean {
  const callee = skipTypeWrappers(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Math' &&
    ASTUtils.getPropertyName(callee) === method
  );
}

const CLEAR_SPECS: readonly ApiSpec[] = ['clearTimeout', 'clearInterval'].flatMap((name): ApiSpec[] => [
  { info: 'clear', kind: 'call', global: name },
  { info: 'clear', kind: 'call', module: { from: 'timers', path: name } },
]);
const CLEAR_NAMES = new Set(['clearTimeout', 'clearInterval']);

const ADD_METHODS = new Set(['push', 'add', 'unshift']);

/**
 * Whether the handle of a timer made per item is kept and cleared: a variable passed to
 * `clearTimeout` / `clearInterval` (`primus.once('close', () => clearInterval(interval))`), or a
 * handle pushed into an array or added to a set whose every element the file clears and that it
 * empties (`for (const t of s.pollTimers) clearInterval(t); s.pollTimers = []`). A handle stored
 * under a key (`timers.set(id, …)`) is not: a second run with the same key drops the live handle —
 * unless the statement right before clears the handle stored under that key
 * (`clearInterval(timers.get(id)); timers.set(id, setInterval(…))`).
 */
export function isHandleCleared(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  let handle: TSESTree.Node = call;
  while (
    handle.parent?.type === AST_NODE_TYPES.MemberExpression &&
    handle.parent.object === handle &&
    ['unref', 'ref'].includes(ASTUtils.getPropertyName(handle.parent) ?? '') &&
    handle.parent.parent.type === AST_NODE_TYPES.CallExpression
  ) {
    handle = handle.parent.parent;
  }
  const clears = findApiReferences(
    sourceCode,
    apiIndex('loop-timer-clears', () => CLEAR_SPECS),
  );
  const parent = handle.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier && parent.init === handle) {
    const variable = variableOf(sourceCode, parent.id);
    for (const ref of variable?.references ?? []) {
      if (ref.init) continue;
      const use = ref.identifier;
      if (clears.some((clear) => clear.node.type === AST_NODE_TYPES.CallExpression && clear.node.arguments[0] === use)) return true;
      const collection = addedTo(use);
      if (collection && collectionCleared(sourceCode, collection, clears)) return true;
    }
    return false;
  }
  if (clearsReplacedHandle(sourceCode, handle, clears)) return true;
  const collection = addedTo(handle);
  return collection !== null && collectionCleared(sourceCode, collection, clears);
}

/**
 * `clearInterval(timers.get(id)); timers.set(id, handle)`: the statement right before the one that
 * stores the handle under a key clears the handle stored under the same key (the same map and key
 * as written), so storing it replaces a handle that is already stopped.
 */
function clearsReplacedHandle(sourceCode: Readonly<TSESLint.SourceCode>, handle: TSESTree.Node, clears: readonly FoundReference[]): boolean {
  const store = handle.parent;
  if (store?.type !== AST_NODE_TYPES.CallExpression || store.arguments.length !== 2 || store.arguments[1] !== handle) return false;
  const [key] = store.arguments;
  const callee = store.callee;
  if (!key || callee.type !== AST_NODE_TYPES.MemberExpression || ASTUtils.getPropertyName(callee) !== 'set') return false;
  const statement = store.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent.type !== AST_NODE_TYPES.BlockStatement) return false;
  const statements = statement.parent.body;
  const previous = statements[statements.indexOf(statement) - 1];
  if (previous?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const clear = previous.expression;
  if (clear.type !== AST_NODE_TYPES.CallExpression || !clears.some((ref) => ref.node === clear)) return false;
  const lookup = clear.arguments[0] && skipTypeWrappers(clear.arguments[0]);
  if (lookup?.type !== AST_NODE_TYPES.CallExpression || lookup.arguments.length !== 1 || lookup.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const [lookupKey] = lookup.arguments;
  return (
    lookupKey !== undefined &&
    ASTUtils.getPropertyName(lookup.callee) === 'get' &&
    referenceText(sourceCode, lookup.callee.object) === referenceText(sourceCode, callee.object) &&
    referenceText(sourceCode, lookupKey) === referenceText(sourceCode, key)
  );
}

/** `list.push(value)` / `set.add(value)`: the collection `value` is added to. */
function addedTo(value: TSESTree.Node): TSESTree.Node | null {
  const call = value.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(value as TSESTree.CallExpressionArgument)) return null;
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !ADD_METHODS.has(ASTUtils.getPropertyName(callee) ?? '')) return null;
  return callee.object;
}

/** `session.pollTimers` and `s.pollTimers` name the same collection of handles; so do two uses of `timers`. */
function sameCollection(sourceCode: Readonly<TSESLint.SourceCode>, a: TSESTree.Node, b: TSESTree.Node): boolean {
  const strip = (node: TSESTree.Node): TSESTree.Node => {
    let value = skipTypeWrappers(node);
    // `timers.values()`, `[...timers]`
    if (value.type === AST_NODE_TYPES.CallExpression && value.arguments.length === 0 && value.callee.type === AST_NODE_TYPES.MemberExpression) {
      if (['values', 'slice'].includes(ASTUtils.getPropertyName(value.callee) ?? '')) value = skipTypeWrappers(value.callee.object);
    }
    return value;
  };
  const left = strip(a);
  const right = strip(b);
  if (referenceText(sourceCode, left) === referenceText(sourceCode, right)) return true;
  return (
    left.type === AST_NODE_TYPES.MemberExpression &&
    right.type === AST_NODE_TYPES.MemberExpression &&
    ASTUtils.getPropertyName(left) !== null &&
    ASTUtils.getPropertyName(left) === ASTUtils.getPropertyName(right)
  );
}

/** Every element of the collection is cleared somewhere in the file, and the collection is emptied. */
function collectionCleared(sourceCode: Readonly<TSESLint.SourceCode>, collection: TSESTree.Node, clears: readonly FoundReference[]): boolean {
  const clearsElements = clears.some((clear) => {
    if (clear.node.type !== AST_NODE_TYPES.CallExpression) return false;
    const [arg] = clear.node.arguments;
    if (arg?.type !== AST_NODE_TYPES.Identifier) return false;
    const def = variableOf(sourceCode, arg)?.defs[0];
    if (!def) return false;
    // for (const t of timers) clearInterval(t)
    const declaration = def.node.parent;
    if (declaration?.parent?.type === AST_NODE_TYPES.ForOfStatement && declaration.parent.left === declaration) {
      return sameCollection(sourceCode, declaration.parent.right, collection);
    }
    // timers.forEach((t) => clearInterval(t))
    const fn = def.node;
    if (isFunctionNode(fn) && fn.params[0] === def.name && fn.parent.type === AST_NODE_TYPES.CallExpression) {
      const callee = fn.parent.callee;
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        ASTUtils.getPropertyName(callee) === 'forEach' &&
        sameCollection(sourceCode, callee.object, collection)
      );
    }
    return false;
  });
  return (clearsElements || clearedByForEach(sourceCode, collection)) && isEmptied(sourceCode, collection);
}

/** `timers.forEach(clearInterval)`, with the real global. */
function clearedByForEach(sourceCode: Readonly<TSESLint.SourceCode>, collection: TSESTree.Node): boolean {
  let found = false;
  forEachDescendant(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const [arg] = node.arguments;
    if (arg?.type !== AST_NODE_TYPES.Identifier || !CLEAR_NAMES.has(arg.name) || ASTUtils.getPropertyName(node.callee) !== 'forEach') return;
    const variable = variableOf(sourceCode, arg);
    if ((variable === null || variable.defs.length === 0) && sameCollection(sourceCode, node.callee.object, collection)) found = true;
  });
  return found;
}

/** `timers = []`, `timers.length = 0`, `timers.clear()`, `timers.splice(0)` somewhere in the file. */
function isEmptied(sourceCode: Readonly<TSESLint.SourceCode>, collection: TSESTree.Node): boolean {
  let emptied = false;
  forEachDescendant(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (emptied) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') {
      const right = skipTypeWrappers(node.right);
      if (right.type === AST_NODE_TYPES.ArrayExpression && right.elements.length === 0 && sameCollection(sourceCode, node.left, collection)) emptied = true;
      if (
        node.left.type === AST_NODE_TYPES.MemberExpression &&
        ASTUtils.getPropertyName(node.left) === 'length' &&
        staticNumber(sourceCode, right) === 0 &&
        sameCollection(sourceCode, node.left.object, collection)
      ) {
        emptied = true;
      }
    } else if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = ASTUtils.getPropertyName(node.callee);
      if ((method === 'clear' || method === 'splice') && sameCollection(sourceCode, node.callee.object, collection)) emptied = true;
    }
    return undefined;
  });
  return emptied;
}
