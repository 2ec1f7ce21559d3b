import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import {
  calleeName,
  forEachDescendant,
  isFunctionNode,
  lookupProperty,
  resolveConstValue,
  resolveSingleUseObjectLiteral,
  singleAssignmentInit,
  skipTypeWrappers,
  staticKeyName,
  variableOf,
} from '../util/ast.js';
import { concurrencyLimiters, concurrencyMappers, releaseMethods, teardownNamePrefixes, type ConcurrencyMapper } from '../catalog/index.js';
import { isEndlessCount, isStaticallyNullish, staticFiniteNumber, staticNumber, staticValueOf } from '../util/values.js';
import { memoPerValue } from '../util/memo.js';
import { apiIndex, findApiReferences, localFunctionNames, namedFunctionSpecs, type NamedFunction } from '../util/references.js';
import type { TypeInfo } from '../util/types.js';
import { enclosingFunction, functionName } from './lifetimes.js';
import { iterationOf, literalIterationBound } from './loops.js';
import { namePrefixPattern, truncate } from '../util/text.js';

/**
 * Unbounded fan-out: `Promise.all` over as many concurrent operations as the input has items.
 */

export interface FanOut {
  readonly call: TSESTree.CallExpression;
  readonly combinator: string;
  /** The source text of what is iterated (`ids`, `rows`), for the message. */
  readonly items: string;
  /**
   * For a mapping function with a concurrency of its own (`pMap`, `async.mapLimit`): how that
   * concurrency is unlimited (`Infinity`, `the default`). Absent for a `Promise` combinator.
   */
  readonly unlimited?: string;
  /** Where a finite concurrency goes, for the remedy; absent when the file cannot be changed in one place. */
  readonly concurrencySite?: ConcurrencySite;
}

/** Where a mapper's concurrency is set, or would be. */
export type ConcurrencySite =
  /** Replace this value (`Infinity`, `UNLIMITED`, `0`, a limit argument). */
  | { readonly kind: 'value'; readonly node: TSESTree.Node }
  /** Add `concurrency` to this options literal, which has none. */
  | { readonly kind: 'property'; readonly object: TSESTree.ObjectExpression }
  /** Append an options argument after the call's last argument. */
  | { readonly kind: 'argument'; readonly call: TSESTree.CallExpression };

export interface FanOutOptions {
  readonly maxLiteralItems: number;
  readonly boundedNames: readonly string[];
  readonly limiters: readonly NamedFunction[];
}

const COMBINATORS = ['all', 'allSettled', 'any', 'race'];
const LIMITER = 'limiter';

/** A finite number the code states: `5`, `BATCH_SIZE` (a const bound to one), `2 * PAGE`; decided by value. */
function literalNumber(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined): number | null {
  return node ? staticFiniteNumber(sourceCode, node) : null;
}

/**
 * Names of helpers that cut a collection into groups of a given size: lodash `chunk`, a hand-written
 * `chunks(items, n)`, `toBatches`, ramda `splitEvery`, `inGroupsOf`.
 */
const CHUNK_NAME = /chunk|batch|splitEvery|inGroupsOf/i;

/**
 * Callee names, with a function as the first argument, of what queues work through a limiter
 * made elsewhere: `limit(() => …)`, `this.limiter.schedule(() => …)`, `queue.add(() => …)`,
 * `semaphore.runExclusive(() => …)`.
 */
const LIMITER_NAME = new RegExp(
  [
    '^(limit|limiter|limitConcurrency|concurrencyLimit|throttle|throttled|sema|semaphore|mutex|lock|pool|queue|bottleneck)$',
    'Limit(er)?$|Throttle[dr]?$|Sema(phore)?$|Mutex$|Queue$|Bottleneck$',
  ].join('|'),
);
/** Methods that only a limiter has, so the name of the object and the method suffice: `this.limiter.schedule(send, msg)`. */
const LIMITER_METHODS = new Set(['schedule', 'wrap', 'runExclusive']);
/** Methods whose awaited call waits for a slot: `await sem.acquire()`, `await pool.acquire()`. */
const ACQUIRE_METHODS = new Set(['acquire', 'acquireAsync', 'waitForSlot', 'removeTokens']);

const CLEANUP_NAME = namePrefixPattern(teardownNamePrefixes);
const CLEANUP_METHODS = new Set(releaseMethods);

/**
 * Start-up work, run once per process over what the operator installed or configured: `init`,
 * `start`, `bootstrap`, `startPlugins`, `loadMoreProtocols`, `createInitialSecurities`, `initApiTokens`.
 */
const STARTUP_NAME = new RegExp(
  [
    '^(init|initiali[sz]e|start|startup|boot|bootstrap|setup|setUp|preload|warmUp|seed)$',
    // a start-up verb, then what it starts: `startPlugins`, `loadMoreProtocols`, `initApiTokens`
    '^(init|initiali[sz]e|start|boot|bootstrap|setup|load|register|createInitial|install|seed)(All|More|Default|Initial)?' +
      '(Plugins?|Protocols?|Tasks|Files|Configs?|Modules|Extensions|Routes|Migrations|Securities|Schemas?|Indexes|Indices|' +
      'Providers|Services|Workers|Connections|Handlers|Hooks|ApiTokens)$',
  ].join('|'),
);

/** Closing what is open on shutdown, or start-up work: bounded by what the process opened or was configured with. */
function inCleanup(node: TSESTree.Node): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const name = ownName(fn) ?? '';
    if (CLEANUP_NAME.test(name) || STARTUP_NAME.test(name)) return true;
  }
  return false;
}

