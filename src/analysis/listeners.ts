import { DefinitionType, ScopeType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { calleeName, forEachDescendant, isFileScope, isFunctionNode, lookupProperty, referenceText, skipTypeWrappers, variableOf } from '../util/ast.js';
import { classOfThis, enclosingFunction, enclosingMethod, isInside, type FunctionNode, type RepeatingSite } from './lifetimes.js';
import { functionRepetition, invocationSites, isLongLivedClass, repeatVerdict, repetitionWithin, siteRepetition, type Repetition } from './repetition.js';
import { handlerParameters, poolCheckouts, poolNamePattern } from '../catalog/index.js';
import { staticString } from '../util/values.js';

/**
 * Listener registrations that accumulate: the analysis behind `no-listener-leak`. The emitter is
 * the long-lived binding, the registration is the growth, the removal is the eviction.
 */

export const ADDING_METHODS = ['on', 'addListener', 'prependListener', 'addEventListener'];
export const ONCE_METHODS = ['once', 'prependOnceListener'];
export const REMOVING_METHODS = ['off', 'removeListener', 'removeEventListener'];

/**
 * What kind of long-lived emitter a registration accumulates on: a process-lifetime emitter (a
 * module-level binding, an import, `process`, a singleton's field), the caller's `AbortSignal`
 * (which may outlive the call that listens to it), or a connection that outlives one request or
 * command (a keep-alive socket, a pooled client).
 */
export type EmitterShape = 'emitter' | 'caller-signal' | 'connection';

export interface Registration {
  readonly call: TSESTree.CallExpression & { callee: TSESTree.MemberExpression };
  readonly emitter: TSESTree.Expression;
  readonly method: string;
  /** Where it runs again and again while the emitter lives. */
  readonly fn: RepeatingSite;
  /** The file shows no repetition: the rule was told to assume that `fn` runs per call. */
  readonly assumed: boolean;
  readonly shape: EmitterShape;
}

type EmitterLifetime =
  | { readonly kind: 'module' }
  | { readonly kind: 'function'; readonly owner: FunctionNode }
  | { readonly kind: 'member'; readonly classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression };

const PROCESS_STREAMS = new Set(['stdin', 'stdout', 'stderr']);

/**
 * How long the emitter lives: `process` and its streams, a module-level binding or an import live
 * as long as the process; a factory's variable lives as long as what the factory returns; a field
 * of a long-lived class lives with the instance. Anything else (a parameter, a per-call object, a
 * value read from elsewhere) is not judged.
 */
function emitterLifetime(sourceCode: Readonly<TSESLint.SourceCode>, emitter: TSESTree.Node): EmitterLifetime | null {
  let value = skipTypeWrappers(emitter);
  // A property of a long-lived binding (`controller.signal`, `db.pool`) lives as long as it: walk
  // the chain down to its root (in a loop, chains can be thousands of properties long).
  let property = false;
  for (;;) {
    if (value.type !== AST_NODE_TYPES.MemberExpression) break;
    if (value.object.type === AST_NODE_TYPES.ThisExpression && !value.computed) {
      if (property) return null;
      const classNode = classOfThis(value.object);
      return classNode && isLongLivedClass(sourceCode, classNode) ? { kind: 'member', classNode } : null;
    }
    const isProcessStream =
      value.object.type === AST_NODE_TYPES.Identifier && value.object.name === 'process' && PROCESS_STREAMS.has(ASTUtils.getPropertyName(value) ?? '');
    if (value.computed && !isProcessStream) return null;
    if (!isProcessStream) property = true;
    value = skipTypeWrappers(value.object);
  }
  const root = bindingLifetime(sourceCode, value);
  return property && root?.kind !== 'module' ? null : root;
}

/**
 * `S.server = http.createServer(app); S.server.on('error', …)`: the emitter stored on a long-lived
 * object was made by the same call that listens to it, so each listener belongs to one emitter.
 */
function createdInSameCall(sourceCode: Readonly<TSESLint.SourceCode>, emitter: TSESTree.Node, call: TSESTree.CallExpression): boolean {
  const value = skipTypeWrappers(emitter);
  if (value.type !== AST_NODE_TYPES.MemberExpression) return false;
  const fn = enclosingFunction(call);
  const body = fn ? fn.body : sourceCode.ast;
  const text = referenceText(sourceCode, value);
  let found = false;
  forEachDescendant(body, sourceCode.visitorKeys, (node) => {
    if (found || isFunctionNode(node) || node.range[0] >= call.range[0]) return false;
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=' || referenceText(sourceCode, node.left) !== text) return undefined;
    let right = skipTypeWrappers(node.right);
    if (right.type === AST_NODE_TYPES.AwaitExpression) right = skipTypeWrappers(right.argument);
    found = right.type === AST_NODE_TYPES.NewExpression || right.type === AST_NODE_TYPES.CallExpression;
    return undefined;
  });
  return found;
}

/** How long the object a name is bound to lives (see `emitterLifetime`). */
function bindingLifetime(sourceCode: Readonly<TSESLint.SourceCode>, value: TSESTree.Node): EmitterLifetime | null {
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, value);
  if (!variable || variable.defs.length === 0) {
    // An undeclared global: only `process` is known to live as long as the process.
    return value.name === 'process' ? { kind: 'module' } : null;
  }
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || !def) return null;
  if (def.type === DefinitionType.ImportBinding) return { kind: 'module' };
  if (def.type !== DefinitionType.Variable) return null;
  // Reassigned later (`current = socket`): it holds different objects over time.
  if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return null;
  const scope = variable.scope.variableScope;
  if (isFileScope(scope)) return { kind: 'module' };
  if (scope.type === ScopeType.function && isFunctionNode(scope.block)) return { kind: 'function', owner: scope.block };
  return null;
}

