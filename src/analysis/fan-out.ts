import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { calleeName, isFunctionNode, resolveConstValue, skipTypeWrappers, variableOf } from '../util/ast.js';
import { concurrencyLimiters } from '../util/catalog.js';
import { apiIndex, findApiReferences, localFunctionNames, namedFunctionSpecs, type NamedFunction } from '../util/references.js';
import type { TypeInfo } from '../util/types.js';
import { enclosingFunction, functionName } from './lifetimes.js';
import { iterationOf, literalIterationBound } from './loops.js';

/**
 * Unbounded fan-out: `Promise.all` over as many concurrent operations as the input has items.
 */

export interface FanOut {
  readonly call: TSESTree.CallExpression;
  readonly combinator: string;
  /** The source text of what is iterated (`ids`, `rows`), for the message. */
  readonly items: string;
}

export interface FanOutOptions {
  readonly maxLiteralItems: number;
  readonly boundedNames: readonly string[];
  readonly limiters: readonly NamedFunction[];
}

const COMBINATORS = ['all', 'allSettled', 'any', 'race'];
const LIMITER = 'limiter';

/** A number the code states: `5`, `BATCH_SIZE` (a const bound to a literal). */
function literalNumber(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined): number | null {
  if (!node) return null;
  const value = resolveConstValue(sourceCode, node);
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number' ? value.value : null;
}

const CLEANUP_NAME = /^(close|stop|shutdown|dispose|destroy|drain|end|teardown|tearDown|disconnect|terminate|quit|cleanup|cleanUp|flush)/;
const CLEANUP_METHODS = new Set(['close', 'stop', 'dispose', 'destroy', 'end', 'disconnect', 'terminate', 'quit', 'unref', 'abort', 'cancel', 'kill']);

function inCleanup(node: TSESTree.Node): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (CLEANUP_NAME.test(functionName(fn) ?? '')) return true;
  }
  return false;
}

/**
 * `this.plugins`, `this.nodes()`, `this.s.activeCursors`: the object's own state, sized by its
 * configuration or by what it has opened, not by a request's input.
 */
function isInstanceState(node: TSESTree.Node): boolean {
  let value = skipTypeWrappers(node);
  for (;;) {
    if (value.type === AST_NODE_TYPES.ThisExpression) return true;
    if (value.type === AST_NODE_TYPES.MemberExpression) value = skipTypeWrappers(value.object);
    else if (value.type === AST_NODE_TYPES.CallExpression) value = skipTypeWrappers(value.callee);
    else if (value.type === AST_NODE_TYPES.ArrayExpression && value.elements.length === 1 && value.elements[0]?.type === AST_NODE_TYPES.SpreadElement) {
      value = skipTypeWrappers(value.elements[0].argument);
    } else return false;
  }
}

