import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { forEachDescendant, isFunctionNode, referenceText, skipTypeWrappers, staticKeyName, variableOf } from '../util/ast.js';
import { memoPerFile } from '../util/memo.js';
import { apiIndex, findApiReferences, type ApiSpec } from '../util/references.js';
import { classOfThis, enclosingFunction, enclosingMethod, isInside, type ClassNode, type FunctionNode } from './lifetimes.js';
import { functionRepetition, repetitionWithin, siteRepetition, type Repetition } from './repetition.js';

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
  /** The `clearTimeout(…)` / `clearInterval(…)` calls themselves. */
  readonly clears: readonly TSESTree.CallExpression[];
  /** The `new Promise(…)` of the real global `Promise` (not a local class of that name). */
  readonly promises: ReadonlySet<TSESTree.Node>;
  /** The `new AbortController()` of the real global. */
  readonly controllers: ReadonlySet<TSESTree.Node>;
}

const TIMER_SPECS: readonly ApiSpec<TimerCall['kind'] | 'clear'>[] = [
  { info: 'timeout', kind: 'call', global: 'setTimeout' },
  { info: 'interval', kind: 'call', global: 'setInterval' },
  { info: 'timeout', kind: 'call', module: { from: 'timers', path: 'setTimeout' } },
  { info: 'interval', kind: 'call', module: { from: 'timers', path: 'setInterval' } },
  { info: 'promise-timeout', kind: 'call', module: { from: 'timers/promises', path: 'setTimeout' } },
  { info: 'clear', kind: 'call', global: 'clearTimeout' },
  { info: 'clear', kind: 'call', global: 'clearInterval' },
  { info: 'clear', kind: 'call', module: { from: 'timers', path: 'clearTimeout' } },
  { info: 'clear', kind: 'call', module: { from: 'timers', path: 'clearInterval' } },
];

const AROUND_TIMER_SPECS: readonly ApiSpec<'promise' | 'controller'>[] = [
  { info: 'promise', kind: 'construct', global: 'Promise' },
  // bluebird's Promise has the same executor and race as the global one
  { info: 'promise', kind: 'construct', module: { from: 'bluebird', path: '' } },
  { info: 'controller', kind: 'construct', global: 'AbortController' },
];

export function fileTimers(sourceCode: Readonly<TSESLint.SourceCode>): FileTimers {
  return memoPerFile(sourceCode, 'timers', () => {
    const timers: TimerCall[] = [];
    const cleared = new Set<string>();
    const clears: TSESTree.CallExpression[] = [];
    const promises = new Set<TSESTree.Node>();
    const controllers = new Set<TSESTree.Node>();
    for (const ref of findApiReferences(
      sourceCode,
      apiIndex('timers', () => TIMER_SPECS),
    )) {
      if (ref.node.type !== AST_NODE_TYPES.CallExpression) continue;
      if (ref.info === 'clear') {
        const [handle] = ref.node.arguments;
        clears.push(ref.node);
        if (handle) cleared.add(referenceText(sourceCode, handle));
      } else {
        timers.push({ call: ref.node, kind: ref.info });
      }
    }
    // Races, promises and controllers matter only around timers: skip the lookup in the many files
    // that use Promise but no timer.
    if (timers.length > 0) {
      for (const ref of findApiReferences(
        sourceCode,
        apiIndex('timer-surroundings', () => AROUND_TIMER_SPECS),
      )) {
        if (ref.info === 'promise' && ref.node.type === AST_NODE_TYPES.NewExpression) promises.add(ref.node);
        else if (ref.info === 'controller' && ref.node.type === AST_NODE_TYPES.NewExpression) controllers.add(ref.node);
      }
    }
    return { timers, cleared, clears, promises, controllers };
  });
}

/**
 * Where the timer's handle goes: discarded (an expression statement, an arrow's returned value
 * nobody keeps), or kept in a variable, a property, a collection (`timers.set(id, setTimeout(…))`).
 */
export type HandleUse = { readonly kind: 'discarded' } | { readonly kind: 'kept'; readonly target: TSESTree.Node | null };