/** `{ once: true }` or `{ signal }`, or options we cannot read: the listener is removed for us. */
function optionsRemoveListener(sourceCode: Readonly<TSESLint.SourceCode>, options: TSESTree.Node | undefined): boolean {
  if (!options) return false;
  const value = skipTypeWrappers(options);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return value.type !== AST_NODE_TYPES.Literal;
  const once = lookupProperty(value, ['once']);
  if (once.kind === 'unknown') return true;
  if (once.kind === 'found' && !(once.value.type === AST_NODE_TYPES.Literal && once.value.value === false)) return true;
  return lookupProperty(value, ['signal']).kind !== 'absent';
}

/**
 * Where a registration repeats over the emitter's life, and whether the file shows it (`assumed`
 * when it does not and the rule assumes unknown code repeats), or `null` when it runs once per
 * emitter or cannot be shown to repeat.
 */
function repeatingSite(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  lifetime: EmitterLifetime,
  assumeRepeats: boolean,
): { readonly fn: RepeatingSite; readonly assumed: boolean } | null {
  const fn = enclosingFunction(call);
  // Module level runs once.
  if (!fn) return null;
  let site: RepeatingSite = fn;
  let repetition: Repetition;
  if (lifetime.kind === 'module') {
    repetition = siteRepetition(sourceCode, call);
  } else if (lifetime.kind === 'function') {
    // A factory's emitter: only functions the factory hands out (returns, stores) repeat; a callback it
    // registers on an object of the same call (`stream.on('pipe', …)`) lives and dies with that object.
    repetition = repetitionWithin(sourceCode, call, lifetime.owner, { throughCalls: false });
  } else {
    const method = enclosingMethod(call);
    if (!method || method.classNode !== lifetime.classNode) return null;
    const member = method.member;
    // Constructors and static code run once per instance, or once.
    if (member.type === AST_NODE_TYPES.StaticBlock) return null;
    if (member.type === AST_NODE_TYPES.MethodDefinition && (member.kind === 'constructor' || member.static)) return null;
    repetition = siteRepetition(sourceCode, call);
    site = member;
  }
  const verdict = repeatVerdict(repetition, assumeRepeats);
  return verdict ? { fn: site, assumed: verdict === 'assumed' } : null;
}

export interface ListenerIndex {
  /**
   * Listener texts removed anywhere in the file (`bus.off('x', handler)` → `handler`): from this
   * emitter or an alias of it, in a `close` handler, a `finally`, or the listener itself.
   */
  readonly removedListeners: ReadonlySet<string>;
  /** Emitter texts on which `removeAllListeners` is called. */
  readonly clearedEmitters: ReadonlySet<string>;
}

/**
 * Judges one registration: `null` when it is fine (runs once per emitter, is removed, removes
 * itself, or cannot be judged), the registration when it accumulates.
 */
export function judgeRegistration(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression & { callee: TSESTree.MemberExpression },
  index: ListenerIndex,
  { assumeRepeats, checkOnce }: { readonly assumeRepeats: boolean; readonly checkOnce: boolean },
): Registration | null {
  const method = ASTUtils.getPropertyName(call.callee);
  if (method === null) return null;
  const [event, listener, options] = call.arguments;
  // `events.on(emitter, 'name')` from node:events takes the emitter first and iterates with a signal.
  if (!event || !listener || event.type === AST_NODE_TYPES.SpreadElement || listener.type === AST_NODE_TYPES.SpreadElement) return null;
  const listenerValue = skipTypeWrappers(listener);
  if (listenerValue.type === AST_NODE_TYPES.Literal || listenerValue.type === AST_NODE_TYPES.TemplateLiteral) return null;
  // The result is kept: a custom emitter's unsubscribe handle, returned to whoever asked.
  if (call.parent.type !== AST_NODE_TYPES.ExpressionStatement && call.parent.type !== AST_NODE_TYPES.ChainExpression) return null;
  const emitter = call.callee.object;
  const once = ONCE_METHODS.includes(method);
  const eventName = staticString(sourceCode, event);

  const special = judgeOutlivingEmitter(sourceCode, call, { method, event: eventName, listener: listenerValue, options, once, assumeRepeats });
  if (special !== undefined) {
    if (!special || isRemoved(sourceCode, emitter, listenerValue, index) || isGuardedOnce(sourceCode, call)) return null;
    return { call, emitter, method, fn: special.fn, assumed: special.assumed, shape: special.shape };
  }

  if (once && !checkOnce) return null;
  if (optionsRemoveListener(sourceCode, options)) return null;
  // The caller's own listener, forwarded: a subscription API, whose caller decides when to remove it.
  if (listenerValue.type === AST_NODE_TYPES.Identifier && variableOf(sourceCode, listenerValue)?.defs[0]?.type === DefinitionType.Parameter) {
    return null;
  }

  const lifetime = emitterLifetime(sourceCode, emitter);
  if (!lifetime || createdInSameCall(sourceCode, emitter, call)) return null;
  let site = repeatingSite(sourceCode, call, lifetime, assumeRepeats);
  if (!site && isGlobalEmitter(sourceCode, emitter)) {
    // `process` from a constructor, factory or start-up function the file runs more than once.
    const repeated = runsMoreThanOnce(sourceCode, call);
    if (repeated) site = { fn: repeated, assumed: false };
  }
  if (!site) return null;
  if (isRemoved(sourceCode, emitter, listenerValue, index) || isGuardedOnce(sourceCode, call)) return null;
  return { call, emitter, method, fn: site.fn, assumed: site.assumed, shape: 'emitter' };
}

