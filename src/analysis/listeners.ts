import { DefinitionType, ScopeType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { isFileScope, isFunctionNode, lookupProperty, referenceText, skipTypeWrappers, variableOf } from '../util/ast.js';
import {
  classOfThis,
  enclosingMethod,
  functionName,
  isLongLivedClass,
  isRegisteredCallback,
  repeatingFunction,
  runsAtSetup,
  type FunctionNode,
  type RepeatingSite,
} from './lifetimes.js';

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

/** Where a registration repeats over the emitter's life, or `null` when it runs once per emitter. */
function repeatingSite(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  lifetime: EmitterLifetime,
): Registration['fn'] | null {
  if (runsAtSetup(call)) return null;
  if (lifetime.kind === 'module') {
    const method = enclosingMethod(call);
    // A constructor runs once per instance; whether instances are many is not known here.
    if (method?.member.type === AST_NODE_TYPES.MethodDefinition && method.member.kind === 'constructor') return null;
    return repeatingFunction(sourceCode, call, null);
  }
  // A factory's emitter: only functions the factory hands out (returns, stores) repeat; a callback it
  // registers on an object of the same call (`stream.on('pipe', …)`) lives and dies with that object.
  if (lifetime.kind === 'function') return repeatingFunction(sourceCode, call, lifetime.owner, { throughCalls: false });
  const method = enclosingMethod(call);
  if (!method || method.classNode !== lifetime.classNode) return null;
  const member = method.member;
  if (member.type === AST_NODE_TYPES.StaticBlock) return null;
  if (member.type === AST_NODE_TYPES.MethodDefinition && (member.kind === 'constructor' || member.static)) return null;
  return member;
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
  if (!lifetime) return null;
  const fn = repeatingSite(sourceCode, call, lifetime);
  if (!fn) return null;
  if (isProcessLifecycle(sourceCode, emitter, event) && !inHandlerOrLoop(call)) return null;

  const emitterText = referenceText(sourceCode, emitter);
  if (index.clearedEmitters.has(emitterText)) return null;
  for (const name of listenerNames(sourceCode, listenerValue)) {
    if (index.removedListeners.has(name)) return null;
  }
  return { call, emitter, method, fn };
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

/**
 * Inside a handler (a callback registered with `.on`, a route, `setInterval`…), a loop, or a
 * factory (`createServer()`): evidence that the code runs per request, item or instance, not once
 * per process in an entry function.
 */
function inHandlerOrLoop(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current) && (isRegisteredCallback(current) || FACTORY_NAME.test(functionName(current) ?? ''))) return true;
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return true;
      default:
        break;
    }
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