/** The function's name, also when it is assigned to a property (`exports.start = …`) or a class field (`start = async () => …`). */
function ownName(fn: NonNullable<ReturnType<typeof enclosingFunction>>): string | null {
  const named = functionName(fn);
  if (named !== null) return named;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    return ASTUtils.getPropertyName(parent.left);
  }
  if (parent.type === AST_NODE_TYPES.PropertyDefinition && parent.value === fn) return staticKeyName(parent);
  return null;
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

/** The base of the configuration: `config.hosts`, `this.config.shards`, `app.config.plugins`, `process.env`. */
const CONFIG_NAME = /^(config|conf|cfg|configuration|appConfig|serverConfig)$/;

/** Methods that derive a collection no larger than the one they are called on (or sized by it). */
const DERIVING_METHODS = new Set([
  'filter',
  'map',
  'slice',
  'sort',
  'toSorted',
  'reverse',
  'toReversed',
  'flat',
  'values',
  'keys',
  'entries',
  'concat',
  'split',
]);

/** Names of query-builder calls whose literal argument caps the rows: `.limit(50)`, `.take(20)`. */
const LIMIT_CALLS = new Set(['limit', 'take', 'top', 'first']);
const LIMIT_OPTIONS = ['limit', 'take', 'first', 'top', 'pageSize', 'perPage', 'per_page', 'maxResults'];