// ---------------------------------------------------------------------------------------------
// Emitters that outlive the call: the caller's AbortSignal, keep-alive sockets, pooled clients

interface OutlivingSite {
  readonly fn: RepeatingSite;
  readonly assumed: boolean;
  readonly shape: EmitterShape;
}

/** Events that end an emitter's life: a `once` listener to one waits, on a long-lived emitter, until the end. */
const END_OF_LIFE_EVENTS = new Set(['close', 'end', 'error', 'timeout', 'finish', 'abort', 'exit', 'disconnect']);

/**
 * The registration is on an emitter that outlives the call that registers (the caller's signal, a
 * keep-alive socket, a pooled client): its site, `null` when it is fine, `undefined` when the
 * emitter is none of these. `{ once: true }` and `once()` do not help here when the event is the
 * emitter's end: the listener stays until then.
 */
function judgeOutlivingEmitter(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression & { callee: TSESTree.MemberExpression },
  registration: {
    readonly method: string;
    readonly event: string | null;
    readonly listener: TSESTree.Node;
    readonly options: TSESTree.CallExpressionArgument | undefined;
    readonly once: boolean;
    readonly assumeRepeats: boolean;
  },
): OutlivingSite | null | undefined {
  const { method, event, listener, options, once, assumeRepeats } = registration;
  const emitter = call.callee.object;
  if (method === 'addEventListener' && event === 'abort') {
    const owner = callerSignalOwner(sourceCode, emitter);
    if (!owner) return undefined;
    if (signalOptionRemoves(sourceCode, options, emitter)) return null;
    return judgeCallerSignal(sourceCode, call, owner, emitter, listener, assumeRepeats);
  }
  const connection = connectionSite(sourceCode, emitter);
  if (!connection) return undefined;
  if (once && !END_OF_LIFE_EVENTS.has(event ?? '')) return null;
  if (optionsRemoveListener(sourceCode, options)) return null;
  if (listener.type === AST_NODE_TYPES.Identifier && variableOf(sourceCode, listener)?.defs[0]?.type === DefinitionType.Parameter) return null;
  const verdict = repeatVerdict(siteRepetition(sourceCode, connection), assumeRepeats);
  const fn = enclosingFunction(call);
  return verdict && fn ? { fn, assumed: verdict === 'assumed', shape: 'connection' } : null;
}

/** `{ signal }` of another signal removes the listener when that one aborts; the same signal's does not. */
function signalOptionRemoves(sourceCode: Readonly<TSESLint.SourceCode>, options: TSESTree.Node | undefined, emitter: TSESTree.Node): boolean {
  if (!options) return false;
  const value = skipTypeWrappers(options);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return value.type !== AST_NODE_TYPES.Literal;
  const signal = lookupProperty(value, ['signal']);
  if (signal.kind === 'unknown') return true;
  return signal.kind === 'found' && referenceText(sourceCode, signal.value) !== referenceText(sourceCode, emitter);
}

/**
 * The function a signal came from the caller of: `signal` a parameter (or destructured from one,
 * `{ signal }`), `options.signal` / `init?.signal` of a parameter, or a `const` read from one.
 */
function callerSignalOwner(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth = 0): FunctionNode | null {
  let value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.ChainExpression) value = skipTypeWrappers(value.expression);
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    if (value.computed || ASTUtils.getPropertyName(value) !== 'signal') return null;
    value = skipTypeWrappers(value.object);
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, value);
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length !== 1 || variable.references.some((ref) => ref.isWrite() && !ref.init)) return null;
  if (def.type === DefinitionType.Parameter) return isFunctionNode(def.node) ? def.node : null;
  if (def.type !== DefinitionType.Variable || depth > 0 || !def.node.init) return null;
  // `const signal = options.signal`, `const { signal } = options`
  if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
    const init = skipTypeWrappers(def.node.init);
    return init.type === AST_NODE_TYPES.Identifier && value.name === 'signal' ? callerSignalOwner(sourceCode, init, depth + 1) : null;
  }
  const init = skipTypeWrappers(def.node.init);
  return init.type === AST_NODE_TYPES.MemberExpression || init.type === AST_NODE_TYPES.ChainExpression ? callerSignalOwner(sourceCode, init, depth + 1) : null;
}

/**
 * A listener on the caller's signal outlives the call unless removed when the call settles. In
 * `recommended` it is reported when the file proves the call settles before the signal aborts and
 * the listener only serves the call (it rejects the call's promise, aborts a controller or clears a
 * timer the call made); with `assumeRepeats`, whenever the call settles (an async function, a
 * promise). Never when the function runs until the signal aborts (a loop on `signal.aborted`), or
 * when it binds the signal to something it hands back (`return socket`).
 */