export function analyzeFanOut(
  sourceCode: Readonly<TSESLint.SourceCode>,
  options: FanOutOptions,
  getTypes: () => TypeInfo | null,
): FanOut[] {
  const combinators = findApiReferences(
    sourceCode,
    apiIndex('fan-out:combinators', () => COMBINATORS.map((name) => ({ tag: name, kind: 'call' as const, global: `Promise.${name}` }))),
  );
  if (combinators.length === 0) return [];
  const limiters = [...concurrencyLimiters, ...options.limiters];
  const limiterCalls = new Set(
    findApiReferences(
      sourceCode,
      apiIndex(`fan-out:limiters:${JSON.stringify(options.limiters)}`, () => [
        ...namedFunctionSpecs(limiters, LIMITER, 'call'),
        ...namedFunctionSpecs(limiters, LIMITER, 'construct'),
      ]),
    )
      .map((ref) => ref.node),
  );
  const localLimiters = localFunctionNames(limiters);
  const bounded = new Set(options.boundedNames);

  /** `limit` in `limit(() => …)` was made by a limiter factory (`const limit = pLimit(4)`), or is named in options. */
  function isLimiter(callee: TSESTree.Node): boolean {
    const value = skipTypeWrappers(callee);
    const target = value.type === AST_NODE_TYPES.MemberExpression ? value.object : value;
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    if (localLimiters.has(target.name)) return true;
    const init = resolveConstValue(sourceCode, target);
    if (init.type === AST_NODE_TYPES.NewExpression || init.type === AST_NODE_TYPES.CallExpression) {
      return limiterCalls.has(init) || localLimiters.has(calleeName(init) ?? '');
    }
    return false;
  }

  /** Whether the callback starts work per item, unthrottled: async, or returns a call that is not a limiter's. */
  function startsUnboundedWork(callback: TSESTree.Node | undefined): boolean {
    if (!callback) return false;
    const fn = skipTypeWrappers(callback);
    if (!isFunctionNode(fn)) return fn.type === AST_NODE_TYPES.Identifier || fn.type === AST_NODE_TYPES.MemberExpression;
    const returned =
      fn.body.type === AST_NODE_TYPES.BlockStatement
        ? fn.body.body.flatMap((statement) => (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument ? [statement.argument] : []))
        : [fn.body];
    const throughLimiter = returned.some((expression) => {
      const value = skipTypeWrappers(expression);
      return value.type === AST_NODE_TYPES.CallExpression && isLimiter(value.callee);
    });
    if (throughLimiter) return false;
    // items.map((c) => c.close()): closing each of a set of open things
    const closesItem = returned.length === 1 && returned.every((expression) => {
      const value = skipTypeWrappers(expression.type === AST_NODE_TYPES.AwaitExpression ? expression.argument : expression);
      return value.type === AST_NODE_TYPES.CallExpression && CLEANUP_METHODS.has(calleeName(value) ?? '');
    });
    if (closesItem) return false;
    if (fn.async) return true;
    return returned.some((expression) => {
      const value = skipTypeWrappers(expression);
      return value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression || value.type === AST_NODE_TYPES.AwaitExpression;
    });
  }

  /** Whether the iterated collection is bounded by the code: a literal, a literal slice, a tuple, a name in options. */
  function isBoundedCollection(node: TSESTree.Node): boolean {
    const value = resolveConstValue(sourceCode, node);
    if (value.type === AST_NODE_TYPES.ArrayExpression) {
      return value.elements.every((element) => element?.type !== AST_NODE_TYPES.SpreadElement) && value.elements.length <= options.maxLiteralItems;
    }
    const name = value.type === AST_NODE_TYPES.Identifier ? value.name : value.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(value) : null;
    if (name !== null && bounded.has(name)) return true;
    if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = calleeName(value);
      // items.slice(0, 5), items.slice(i, i + BATCH), items.splice(0, 10)
      if (method === 'slice' || method === 'splice') {
        const [start, end] = value.arguments;
        const startNumber = literalNumber(sourceCode, start);
        const endNumber = literalNumber(sourceCode, end);
        if (method === 'splice') return endNumber !== null && endNumber <= options.maxLiteralItems;
        if (startNumber !== null && endNumber !== null) return endNumber - startNumber <= options.maxLiteralItems;
        const endValue = end && skipTypeWrappers(end);
        if (start && endValue?.type === AST_NODE_TYPES.BinaryExpression && endValue.operator === '+') {
          const step = literalNumber(sourceCode, endValue.right);
          return sourceCode.getText(endValue.left) === sourceCode.getText(start) && step !== null && step <= options.maxLiteralItems;
        }
        return false;
      }
      // Object.keys(CONFIG) of an object literal the code wrote
      const owner = value.callee.object;
      if (owner.type === AST_NODE_TYPES.Identifier && owner.name === 'Object' && ['keys', 'values', 'entries'].includes(method ?? '')) {
        const target = value.arguments[0] && resolveConstValue(sourceCode, value.arguments[0]);
        return target?.type === AST_NODE_TYPES.ObjectExpression;
      }
      // a filtered / mapped bounded collection stays bounded
      if (['filter', 'map', 'flat', 'concat'].includes(method ?? '') && method !== 'concat') return isBoundedCollection(value.callee.object);
    }
    const types = getTypes();
    if (types) {
      const type = types.typeOf(value);
      if (types.checker.isTupleType(type)) return true;
    }
    return false;
  }

  /** `items.map(fn)` / `Array.from(items, fn)` starting work per item of an unbounded collection: what is iterated. */
  function fannedOutCollection(node: TSESTree.Node, depth = 0): TSESTree.Node | null {
    const value = skipTypeWrappers(node);
    if (value.type === AST_NODE_TYPES.Identifier && depth < 2) {
      const pushed = pushedInLoop(value);
      if (pushed) return pushed;
      const resolved = resolveConstValue(sourceCode, value);
      return resolved !== value ? fannedOutCollection(resolved, depth + 1) : null;
    }
    if (value.type !== AST_NODE_TYPES.CallExpression || value.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = calleeName(value);
    const owner = value.callee.object;
    if (method === 'map' || method === 'flatMap') {
      return !isBoundedCollection(owner) && startsUnboundedWork(value.arguments[0]) ? owner : null;
    }
    if (method === 'from' && owner.type === AST_NODE_TYPES.Identifier && owner.name === 'Array') {
      const [items, mapper] = value.arguments;
      return items && !isBoundedCollection(items) && startsUnboundedWork(mapper) ? items : null;
    }
    return null;
  }

  /** `const tasks = []; for (const x of items) tasks.push(work(x));` — the promises pushed per item. */
  function pushedInLoop(identifier: TSESTree.Identifier): TSESTree.Node | null {
    const variable = variableOf(sourceCode, identifier);
    const def = variable?.defs[0];
    if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return null;
    const init = skipTypeWrappers(def.node.init);
    if (init.type !== AST_NODE_TYPES.ArrayExpression || init.elements.length > 0) return null;
    for (const ref of variable.references) {
      const member = ref.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || ASTUtils.getPropertyName(member) !== 'push') continue;
      const push = member.parent;
      if (push.type !== AST_NODE_TYPES.CallExpression) continue;
      const [pushed] = push.arguments;
      const pushedValue = pushed && skipTypeWrappers(pushed);
      const startsWork =
        pushedValue?.type === AST_NODE_TYPES.CallExpression &&
        !isLimiter(pushedValue.callee) ||
        pushedValue?.type === AST_NODE_TYPES.NewExpression;
      const iteration = iterationOf(push);
      if (!startsWork || !iteration) continue;
      const bound = literalIterationBound(iteration);
      if (bound !== null && bound <= options.maxLiteralItems) continue;
      const loop = iteration.node;
      if (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) {
        if (isBoundedCollection(loop.right)) continue;
        return loop.right;
      }
      if (loop.type === AST_NODE_TYPES.CallExpression && loop.callee.type === AST_NODE_TYPES.MemberExpression) {
        if (isBoundedCollection(loop.callee.object)) continue;
        return loop.callee.object;
      }
      return loop.type === AST_NODE_TYPES.ForStatement && loop.test ? loop.test : null;
    }
    return null;
  }

  const fanOuts: FanOut[] = [];
  for (const ref of combinators) {
    if (ref.node.type !== AST_NODE_TYPES.CallExpression) continue;
    // Closing everything that is open, on shutdown: bounded by what was opened, and meant to be concurrent.
    if (inCleanup(ref.node)) continue;
    const [argument] = ref.node.arguments;
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const items = fannedOutCollection(argument);
    if (!items || isInstanceState(items)) continue;
    const text = sourceCode.getText(items).replace(/\s+/g, ' ');
    fanOuts.push({ call: ref.node, combinator: `Promise.${ref.tag}`, items: text.length > 40 ? `${text.slice(0, 37)}...` : text });
  }
  return fanOuts;
}
