import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { isFunctionNode, lookupProperty, outermostTypeWrapper, skipTypeWrappers, variableOf } from '../util/ast.js';
import { memoPerFile } from '../util/memo.js';
import { apiIndex, findApiReferences, type ApiSpec } from '../util/references.js';
import { enclosingFunction, functionBinding, type FunctionNode } from './lifetimes.js';

const RACE_SPECS: readonly ApiSpec<'race'>[] = [
  { info: 'race', kind: 'call', global: 'Promise.race' },
  // bluebird's race settles as the global one does
  { info: 'race', kind: 'call', module: { from: 'bluebird', path: 'race' } },
];

/** The file's calls of the real `Promise.race` (or bluebird's), in source order; found once per file. */
export function raceCalls(sourceCode: Readonly<TSESLint.SourceCode>): readonly TSESTree.CallExpression[] {
  return memoPerFile(sourceCode, 'race-calls', () =>
    findApiReferences(
      sourceCode,
      apiIndex('races', () => RACE_SPECS),
    ).flatMap((ref) => (ref.node.type === AST_NODE_TYPES.CallExpression ? [ref.node] : [])),
  );
}

/**
 * Whether a promise takes part in a `Promise.race([...])` of the file: as an element of the race
 * array, through a `const` holding it, through a `.then()/.catch()` chain on it, or as what a local
 * helper returns (`function timeout(ms) { return new Promise(…) }` raced as `timeout(ms)`).
 */
export function isRaced(sourceCode: Readonly<TSESLint.SourceCode>, promise: TSESTree.Node, races: readonly TSESTree.CallExpression[], depth = 0): boolean {
  if (depth > 3) return false;
  const node = chainEnd(promise);
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.ArrayExpression) {
    const call = parent.parent;
    return call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === parent && races.includes(call);
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, parent.id);
    return variable?.references.some((ref) => ref.isRead() && isRaced(sourceCode, ref.identifier, races, depth + 1)) === true;
  }
  const returned = resultOf(node);
  if (!returned) return false;
  return callsOf(sourceCode, returned)?.some((call) => isRaced(sourceCode, call, races, depth + 1)) === true;
}

/** The promise with the `.then()` / `.catch()` / `.finally()` chain on it (and `as T`, `!`), which is what gets raced. */
function chainEnd(promise: TSESTree.Node): TSESTree.Node {
  let node: TSESTree.Node = promise;
  for (;;) {
    const member: TSESTree.Node | undefined = node.parent;
    if (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === node &&
      ['then', 'catch', 'finally'].includes(ASTUtils.getPropertyName(member) ?? '') &&
      member.parent.type === AST_NODE_TYPES.CallExpression
    ) {
      node = member.parent;
      continue;
    }
    const wrapper = outermostTypeWrapper(node);
    if (wrapper !== node) {
      node = wrapper;
      continue;
    }
    return node;
  }
}

/**
 * The function whose result the promise is: it returns it, it is the arrow's body, or the async
 * function awaits it and then throws (`await sleep(ms); throw new TimeoutError()`), so that its own
 * promise settles when the timer fires.
 */
function resultOf(node: TSESTree.Node): FunctionNode | null {
  const parent = node.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.ReturnStatement) return enclosingFunction(parent);
  if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node) return parent;
  if (parent.type === AST_NODE_TYPES.AwaitExpression && parent.parent.type === AST_NODE_TYPES.ExpressionStatement) {
    const statement = parent.parent;
    const block = statement.parent;
    const fn = block.parent;
    if (block.type !== AST_NODE_TYPES.BlockStatement || !fn || !isFunctionNode(fn) || !fn.async || fn.body !== block) return null;
    const next = block.body[block.body.indexOf(statement) + 1];
    return next?.type === AST_NODE_TYPES.ThrowStatement ? fn : null;
  }
  return null;
}

/** The file's calls of a function bound to a name (`null` when it has no binding). */
function callsOf(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): TSESTree.CallExpression[] | null {
  const binding = functionBinding(fn);
  const variable = binding ? variableOf(sourceCode, binding) : null;
  if (!variable) return null;
  const calls: TSESTree.CallExpression[] = [];
  for (const ref of variable.references) {
    const call = ref.identifier.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === ref.identifier) calls.push(call);
  }
  return calls;
}

/**
 * A helper whose result is a timeout promise — one that only fails when its timer fires — and that
 * the file never calls: the helper exists to be raced by its callers, and nothing it returns can
 * clear the timer (`export function timeout(ms) { return new Promise((_, reject) => setTimeout(…, ms)) }`).
 * `rejects` says whether the timer's promise fails when it fires.
 */
export function isTimeoutHelper(sourceCode: Readonly<TSESLint.SourceCode>, promise: TSESTree.Node, rejects: boolean): boolean {
  const node = chainEnd(promise);
  const fn = resultOf(node);
  if (!fn) return false;
  const awaitedThenThrows = node.parent?.type === AST_NODE_TYPES.AwaitExpression;
  if (!rejects && !awaitedThenThrows && !chainThrows(promise, node)) return false;
  const calls = callsOf(sourceCode, fn);
  return calls !== null && calls.length === 0;
}

/** Whether a `.then(() => { throw … })` on the way from `promise` to `end` turns its fulfilment into a failure. */
function chainThrows(promise: TSESTree.Node, end: TSESTree.Node): boolean {
  for (let node: TSESTree.Node | undefined = promise.parent; node && node !== end.parent; node = node.parent) {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    if (ASTUtils.getPropertyName(node.callee) !== 'then') continue;
    const [onFulfilled] = node.arguments;
    if (!onFulfilled || !isFunctionNode(onFulfilled) || onFulfilled.body.type !== AST_NODE_TYPES.BlockStatement) continue;
    const last = onFulfilled.body.body.at(-1);
    if (last?.type === AST_NODE_TYPES.ThrowStatement) return true;
  }
  return false;
}

/** `timers/promises` `setTimeout(ms, value, { signal })`: a signal lets the caller cancel it after the race. */
export function hasSignalOption(call: TSESTree.CallExpression): boolean {
  const options = call.arguments[2];
  if (!options) return false;
  const value = skipTypeWrappers(options);
  return value.type !== AST_NODE_TYPES.ObjectExpression || lookupProperty(value, ['signal']).kind !== 'absent';
}

/**
 * The `Promise.race([...])` of `races` that has `promise` itself as an element of its array (`x as T`
 * and `x!` around it allowed), or `null` when the promise is raced some other way or not at all.
 */
export function raceOfElement(promise: TSESTree.Node, races: readonly TSESTree.CallExpression[]): TSESTree.CallExpression | null {
  const array = outermostTypeWrapper(promise).parent;
  if (array?.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const call = array.parent;
  return call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === array && races.includes(call) ? call : null;
}