function judgeCallerSignal(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  owner: FunctionNode,
  emitter: TSESTree.Node,
  listener: TSESTree.Node,
  assumeRepeats: boolean,
): OutlivingSite | null {
  if (siteRepetition(sourceCode, call).kind === 'once') return null;
  const executor = promiseExecutorBetween(call, owner);
  if (!owner.async && !executor && !returnsPromise(sourceCode, owner)) return null;
  if (runsUntilAbort(sourceCode, owner, emitter)) return null;
  const local = listenerServesTheCall(sourceCode, listener, owner, executor);
  if (local === 'waits-for-abort' || local === 'binds-result') return null;
  if (local === 'call' || (local === 'unknown' && assumeRepeats)) return { fn: owner, assumed: local !== 'call', shape: 'caller-signal' };
  return null;
}

/** The `new Promise((resolve, reject) => …)` executor around `node` inside `owner`, if any. */
function promiseExecutorBetween(node: TSESTree.Node, owner: FunctionNode): FunctionNode | null {
  for (let fn = enclosingFunction(node); fn && fn !== owner; fn = enclosingFunction(fn)) {
    if (isPromiseExecutor(fn)) return fn;
  }
  return null;
}

function isPromiseExecutor(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (
    parent.type === AST_NODE_TYPES.NewExpression &&
    parent.arguments[0] === fn &&
    parent.callee.type === AST_NODE_TYPES.Identifier &&
    parent.callee.name === 'Promise'
  );
}

const PROMISE_METHODS = new Set(['then', 'catch', 'finally', 'fetch']);

/**
 * The function hands back a promise of its work: `return new Promise(…)`, `return fetch(…)`,
 * `return work().finally(…)` in its own body (or as an arrow's body).
 */
function returnsPromise(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): boolean {
  const isNewPromise = (node: TSESTree.Node | null | undefined): boolean => {
    const value = node ? skipTypeWrappers(node) : null;
    if (value?.type === AST_NODE_TYPES.CallExpression) return PROMISE_METHODS.has(calleeName(value) ?? '');
    return value?.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'Promise';
  };
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isNewPromise(fn.body);
  let found = false;
  forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && isNewPromise(node.argument)) found = true;
    return undefined;
  });
  return found;
}

/** A loop that runs until the signal aborts (`while (!signal.aborted)`, `while (true)`): the listener's event is the function's end. */
function runsUntilAbort(sourceCode: Readonly<TSESLint.SourceCode>, owner: FunctionNode, emitter: TSESTree.Node): boolean {
  const signalText = referenceText(sourceCode, emitter);
  let found = false;
  forEachDescendant(owner.body, sourceCode.visitorKeys, (node) => {
    if (found || (isFunctionNode(node) && node !== owner)) return false;
    if (node.type !== AST_NODE_TYPES.WhileStatement && node.type !== AST_NODE_TYPES.DoWhileStatement && node.type !== AST_NODE_TYPES.ForStatement)
      return undefined;
    const test = node.test ? skipTypeWrappers(node.test) : null;
    if (!test || (test.type === AST_NODE_TYPES.Literal && Boolean(test.value))) found = true;
    else {
      const text = sourceCode.getText(test);
      found = text.includes(signalText) || /\baborted\b/.test(text);
    }
    return undefined;
  });
  return found;
}

type ListenerRole = 'call' | 'waits-for-abort' | 'binds-result' | 'unknown';

/**
 * What a listener on the caller's signal does: serves only the call (`call`: it settles the call's
 * promise, aborts the call's controller, clears the call's timer: everything it touches is the
 * call's own and is not handed back), is the only way the call's promise settles
 * (`waits-for-abort`), ends an object the call hands back (`binds-result`: `return socket`, the
 * caller's signal then bounds what it got), or something else (`unknown`: module state, `this`).
 */
function listenerServesTheCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  listener: TSESTree.Node,
  owner: FunctionNode,
  executor: FunctionNode | null,
): ListenerRole {
  if (listener.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, listener);
    const def = variable?.defs[0];
    if (!variable || !def) return 'unknown';
    if (def.type === DefinitionType.Parameter) {
      // `resolve` / `reject` of the executor: when nothing else settles the promise, it waits for the abort.
      if (!executor || def.node !== executor) return 'unknown';
      const settlers = executor.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param] : []));
      const otherSettles = settlers.some((param) => {
        const settler = variableOf(sourceCode, param);
        return settler?.references.some((ref) => ref.identifier !== listener) ?? false;
      });
      return otherSettles ? 'call' : 'waits-for-abort';
    }
    if (!isInside(def.name, owner)) return 'unknown';
    const fn = def.type === DefinitionType.FunctionName ? def.node : def.type === DefinitionType.Variable ? def.node.init : null;
    return fn && isFunctionNode(fn) ? touchesOnlyTheCall(sourceCode, fn, owner) : 'unknown';
  }
  return isFunctionNode(listener) ? touchesOnlyTheCall(sourceCode, listener, owner) : 'unknown';
}

