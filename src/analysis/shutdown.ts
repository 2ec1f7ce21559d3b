import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import {
  closeMethodPrefixes,
  graceTimers,
  immediateCallbacks,
  processExitMethods,
  serverStartMethods,
  serviceModules,
  shutdownModules,
  signalRegistrationMethods,
  sleepFunctions,
  synchronousCallbacks,
  terminationSignals,
} from '../catalog/index.js';
import { namePrefixPattern } from '../util/text.js';
import {
  calleeName,
  forEachDescendant,
  isFunctionNode,
  outermostTypeWrapper,
  singleAssignmentInit,
  skipTypeWrappers,
  staticKeyName,
  variableOf,
} from '../util/ast.js';
import { ASTUtils } from '../util/eslint-utils.js';
import { apiIndex, findApiReferences, importedModules, type ApiSpec } from '../util/references.js';
import { classOfThis, type ClassNode, type FunctionNode } from './lifetimes.js';
import { segmentFrames } from './paths.js';

/**
 * Termination-signal handlers that end the process before anything is closed or drained: the
 * analysis behind `no-abrupt-shutdown`. The registrations are `process.on('SIGTERM', handler)` on
 * the real `process`; the question "is anything closed before this exit, on every path" is asked
 * of ESLint's code paths of the handler and of the file's own functions it calls.
 */

export interface ShutdownOptions {
  /** Extra close method names (matched like the catalog's, as names or prefixes). */
  readonly closeMethods: readonly string[];
  /** Extra shutdown libraries: a file that imports one is left alone. */
  readonly shutdownModules: readonly string[];
  /** Waits the rule does not recognise as closing anything (`await notify()`) do not count as a drain. */
  readonly checkUnknownWaits: boolean;
}

export interface AbruptExit {
  /** The exit: a `process.exit(…)` call, or the `process.exit` handed over as the handler. */
  readonly exit: TSESTree.Node;
  /** The signals whose handler reaches it. */
  readonly signals: readonly string[];
  /** A close that was started but neither awaited nor chained before the exit. */
  readonly close: TSESTree.CallExpression | null;
}

type Segment = TSESLint.CodePathSegment;
type EventNode =
  | TSESTree.CallExpression
  | TSESTree.AwaitExpression
  | TSESTree.NewExpression
  | TSESTree.IfStatement
  /** The start of a `catch` or `finally` block: reached when the `try` block threw or finished. */
  | TSESTree.CatchClause
  | TSESTree.BlockStatement
  /** The end of a loop: one that waits as it goes (`while (busy()) await delay(100)`) waits for the work in flight. */
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement
  | TSESTree.ForStatement
  | TSESTree.ForOfStatement
  | TSESTree.ForInStatement;

interface Registration {
  readonly signals: readonly string[];
  readonly handler: FunctionNode | null;
  /** `process.on('SIGINT', process.exit)`: the handler is the exit itself. */
  readonly exitItself: TSESTree.Node | null;
}

interface Found {
  readonly exit: TSESTree.Node;
  readonly close: TSESTree.CallExpression | null;
  /** Reached only through a timer's callback: a grace-period backstop when a caller closes something. */
  readonly viaTimer: boolean;
}

/** The listeners the rule wires to ESLint's traversal, and the findings once it is done. */
export interface ShutdownAnalysis {
  readonly listeners: TSESLint.RuleListener;
  findings(): AbruptExit[];
}

const TEST_FILE = /(^|[\\/])(__tests__|__mocks__|test|tests|spec|e2e)[\\/]|\.(test|spec|e2e)\.[cm]?[jt]sx?$/;
const PROMISE_CHAIN = new Set(['then', 'catch', 'finally']);
const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);
const MAX_FUNCTIONS = 200;

function processSpecs(): ApiSpec[] {
  const specs: ApiSpec[] = [];
  const add = (tag: string, method: string): void => {
    specs.push({ info: tag, kind: 'call', global: `process.${method}` }, { info: tag, kind: 'call', module: { from: 'process', path: method } });
  };
  for (const method of signalRegistrationMethods) add('register', method);
  for (const method of processExitMethods) add(`exit:${method}`, method);
  return specs;
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = skipTypeWrappers(node);
  while (current.type === AST_NODE_TYPES.ChainExpression) current = skipTypeWrappers(current.expression);
  return current;
}

