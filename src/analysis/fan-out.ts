import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { calleeName, forEachDescendant, isFunctionNode, resolveConstValue, singleAssignmentInit, skipTypeWrappers, staticKeyName, variableOf } from '../util/ast.js';
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

/** The base of the configuration: `config.hosts`, `this.config.shards`, `app.config.plugins`, `process.env`. */
const CONFIG_NAME = /^(config|conf|cfg|configuration|appConfig|serverConfig)$/;

/** Methods that derive a collection no larger than the one they are called on (or sized by it). */
const DERIVING_METHODS = new Set(['filter', 'map', 'slice', 'sort', 'toSorted', 'reverse', 'toReversed', 'flat', 'values', 'keys', 'entries', 'concat', 'split']);

/** Names of query-builder calls whose literal argument caps the rows: `.limit(50)`, `.take(20)`. */
const LIMIT_CALLS = new Set(['limit', 'take', 'top', 'first']);
const LIMIT_OPTIONS = ['limit', 'take', 'first', 'top', 'pageSize', 'perPage', 'per_page', 'maxResults'];

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
          const resolves = callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Promise' && ASTUtils.getPropertyName(callee) === 'resolve';
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
        value.elements.every((element) => element !== null && hasBoundedOrigin(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, depth + 1))
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
    const destructured = declarator.id.type !== AST_NODE_TYPES.Identifier && variable.references.filter((ref) => ref.isWrite()).length === 1 ? declarator.init : null;
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
      return ((value.operator === '>' || value.operator === '>=') && lengthOf(value.left)) || ((value.operator === '<' || value.operator === '<=') && lengthOf(value.right));
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
    for (let current: TSESTree.Node = member; ; ) {
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

  /** `db.select().limit(20)`, `find(q, { limit: 20 })`, `query('… LIMIT 20')`: rows capped by a literal. */
  function isLimitedQuery(node: TSESTree.Node): boolean {
    for (let current = skipTypeWrappers(node); current.type === AST_NODE_TYPES.CallExpression; ) {
      const method = calleeName(current);
      if (method !== null && LIMIT_CALLS.has(method)) {
        const limit = literalNumber(sourceCode, current.arguments[0]);
        if (limit !== null && limit <= options.maxLiteralItems) return true;
      }
      for (const arg of current.arguments) {
        const value = arg.type === AST_NODE_TYPES.SpreadElement ? null : resolveConstValue(sourceCode, arg);
        if (value?.type === AST_NODE_TYPES.ObjectExpression) {
          const limit = value.properties.find(
            (property): property is TSESTree.Property =>
              property.type === AST_NODE_TYPES.Property && LIMIT_OPTIONS.includes(staticKeyName(property) ?? ''),
          );
          const bound = limit ? literalNumber(sourceCode, limit.value) : null;
          if (bound !== null && bound <= options.maxLiteralItems) return true;
        }
        const text = value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'string' ? value.value : value?.type === AST_NODE_TYPES.TemplateLiteral ? value.quasis.map((quasi) => quasi.value.cooked ?? '').join(' ') : null;
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
    const size = resolveConstValue(sourceCode, length.value);
    if (size.type === AST_NODE_TYPES.Literal) return typeof size.value === 'number' && size.value <= options.maxLiteralItems;
    if (size.type === AST_NODE_TYPES.CallExpression && calleeName(size) === 'min') return true;
    const sizeName = size.type === AST_NODE_TYPES.Identifier ? size.name : size.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(size) : null;
    if (sizeName !== null && /concurren|parallel|workers?$|limit/i.test(sizeName)) return true;
    return mapper !== undefined && runsLoop(mapper);
  }

  /** The callback, or the local function it calls, loops over shared work: `async () => { while (next()) … }`. */
  function runsLoop(callback: TSESTree.Node): boolean {
    const fn = resolveConstValue(sourceCode, callback);
    if (!isFunctionNode(fn)) return false;
    let body: TSESTree.Node = fn.body;
    const single = fn.body.type === AST_NODE_TYPES.BlockStatement && fn.body.body.length === 1 ? fn.body.body[0] : fn.body;
    const call = single?.type === AST_NODE_TYPES.ReturnStatement ? single.argument : single?.type === AST_NODE_TYPES.ExpressionStatement ? single.expression : single;
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
      if (node.type === AST_NODE_TYPES.WhileStatement || node.type === AST_NODE_TYPES.DoWhileStatement || node.type === AST_NODE_TYPES.ForStatement || node.type === AST_NODE_TYPES.ForOfStatement) loops = true;
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
    // Sized outside the function and not by a request: the object's state, imports, configuration, a limited query.
    if (!items || hasBoundedOrigin(items)) continue;
    const text = sourceCode.getText(items).replace(/\s+/g, ' ');
    fanOuts.push({ call: ref.node, combinator: `Promise.${ref.tag}`, items: text.length > 40 ? `${text.slice(0, 37)}...` : text });
  }
  return fanOuts;
}