function touchesOnlyTheCall(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode, owner: FunctionNode): ListenerRole {
  let local = true;
  let binds = false;
  let touches = 0;
  forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
    if (!local) return false;
    if (node.type === AST_NODE_TYPES.ThisExpression) {
      local = false;
      return undefined;
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const parent = node.parent;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) return undefined;
    if (parent.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed) return undefined;
    const variable = variableOf(sourceCode, node);
    // Globals (`clearTimeout`, `Error`, `DOMException`) are nobody's state.
    if (!variable || variable.defs.length === 0) return undefined;
    const def = variable.defs[0];
    if (!def || !isInside(def.name, owner)) {
      local = false;
      return undefined;
    }
    if (isInside(def.name, fn)) return undefined;
    touches += 1;
    if (handedBack(variable, owner)) binds = true;
    return undefined;
  });
  if (binds) return 'binds-result';
  return local && touches > 0 ? 'call' : 'unknown';
}

/** The call's own object is handed back to its caller or stored: `return socket`, `return { ws }`, `this.ws = ws`. */
function handedBack(variable: TSESLint.Scope.Variable, owner: FunctionNode): boolean {
  return variable.references.some((ref) => {
    let node: TSESTree.Node = ref.identifier;
    for (let parent = node.parent; parent && parent !== owner; node = parent, parent = parent.parent) {
      if (parent.type === AST_NODE_TYPES.ReturnStatement) return true;
      if (parent.type === AST_NODE_TYPES.AssignmentExpression) return parent.right === node;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) continue;
      if (
        parent.type === AST_NODE_TYPES.ObjectExpression ||
        parent.type === AST_NODE_TYPES.ArrayExpression ||
        parent.type === AST_NODE_TYPES.Property ||
        parent.type === AST_NODE_TYPES.TSAsExpression ||
        parent.type === AST_NODE_TYPES.TSNonNullExpression
      ) {
        continue;
      }
      if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node) return enclosingFunction(parent) === null;
      return false;
    }
    return false;
  });
}

const CONNECTION_PROPERTIES = new Set(['socket', 'connection']);
const REQUEST_HOLDERS = new Set([...handlerParameters.request, ...handlerParameters.response, 'req', 'res', 'raw']);
const UPGRADE_EVENTS = new Set(['upgrade', 'connect', 'connection', 'secureConnection']);
const CHECKOUT_METHODS = new Set(poolCheckouts.map((checkout) => checkout.method));

/**
 * When the emitter is a connection that outlives one request or command, the node whose
 * repetition is the registration's: `req.socket` / `res.connection` of a request handler (with
 * keep-alive the socket serves many requests), the socket a client request is given from an
 * agent's pool (`req.on('socket', (socket) => …)`), a client checked out of a pool
 * (`await pool.connect()`, `pool.getConnection((err, conn) => …)`). `null` for anything else.
 */
function connectionSite(sourceCode: Readonly<TSESLint.SourceCode>, emitter: TSESTree.Node): TSESTree.Node | null {
  const value = skipTypeWrappers(emitter);
  if (value.type === AST_NODE_TYPES.MemberExpression) return requestSocket(sourceCode, value) ? value : null;
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, value);
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length !== 1 || variable.references.some((ref) => ref.isWrite() && !ref.init)) return null;
  if (def.type === DefinitionType.Variable && def.node.init) {
    let init = skipTypeWrappers(def.node.init);
    // `const socket = req.socket`, `const { socket } = req`
    if (def.node.id.type === AST_NODE_TYPES.Identifier && init.type === AST_NODE_TYPES.MemberExpression) return requestSocket(sourceCode, init) ? init : null;
    if (def.node.id.type === AST_NODE_TYPES.ObjectPattern && CONNECTION_PROPERTIES.has(value.name) && isRequestHolder(sourceCode, init)) return init;
    if (def.node.id.type !== AST_NODE_TYPES.Identifier) return null;
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipTypeWrappers(init.argument);
    return isPoolCheckout(sourceCode, init, variable) ? init : null;
  }
  if (def.type !== DefinitionType.Parameter || !isFunctionNode(def.node)) return null;
  const fn = def.node;
  const parent = fn.parent;
  if (parent.type !== AST_NODE_TYPES.CallExpression || !isArgumentOf(parent, fn)) return null;
  const index = fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === value.name);
  const name = calleeName(parent);
  // A client request's `socket` event hands it a socket from the agent's pool.
  if ((name === 'on' || name === 'once') && index === 0 && staticString(sourceCode, parent.arguments[0] ?? parent) === 'socket') return parent;
  // `pool.getConnection((err, connection) => …)`, `pool.connect((err, client, release) => …)`
  if (name !== null && CHECKOUT_METHODS.has(name) && index === 1 && parent.callee.type === AST_NODE_TYPES.MemberExpression) {
    return poolNamePattern.test(referenceText(sourceCode, parent.callee.object)) ? parent : null;
  }
  return null;
}

/** `req.socket`, `res.connection`, `request.raw.socket`, `ctx.req.socket` in a request handler (not an upgrade). */
function requestSocket(sourceCode: Readonly<TSESLint.SourceCode>, member: TSESTree.MemberExpression): boolean {
  if (member.computed || !CONNECTION_PROPERTIES.has(ASTUtils.getPropertyName(member) ?? '')) return false;
  return isRequestHolder(sourceCode, skipTypeWrappers(member.object));
}