/** Visits `root` itself and then every node below it (`forEachDescendant` skips the root: an arrow's expression body is one). */
function walk(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys, visit: (node: TSESTree.Node) => boolean | void): void {
  if (visit(root) === false) return;
  forEachDescendant(root, visitorKeys, visit);
}

/** `process.pid`, on the global `process`. */
function isProcessPid(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined): boolean {
  const value = node ? unwrap(node) : undefined;
  return (
    value?.type === AST_NODE_TYPES.MemberExpression &&
    value.object.type === AST_NODE_TYPES.Identifier &&
    value.object.name === 'process' &&
    ASTUtils.getPropertyName(value) === 'pid' &&
    isGlobalProcess(sourceCode, value.object)
  );
}

function isGlobalProcess(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = variableOf(sourceCode, identifier);
  return !variable || variable.defs.length === 0;
}

/** Builds the analysis for a file, or `null` when the file registers no termination handler worth judging. */
export function prepareShutdownAnalysis(sourceCode: Readonly<TSESLint.SourceCode>, filename: string, options: ShutdownOptions): ShutdownAnalysis | null {
  if (!sourceCode.text.includes('SIG') || TEST_FILE.test(filename.replace(/\\/g, '/'))) return null;
  const scope = sourceCode.scopeManager?.globalScope;
  if (!scope) return null;
  const references = findApiReferences(sourceCode, apiIndex('no-abrupt-shutdown:process', processSpecs));
  if (references.length === 0) return null;
  const modules = importedModules(sourceCode, scope);
  const libraries = new Set([...shutdownModules, ...options.shutdownModules]);
  for (const module of modules) if (libraries.has(module)) return null;

  const closeNames = namePrefixPattern([...closeMethodPrefixes, ...options.closeMethods]);
  const strict = options.checkUnknownWaits;

  const exits = new Set<TSESTree.Node>();
  const registrationCalls: TSESTree.CallExpression[] = [];
  for (const reference of references) {
    if (reference.node.type !== AST_NODE_TYPES.CallExpression) continue;
    if (reference.info === 'register') registrationCalls.push(reference.node);
    else if (reference.info !== 'exit:kill' || isProcessPid(sourceCode, reference.node.arguments[0])) exits.add(reference.node);
  }

  const registrations: Registration[] = [];
  for (const call of registrationCalls) {
    const [event, handler] = call.arguments;
    if (!event || !handler) continue;
    const signals = signalsOf(event).filter((signal) => terminationSignals.has(signal));
    if (signals.length === 0) continue;
    const exitItself = isExitReference(handler) ? handler : null;
    registrations.push({ signals, handler: exitItself ? null : resolveFunction(handler), exitItself });
  }
  if (!registrations.some((registration) => registration.handler || registration.exitItself)) return null;

  // ---------------------------------------------------------------------------------------------
  // Values and functions

  function isCloseName(name: string | null): boolean {
    return name !== null && closeNames.test(name.replace(/^[$_#]+/, ''));
  }

  function isExitReference(node: TSESTree.Node): boolean {
    const value = unwrap(node);
    const target =
      value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression && ASTUtils.getPropertyName(value.callee) === 'bind'
        ? unwrap(value.callee.object)
        : value;
    return (
      target.type === AST_NODE_TYPES.MemberExpression &&
      target.object.type === AST_NODE_TYPES.Identifier &&
      target.object.name === 'process' &&
      ASTUtils.getPropertyName(target) === 'exit' &&
      isGlobalProcess(sourceCode, target.object)
    );
  }

  /** The string values `event` can take: a constant, or the element of a constant list it iterates. */
  function signalsOf(event: TSESTree.Node): string[] {
    const value = unwrap(event);
    const direct = ASTUtils.getStaticValue(value, sourceCode.getScope(value));
    if (direct) return typeof direct.value === 'string' ? [direct.value] : [];
    if (value.type !== AST_NODE_TYPES.Identifier) return [];
    const variable = variableOf(sourceCode, value);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    let list: TSESTree.Node | null = null;
    if (def?.type === DefinitionType.Variable && def.parent.parent.type === AST_NODE_TYPES.ForOfStatement && def.parent.parent.left === def.parent) {
      list = def.parent.parent.right;
    } else if (def?.type === DefinitionType.Parameter && isFunctionNode(def.node) && def.node.params[0] === def.name) {
      const call = def.node.parent;
      if (
        call.type === AST_NODE_TYPES.CallExpression &&
        call.arguments[0] === def.node &&
        call.callee.type === AST_NODE_TYPES.MemberExpression &&
        ['forEach', 'map'].includes(ASTUtils.getPropertyName(call.callee) ?? '')
      ) {
        list = call.callee.object;
      }
    }
    if (!list) return [];
    const listValue = unwrap(list);
    const values = ASTUtils.getStaticValue(listValue, sourceCode.getScope(listValue));
    return Array.isArray(values?.value) ? values.value.filter((item): item is string => typeof item === 'string') : [];
  }

  /** A function of this file that `node` names: inline, a declared or `const` function, `this.method`, or either `.bind(…)`. */
  function resolveFunction(node: TSESTree.Node): FunctionNode | null {
    const value = unwrap(node);
    if (isFunctionNode(value)) return value;
    if (
      value.type === AST_NODE_TYPES.CallExpression &&
      value.callee.type === AST_NODE_TYPES.MemberExpression &&
      ASTUtils.getPropertyName(value.callee) === 'bind'
    ) {
      return resolveFunction(value.callee.object);
    }
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(sourceCode, value);
      if (!variable || variable.defs.length !== 1) return null;
      const def = variable.defs[0];
      if (def?.type === DefinitionType.FunctionName && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
      const init = singleAssignmentInit(variable);
      const initValue = init ? unwrap(init) : null;
      return initValue && isFunctionNode(initValue) ? initValue : null;
    }
    if (value.type === AST_NODE_TYPES.MemberExpression && value.object.type === AST_NODE_TYPES.ThisExpression && !value.computed) {
      const classNode = classOfThis(value.object);
      const name = ASTUtils.getPropertyName(value);
      return classNode && name !== null ? classMember(classNode, name) : null;
    }
    return null;
  }

  function classMember(classNode: ClassNode, name: string): FunctionNode | null {
    for (const member of classNode.body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
      if (member.static || staticKeyName(member) !== name) continue;
      if (member.type === AST_NODE_TYPES.MethodDefinition) {
        return member.kind === 'method' && member.value.type === AST_NODE_TYPES.FunctionExpression ? member.value : null;
      }
      const init = member.value ? unwrap(member.value) : null;
      if (init && isFunctionNode(init)) return init;
      if (init && init.type === AST_NODE_TYPES.CallExpression) return resolveFunction(init);
    }
    // `this.onSignal = (signal) => { … }` in the constructor or another method.
    const assigned: FunctionNode[] = [];
    forEachDescendant(classNode.body, sourceCode.visitorKeys, (node) => {
      if (
        node.type === AST_NODE_TYPES.AssignmentExpression &&
        node.left.type === AST_NODE_TYPES.MemberExpression &&
        node.left.object.type === AST_NODE_TYPES.ThisExpression &&
        ASTUtils.getPropertyName(node.left) === name
      ) {
        const right = unwrap(node.right);
        if (isFunctionNode(right)) assigned.push(right);
      }
      return undefined;
    });
    return assigned.length === 1 ? (assigned[0] ?? null) : null;
  }

  /** The file's function a call calls: `stop()`, `this.shutdown()`, an immediately invoked function. */
  function calledFunction(call: TSESTree.CallExpression): FunctionNode | null {
    const callee = unwrap(call.callee);
    if (isFunctionNode(callee)) return callee;
    if (
      callee.type === AST_NODE_TYPES.Identifier ||
      (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression)
    ) {
      return resolveFunction(callee);
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // The functions to follow: the handlers, the functions nested in them and the file's functions they call.

  const candidates = new Set<FunctionNode>();
  /** Names of state the handlers set (`shuttingDown = true`, `this.closing = true`, `signals++`). */
  const flags = new Set<string>();
  /** Names of the things the handlers close (`server` of `server.close()`). */
  const closables = new Set<string>();
  const queue: FunctionNode[] = [];
  const enqueue = (fn: FunctionNode | null): void => {
    if (fn && !candidates.has(fn) && candidates.size < MAX_FUNCTIONS) {
      candidates.add(fn);
      queue.push(fn);
    }
  };
  for (const registration of registrations) enqueue(registration.handler);
  while (queue.length > 0) {
    const fn = queue.pop();
    if (!fn) break;
    walk(fn.body, sourceCode.visitorKeys, (node) => {
      if (isFunctionNode(node)) enqueue(node);
      else if (node.type === AST_NODE_TYPES.CallExpression) {
        enqueue(calledFunction(node));
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && isCloseName(calleeName(node))) addName(closables, callee.object);
        for (const argument of node.arguments) if (!isFunctionNode(argument)) enqueue(resolveFunction(argument));
      } else if (node.type === AST_NODE_TYPES.AssignmentExpression) {
        const right = unwrap(node.right);
        if (right.type === AST_NODE_TYPES.Literal || right.type === AST_NODE_TYPES.MemberExpression) addName(flags, node.left);
      } else if (node.type === AST_NODE_TYPES.UpdateExpression) addName(flags, node.argument);
      return !node.type.startsWith('TS');
    });
  }

  /** The name a flag or a closable thing goes by: `shuttingDown`, `this.closing` → `closing`, `this.server` → `server`. */
  function addName(names: Set<string>, target: TSESTree.Node): void {
    const value = unwrap(target);
    if (value.type === AST_NODE_TYPES.Identifier) names.add(value.name);
    else if (value.type === AST_NODE_TYPES.MemberExpression) {
      const name = ASTUtils.getPropertyName(value);
      if (name !== null) names.add(name);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Summaries of functions

  function memo<T>(cache: Map<FunctionNode, T>, fn: FunctionNode, fallback: T, compute: () => T): T {
    if (cache.has(fn)) return cache.get(fn) as T;
    cache.set(fn, fallback);
    const value = compute();
    cache.set(fn, value);
    return value;
  }

  const closesCache = new Map<FunctionNode, boolean>();
  /** Whether `fn` (or a function in it, or a function of the file it calls) closes anything, awaited or not. */
  function closesAnything(fn: FunctionNode): boolean {
    return memo(closesCache, fn, false, () => containsClose(fn.body));
  }

  const containsCache = new Map<TSESTree.Node, boolean>();
  function containsClose(root: TSESTree.Node): boolean {
    const known = containsCache.get(root);
    if (known !== undefined) return known;
    containsCache.set(root, false);
    let found = false;
    walk(root, sourceCode.visitorKeys, (node) => {
      if (found) return false;
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const callee = calledFunction(node);
        if (isCloseName(calleeName(node)) || (callee !== null && closesAnything(callee))) found = true;
      }
      return !node.type.startsWith('TS');
    });
    containsCache.set(root, found);
    return found;
  }

  const drainsCache = new Map<FunctionNode, boolean>();
  /** Whether awaiting a call of `fn` waits for something to close or drain. */
  function drains(fn: FunctionNode): boolean {
    return memo(drainsCache, fn, false, () => {
      if (closesAnything(fn)) return true;
      if (strict) return false;
      let found = false;
      walk(fn.body, sourceCode.visitorKeys, (node) => {
        if (found || isFunctionNode(node)) return false;
        if (node.type === AST_NODE_TYPES.AwaitExpression && awaitDrains(node.argument)) found = true;
        return !node.type.startsWith('TS');
      });
      return found;
    });
  }

  /** Whether waiting for `node` (an awaited value, or the promise a `.then` hangs on) waits for a close or drain. */
  function awaitDrains(node: TSESTree.Node): boolean {
    const value = unwrap(node);
    switch (value.type) {
      case AST_NODE_TYPES.CallExpression: {
        const fn = calledFunction(value);
        if (fn) return drains(fn);
        const name = calleeName(value);
        if (isCloseName(name)) return true;
        const callee = unwrap(value.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Promise') {
          if (name !== null && PROMISE_COMBINATORS.has(name)) {
            const list = value.arguments[0] ? unwrap(value.arguments[0]) : null;
            if (list?.type === AST_NODE_TYPES.ArrayExpression) return list.elements.some((element) => element !== null && awaitDrains(element));
            return (list !== null && containsClose(list)) || !strict;
          }
          return false;
        }
        if (name !== null && sleepFunctions.has(name)) return false;
        if (callee.type === AST_NODE_TYPES.CallExpression && containsClose(callee)) return true;
        if (callee.type === AST_NODE_TYPES.MemberExpression && PROMISE_CHAIN.has(name ?? '')) return awaitDrains(callee.object);
        return !strict;
      }
      case AST_NODE_TYPES.NewExpression: {
        const executor = value.arguments[0] ? resolveFunction(value.arguments[0]) : null;
        if (!executor) return !strict;
        if (containsClose(executor.body)) return true;
        return !strict && !onlySleeps(executor);
      }
      case AST_NODE_TYPES.Identifier:
        return value.name !== 'undefined' && !strict;
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.ConditionalExpression:
        return !strict;
      default:
        return false;
    }
  }

  /** `new Promise((resolve) => setTimeout(resolve, ms))`: a pause. */
  function onlySleeps(executor: FunctionNode): boolean {
    let calls = 0;
    let sleeps = 0;
    walk(executor.body, sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression) {
        calls += 1;
        if (sleepFunctions.has(calleeName(node) ?? '')) sleeps += 1;
      }
      return undefined;
    });
    return calls > 0 && calls === sleeps;
  }

  /** A close started and left running: neither awaited, nor chained, nor given a callback, nor handed on. */
  function isUnawaitedClose(call: TSESTree.CallExpression): boolean {
    const fn = calledFunction(call);
    if (!(fn ? closesAnything(fn) : isCloseName(calleeName(call)))) return false;
    if (/Sync$/.test(calleeName(call) ?? '')) return false;
    if (call.arguments.some((argument) => isFunctionNode(argument) || resolveFunction(argument) !== null)) return false;
    const position = outermostTypeWrapper(call, { chain: true });
    const parent = position.parent;
    if (!parent) return true;
    if (parent.type === AST_NODE_TYPES.AwaitExpression || parent.type === AST_NODE_TYPES.ReturnStatement) return false;
    if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === position) return false;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === position && PROMISE_CHAIN.has(ASTUtils.getPropertyName(parent) ?? ''))
      return false;
    return (
      parent.type === AST_NODE_TYPES.ExpressionStatement || parent.type === AST_NODE_TYPES.UnaryExpression || parent.type === AST_NODE_TYPES.SequenceExpression
    );
  }

  /** A call that drains before it returns: `flushSync()`, `closeSync(fd)`. */
  function isSynchronousDrain(call: TSESTree.CallExpression): boolean {
    const name = calleeName(call);
    return name !== null && name.endsWith('Sync') && isCloseName(name.slice(0, -'Sync'.length));
  }

  /** The exit is a second signal's way out (`if (shuttingDown) process.exit(1)`), or there is nothing to close on its branch. */
  function guarded(node: TSESTree.Node, fn: FunctionNode): boolean {
    for (let child: TSESTree.Node = node, parent = node.parent; parent && child !== fn; child = parent, parent = parent.parent) {
      if (
        (parent.type === AST_NODE_TYPES.IfStatement && child !== parent.test) ||
        (parent.type === AST_NODE_TYPES.ConditionalExpression && child !== parent.test) ||
        (parent.type === AST_NODE_TYPES.LogicalExpression && child === parent.right)
      ) {
        const test = parent.type === AST_NODE_TYPES.LogicalExpression ? parent.left : parent.test;
        // A second signal while draining (`if (shuttingDown) process.exit(1)`), or nothing to close (`if (!server) process.exit(0)`).
        if (mentions(test, flags) || (mentions(test, closables) && !containsClose(child))) return true;
      }
    }
    return false;
  }

  function mentions(test: TSESTree.Node, names: ReadonlySet<string>): boolean {
    let found = false;
    walk(test, sourceCode.visitorKeys, (node) => {
      if (found) return false;
      if (node.type === AST_NODE_TYPES.Identifier && names.has(node.name)) found = true;
      return undefined;
    });
    return found;
  }

  /**
   * `if (server) await server.close();`: the branch that skips the drain has nothing to drain, so
   * past the `if` every path has drained what there was.
   */
  function drainsWhatItTests(statement: TSESTree.IfStatement): boolean {
    if (statement.alternate) return false;
    const tested = new Set<string>();
    walk(statement.test, sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.Identifier) tested.add(node.name);
      return undefined;
    });
    let found = false;
    walk(statement.consequent, sourceCode.visitorKeys, (node) => {
      if (found || isFunctionNode(node)) return false;
      if (node.type === AST_NODE_TYPES.AwaitExpression && awaitDrains(node.argument) && mentions(node.argument, tested)) found = true;
      return undefined;
    });
    return found;
  }

  /** A loop that awaits in its body (or `for await`): it polls until the work in flight is done, or closes one thing after another. */
  function waitsAsItGoes(
    loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.ForOfStatement | TSESTree.ForInStatement,
  ): boolean {
    if (loop.type === AST_NODE_TYPES.ForOfStatement && loop.await) return true;
    let found = false;
    walk(loop.body, sourceCode.visitorKeys, (node) => {
      if (found || isFunctionNode(node)) return false;
      if (node.type === AST_NODE_TYPES.AwaitExpression) found = true;
      return undefined;
    });
    return found;
  }

  function triesToDrain(block: TSESTree.Node): boolean {
    if (containsClose(block)) return true;
    let found = false;
    walk(block, sourceCode.visitorKeys, (node) => {
      if (found || isFunctionNode(node)) return false;
      if (node.type === AST_NODE_TYPES.AwaitExpression && awaitDrains(node.argument)) found = true;
      return undefined;
    });
    return found;
  }

  // ---------------------------------------------------------------------------------------------
  // Code paths: which events each segment of a followed function holds, in order.

  const initialSegments = new Map<FunctionNode, Segment>();
  const events = new Map<Segment, EventNode[]>();
  const { frames, listeners: segmentListeners } = segmentFrames((codePath, node) => {
    const fn = isFunctionNode(node) && candidates.has(node) ? node : null;
    if (fn) initialSegments.set(fn, codePath.initialSegment);
    return { fn, current: new Set<Segment>() };
  });

  function record(node: EventNode): void {
    const frame = frames.at(-1);
    if (!frame?.fn) return;
    for (const segment of frame.current) {
      const list = events.get(segment);
      if (list) list.push(node);
      else events.set(segment, [node]);
    }
  }
  const listeners = {
    ...segmentListeners,
    'CallExpression:exit': record,
    'AwaitExpression:exit': record,
    'NewExpression:exit': record,
    'IfStatement:exit': record,
    CatchClause: record,
    'WhileStatement:exit': record,
    'DoWhileStatement:exit': record,
    'ForStatement:exit': record,
    'ForOfStatement:exit': record,
    'ForInStatement:exit': record,
    'TryStatement > BlockStatement.finalizer': record,
  } as unknown as TSESLint.RuleListener;

  // ---------------------------------------------------------------------------------------------
  // Paths

  /** Callbacks a call is given that run while nothing has been waited for. */
  function callbacksRunNow(call: TSESTree.CallExpression | TSESTree.NewExpression): FunctionNode[] {
    const callbacks = call.arguments.map((argument) => resolveFunction(argument)).filter((callback): callback is FunctionNode => callback !== null);
    if (callbacks.length === 0) return [];
    if (call.type === AST_NODE_TYPES.NewExpression) {
      const callee = unwrap(call.callee);
      return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise' ? callbacks.slice(0, 1) : [];
    }
    if (calledFunction(call)) return strict ? callbacks : [];
    const name = calleeName(call);
    if (name === null) return strict ? callbacks : [];
    if (immediateCallbacks.has(name) || synchronousCallbacks.has(name)) return callbacks;
    if (graceTimers.has(name)) return callbacks;
    if (isCloseName(name)) return [];
    const callee = unwrap(call.callee);
    if (PROMISE_CHAIN.has(name) && callee.type === AST_NODE_TYPES.MemberExpression) return awaitDrains(callee.object) ? [] : callbacks;
    return strict ? callbacks : [];
  }

  const exitsCache = new Map<FunctionNode, Found[]>();
  /** The exits `fn` reaches, from its start, on a path where nothing is closed or drained first. */
  function abruptExits(fn: FunctionNode): Found[] {
    return memo(exitsCache, fn, [], () => {
      const initial = initialSegments.get(fn);
      if (!initial) return [];
      const found = new Map<TSESTree.Node, Found>();
      // The first path found to an exit, or one that names the close it left running.
      const add = (item: Found): void => {
        const known = found.get(item.exit);
        if (!known || (!known.close && item.close)) found.set(item.exit, item);
      };
      const visited = new Set<string>();
      const work: { segment: Segment; pending: TSESTree.CallExpression | null }[] = [{ segment: initial, pending: null }];
      while (work.length > 0) {
        const item = work.pop();
        if (!item) break;
        let { pending } = item;
        let drained = false;
        for (const node of events.get(item.segment) ?? []) {
          if (node.type === AST_NODE_TYPES.CatchClause || node.type === AST_NODE_TYPES.BlockStatement) {
            // After a close that was tried (and may have failed), exiting is what is left to do.
            const statement = node.parent;
            if (statement.type === AST_NODE_TYPES.TryStatement && triesToDrain(statement.block)) {
              drained = true;
              break;
            }
            continue;
          }
          if (
            node.type === AST_NODE_TYPES.WhileStatement ||
            node.type === AST_NODE_TYPES.DoWhileStatement ||
            node.type === AST_NODE_TYPES.ForStatement ||
            node.type === AST_NODE_TYPES.ForOfStatement ||
            node.type === AST_NODE_TYPES.ForInStatement
          ) {
            if (waitsAsItGoes(node)) {
              drained = true;
              break;
            }
            continue;
          }
          if (node.type === AST_NODE_TYPES.IfStatement) {
            if (drainsWhatItTests(node)) {
              drained = true;
              break;
            }
            continue;
          }
          if (node.type === AST_NODE_TYPES.AwaitExpression) {
            if (awaitDrains(node.argument)) {
              drained = true;
              break;
            }
            continue;
          }
          if (exits.has(node)) {
            if (!guarded(node, fn)) add({ exit: node, close: pending, viaTimer: false });
            continue;
          }
          if (node.type === AST_NODE_TYPES.CallExpression && isSynchronousDrain(node)) {
            drained = true;
            break;
          }
          if (guarded(node, fn)) continue;
          const callee = node.type === AST_NODE_TYPES.CallExpression ? calledFunction(node) : null;
          const timer = node.type === AST_NODE_TYPES.CallExpression && graceTimers.has(calleeName(node) ?? '');
          const reached = [...(callee ? [callee] : []), ...callbacksRunNow(node)];
          for (const next of reached) {
            for (const inner of abruptExits(next)) {
              const viaTimer = inner.viaTimer || (timer && next !== callee);
              // A timer that forces the exit after a grace period, next to a close, is the backstop of a drain.
              if (viaTimer && closesAnything(fn)) continue;
              add({ exit: inner.exit, close: inner.close ?? pending, viaTimer });
            }
          }
          if (node.type === AST_NODE_TYPES.CallExpression && isUnawaitedClose(node)) pending = node;
        }
        if (drained) continue;
        for (const next of item.segment.nextSegments) {
          const key = `${next.id}:${pending ? pending.range[0] : ''}`;
          if (visited.has(key)) continue;
          visited.add(key);
          work.push({ segment: next, pending });
        }
      }
      return [...found.values()];
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Evidence of a service: something in the file that holds work a signal would cut short.

  function runsAService(): boolean {
    for (const module of modules) if (serviceModules.has(module.replace(/^node:/, ''))) return true;
    for (const fn of candidates) if (closesAnything(fn)) return true;
    let found = false;
    forEachDescendant(sourceCode.ast, sourceCode.visitorKeys, (node) => {
      if (found) return false;
      if ((node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) && serverStartMethods.has(calleeName(node) ?? ''))
        found = true;
      return !node.type.startsWith('TS');
    });
    return found;
  }

  function findings(): AbruptExit[] {
    const bySite = new Map<TSESTree.Node, { signals: Set<string>; close: TSESTree.CallExpression | null }>();
    const add = (exit: TSESTree.Node, signals: readonly string[], close: TSESTree.CallExpression | null): void => {
      const entry = bySite.get(exit);
      if (entry) for (const signal of signals) entry.signals.add(signal);
      else bySite.set(exit, { signals: new Set(signals), close });
    };
    for (const registration of registrations) {
      if (registration.exitItself) add(registration.exitItself, registration.signals, null);
      if (registration.handler) for (const item of abruptExits(registration.handler)) add(item.exit, registration.signals, item.close);
    }
    if (bySite.size === 0 || !runsAService()) return [];
    return [...bySite.entries()]
      .map(([exit, { signals, close }]) => ({ exit, signals: [...signals].sort(), close }))
      .sort((a, b) => a.exit.range[0] - b.exit.range[0]);
  }

  return { listeners, findings };
}