export function handleUse(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): HandleUse {
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
      return parent.body === node && isPromiseExecutor(sourceCode, parent) ? { kind: 'discarded' } : { kind: 'kept', target: null };
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

/** The executor of a `new Promise(…)` of the real global `Promise` (a local class of that name is not one). */
export function isPromiseExecutor(sourceCode: Readonly<TSESLint.SourceCode>, fn: TSESTree.Node): boolean {
  return (
    isFunctionNode(fn) && fn.parent.type === AST_NODE_TYPES.NewExpression && fn.parent.arguments[0] === fn && fileTimers(sourceCode).promises.has(fn.parent)
  );
}

/** The `new Promise(executor)` whose executor the node is directly in (not in a callback nested in it). */
export function enclosingPromise(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.NewExpression | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) {
      return isPromiseExecutor(sourceCode, current) && current.parent.type === AST_NODE_TYPES.NewExpression ? current.parent : null;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// A slot armed again: `this.timer = setTimeout(…)` on a path that runs again before it fires

/**
 * The one place a timer's handle lives for as long as its owner: `this.timer` (per instance), or a
 * `let` of the module or of an outer function (per call of that function), written with `=`.
 */
export interface HandleSlot {
  /** How the code names it: `this.timer`, `this.#timer`, `reconnectTimer`. */
  readonly text: string;
  readonly assignment: TSESTree.AssignmentExpression;
  /** The class of a `this.…` slot. */
  readonly classNode: ClassNode | null;
  /** The variable of a `let` slot. */
  readonly variable: TSESLint.Scope.Variable | null;
  /** The function whose call a `let` slot lives for; `null` for a module variable or `this.…`. */
  readonly owner: FunctionNode | null;
}

/** The name of `this.x` / `this.#x`, or `null` for anything else. */
function thisMemberName(node: TSESTree.Node): string | null {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression) return null;
  if (node.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${node.property.name}`;
  return node.computed ? null : ASTUtils.getPropertyName(node);
}

/**
 * The slot a timer's handle is assigned to, when the timer is armed in a function other than the
 * slot's own scope (or, for `this.…`, outside the constructor): the same slot can be armed again
 * while the timer it holds still runs. `null` otherwise (a `const` per call, a field initializer).
 */
export function handleSlot(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): HandleSlot | null {
  const use = handleUse(sourceCode, call);
  if (use.kind !== 'kept' || !use.target) return null;
  const target = use.target;
  const assignment = target.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== target || assignment.operator !== '=') return null;
  const fn = enclosingFunction(call);
  if (!fn) return null;
  const member = thisMemberName(target);
  if (member !== null && target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.ThisExpression) {
    const classNode = classOfThis(target.object);
    if (!classNode) return null;
    // The constructor runs once per instance: each instance has a slot of its own.
    const method = enclosingMethod(call);
    if (method?.member.type === AST_NODE_TYPES.MethodDefinition && method.member.kind === 'constructor') return null;
    if (method?.member.type === AST_NODE_TYPES.StaticBlock) return null;
    return { text: referenceText(sourceCode, target), assignment, classNode, variable: null, owner: null };
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, target);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== DefinitionType.Variable || def.parent.kind === 'const') return null;
  const scope = variable.scope.variableScope;
  // Declared in the function that arms it: a fresh slot per call.
  if (scope.block === fn || !isInside(fn, scope.block)) return null;
  const owner = isFunctionNode(scope.block) ? scope.block : null;
  return { text: target.name, assignment, classNode: null, variable, owner };
}

/** Whether `node` reads the slot (not the write that arms it). */
function readsSlot(node: TSESTree.Node, slot: HandleSlot, variableReads: ReadonlySet<TSESTree.Node>): boolean {
  if (slot.variable) return variableReads.has(node);
  if (node === slot.assignment.left) return false;
  const name = thisMemberName(node);
  if (name === null || `this.${name}` !== slot.text) return false;
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression) return false;
  const parent = node.parent;
  // `this.timer = …` writes the slot; it does not look at what it holds.
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node && parent.operator === '=') return false;
  return classOfThis(node.object) === slot.classNode;
}

/** A function of the file a call or a reference resolves to: a declared or `const` function, or a method of the class called on `this`. */
function resolvedFunction(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): FunctionNode | null {
  let value = skipTypeWrappers(node);
  // handler.bind(this)
  if (
    value.type === AST_NODE_TYPES.CallExpression &&
    value.callee.type === AST_NODE_TYPES.MemberExpression &&
    ASTUtils.getPropertyName(value.callee) === 'bind'
  ) {
    value = skipTypeWrappers(value.callee.object);
  }
  if (isFunctionNode(value)) return value;
  if (value.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, value);
    const def = variable?.defs[0];
    if (!def || variable.defs.length !== 1) return null;
    if (def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
    if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && isFunctionNode(def.node.init)) return def.node.init;
    return null;
  }
  const name = thisMemberName(value);
  if (name === null || value.type !== AST_NODE_TYPES.MemberExpression || value.object.type !== AST_NODE_TYPES.ThisExpression) return null;
  const classNode = classOfThis(value.object);
  return classNode ? methodValue(classNode, name) : null;
}

/** The function of the class's instance method (or function-valued field) `name`. */
function methodValue(classNode: ClassNode, name: string): FunctionNode | null {
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (member.static || member.computed) continue;
    const key = member.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${member.key.name}` : staticKeyName(member);
    if (key !== name || !member.value || !isFunctionNode(member.value)) continue;
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method') continue;
    return member.value;
  }
  return null;
}

const MAX_FUNCTIONS = 64;

/**
 * Whether, before `position`, the function (or a function of the file it calls there, a few calls
 * deep) looks at the slot: clears it, tests it, copies it. Code that looks at what a slot holds
 * before arming it again knows about the earlier timer.
 */
function looksAtSlotBefore(
  sourceCode: Readonly<TSESLint.SourceCode>,
  slot: HandleSlot,
  reads: ReadonlySet<TSESTree.Node>,
  root: FunctionNode | TSESTree.Node,
  position: number,
  seen: Set<TSESTree.Node>,
  depth: number,
): boolean {
  if (seen.has(root) || seen.size > MAX_FUNCTIONS) return false;
  seen.add(root);
  const walked = isFunctionNode(root) ? root.body : root;
  const within = walkedNodes(sourceCode, walked);
  if (slot.variable) {
    for (const read of reads) {
      if (read !== walked && read.range[0] < position && isInside(read, walked)) return true;
    }
  } else {
    for (const member of within.thisMembers.get(slot.text.slice('this.'.length)) ?? []) {
      if (member.range[0] < position && readsSlot(member, slot, reads)) return true;
    }
  }
  if (depth >= 3) return false;
  for (const { start, callee } of within.calls) {
    if (start >= position) break;
    if (looksAtSlotBefore(sourceCode, slot, reads, callee, Number.POSITIVE_INFINITY, seen, depth + 1)) return true;
  }
  return false;
}

/** What the slot questions need from a walk of a function body: its `this.x` members by name, and its calls of the file's functions in source order. */
interface WalkedNodes {
  readonly thisMembers: ReadonlyMap<string, readonly TSESTree.MemberExpression[]>;
  readonly calls: readonly { readonly start: number; readonly callee: FunctionNode }[];
}

/** The walk of `root` (its descendants), once per file however many slots ask. */
function walkedNodes(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node): WalkedNodes {
  const cache = memoPerFile(sourceCode, 'timer-slot-walks', () => new WeakMap<TSESTree.Node, WalkedNodes>());
  const cached = cache.get(root);
  if (cached) return cached;
  const thisMembers = new Map<string, TSESTree.MemberExpression[]>();
  const calls: { start: number; callee: FunctionNode }[] = [];
  forEachDescendant(root, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = thisMemberName(node);
      if (name !== null) {
        const list = thisMembers.get(name);
        if (list) list.push(node);
        else thisMembers.set(name, [node]);
        return false;
      }
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = resolvedFunction(sourceCode, node.callee);
      if (callee) calls.push({ start: node.range[0], callee });
    }
    return undefined;
  });
  const walked = { thisMembers, calls };
  cache.set(root, walked);
  return walked;
}