function isRequestHolder(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  let value = node;
  let named = false;
  while (value.type === AST_NODE_TYPES.MemberExpression) {
    if (value.computed) return false;
    if (REQUEST_HOLDERS.has(ASTUtils.getPropertyName(value) ?? '')) named = true;
    value = skipTypeWrappers(value.object);
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  if (REQUEST_HOLDERS.has(value.name)) named = true;
  const def = variableOf(sourceCode, value)?.defs[0];
  if (!named || def?.type !== DefinitionType.Parameter || !isFunctionNode(def.node)) return false;
  if (!isServerHandler(sourceCode, def.node)) return false;
  // A server-sent events stream holds its connection until the connection closes: nothing accumulates.
  if (sourceCode.getText(def.node).includes('text/event-stream')) return false;
  // An upgraded or CONNECT socket leaves HTTP: it serves no further requests.
  for (let fn: FunctionNode | null = def.node; fn; fn = enclosingFunction(fn)) {
    const parent = fn.parent;
    if (
      parent.type === AST_NODE_TYPES.CallExpression &&
      isArgumentOf(parent, fn) &&
      UPGRADE_EVENTS.has(staticString(sourceCode, parent.arguments[0] ?? parent) ?? '')
    )
      return false;
  }
  return true;
}

/** An HTTP server's request handler: `(req, res)` by its parameters, or a function the file registers as a route or server callback. */
function isServerHandler(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): boolean {
  const [request, response] = fn.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : ''));
  if (handlerParameters.request.has(request ?? '') && handlerParameters.response.has(response ?? '')) return true;
  const repetition = functionRepetition(sourceCode, fn);
  return repetition.kind === 'repeats' && (repetition.evidence === 'route' || repetition.evidence === 'server');
}

/** `pool.connect()`, `pool.getConnection()`, `pool.acquire()`, or any of them on a client the code `.release()`s. */
function isPoolCheckout(sourceCode: Readonly<TSESLint.SourceCode>, init: TSESTree.Node, variable: TSESLint.Scope.Variable): boolean {
  if (init.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (!CHECKOUT_METHODS.has(ASTUtils.getPropertyName(init.callee) ?? '')) return false;
  if (poolNamePattern.test(referenceText(sourceCode, init.callee.object))) return true;
  return variable.references.some((ref) => {
    const member = ref.identifier.parent;
    return (
      member.type === AST_NODE_TYPES.MemberExpression &&
      member.object === ref.identifier &&
      ASTUtils.getPropertyName(member) === 'release' &&
      member.parent.type === AST_NODE_TYPES.CallExpression
    );
  });
}

/**
 * `events.addAbortListener(signal, listener)` whose disposable is dropped: like
 * `signal.addEventListener('abort', …)`, the listener stays on the caller's signal.
 */
export function judgeAbortListener(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  { assumeRepeats }: { readonly assumeRepeats: boolean },
): { readonly fn: RepeatingSite; readonly assumed: boolean; readonly emitter: TSESTree.Node } | null {
  const [signal, listener] = call.arguments;
  if (!signal || !listener || signal.type === AST_NODE_TYPES.SpreadElement || listener.type === AST_NODE_TYPES.SpreadElement) return null;
  if (call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const owner = callerSignalOwner(sourceCode, signal);
  if (!owner) return null;
  const site = judgeCallerSignal(sourceCode, call, owner, signal, skipTypeWrappers(listener), assumeRepeats);
  return site ? { fn: site.fn, assumed: site.assumed, emitter: signal } : null;
}

/** `addAbortListener(…)` imported from `node:events`, or `events.addAbortListener(…)`. */
export function isAbortListenerHelper(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  const callee = skipTypeWrappers(call.callee);
  const root = callee.type === AST_NODE_TYPES.MemberExpression ? skipTypeWrappers(callee.object) : callee;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const def = variableOf(sourceCode, root)?.defs[0];
  if (def?.type === DefinitionType.ImportBinding) {
    const source = def.parent.type === AST_NODE_TYPES.ImportDeclaration ? def.parent.source.value : '';
    return source === 'events' || source === 'node:events';
  }
  if (def?.type === DefinitionType.Variable && def.node.init) {
    const init = skipTypeWrappers(def.node.init);
    // const events = require('node:events'), const { addAbortListener } = require('events')
    return (
      init.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === 'require' &&
      ['events', 'node:events'].includes(staticString(sourceCode, init.arguments[0] ?? init) ?? '')
    );
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Global emitters from code that runs more than once

/** `process` and its streams, and the `cluster` module: emitters of the whole process. */
function isGlobalEmitter(sourceCode: Readonly<TSESLint.SourceCode>, emitter: TSESTree.Node): boolean {
  let value = skipTypeWrappers(emitter);
  if (value.type === AST_NODE_TYPES.MemberExpression && PROCESS_STREAMS.has(ASTUtils.getPropertyName(value) ?? '')) value = skipTypeWrappers(value.object);
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, value);
  if (!variable || variable.defs.length === 0) return value.name === 'process';
  const def = variable.defs[0];
  if (def?.type === DefinitionType.ImportBinding) {
    const source = def.parent.type === AST_NODE_TYPES.ImportDeclaration ? def.parent.source.value : '';
    return source === 'cluster' || source === 'node:cluster' || source === 'process' || source === 'node:process';
  }
  return false;
}

/**
 * The function around `node` when the file runs it more than once: in a loop, from two places
 * that are not alternatives (`new Pool(); new Pool()`), again from inside itself (a `start()` that
 * restarts), or from one place that itself runs more than once. `null` when the file does not show it.
 */
function runsMoreThanOnce(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth = 0): RepeatingSite | null {
  if (depth > 6) return null;
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) break;
    if (isLoop(parent) && loopBody(parent) === child && !eventVariesWith(sourceCode, node, parent)) return enclosingFunction(node) ?? null;
  }
  const fn = enclosingFunction(node);
  if (!fn) return null;
  const parent = fn.parent;
  if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && (parent.callee === fn || isArgumentOf(parent, fn))) {
    // An IIFE or a callback (`forEach`, `then`): it runs as often as the call it is part of.
    if (parent.type === AST_NODE_TYPES.CallExpression && isArgumentOf(parent, fn) && ITERATING.has(calleeName(parent) ?? '')) {
      return eventVariesWith(sourceCode, node, fn) ? null : fn;
    }
    return runsMoreThanOnce(sourceCode, parent, depth + 1) ? fn : null;
  }
  const { sites, complete } = invocationSites(sourceCode, fn);
  const inside = sites.filter((site) => isInside(site, fn));
  const outside = sites.filter((site) => !isInside(site, fn));
  const site = siteOf(fn);
  if (inside.length > 0 && (outside.length > 0 || !complete)) return site;
  const calls = outside.filter((use) => use.type === AST_NODE_TYPES.CallExpression || use.type === AST_NODE_TYPES.NewExpression);
  for (let i = 0; i < calls.length; i++) {
    for (let j = i + 1; j < calls.length; j++) {
      const a = calls[i];
      const b = calls[j];
      if (a && b && bothRun(a, b)) return site;
    }
  }
  const only = calls[0];
  return calls.length === 1 && only && runsMoreThanOnce(sourceCode, only, depth + 1) ? site : null;
}

