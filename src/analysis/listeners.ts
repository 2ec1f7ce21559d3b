import { DefinitionType, ScopeType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { forEachDescendant, isFileScope, isFunctionNode, lookupProperty, referenceText, skipTypeWrappers, variableOf } from '../util/ast.js';
import { classOfThis, enclosingFunction, enclosingMethod, functionName, type FunctionNode, type RepeatingSite } from './lifetimes.js';
import { isLongLivedClass, repeatVerdict, repetitionWithin, siteRepetition, type Repetition } from './repetition.js';

/**
 * Listener registrations that accumulate: the analysis behind `no-listener-leak`. The emitter is
 * the long-lived binding, the registration is the growth, the removal is the eviction.
 */

export const ADDING_METHODS = ['on', 'addListener', 'prependListener', 'addEventListener'];
export const ONCE_METHODS = ['once', 'prependOnceListener'];
export const REMOVING_METHODS = ['off', 'removeListener', 'removeEventListener'];

export interface Registration {
  readonly call: TSESTree.CallExpression & { callee: TSESTree.MemberExpression };
  readonly emitter: TSESTree.Expression;
  readonly method: string;
  /** Where it runs again and again while the emitter lives. */
  readonly fn: RepeatingSite;
  /** The file shows no repetition: the rule was told to assume that `fn` runs per call. */
  readonly assumed: boolean;
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
  { assumeRepeats }: { readonly assumeRepeats: boolean },
): Registration | null {
  const method = ASTUtils.getPropertyName(call.callee);
  if (method === null) return null;
  const [event, listener, options] = call.arguments;
  // `events.on(emitter, 'name')` from node:events takes the emitter first and iterates with a signal.
  if (!event || !listener || event.type === AST_NODE_TYPES.SpreadElement || listener.type === AST_NODE_TYPES.SpreadElement) return null;
  const listenerValue = skipTypeWrappers(listener);
  if (listenerValue.type === AST_NODE_TYPES.Literal || listenerValue.type === AST_NODE_TYPES.TemplateLiteral) return null;
  if (optionsRemoveListener(sourceCode, options)) return null;

  // The result is kept: a custom emitter's unsubscribe handle, returned to whoever asked.
  if (call.parent.type !== AST_NODE_TYPES.ExpressionStatement && call.parent.type !== AST_NODE_TYPES.ChainExpression) return null;
  // The caller's own listener, forwarded: a subscription API, whose caller decides when to remove it.
  if (listenerValue.type === AST_NODE_TYPES.Identifier && variableOf(sourceCode, listenerValue)?.defs[0]?.type === DefinitionType.Parameter) {
    return null;
  }

  const emitter = call.callee.object;
  const lifetime = emitterLifetime(sourceCode, emitter);
  if (!lifetime || createdInSameCall(sourceCode, emitter, call)) return null;
  const site = repeatingSite(sourceCode, call, lifetime, assumeRepeats);
  if (!site) return null;
  // Entry code installs process lifecycle handlers; only a factory is assumed to install them per instance.
  if (site.assumed && isProcessLifecycle(sourceCode, emitter, event) && !inFactory(call)) return null;

  const emitterText = referenceText(sourceCode, emitter);
  if (index.clearedEmitters.has(emitterText)) return null;
  for (const name of listenerNames(sourceCode, listenerValue)) {
    if (index.removedListeners.has(name)) return null;
  }
  return { call, emitter, method, fn: site.fn, assumed: site.assumed };
}

const PROCESS_LIFECYCLE_EVENTS = new Set([
  'SIGTERM',
  'SIGINT',
  'SIGHUP',
  'SIGUSR1',
  'SIGUSR2',
  'exit',
  'beforeExit',
  'uncaughtException',
  'unhandledRejection',
  'warning',
]);

/** `process.on('SIGTERM' | 'exit' | 'uncaughtException' …)`: handlers a process's entry code installs. */
function isProcessLifecycle(sourceCode: Readonly<TSESLint.SourceCode>, emitter: TSESTree.Node, event: TSESTree.Node): boolean {
  const value = skipTypeWrappers(emitter);
  if (value.type !== AST_NODE_TYPES.Identifier || value.name !== 'process') return false;
  const name = event.type === AST_NODE_TYPES.Literal ? event.value : null;
  return typeof name === 'string' && PROCESS_LIFECYCLE_EVENTS.has(name) && variableOf(sourceCode, value)?.defs.length !== 1;
}

const FACTORY_NAME = /^(create|make|build|new)[A-Z_]/;

/** Inside a `create…()` / `make…()` factory: code that runs once per instance it makes. */
function inFactory(node: TSESTree.Node): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (FACTORY_NAME.test(functionName(fn) ?? '')) return true;
  }
  return false;
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