/** Where the file uses a function: references to its binding, `this.name` of its method. */
function usesOfFunction(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): TSESTree.Node[] {
  const owner = fn.parent;
  if ((owner.type === AST_NODE_TYPES.MethodDefinition || owner.type === AST_NODE_TYPES.PropertyDefinition) && owner.value === fn && !owner.static) {
    const name = owner.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${owner.key.name}` : staticKeyName(owner);
    const classNode = owner.parent.parent;
    const uses: TSESTree.Node[] = [];
    forEachDescendant(classNode.body, sourceCode.visitorKeys, (node) => {
      if (
        name !== null &&
        thisMemberName(node) === name &&
        node.type === AST_NODE_TYPES.MemberExpression &&
        node.object.type === AST_NODE_TYPES.ThisExpression &&
        classOfThis(node.object) === classNode
      ) {
        uses.push(node);
      }
    });
    return uses;
  }
  const binding =
    fn.type === AST_NODE_TYPES.FunctionDeclaration
      ? fn.id
      : owner.type === AST_NODE_TYPES.VariableDeclarator && owner.init === fn && owner.id.type === AST_NODE_TYPES.Identifier
        ? owner.id
        : null;
  const variable = binding ? variableOf(sourceCode, binding) : null;
  return (variable?.references ?? []).filter((ref) => ref.isRead()).map((ref) => ref.identifier);
}

/**
 * The functions a timer's callback runs, and every function of the file they call or hand on
 * (`socket.on('close', () => this.scheduleReconnect())` inside a `connect()` the callback calls),
 * up to a bound.
 */
function reachedFrom(sourceCode: Readonly<TSESLint.SourceCode>, starts: readonly FunctionNode[]): Set<FunctionNode> {
  const reached = new Set<FunctionNode>();
  const queue = [...starts];
  while (queue.length > 0 && reached.size < MAX_FUNCTIONS) {
    const fn = queue.shift();
    if (!fn || reached.has(fn)) continue;
    reached.add(fn);
    forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) {
        const target = resolvedFunction(sourceCode, node);
        if (target && !reached.has(target)) queue.push(target);
      }
    });
  }
  return reached;
}

/**
 * Whether the function arms the slot only when some state of the instance or the module says so —
 * `if (this.batch.length === 1) this.timer = setTimeout(…)`, or an early `return` on such a test:
 * a protocol that keeps one timer at a time through state other than the slot. A test of a
 * parameter (`if (options.flush)`) says nothing about earlier calls.
 */
function armedUnderStateGuard(sourceCode: Readonly<TSESLint.SourceCode>, slot: HandleSlot, fn: FunctionNode): boolean {
  const stateful = (test: TSESTree.Node): boolean => {
    let found = false;
    const check = (node: TSESTree.Node): void => {
      if (node.type === AST_NODE_TYPES.ThisExpression) found = true;
      if (node.type === AST_NODE_TYPES.Identifier) {
        const variable = variableOf(sourceCode, node);
        const scope = variable?.defs.length ? variable.scope.variableScope.block : null;
        if (scope && scope !== fn && !isInside(scope, fn) && variable?.defs.every((def) => def.type === DefinitionType.Variable)) found = true;
      }
    };
    check(test);
    forEachDescendant(test, sourceCode.visitorKeys, (node) => {
      if (found) return false;
      check(node);
      return undefined;
    });
    return found;
  };
  const assignment = slot.assignment;
  for (
    let child: TSESTree.Node = assignment, parent: TSESTree.Node | undefined = assignment.parent;
    parent && child !== fn;
    child = parent, parent = parent.parent
  ) {
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.test !== child && stateful(parent.test)) return true;
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child && stateful(parent.test)) return true;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === child && stateful(parent.left)) return true;
    if (parent.type === AST_NODE_TYPES.SwitchCase && parent.parent.type === AST_NODE_TYPES.SwitchStatement && stateful(parent.parent.discriminant)) return true;
    if (parent.type === AST_NODE_TYPES.BlockStatement) {
      // an earlier `if (<state>) return;` in the same block
      for (const statement of parent.body) {
        if (statement === child) break;
        if (statement.type === AST_NODE_TYPES.IfStatement && exits(statement.consequent) && stateful(statement.test)) return true;
      }
    }
  }
  return false;
}

/** A statement that always leaves: `return`, `throw`, or a block ending with one. */
function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-1) : undefined;
  return last !== undefined && exits(last);
}

/**
 * Whether arming the slot at `call` can leave an earlier timer of the slot running: nothing on the
 * way there looks at the slot first (no `clearTimeout(this.timer)`, no `if (this.timer) return`,
 * in the function or in a caller before its call), and the arming is not part of a chain that only
 * re-arms once the slot's timer has fired (a self-rescheduling timeout, a reconnect scheduled from
 * the close of the connection the timer opened).
 */
export function rearmsLiveSlot(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, slot: HandleSlot): boolean {
  const fn = enclosingFunction(call);
  if (!fn) return false;
  const reads = new Set<TSESTree.Node>((slot.variable?.references ?? []).filter((ref) => ref.isRead()).map((ref) => ref.identifier));
  // The function and those around it, and their callers before they call (`if (!this.timer) this.schedule()`).
  for (let current: FunctionNode | null = fn; current; current = enclosingFunction(current)) {
    if (looksAtSlotBefore(sourceCode, slot, reads, current, slot.assignment.range[0], new Set(), 0)) return false;
    for (const use of usesOfFunction(sourceCode, current)) {
      const caller = enclosingFunction(use);
      if (caller && looksAtSlotBefore(sourceCode, slot, reads, caller, use.range[0], new Set(), 1)) return false;
    }
    if (slot.owner && current === slot.owner) break;
  }
  if (armedUnderStateGuard(sourceCode, slot, fn)) return false;
  // A chain: the site is reached from the callback of a timer armed into the same slot.
  const callbacks: FunctionNode[] = [];
  for (const timer of fileTimers(sourceCode).timers) {
    const other = timer.kind === 'promise-timeout' ? null : handleSlot(sourceCode, timer.call);
    if (!other || other.text !== slot.text || other.classNode !== slot.classNode || other.variable !== slot.variable) continue;
    const [callback] = timer.call.arguments;
    const resolved = callback ? resolvedFunction(sourceCode, callback) : null;
    if (resolved) callbacks.push(resolved);
  }
  const reached = reachedFrom(sourceCode, callbacks);
  return ![...reached].some((reachedFn) => isInside(call, reachedFn));
}

/**
 * The slot a timer made per item of a loop is assigned to, when that slot outlives the iteration
 * (`this.timer`, a variable declared outside the loop body) and the iteration never looks at it
 * (no clear before arming it again, none after the work it guards): every iteration but the last
 * drops a live timer.
 */
export function loopSlotRearmed(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, body: TSESTree.Node): HandleSlot | null {
  const use = handleUse(sourceCode, call);
  if (use.kind !== 'kept' || !use.target) return null;
  const target = use.target;
  const assignment = target.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== target || assignment.operator !== '=') return null;
  let slot: HandleSlot;
  if (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.ThisExpression && thisMemberName(target) !== null) {
    slot = { text: referenceText(sourceCode, target), assignment, classNode: classOfThis(target.object), variable: null, owner: null };
  } else if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, target);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || !def || isInside(def.name, body)) return null;
    slot = { text: target.name, assignment, classNode: null, variable, owner: null };
  } else {
    return null;
  }
  const reads = new Set<TSESTree.Node>((slot.variable?.references ?? []).filter((ref) => ref.isRead()).map((ref) => ref.identifier));
  // A read anywhere in the iteration (a clear before the next arming, or after the work it guards) keeps one timer per iteration.
  return looksAtSlotBefore(sourceCode, slot, reads, body, Number.POSITIVE_INFINITY, new Set(), 0) ? null : slot;
}

// ---------------------------------------------------------------------------------------------
// Manual deadlines: `setTimeout(() => controller.abort(), ms)`

/** `controller.abort()`, `void controller.abort()`: the controller it aborts. */
function abortedObject(expression: TSESTree.Node): TSESTree.Node | null {
  let value = skipTypeWrappers(expression);
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void') value = skipTypeWrappers(value.argument);
  if (value.type === AST_NODE_TYPES.ChainExpression) value = value.expression;
  if (value.type !== AST_NODE_TYPES.CallExpression || value.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  return ASTUtils.getPropertyName(value.callee) === 'abort' ? skipTypeWrappers(value.callee.object) : null;
}

/**
 * A timer whose callback only aborts an `AbortController` the same function made
 * (`const controller = new AbortController(); setTimeout(() => controller.abort(), ms)`): a
 * deadline for work of this call. Returns the controller's name, or `null`.
 */
export function abortDeadline(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): string | null {
  const [callback] = call.arguments;
  if (!callback) return null;
  let aborted: TSESTree.Node | null = null;
  if (callback.type === AST_NODE_TYPES.ArrowFunctionExpression || callback.type === AST_NODE_TYPES.FunctionExpression) {
    const body = callback.body;
    if (body.type !== AST_NODE_TYPES.BlockStatement) aborted = abortedObject(body);
    else if (body.body.length === 1 && body.body[0]?.type === AST_NODE_TYPES.ExpressionStatement) aborted = abortedObject(body.body[0].expression);
  } else if (
    callback.type === AST_NODE_TYPES.CallExpression &&
    callback.callee.type === AST_NODE_TYPES.MemberExpression &&
    ASTUtils.getPropertyName(callback.callee) === 'bind' &&
    callback.callee.object.type === AST_NODE_TYPES.MemberExpression &&
    ASTUtils.getPropertyName(callback.callee.object) === 'abort'
  ) {
    aborted = skipTypeWrappers(callback.callee.object.object);
  }
  if (aborted?.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, aborted);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return null;
  if (!fileTimers(sourceCode).controllers.has(skipTypeWrappers(def.node.init))) return null;
  return variable.scope.variableScope.block === enclosingFunction(call) ? aborted.name : null;
}

const HANDLE_METHODS = new Set(['unref', 'ref', 'refresh', 'hasRef']);

/**
 * Whether a timer's handle is never cleared and goes nowhere the rule cannot follow: discarded, or
 * kept in a variable only ever passed to `.unref()`. A handle cleared anywhere, stored on an
 * object or handed on is left alone.
 */
export function handleNeverCleared(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  const use = handleUse(sourceCode, call);
  if (use.kind === 'discarded') return true;
  const target = use.target;
  if (target?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, target);
  if (!variable) return false;
  return variable.references.every((ref) => {
    if (!ref.isRead()) return true;
    const member = ref.identifier.parent;
    return (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === ref.identifier &&
      HANDLE_METHODS.has(ASTUtils.getPropertyName(member) ?? '') &&
      member.parent.type === AST_NODE_TYPES.CallExpression
    );
  });
}

/**
 * Whether the timer fails the promise it is created in when it fires: its callback is the
 * executor's `reject`, or calls it (`() => reject(new Error('timeout'))`).
 */
export function rejectsExecutor(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, promise: TSESTree.NewExpression): boolean {
  const executor = promise.arguments[0];
  const reject = executor && isFunctionNode(executor) ? executor.params[1] : undefined;
  if (reject?.type !== AST_NODE_TYPES.Identifier) return false;
  const [callback] = call.arguments;
  if (!callback) return false;
  if (callback.type === AST_NODE_TYPES.Identifier) return callback.name === reject.name;
  if (!isFunctionNode(callback)) return false;
  let calls = false;
  forEachDescendant(callback, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === reject.name) calls = true;
  });
  return calls;
}

/**
 * How often code runs on one instance of its class: like `siteRepetition`, except that a class
 * made per request (`per-item-class`) is no evidence, since each run may be on a new instance. A
 * method counts as repeating when one of its uses in the class repeats for another reason
 * (`socket.on('data', (chunk) => this.add(chunk))`), a few uses deep.
 */
export function repetitionOnInstance(sourceCode: Readonly<TSESLint.SourceCode>, site: TSESTree.Node, depth = 0): Repetition {
  const repetition = siteRepetition(sourceCode, site);
  if (repetition.kind !== 'repeats' || repetition.evidence !== 'per-item-class') return repetition;
  const fn = enclosingFunction(site);
  if (!fn || depth > 3) return { kind: 'unknown' };
  const owner = fn.parent;
  const isMember = (owner.type === AST_NODE_TYPES.MethodDefinition || owner.type === AST_NODE_TYPES.PropertyDefinition) && owner.value === fn;
  if (!isMember) {
    // A callback in a method: what its own registration says, else as often as where it is written.
    const own = functionRepetition(sourceCode, fn);
    if (own.kind === 'repeats' && own.evidence !== 'per-item-class') return own;
    return repetitionOnInstance(sourceCode, fn, depth + 1);
  }
  if (owner.type === AST_NODE_TYPES.MethodDefinition && owner.kind === 'constructor') return { kind: 'once' };
  for (const use of usesOfFunction(sourceCode, fn)) {
    const found = repetitionOnInstance(sourceCode, use, depth + 1);
    if (found.kind === 'repeats') return found;
  }
  return { kind: 'unknown' };
}

/** A first parameter that names what is closed (`disconnect(connectionId)`, `close(socket)`): not the instance itself. */
const NAMES_ANOTHER_THING = /(id|Id|ID|Key|Name)$|^(conn|connection|socket|ws|client|session|user|peer|channel|key|name|target|stream)$/;

/**
 * The method that ends an instance's life, of the names in `closeMethods`. Not one that ends
 * something the instance holds (`disconnect(connectionId)`), nor a `disconnect()` that a
 * `connect()` of the class undoes.
 */
export function closeMethodOf(classNode: ClassNode, closeMethods: ReadonlySet<string>): string | null {
  const names = new Set(
    classNode.body.body.flatMap((member) => ('key' in member && !member.computed ? [staticKeyName(member as TSESTree.MethodDefinition)] : [])),
  );
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    const name = staticKeyName(member);
    if (name === null || !closeMethods.has(name)) continue;
    if (name === 'disconnect' && (names.has('connect') || names.has('reconnect'))) continue;
    const value = member.value;
    const first = value && isFunctionNode(value) ? value.params[0] : undefined;
    if (first?.type === AST_NODE_TYPES.Identifier && NAMES_ANOTHER_THING.test(first.name)) continue;
    return name;
  }
  return null;
}

/**
 * The class and close method of an interval started in a constructor or instance method (not
 * the close method itself) of a class that has one, with no `clearInterval` in its callback.
 */
export function closableOwner(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  closeMethods: ReadonlySet<string>,
): { classNode: ClassNode; method: string } | null {
  const site = enclosingMethod(call);
  if (!site || site.member.type === AST_NODE_TYPES.StaticBlock || site.member.static) return null;
  if (site.member.type === AST_NODE_TYPES.PropertyDefinition && !(site.member.value && isFunctionNode(site.member.value))) return null;
  const method = closeMethodOf(site.classNode, closeMethods);
  if (method === null || staticKeyName(site.member) === method) return null;
  const [callback] = call.arguments;
  if (callback && /\bclearInterval\b/.test(sourceCode.getText(callback))) return null;
  return { classNode: site.classNode, method };
}

/**
 * An interval kept on the instance (`this.timer = setInterval(…)`, a field `timer = setInterval(…)`)
 * of a class whose close method never clears it: the field's class and text, and that method.
 */
export function unclearedIntervalField(
  sourceCode: Readonly<TSESLint.SourceCode>,
  keptIn: TSESTree.Node | null,
  cleared: ReadonlySet<string>,
  closeMethods: ReadonlySet<string>,
): { classNode: ClassNode; target: string; method: string } | null {
  const field = keptIn ? instanceField(sourceCode, keptIn) : null;
  const method = field ? closeMethodOf(field.classNode, closeMethods) : null;
  return field && method !== null && !cleared.has(field.target) ? { ...field, method } : null;
}

/** Where a handle kept on the instance lives: `this.timer = setInterval(…)` or a field `timer = setInterval(…)`. */
function instanceField(sourceCode: Readonly<TSESLint.SourceCode>, keptIn: TSESTree.Node): { classNode: ClassNode; target: string } | null {
  if (keptIn.type === AST_NODE_TYPES.MemberExpression && keptIn.object.type === AST_NODE_TYPES.ThisExpression) {
    const classNode = classOfThis(keptIn.object);
    return classNode ? { classNode, target: referenceText(sourceCode, keptIn) } : null;
  }
  if (keptIn.type === AST_NODE_TYPES.PropertyDefinition && !keptIn.static) {
    const key = keptIn.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${keptIn.key.name}` : staticKeyName(keptIn);
    return key === null ? null : { classNode: keptIn.parent.parent, target: `this.${key}` };
  }
  return null;
}

/**
 * How often a slot is armed again while it lives: a module variable as often as the code runs, an
 * outer function's variable as often as the code runs per call of that function, `this.timer` as
 * often as the code runs on one instance (a class made per request does not re-arm one instance's
 * slot, so that evidence does not count).
 */
export function slotRepetition(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, slot: HandleSlot): Repetition {
  if (slot.owner) return repetitionWithin(sourceCode, call, slot.owner);
  return slot.classNode ? repetitionOnInstance(sourceCode, call) : siteRepetition(sourceCode, call);
}