export function analyzeFanOut(sourceCode: Readonly<TSESLint.SourceCode>, options: FanOutOptions, getTypes: () => TypeInfo | null): FanOut[] {
  const combinators = findApiReferences(
    sourceCode,
    apiIndex('fan-out:combinators', () => COMBINATORS.map((name) => ({ info: name, kind: 'call' as const, global: `Promise.${name}` }))),
  );
  const mapperCalls = findApiReferences(
    sourceCode,
    apiIndex('fan-out:mappers', () =>
      concurrencyMappers.map((mapper) => ({ info: mapper, kind: 'call' as const, module: { from: mapper.from, path: mapper.path } })),
    ),
  );
  if (combinators.length === 0 && mapperCalls.length === 0) return [];
  const { index: limiterIndex, localLimiters } = memoPerValue(options.limiters, 'fan-out:limiters', () => {
    const limiters = [...concurrencyLimiters, ...options.limiters];
    return {
      index: apiIndex(`fan-out:limiters:${JSON.stringify(options.limiters)}`, () => [
        ...namedFunctionSpecs(limiters, LIMITER, 'call'),
        ...namedFunctionSpecs(limiters, LIMITER, 'construct'),
      ]),
      localLimiters: localFunctionNames(limiters),
    };
  });
  const limiterCalls = new Set(findApiReferences(sourceCode, limiterIndex).map((ref) => ref.node));
  const bounded = memoPerValue(options.boundedNames, 'names', () => new Set(options.boundedNames));

  /** `this.limiter = new Bottleneck(…)`, `queue = new PQueue(…)` in a class: properties that hold a limiter. */
  const limiterProperties = new Set<string>();
  for (const made of limiterCalls) {
    const parent = made.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === made && parent.left.type === AST_NODE_TYPES.MemberExpression) {
      const name = ASTUtils.getPropertyName(parent.left);
      if (name !== null) limiterProperties.add(name);
    } else if (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === made) {
      const name = staticKeyName(parent);
      if (name !== null) limiterProperties.add(name);
    }
  }

  /** `limit` / `queue` / `this.limiter`: the name the callee (or the object whose method it is) is known by. */
  function nameOf(node: TSESTree.Node): string | null {
    const value = skipTypeWrappers(node);
    if (value.type === AST_NODE_TYPES.Identifier) return value.name;
    if (value.type === AST_NODE_TYPES.MemberExpression) return ASTUtils.getPropertyName(value);
    return null;
  }

  /**
   * The call queues its work through a limiter: `limit(() => …)` with `const limit = pLimit(4)`, a
   * method of a limiter (`queue.add(…)`, `this.limiter.schedule(…)`), a function a limiter wrapped
   * (`const send = limiter.wrap(post)`), a limiter named in options, or — given a function to run
   * later — a callee named as one (`limit(() => …)`, `this.uploadQueue.add(() => …)`).
   */
  function isLimiter(callee: TSESTree.Node, call?: TSESTree.CallExpression, depth = 0): boolean {
    if (depth > 3) return false;
    const value = skipTypeWrappers(callee);
    const target = value.type === AST_NODE_TYPES.MemberExpression ? skipTypeWrappers(value.object) : value;
    const takesFunction = call?.arguments.some((arg) => isFunctionNode(skipTypeWrappers(arg))) ?? false;
    const method = value.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(value) : null;
    if ((takesFunction || LIMITER_METHODS.has(method ?? '')) && LIMITER_NAME.test(nameOf(target) ?? '')) return true;
    // this.limit(() => …) with `this.limit = pLimit(4)`
    if (
      value.type === AST_NODE_TYPES.MemberExpression &&
      isInstanceState(value) &&
      ((takesFunction && LIMITER_NAME.test(method ?? '')) || limiterProperties.has(method ?? ''))
    )
      return true;
    if (target.type === AST_NODE_TYPES.MemberExpression) {
      const property = ASTUtils.getPropertyName(target);
      return property !== null && limiterProperties.has(property) && isInstanceState(target);
    }
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    if (localLimiters.has(target.name)) return true;
    const init = resolveConstValue(sourceCode, target);
    if (init.type === AST_NODE_TYPES.NewExpression || init.type === AST_NODE_TYPES.CallExpression) {
      if (limiterCalls.has(init) || localLimiters.has(calleeName(init) ?? '')) return true;
      // const send = limiter.wrap(post)
      return (
        init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.MemberExpression && isLimiter(init.callee, undefined, depth + 1)
      );
    }
    return false;
  }

  /** `limit(…)`, `queue.add(…)`, or a wait for a slot: `sem.acquire()`, `pool.acquire()`, `limiter.removeTokens(1)`. */
  function waitsForLimiter(node: TSESTree.Node): boolean {
    const value = skipTypeWrappers(node);
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    if (isLimiter(value.callee, value)) return true;
    const callee = skipTypeWrappers(value.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !ACQUIRE_METHODS.has(ASTUtils.getPropertyName(callee) ?? '')) return false;
    // `redlock.acquire([key], ttl)` takes a lock per item; a slot is asked for with no arguments
    return value.arguments.length === 0 || isLimiter(callee);
  }

  /**
   * The callback's first `await` waits on a limiter, so each item's work starts only when the
   * limiter lets it: `async (x) => { await sem.acquire(); try { … } finally { sem.release() } }`,
   * `async (x) => { const res = await limit(() => fetch(x)); return res.json() }`.
   */
  function gatedByLimiter(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration): boolean {
    if (!fn.async) return false;
    const awaits: TSESTree.AwaitExpression[] = [];
    const visit = (node: TSESTree.Node): boolean | void => {
      if (awaits.length > 0 || isFunctionNode(node)) return false;
      if (node.type === AST_NODE_TYPES.AwaitExpression) {
        awaits.push(node);
        return false;
      }
      return undefined;
    };
    if (visit(fn.body) !== false) forEachDescendant(fn.body, sourceCode.visitorKeys, visit);
    const [first] = awaits;
    return first !== undefined && waitsForLimiter(first.argument);
  }

  /** Whether the callback starts work per item, unthrottled: async, or returns a call that is not a limiter's. */
  function startsUnboundedWork(callback: TSESTree.Node | undefined): boolean {
    if (!callback) return false;
    const fn = skipTypeWrappers(callback);
    if (!isFunctionNode(fn)) {
      // items.map(limitedSend) with `const limitedSend = limiter.wrap(send)`
      if (fn.type === AST_NODE_TYPES.Identifier && isLimiter(fn)) return false;
      return fn.type === AST_NODE_TYPES.Identifier || fn.type === AST_NODE_TYPES.MemberExpression;
    }
    const returned =
      fn.body.type === AST_NODE_TYPES.BlockStatement
        ? fn.body.body.flatMap((statement) => (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument ? [statement.argument] : []))
        : [fn.body];
    const throughLimiter = returned.some((expression) => {
      const value = skipTypeWrappers(expression.type === AST_NODE_TYPES.AwaitExpression ? expression.argument : expression);
      return value.type === AST_NODE_TYPES.CallExpression && isLimiter(value.callee, value);
    });
    if (throughLimiter || gatedByLimiter(fn)) return false;
    // items.map((c) => c.close()): closing each of a set of open things
    const closesItem =
      returned.length === 1 &&
      returned.every((expression) => {
        const value = skipTypeWrappers(expression.type === AST_NODE_TYPES.AwaitExpression ? expression.argument : expression);
        return value.type === AST_NODE_TYPES.CallExpression && CLEANUP_METHODS.has(calleeName(value) ?? '');
      });
    if (closesItem) return false;
    if (shortCircuits(fn)) return false;
    // `async (id) => ({ id, env })`: marked async but starting nothing
    if (fn.async) return startsAnything(fn.body);
    return returned.some((expression) => {
      const value = skipTypeWrappers(expression);
      return value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression || value.type === AST_NODE_TYPES.AwaitExpression;
    });
  }

  /** Any call, `new`, `await` or tagged template in the body (not in functions it defines). */
  function startsAnything(body: TSESTree.Node): boolean {
    let found = false;
    const visit = (node: TSESTree.Node): boolean | undefined => {
      if (found || isFunctionNode(node)) return false;
      if (
        node.type === AST_NODE_TYPES.CallExpression ||
        node.type === AST_NODE_TYPES.NewExpression ||
        node.type === AST_NODE_TYPES.AwaitExpression ||
        node.type === AST_NODE_TYPES.TaggedTemplateExpression
      ) {
        found = true;
      }
      return undefined;
    };
    visit(body);
    forEachDescendant(body, sourceCode.visitorKeys, visit);
    return found;
  }

  /**
   * The callback tests each item first and returns it (or nothing) without starting any work when
   * the test says so — `if (typeof item.media !== 'object') return item`, `isRecord(x) ? await
   * load(x) : x` — so most items never reach the I/O.
   */
  function shortCircuits(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration): boolean {
    const startsNoWork = (node: TSESTree.Node | null | undefined): boolean => {
      if (!node) return true;
      let found = false;
      const inner = skipTypeWrappers(node);
      const visit = (child: TSESTree.Node): boolean | void => {
        if (found) return false;
        if (child.type === AST_NODE_TYPES.CallExpression || child.type === AST_NODE_TYPES.NewExpression) {
          const callee = skipTypeWrappers(child.callee);
          const resolves =
            callee.type === AST_NODE_TYPES.MemberExpression &&
            callee.object.type === AST_NODE_TYPES.Identifier &&
            callee.object.name === 'Promise' &&
            ASTUtils.getPropertyName(callee) === 'resolve';
          if (!resolves) found = true;
        }
        return undefined;
      };
      visit(inner);
      forEachDescendant(inner, sourceCode.visitorKeys, visit);
      return !found;
    };
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
      const body = skipTypeWrappers(fn.body);
      return body.type === AST_NODE_TYPES.ConditionalExpression && (startsNoWork(body.consequent) || startsNoWork(body.alternate));
    }
    const [first] = fn.body.body;
    if (first?.type !== AST_NODE_TYPES.IfStatement || !startsNoWork(first.test)) return false;
    const exit = first.consequent.type === AST_NODE_TYPES.BlockStatement && first.consequent.body.length === 1 ? first.consequent.body[0] : first.consequent;
    return exit?.type === AST_NODE_TYPES.ReturnStatement && startsNoWork(exit.argument);
  }

  /** Whether the iterated collection is bounded by the code: a literal, a literal slice, a tuple, a name in options. */
  function isBoundedCollection(node: TSESTree.Node): boolean {
    const value = resolveConstValue(sourceCode, node);
    if (value.type === AST_NODE_TYPES.ArrayExpression) {
      return value.elements.every((element) => element?.type !== AST_NODE_TYPES.SpreadElement) && value.elements.length <= options.maxLiteralItems;
    }
    const name =
      value.type === AST_NODE_TYPES.Identifier ? value.name : value.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(value) : null;
    if (name !== null && bounded.has(name)) return true;
    if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = calleeName(value);
      // items.slice(0, 5), items.slice(i, i + BATCH), items.splice(0, 10)
      if (method === 'slice' || method === 'splice') return isBoundedCut(method, value.arguments[0], value.arguments[1]);
      // Object.keys(CONFIG) of an object literal the code wrote
      const owner = value.callee.object;
      if (owner.type === AST_NODE_TYPES.Identifier && owner.name === 'Object' && ['keys', 'values', 'entries'].includes(method ?? '')) {
        const target = value.arguments[0] && resolveConstValue(sourceCode, value.arguments[0]);
        return target?.type === AST_NODE_TYPES.ObjectExpression;
      }
      // a filtered / mapped bounded collection stays bounded
      if (['filter', 'map', 'flat'].includes(method ?? '')) return isBoundedCollection(value.callee.object);
    }
    if (isChunk(value) || isPoolSized(value)) return true;
    const types = getTypes();
    if (types) {
      const type = types.typeOf(value);
      if (types.checker.isTupleType(type)) return true;
    }
    return false;
  }

  /**
   * A size a batch is cut by: any finite number the code states, or a value the file does not state
   * (`this.batchSize`, a parameter), which the author chose as a batch size. Batches run one after
   * another hold the concurrency at that size whatever the input's, so `maxLiteralItems` does not
   * apply. Not a length (`items.length`), and not `Infinity`.
   */
  function isBatchSize(node: TSESTree.Node | undefined): boolean {
    if (!node || node.type === AST_NODE_TYPES.SpreadElement) return false;
    const known = staticNumber(sourceCode, node);
    if (known !== null) return Number.isFinite(known);
    const value = skipTypeWrappers(node);
    return !(value.type === AST_NODE_TYPES.MemberExpression && ASTUtils.getPropertyName(value) === 'length');
  }

  /**
   * `items.slice(a, b)` / `items.splice(0, n)` cut no more than a batch: `slice(0, 5)`,
   * `slice(i, i + BATCH)`, `slice(i * size, (i + 1) * size)`, `slice(i, Math.min(i + size, n))`,
   * `splice(0, batchSize)`.
   */
  function isBoundedCut(method: 'slice' | 'splice', start: TSESTree.Node | undefined, end: TSESTree.Node | undefined): boolean {
    if (!start || !end || start.type === AST_NODE_TYPES.SpreadElement || end.type === AST_NODE_TYPES.SpreadElement) return false;
    if (method === 'splice') return isBatchSize(end);
    const startNumber = literalNumber(sourceCode, start);
    const endNumber = literalNumber(sourceCode, end);
    if (startNumber !== null && endNumber !== null) return endNumber - startNumber <= options.maxLiteralItems;
    const endValue = skipTypeWrappers(end);
    // slice(i, Math.min(i + size, items.length))
    if (endValue.type === AST_NODE_TYPES.CallExpression && calleeName(endValue) === 'min' && endValue.callee.type === AST_NODE_TYPES.MemberExpression) {
      return endValue.arguments.some((arg) => arg.type !== AST_NODE_TYPES.SpreadElement && isBoundedCut('slice', start, arg));
    }
    if (endValue.type !== AST_NODE_TYPES.BinaryExpression) return false;
    const startValue = skipTypeWrappers(start);
    const startText = sourceCode.getText(startValue);
    // slice(i, i + size), slice(i * size, i * size + size)
    if (endValue.operator === '+' && sourceCode.getText(skipTypeWrappers(endValue.left)) === startText) return isBatchSize(endValue.right);
    // slice(i * size, (i + 1) * size)
    if (endValue.operator === '*' && startValue.type === AST_NODE_TYPES.BinaryExpression && startValue.operator === '*') {
      return sourceCode.getText(skipTypeWrappers(endValue.right)) === sourceCode.getText(skipTypeWrappers(startValue.right)) && isBatchSize(startValue.right);
    }
    return false;
  }

  /**
   * One group of a collection cut into groups of a size: the variable of `for (const batch of
   * chunk(items, 10))`, `batches[i]` with `const batches = chunks(items, size)`, the group a
   * `reduce` or `map` callback is given. The group is no larger than the size; whether the groups
   * run one after another is the outer loop's or fan-out's own question.
   */
  function isChunk(node: TSESTree.Node): boolean {
    const value = skipTypeWrappers(node);
    if (value.type === AST_NODE_TYPES.MemberExpression && value.computed) return isChunking(value.object);
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const def = variableOf(sourceCode, value)?.defs[0];
    if (!def) return false;
    if (def.type === DefinitionType.Variable) {
      const loop = def.node.parent.parent;
      return loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === def.node.parent && isChunking(loop.right);
    }
    // groups.reduce((done, group) => done.then(() => …)), groups.map((group) => …): the outer call is judged on its own
    if (def.type === DefinitionType.Parameter && isFunctionNode(def.node)) {
      const call = def.node.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== def.node || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = calleeName(call);
      const element = method === 'reduce' ? def.node.params[1] : method === 'map' || method === 'flatMap' ? def.node.params[0] : undefined;
      return element === def.name && isChunking(call.callee.object);
    }
    return false;
  }

  /**
   * `const batches = []; for (…; i += n) batches.push(items.slice(i, i + n))`: an array built only by
   * pushing batches.
   */
  function isBuiltFromCuts(node: TSESTree.Node): boolean {
    const value = skipTypeWrappers(node);
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = variableOf(sourceCode, value);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || def?.type !== DefinitionType.Variable || !def.node.init) return false;
    const init = skipTypeWrappers(def.node.init);
    if (init.type !== AST_NODE_TYPES.ArrayExpression || init.elements.length > 0) return false;
    let pushes = 0;
    for (const ref of variable.references) {
      if (ref.init) continue;
      if (ref.isWrite()) return false;
      const member = ref.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref.identifier || ASTUtils.getPropertyName(member) !== 'push') continue;
      const call = member.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
      for (const arg of call.arguments) {
        const cut = arg.type === AST_NODE_TYPES.SpreadElement ? null : resolveConstValue(sourceCode, arg);
        if (cut?.type !== AST_NODE_TYPES.CallExpression || cut.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
        const method = calleeName(cut);
        if ((method !== 'slice' && method !== 'splice') || !isBoundedCut(method, cut.arguments[0], cut.arguments[1])) return false;
        pushes += 1;
      }
    }
    return pushes > 0;
  }

  /** `chunk(items, 10)`, `_.chunk(items, size)`, `toBatches(rows, BATCH)`, or a const holding one. */
  function isChunking(node: TSESTree.Node, depth = 0): boolean {
    if (isBuiltFromCuts(node)) return true;
    const value = resolveConstValue(sourceCode, node);
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    if (CHUNK_NAME.test(calleeName(value) ?? '') && value.arguments.length >= 2) return isBatchSize(value.arguments[1]);
    // chunk(items, 10).map(…) / .entries() of one: the same groups
    return (
      depth < 3 &&
      value.callee.type === AST_NODE_TYPES.MemberExpression &&
      ['entries', 'values', 'filter', 'slice'].includes(calleeName(value) ?? '') &&
      isChunking(value.callee.object, depth + 1)
    );
  }

  /**
   * Whether the collection comes from outside the function and not from request data: the object's
   * own state, an imported value (a constant list in another file of the package, a JSON file), the
   * configuration, or the rows of a query with a literal limit. Followed through variables, loop
   * variables and the methods that derive one collection from another.
   */
  function hasBoundedOrigin(node: TSESTree.Node, depth = 0): boolean {
    if (depth > 6) return false;
    let value = skipTypeWrappers(node);
    // What an awaited call returns is data (rows, a response), whoever is asked: bounded only by a limit.
    if (value.type === AST_NODE_TYPES.AwaitExpression) return isLimitedQuery(value.argument);
    if (value.type === AST_NODE_TYPES.ChainExpression) value = skipTypeWrappers(value.expression);
    if (isInstanceState(value)) return true;
    if (value.type === AST_NODE_TYPES.LogicalExpression) return hasBoundedOrigin(value.left, depth + 1);
    // for (let i = 0; i < endpoints.length; i++): the loop runs over `endpoints`
    if (value.type === AST_NODE_TYPES.BinaryExpression && (value.operator === '<' || value.operator === '<=')) {
      const right = skipTypeWrappers(value.right);
      return right.type === AST_NODE_TYPES.MemberExpression && ASTUtils.getPropertyName(right) === 'length' && hasBoundedOrigin(right.object, depth + 1);
    }
    if (value.type === AST_NODE_TYPES.ArrayExpression) {
      // [...a, ...b]: bounded when every part is
      return (
        value.elements.length > 0 &&
        value.elements.every(
          (element) => element !== null && hasBoundedOrigin(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, depth + 1),
        )
      );
    }
    if (value.type === AST_NODE_TYPES.NewExpression && calleeName(value) === 'Set' && value.arguments[0]) {
      return hasBoundedOrigin(value.arguments[0], depth + 1);
    }
    if (value.type === AST_NODE_TYPES.CallExpression) {
      if (isRequire(value)) return true;
      const method = calleeName(value);
      const callee = skipTypeWrappers(value.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const owner = skipTypeWrappers(callee.object);
        if (owner.type === AST_NODE_TYPES.Identifier && (owner.name === 'Object' || owner.name === 'Array')) {
          const [first] = value.arguments;
          return ['keys', 'values', 'entries', 'from'].includes(method ?? '') && first !== undefined && hasBoundedOrigin(first, depth + 1);
        }
        if (DERIVING_METHODS.has(method ?? '')) return hasBoundedOrigin(owner, depth + 1);
      }
      // lodash-style helpers that sort or filter what they are given: `sortBy(this.plugins, …)`
      if (method !== null && ['sortBy', 'orderBy', 'uniq', 'uniqBy', 'compact', 'filter'].includes(method) && value.arguments[0]) {
        return hasBoundedOrigin(value.arguments[0], depth + 1);
      }
      return false;
    }
    // a property of the configuration, of an imported value, of the object's own state
    if (value.type === AST_NODE_TYPES.MemberExpression) return isConfiguration(value) || hasBoundedOrigin(value.object, depth + 1);
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    if (CONFIG_NAME.test(value.name) || isLengthGuarded(value)) return true;
    const variable = variableOf(sourceCode, value);
    const def = variable?.defs[0];
    if (!variable || !def || variable.defs.length !== 1) return false;
    if (def.type === DefinitionType.ImportBinding) return true;
    if (def.type !== DefinitionType.Variable) return false;
    const declarator = def.node;
    // for (const part of this.parts): an element of a bounded collection
    const loop = declarator.parent.parent;
    if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) return hasBoundedOrigin(loop.right, depth + 1);
    // const { plugins } = config; const { rows } = await db.query('… LIMIT 20')
    const destructured =
      declarator.id.type !== AST_NODE_TYPES.Identifier && variable.references.filter((ref) => ref.isWrite()).length === 1 ? declarator.init : null;
    const init = singleAssignmentInit(variable) ?? destructured;
    return init !== null && hasBoundedOrigin(init, depth + 1);
  }

  /**
   * `if (ids.length > MAX_IDS) throw …` (or `return`) earlier in the function: the code caps the
   * collection itself, whatever the bound is.
   */
  function isLengthGuarded(identifier: TSESTree.Identifier): boolean {
    const fn = enclosingFunction(identifier);
    if (!fn) return false;
    const capsLength = (test: TSESTree.Node): boolean => {
      const value = skipTypeWrappers(test);
      if (value.type === AST_NODE_TYPES.LogicalExpression) return value.operator === '||' && (capsLength(value.left) || capsLength(value.right));
      if (value.type !== AST_NODE_TYPES.BinaryExpression) return false;
      const lengthOf = (side: TSESTree.Node): boolean => {
        const member = skipTypeWrappers(side);
        return (
          member.type === AST_NODE_TYPES.MemberExpression &&
          ASTUtils.getPropertyName(member) === 'length' &&
          member.object.type === AST_NODE_TYPES.Identifier &&
          member.object.name === identifier.name
        );
      };
      return (
        ((value.operator === '>' || value.operator === '>=') && lengthOf(value.left)) ||
        ((value.operator === '<' || value.operator === '<=') && lengthOf(value.right))
      );
    };
    let guarded = false;
    forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
      if (guarded || isFunctionNode(node)) return false;
      if (node.type === AST_NODE_TYPES.IfStatement && node.range[1] <= identifier.range[0] && capsLength(node.test) && leaves(node.consequent)) guarded = true;
      return undefined;
    });
    return guarded;
  }

  /** The branch ends in a `return` or a `throw`. */
  function leaves(statement: TSESTree.Statement): boolean {
    if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
    if (statement.type !== AST_NODE_TYPES.BlockStatement) return false;
    const last = statement.body.at(-1);
    return last !== undefined && leaves(last);
  }

  /** `config.x`, `this.config.x`, `app.config.x`, `process.env.X`. */
  function isConfiguration(member: TSESTree.MemberExpression): boolean {
    for (let current: TSESTree.Node = member; ;) {
      const value = skipTypeWrappers(current);
      if (value.type === AST_NODE_TYPES.MemberExpression) {
        const name = ASTUtils.getPropertyName(value);
        if (name !== null && CONFIG_NAME.test(name)) return true;
        if (name === 'env' && value.object.type === AST_NODE_TYPES.Identifier && value.object.name === 'process') return true;
        current = value.object;
        continue;
      }
      return value.type === AST_NODE_TYPES.Identifier && CONFIG_NAME.test(value.name);
    }
  }

  /** `require('./regions.json')`, with the real `require`. */
  function isRequire(call: TSESTree.CallExpression): boolean {
    const [specifier] = call.arguments;
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'require' || specifier?.type !== AST_NODE_TYPES.Literal) return false;
    const variable = variableOf(sourceCode, call.callee);
    return variable === null || variable.defs.length === 0;
  }

  /**
   * A limit on the rows: a stated number at most `maxLiteralItems`, or a page size the code chose and
   * does not state here — a variable (`.limit(batchSize)`), the object's own setting
   * (`this.pageSize`) or the configuration. Not a request's value (`req.query.limit`).
   */
  function isQueryLimit(node: TSESTree.Node | undefined): boolean {
    if (!node || node.type === AST_NODE_TYPES.SpreadElement) return false;
    const known = staticNumber(sourceCode, node);
    if (known !== null) return known <= options.maxLiteralItems;
    if (staticValueOf(sourceCode, node) !== null) return false;
    const value = skipTypeWrappers(node);
    if (value.type === AST_NODE_TYPES.Identifier) return true;
    return value.type === AST_NODE_TYPES.MemberExpression && (isInstanceState(value) || isConfiguration(value));
  }

  /** `db.select().limit(20)`, `find(q, { limit: 20 })`, `query('… LIMIT 20')`: rows capped by a literal. */
  function isLimitedQuery(node: TSESTree.Node): boolean {
    for (let current = skipTypeWrappers(node); current.type === AST_NODE_TYPES.CallExpression;) {
      const method = calleeName(current);
      if (method !== null && LIMIT_CALLS.has(method) && isQueryLimit(current.arguments[0])) return true;
      for (const arg of current.arguments) {
        const value = arg.type === AST_NODE_TYPES.SpreadElement ? null : resolveConstValue(sourceCode, arg);
        if (value?.type === AST_NODE_TYPES.ObjectExpression) {
          const limit = value.properties.find(
            (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && LIMIT_OPTIONS.includes(staticKeyName(property) ?? ''),
          );
          if (limit && isQueryLimit(limit.value)) return true;
        }
        const text =
          value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'string'
            ? value.value
            : value?.type === AST_NODE_TYPES.TemplateLiteral
              ? value.quasis.map((quasi) => quasi.value.cooked ?? '').join(' ')
              : null;
        const sqlLimit = text === null ? null : /\bLIMIT\s+(\d+)\b/i.exec(text);
        if (sqlLimit?.[1] && Number(sqlLimit[1]) <= options.maxLiteralItems) return true;
      }
      const callee = skipTypeWrappers(current.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
      current = skipTypeWrappers(callee.object);
    }
    return false;
  }

  /**
   * `Array(concurrency).fill(worker)`, `new Array(WORKERS)`, `Array.from({ length: 4 })`: as many
   * slots as a stated number or a concurrency-named value — the pool, not the input.
   */
  function isPoolSized(node: TSESTree.Node): boolean {
    let value = skipTypeWrappers(node);
    if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression && calleeName(value) === 'fill') {
      value = skipTypeWrappers(value.callee.object);
    }
    if (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.NewExpression) return false;
    const callee = skipTypeWrappers(value.callee);
    const [size] = value.arguments;
    if (!size || size.type === AST_NODE_TYPES.SpreadElement) return false;
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Array' && value.arguments.length === 1) return isPoolSize(size);
    if (value.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.MemberExpression && calleeName(value) === 'from') {
      const owner = skipTypeWrappers(callee.object);
      if (owner.type !== AST_NODE_TYPES.Identifier || owner.name !== 'Array') return false;
      const object = resolveConstValue(sourceCode, size);
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
      const length = lookupProperty(object, ['length']);
      return length.kind === 'found' && isPoolSize(length.value);
    }
    return false;
  }

  /** A stated number at most `maxLiteralItems`, or a value named as a concurrency (`concurrency`, `this.workers`). */
  function isPoolSize(node: TSESTree.Node): boolean {
    const known = staticNumber(sourceCode, node);
    if (known !== null) return known <= options.maxLiteralItems;
    const value = skipTypeWrappers(node);
    const name =
      value.type === AST_NODE_TYPES.Identifier ? value.name : value.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(value) : null;
    return name !== null && /concurren|parallel|workers?$|poolSize/i.test(name);
  }

  /**
   * `Array.from({ length: CONCURRENCY }, () => worker())`: a fixed number of workers, each taking the
   * next item in a loop — a pool, the bound itself.
   */
  function isWorkerPool(items: TSESTree.Node, mapper: TSESTree.Node | undefined): boolean {
    const object = resolveConstValue(sourceCode, items);
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
    const length = object.properties.find(
      (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && staticKeyName(property) === 'length',
    );
    if (!length) return false;
    const stated = staticNumber(sourceCode, length.value);
    if (stated !== null) return stated <= options.maxLiteralItems;
    const size = resolveConstValue(sourceCode, length.value);
    if (size.type === AST_NODE_TYPES.CallExpression && calleeName(size) === 'min') return true;
    const sizeName =
      size.type === AST_NODE_TYPES.Identifier ? size.name : size.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(size) : null;
    if (sizeName !== null && /concurren|parallel|workers?$|limit/i.test(sizeName)) return true;
    return mapper !== undefined && runsLoop(mapper);
  }

  /** The callback, or the local function it calls, loops over shared work: `async () => { while (next()) … }`. */
  function runsLoop(callback: TSESTree.Node): boolean {
    const fn = resolveConstValue(sourceCode, callback);
    if (!isFunctionNode(fn)) return false;
    let body: TSESTree.Node = fn.body;
    const single = fn.body.type === AST_NODE_TYPES.BlockStatement && fn.body.body.length === 1 ? fn.body.body[0] : fn.body;
    const call =
      single?.type === AST_NODE_TYPES.ReturnStatement ? single.argument : single?.type === AST_NODE_TYPES.ExpressionStatement ? single.expression : single;
    const called = call && skipTypeWrappers(call.type === AST_NODE_TYPES.AwaitExpression ? call.argument : call);
    if (called?.type === AST_NODE_TYPES.CallExpression && called.callee.type === AST_NODE_TYPES.Identifier) {
      const target = resolveConstValue(sourceCode, called.callee);
      const declared = variableOf(sourceCode, called.callee)?.defs[0]?.node;
      const worker = isFunctionNode(target) ? target : declared && isFunctionNode(declared) ? declared : null;
      if (worker) body = worker.body;
    }
    let loops = false;
    forEachDescendant(body, sourceCode.visitorKeys, (node) => {
      if (loops || isFunctionNode(node)) return false;
      if (
        node.type === AST_NODE_TYPES.WhileStatement ||
        node.type === AST_NODE_TYPES.DoWhileStatement ||
        node.type === AST_NODE_TYPES.ForStatement ||
        node.type === AST_NODE_TYPES.ForOfStatement
      )
        loops = true;
      return undefined;
    });
    return loops;
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
      if (items && isWorkerPool(items, mapper)) return null;
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
      const iteration = iterationOf(push);
      if (!pushed || pushed.type === AST_NODE_TYPES.SpreadElement || !iteration || !startsOperation(pushed, iteration)) continue;
      const bound = literalIterationBound(iteration, sourceCode);
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
      if (loop.type === AST_NODE_TYPES.ForStatement) return loop.test;
      // while (i < ids.length): as long as the collection
      const test = loop.type === AST_NODE_TYPES.WhileStatement || loop.type === AST_NODE_TYPES.DoWhileStatement ? skipTypeWrappers(loop.test) : null;
      if (test?.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '<' || test.operator === '<=')) {
        const right = skipTypeWrappers(test.right);
        if (right.type === AST_NODE_TYPES.MemberExpression && ASTUtils.getPropertyName(right) === 'length') return test;
      }
    }
    return null;
  }

  /**
   * What is pushed starts an operation now: a call that is not a limiter's, a `new`, or a `const`
   * declared in the same iteration that holds one (`const p = send(x); tasks.push(p)`).
   */
  function startsOperation(pushed: TSESTree.Expression, iteration: NonNullable<ReturnType<typeof iterationOf>>): boolean {
    let value = skipTypeWrappers(pushed);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const def = variableOf(sourceCode, value)?.defs[0];
      const declared = def?.type === DefinitionType.Variable ? def.node : null;
      if (!declared || declared.range[0] < iteration.body.range[0] || declared.range[1] > iteration.body.range[1]) return false;
      value = resolveConstValue(sourceCode, value);
      if (value.type === AST_NODE_TYPES.Identifier) return false;
    }
    if (value.type === AST_NODE_TYPES.NewExpression) return true;
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    // tasks.push((async () => { await sem.acquire(); … })())
    const callee = skipTypeWrappers(value.callee);
    if (isFunctionNode(callee)) return !gatedByLimiter(callee);
    return !isLimiter(value.callee, value);
  }

  const fanOuts: FanOut[] = [];
  for (const ref of combinators) {
    if (ref.node.type !== AST_NODE_TYPES.CallExpression) continue;
    // Closing everything that is open, on shutdown: bounded by what was opened, and meant to be concurrent.
    if (inCleanup(ref.node)) continue;
    const [argument] = ref.node.arguments;
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const items = fannedOutCollection(argument);
    // Sized outside the function and not by a request: the object's state, imports, configuration, a limited query.
    if (!items || hasBoundedOrigin(items)) continue;
    const text = sourceCode.getText(items).replace(/\s+/g, ' ');
    fanOuts.push({ call: ref.node, combinator: `Promise.${ref.info}`, items: truncate(text, 40) });
  }
  for (const ref of mapperCalls) {
    const mapper = ref.info;
    if (ref.node.type !== AST_NODE_TYPES.CallExpression || inCleanup(ref.node)) continue;
    const verdict = unlimitedConcurrency(ref.node, mapper);
    const unlimited = verdict?.how ?? null;
    const items = ref.node.arguments[mapper.items];
    if (unlimited === null || !items || items.type === AST_NODE_TYPES.SpreadElement) continue;
    if (isBoundedCollection(items) || hasBoundedOrigin(items)) continue;
    const callback = mapper.mapper === undefined ? undefined : ref.node.arguments[mapper.mapper];
    if (callback && callback.type !== AST_NODE_TYPES.SpreadElement && !mapperStartsWork(callback, 'argument' in mapper.concurrency)) continue;
    const text = sourceCode.getText(items).replace(/\s+/g, ' ');
    const callee = sourceCode.getText(ref.node.callee).replace(/\s+/g, '');
    fanOuts.push({
      call: ref.node,
      combinator: truncate(callee, 40),
      items: truncate(text, 40),
      unlimited,
      ...(verdict?.site ? { concurrencySite: verdict.site } : {}),
    });
  }
  return fanOuts;

  /**
   * Whether the function a mapper runs per item starts work: unknown functions do; a local one does
   * unless it is synchronous and returns no call (`formatHit`), is async and starts nothing, or
   * waits on a limiter first. A callback-style iteratee (`(item, done) => …`, for `async`) does.
   */
  function mapperStartsWork(callback: TSESTree.Expression, callbackStyle: boolean): boolean {
    let fn: TSESTree.Node = resolveConstValue(sourceCode, callback);
    if (fn.type === AST_NODE_TYPES.Identifier) {
      const declared = variableOf(sourceCode, fn)?.defs[0]?.node;
      if (declared && isFunctionNode(declared)) fn = declared;
    }
    if (!isFunctionNode(fn)) return true;
    if (gatedByLimiter(fn)) return false;
    if (callbackStyle && fn.params.length >= 2) return true;
    return startsUnboundedWork(fn);
  }

  /**
   * How the mapper's concurrency is unlimited — `concurrency: Infinity`, a limit of `Infinity`, no
   * limit given where the default is none — or `null` when it is finite or the file does not say.
   */
  function unlimitedConcurrency(call: TSESTree.CallExpression, mapper: ConcurrencyMapper): { how: string; site: ConcurrencySite | null } | null {
    const byDefault = mapper.unlimitedByDefault ? 'no concurrency limit (the default)' : null;
    const spec = mapper.concurrency;
    if ('argument' in spec) {
      const arg = call.arguments[spec.argument];
      if (!arg || arg.type === AST_NODE_TYPES.SpreadElement || !isUnlimited(arg, mapper)) return null;
      return { how: `a limit of \`${sourceCode.getText(arg)}\``, site: { kind: 'value', node: arg } };
    }
    const arg = call.arguments[spec.option];
    if (!arg) {
      if (byDefault === null) return null;
      const appendable = call.arguments.length === spec.option && call.arguments.every((each) => each.type !== AST_NODE_TYPES.SpreadElement);
      return { how: byDefault, site: appendable ? { kind: 'argument', call } : null };
    }
    if (arg.type === AST_NODE_TYPES.SpreadElement) return null;
    const object = resolveConstValue(sourceCode, arg);
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return null;
    // A literal shared with other code is not rewritten here.
    const own = object === skipTypeWrappers(arg) || resolveSingleUseObjectLiteral(sourceCode, arg) === object;
    const found = lookupProperty(object, ['concurrency']);
    if (found.kind === 'absent') return byDefault === null ? null : { how: byDefault, site: own ? { kind: 'property', object } : null };
    if (found.kind === 'unknown') return null;
    const site: ConcurrencySite | null = own && !found.property.shorthand ? { kind: 'value', node: found.value } : null;
    if (mapper.unlimitedByDefault && isStaticallyNullish(sourceCode, found.value)) return { how: byDefault ?? '', site };
    return isUnlimited(found.value, mapper) ? { how: `\`concurrency: ${sourceCode.getText(found.value)}\``, site } : null;
  }

  /** `Infinity`, a million or more, or (for Bluebird) below 1: no limit at all. */
  function isUnlimited(node: TSESTree.Node, mapper: ConcurrencyMapper): boolean {
    const value = staticNumber(sourceCode, node);
    if (value === null) return false;
    return isEndlessCount(sourceCode, node) || (mapper.zeroIsUnlimited === true && value < 1);
  }
}