/**
 * `for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, …)`: the registration's event
 * is a variable of the loop (or of the iterating callback), so each iteration listens to another event.
 */
function eventVariesWith(sourceCode: Readonly<TSESLint.SourceCode>, registration: TSESTree.Node, loop: TSESTree.Node): boolean {
  if (registration.type !== AST_NODE_TYPES.CallExpression) return false;
  const event = registration.arguments[0];
  if (!event) return false;
  let varies = false;
  const visit = (node: TSESTree.Node): undefined => {
    if (varies || node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const def = variableOf(sourceCode, node)?.defs[0];
    if (def && isInside(def.name, loop)) varies = true;
    return undefined;
  };
  visit(event);
  forEachDescendant(event, sourceCode.visitorKeys, visit);
  return varies;
}

const ITERATING = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'some', 'every']);

/** A constructor or method is named by its member in messages. */
function siteOf(fn: FunctionNode): RepeatingSite {
  const parent = fn.parent;
  return parent.type === AST_NODE_TYPES.MethodDefinition && parent.value === fn ? parent : fn;
}

function isLoop(
  node: TSESTree.Node,
): node is TSESTree.ForStatement | TSESTree.ForInStatement | TSESTree.ForOfStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement
  );
}

function loopBody(
  loop: TSESTree.ForStatement | TSESTree.ForInStatement | TSESTree.ForOfStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement,
): TSESTree.Node {
  return loop.body;
}

/**
 * Two calls that both run when the code around them runs: in the same function (or both at module
 * level) and not alternatives, or one a `this.start()` from another method of the same class (a
 * `restart()`). Calls from two different callbacks (two CLI commands' actions, `start` and `create`
 * entry points) may be alternatives the file cannot see.
 */
function bothRun(a: TSESTree.Node, b: TSESTree.Node): boolean {
  if (alternatives(a, b)) return false;
  const fa = enclosingFunction(a);
  const fb = enclosingFunction(b);
  return fa === fb || isSiblingMethodCall(a) || isSiblingMethodCall(b);
}

function isSiblingMethodCall(call: TSESTree.Node): boolean {
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (call.callee.object.type !== AST_NODE_TYPES.ThisExpression) return false;
  const method = enclosingMethod(call);
  return method !== null && method.member.type === AST_NODE_TYPES.MethodDefinition && method.member.kind === 'method';
}

/** Two calls in different branches of one `if`, `? :`, `switch` or `&&`/`||`: at most one of them runs. */
function alternatives(a: TSESTree.Node, b: TSESTree.Node): boolean {
  const ancestorsOfA: TSESTree.Node[] = [];
  for (let node: TSESTree.Node | undefined = a; node; node = node.parent) ancestorsOfA.push(node);
  let childOfB: TSESTree.Node = b;
  let common: TSESTree.Node | undefined = b.parent;
  while (common && !ancestorsOfA.includes(common)) {
    childOfB = common;
    common = common.parent;
  }
  if (!common) return false;
  const childOfA = ancestorsOfA[ancestorsOfA.indexOf(common) - 1];
  if (!childOfA || childOfA === childOfB) return false;
  switch (common.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return childOfA !== common.test && childOfB !== common.test;
    case AST_NODE_TYPES.SwitchStatement:
    case AST_NODE_TYPES.LogicalExpression:
      return true;
    default:
      return false;
  }
}

/**
 * `if (!registered) { registered = true; process.on(…) }`, `if (installed) return; installed = true;
 * …`: a flag the registration sets makes it run once, however often the code around it runs.
 */
function isGuardedOnce(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.Node): boolean {
  const fn = enclosingFunction(call);
  for (let child: TSESTree.Node = call, parent = call.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child) {
      const flag = negatedFlag(sourceCode, parent.test);
      if (flag !== null && assignsFlag(sourceCode, parent.consequent, flag)) return true;
    }
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) {
      const statements: readonly TSESTree.Node[] = parent.body;
      const before = statements.slice(0, statements.indexOf(child));
      for (const statement of before) {
        if (statement.type !== AST_NODE_TYPES.IfStatement || !exits(statement.consequent)) continue;
        const flag = flagText(sourceCode, statement.test);
        if (flag !== null && before.some((other) => other !== statement && assignsFlag(sourceCode, other, flag))) return true;
      }
    }
  }
  return false;
}

/** `!x`, `!this.installed`, `x === false`, `x == null`, `!x.has(key)` … as the text of what is tested. */
function negatedFlag(sourceCode: Readonly<TSESLint.SourceCode>, test: TSESTree.Node): string | null {
  const value = skipTypeWrappers(test);
  const membership = membershipTest(sourceCode, value);
  if (membership !== null) return membership;
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!') return flagText(sourceCode, value.argument);
  if (value.type === AST_NODE_TYPES.BinaryExpression && ['===', '==', '!==', '!='].includes(value.operator)) {
    const right = skipTypeWrappers(value.right);
    const nullish =
      right.type === AST_NODE_TYPES.Literal
        ? right.value === null || right.value === false
        : right.type === AST_NODE_TYPES.Identifier && right.name === 'undefined';
    if (nullish && (value.operator === '===' || value.operator === '==')) return flagText(sourceCode, value.left);
  }
  return null;
}

/** `!seen.has(socket)` / `seen.has(socket) === false`: the flag is `seen.has(socket)`, set by `seen.add(socket)`. */
function membershipTest(sourceCode: Readonly<TSESLint.SourceCode>, value: TSESTree.Node): string | null {
  let tested: TSESTree.Node | null = null;
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!') tested = skipTypeWrappers(value.argument);
  if (value.type === AST_NODE_TYPES.BinaryExpression && (value.operator === '===' || value.operator === '==')) {
    const right = skipTypeWrappers(value.right);
    if (right.type === AST_NODE_TYPES.Literal && right.value === false) tested = skipTypeWrappers(value.left);
  }
  if (tested?.type !== AST_NODE_TYPES.CallExpression || tested.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (ASTUtils.getPropertyName(tested.callee) !== 'has' || !tested.arguments[0]) return null;
  return `${referenceText(sourceCode, tested.callee.object)}.has(${sourceCode.getText(tested.arguments[0])})`;
}

function flagText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string | null {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression) return referenceText(sourceCode, value);
  return null;
}

function exits(statement: TSESTree.Statement): boolean {
  const value = statement.type === AST_NODE_TYPES.BlockStatement && statement.body.length === 1 ? statement.body[0] : statement;
  return value?.type === AST_NODE_TYPES.ReturnStatement || value?.type === AST_NODE_TYPES.ThrowStatement;
}

/** Whether `node` writes the flag: `flag = …`, `this.flag = true`, `flag.add(key)`, `flag.set(…)`. */
function assignsFlag(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, flag: string): boolean {
  let found = false;
  forEachDescendant(node, sourceCode.visitorKeys, (descendant) => {
    if (found || (isFunctionNode(descendant) && descendant !== node)) return false;
    if (descendant.type === AST_NODE_TYPES.AssignmentExpression && referenceText(sourceCode, descendant.left) === flag) found = true;
    if (descendant.type === AST_NODE_TYPES.CallExpression && descendant.callee.type === AST_NODE_TYPES.MemberExpression && descendant.arguments[0]) {
      const name = ASTUtils.getPropertyName(descendant.callee);
      if (
        (name === 'add' || name === 'set') &&
        `${referenceText(sourceCode, descendant.callee.object)}.has(${sourceCode.getText(descendant.arguments[0])})` === flag
      )
        found = true;
    }
    return undefined;
  });
  return found;
}

function isArgumentOf(call: TSESTree.CallExpression | TSESTree.NewExpression, node: TSESTree.Node): boolean {
  return (call.arguments as readonly TSESTree.Node[]).includes(node);
}

function isRemoved(sourceCode: Readonly<TSESLint.SourceCode>, emitter: TSESTree.Node, listener: TSESTree.Node, index: ListenerIndex): boolean {
  if (index.clearedEmitters.has(referenceText(sourceCode, emitter))) return true;
  return listenerNames(sourceCode, listener).some((name) => index.removedListeners.has(name));
}

/** The texts a removal could name this listener by: its expression, or the name of a named function. */
function listenerNames(sourceCode: Readonly<TSESLint.SourceCode>, listener: TSESTree.Node): string[] {
  if (isFunctionNode(listener)) {
    // An inline function can only be removed by a name it gives itself: `function onData() { …off(…, onData) }`.
    return listener.id ? [listener.id.name] : [];
  }
  // `handler.bind(this)` makes a new function each time: only the same expression stored can remove it.
  return [referenceText(sourceCode, listener)];
}

/** Every removal and `removeAllListeners` call of a file, collected as the rule traverses it. */
export function recordRemoval(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression & { callee: TSESTree.MemberExpression },
  index: { removedListeners: Set<string>; clearedEmitters: Set<string> },
): void {
  if (ASTUtils.getPropertyName(call.callee) === 'removeAllListeners') {
    index.clearedEmitters.add(referenceText(sourceCode, call.callee.object));
    return;
  }
  const listener = call.arguments[1];
  if (listener) index.removedListeners.add(referenceText(sourceCode, listener));
}
