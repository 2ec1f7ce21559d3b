import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { calleeName, isFunctionNode, lookupProperty, referenceText, skipTypeWrappers, staticKeyName, variableOf } from '../util/ast.js';
import { forEachDescendant } from '../util/ast.js';
import { apiIndex, findApiReferences, type ApiSpec } from '../util/references.js';
import { isInside, type FunctionNode } from './lifetimes.js';

/**
 * Retries with no cap: loops and recursion that go round again on failure with nothing that
 * bounds them, and retry libraries configured to retry forever.
 */

const COMPARISONS = new Set(['<', '>', '<=', '>=', '===', '!==', '==', '!=']);

/** Text of a counter-like expression: `attempt`, `this.retries`, `state.tries`. */
function counterText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string | null {
  const value = skipTypeWrappers(node);
  return value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression ? referenceText(sourceCode, value) : null;
}

/**
 * Whether code bounds its repetitions: a counter that is incremented (or decremented) and compared
 * (`attempt++` … `attempt >= MAX`), a deadline (`Date.now() > deadline`), or an abort signal checked.
 */
export function hasBound(sourceCode: Readonly<TSESLint.SourceCode>, roots: readonly TSESTree.Node[], extraCounters: ReadonlySet<string> = new Set()): boolean {
  const updated = new Set<string>(extraCounters);
  const compared: string[] = [];
  let bounded = false;
  const visit = (node: TSESTree.Node): void => {
    if (bounded) return;
    if (node.type === AST_NODE_TYPES.UpdateExpression) {
      const text = counterText(sourceCode, node.argument);
      if (text) updated.add(text);
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression && ['+=', '-=', '='].includes(node.operator)) {
      const text = counterText(sourceCode, node.left);
      const right = skipTypeWrappers(node.right);
      if (text && (node.operator !== '=' || (right.type === AST_NODE_TYPES.BinaryExpression && ['+', '-'].includes(right.operator)))) {
        updated.add(text);
      }
    } else if (node.type === AST_NODE_TYPES.BinaryExpression && COMPARISONS.has(node.operator)) {
      const text = sourceCode.getText(node);
      if (/\b(Date\.now|performance\.now|hrtime)\b/.test(text)) bounded = true;
      // `job.attemptsMade >= MAX`, `this.retries < limit`: a count kept on an object, raised wherever the object is handled
      if (!['===', '!==', '==', '!='].includes(node.operator) && [node.left, node.right].some(isCountOnObject)) bounded = true;
      compared.push(text);
    } else if (node.type === AST_NODE_TYPES.MemberExpression && ASTUtils.getPropertyName(node) === 'aborted') {
      bounded = true;
    } else if (node.type === AST_NODE_TYPES.MemberExpression && LIFECYCLE_FLAG.test(ASTUtils.getPropertyName(node) ?? '') && inTest(node)) {
      // `if (!session.closed) reconnect()`: stopped when its owner is closed, like an aborted signal
      bounded = true;
    } else if (node.type === AST_NODE_TYPES.CallExpression && calleeName(node) === 'throwIfAborted') {
      bounded = true;
    }
  };
  for (const root of roots) {
    visit(root);
    forEachDescendant(root, sourceCode.visitorKeys, visit);
  }
  if (bounded) return true;
  for (const counter of updated) {
    const pattern = new RegExp(`(^|[^\\w$.])${counter.replace(/[.$*+?^()[\]{}|\\]/g, '\\$&')}(?![\\w$])`);
    if (compared.some((text) => pattern.test(text))) return true;
  }
  return false;
}

/** The name of a count of attempts: `attempts`, `attemptsMade`, `retries`, `retryCount`, `tries`. */
const COUNT_NAME = /^(attempts?|attemptsMade|attemptCount|retries|retryCount|retried|tries|tried|failures|failureCount|failedAttempts)$/i;

/** `job.tries`, `this.attempts`, `state.retries++`: a count of attempts kept on an object. */
function isCountOnObject(node: TSESTree.Node): boolean {
  let value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.UpdateExpression) value = skipTypeWrappers(value.argument);
  return value.type === AST_NODE_TYPES.MemberExpression && COUNT_NAME.test(ASTUtils.getPropertyName(value) ?? '');
}

/** Flags saying the owner of a retry has been shut down: `closed`, `stopped`, `destroyed`, `shuttingDown`. */
const LIFECYCLE_FLAG = /^(is)?(closed|closing|stopped|stopping|destroyed|disposed|shuttingDown|shutdown|terminated|cancell?ed)$/i;

/** Whether the node is (part of) the test of an `if`, a conditional, or a loop. */
function inTest(node: TSESTree.Node): boolean {
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
        return 'test' in parent && parent.test === child;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.left === child) return true;
        continue;
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.BinaryExpression:
        continue;
      default:
        return false;
    }
  }
  return false;
}

/** Statements that leave the loop or function: `return`, `break`, `throw` (not inside nested functions or loops). */
function exits(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node, kinds: ReadonlySet<string>): boolean {
  // a labelled break is not ours; an unlabelled one (outside a nested switch) is
  const isExit = (node: TSESTree.Node): boolean =>
    kinds.has(node.type) && (node.type !== AST_NODE_TYPES.BreakStatement || node.label === null);
  if (isExit(root)) return true;
  let found = false;
  forEachDescendant(root, sourceCode.visitorKeys, (node) => {
    if (found) return false;
    if (isExit(node)) {
      found = true;
      return false;
    }
    // nested functions and switches have exits of their own
    return !isFunctionNode(node) && node.type !== AST_NODE_TYPES.SwitchStatement;
  });
  return found;
}

/** `this.rethrowError(err)`, `throwIfFatal(err)`: a helper that throws for us. */
function callsRethrow(sourceCode: Readonly<TSESLint.SourceCode>, block: TSESTree.BlockStatement): boolean {
  return block.body.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    const expression = skipTypeWrappers(statement.expression);
    const call = expression.type === AST_NODE_TYPES.AwaitExpression ? skipTypeWrappers(expression.argument) : expression;
    return call.type === AST_NODE_TYPES.CallExpression && /^(re)?throw/i.test(calleeName(call) ?? '') && sourceCode.getText(call).length > 0;
  });
}

/**
 * The block leaves unconditionally (a top-level `throw` / `return` / `break`), or goes round only
 * after a recovery step that itself leaves when it fails (`try { await resume() } catch { throw }`).
 */
function alwaysExits(block: TSESTree.BlockStatement): boolean {
  return block.body.some(
    (statement) =>
      (FAILURE_EXITS.has(statement.type) && (statement.type !== AST_NODE_TYPES.BreakStatement || statement.label === null)) ||
      (statement.type === AST_NODE_TYPES.TryStatement && statement.handler !== null && alwaysExits(statement.handler.body)),
  );
}

const SUCCESS_EXITS = new Set([AST_NODE_TYPES.ReturnStatement, AST_NODE_TYPES.BreakStatement]);
const FAILURE_EXITS = new Set([AST_NODE_TYPES.ReturnStatement, AST_NODE_TYPES.BreakStatement, AST_NODE_TYPES.ThrowStatement]);

function isEndlessTest(test: TSESTree.Expression | null): { kind: 'forever' } | { kind: 'flag'; flag: string } | null {
  if (test === null) return { kind: 'forever' };
  const value = skipTypeWrappers(test);
  if (value.type === AST_NODE_TYPES.Literal && (value.value === true || value.value === 1)) return { kind: 'forever' };
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!' && value.argument.type === AST_NODE_TYPES.Identifier) {
    return { kind: 'flag', flag: value.argument.name };
  }
  return null;
}

/**
 * A retry loop: it runs until an operation succeeds — its body tries the operation, leaves the loop
 * on success (`return` / `break`, or sets the flag it loops on) and goes round again from the
 * `catch`. A consumer loop, whose success goes round again too, is not one.
 */
export function isUncappedRetryLoop(
  sourceCode: Readonly<TSESLint.SourceCode>,
  loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement,
): boolean {
  return uncappedRetryTries(sourceCode, loop).length > 0;
}

/** The `try` statements of an uncapped retry loop whose `catch` goes round again; empty when the loop is not one. */
export function uncappedRetryTries(
  sourceCode: Readonly<TSESLint.SourceCode>,
  loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement,
): TSESTree.TryStatement[] {
  const endless = isEndlessTest(loop.test);
  if (!endless) return [];
  const body = loop.body;
  const tries: TSESTree.TryStatement[] = [];
  const statements = body.type === AST_NODE_TYPES.BlockStatement ? body.body : [body];
  statements.forEach((statement, index) => {
    // After the catch, the loop must go round again: no exit decided after the try (`if (failed) return`).
    const after = statements.slice(index + 1);
    if (statement.type === AST_NODE_TYPES.TryStatement && statement.handler && !after.some((next) => exits(sourceCode, next, FAILURE_EXITS))) {
      tries.push(statement);
    }
  });
  const retrying = tries.filter((attempt) => {
    const handler = attempt.handler;
    // A catch that always leaves ends the loop; one that leaves only for some errors still retries the rest.
    if (!handler || alwaysExits(handler.body) || callsRethrow(sourceCode, handler.body)) return false;
    if (endless.kind === 'flag') {
      let sets = false;
      forEachDescendant(attempt.block, sourceCode.visitorKeys, (node) => {
        if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier && node.left.name === endless.flag) sets = true;
      });
      return sets || exits(sourceCode, attempt.block, SUCCESS_EXITS);
    }
    return exits(sourceCode, attempt.block, SUCCESS_EXITS);
  });
  if (retrying.length === 0) return [];
  return hasBound(sourceCode, [loop.test ?? loop, body]) ? [] : retrying;
}

/** The name a function calls itself by: its own name, the variable it is bound to, or `this.method`. */
function selfReference(fn: FunctionNode): { kind: 'name'; id: TSESTree.Identifier } | { kind: 'method'; name: string } | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return { kind: 'name', id: fn.id };
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return { kind: 'name', id: parent.id };
  if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.value === fn) {
    const name = staticKeyName(parent);
    return name === null ? null : { kind: 'method', name };
  }
  if (fn.type === AST_NODE_TYPES.FunctionExpression && fn.id) return { kind: 'name', id: fn.id };
  return null;
}

/** The failure paths a self-call may sit in on its way up to the function. */
function inFailurePath(call: TSESTree.Node, fn: FunctionNode): boolean {
  let failure = false;
  for (let child: TSESTree.Node = call, parent: TSESTree.Node | undefined = call.parent; parent && child !== fn; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.CatchClause) failure = true;
    if (isFunctionNode(child) && child !== fn) {
      // crossing into a callback: only failure callbacks and timers keep us on the failure path
      if (parent.type !== AST_NODE_TYPES.CallExpression || parent.callee === child) return false;
      const name = calleeName(parent);
      if (name === 'catch' || (name === 'then' && parent.arguments[1] === child)) failure = true;
      else if (name === 'setTimeout' || name === 'setImmediate' || name === 'nextTick') {
        /* a delay on the way: keep looking for the failure path above it */
      } else if (isErrorFirstBranch(call, child)) failure = true;
      else if (name !== 'on' && name !== 'once') return false;
      else if (parent.arguments[0]?.type === AST_NODE_TYPES.Literal && parent.arguments[0].value === 'error') failure = true;
      else return false;
    }
  }
  return failure;
}

/** `(err, result) => { if (err) return retry(); … }`: the call is in the `if (err)` branch. */
function isErrorFirstBranch(call: TSESTree.Node, callback: TSESTree.Node): boolean {
  if (!isFunctionNode(callback)) return false;
  const [first] = callback.params;
  if (first?.type !== AST_NODE_TYPES.Identifier || !/^(err|error|e)$/.test(first.name)) return false;
  for (let child: TSESTree.Node = call, node = call.parent; node && node !== callback; child = node, node = node.parent) {
    if (node.type === AST_NODE_TYPES.IfStatement && node.consequent === child) {
      const test = skipTypeWrappers(node.test);
      if (test.type === AST_NODE_TYPES.Identifier && test.name === first.name) return true;
    }
  }
  return false;
}

/** Calls of `fn` to itself on a failure path, with no bound on how often. */
export function uncappedRecursiveRetries(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): TSESTree.CallExpression[] {
  const self = selfReference(fn);
  if (!self) return [];
  const calls: TSESTree.CallExpression[] = [];
  if (self.kind === 'name') {
    const variable = variableOf(sourceCode, self.id);
    for (const ref of variable?.references ?? []) {
      const call = ref.identifier.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === ref.identifier && isInside(call, fn)) calls.push(call);
    }
  } else {
    forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
      if (
        node.type === AST_NODE_TYPES.CallExpression &&
        node.callee.type === AST_NODE_TYPES.MemberExpression &&
        node.callee.object.type === AST_NODE_TYPES.ThisExpression &&
        ASTUtils.getPropertyName(node.callee) === self.name
      ) {
        calls.push(node);
      }
    });
  }
  const retries = calls.filter((call) => inFailurePath(call, fn));
  // Calling itself on success too makes it a poller or a pager (`schedule next`), not a retry, and
  // so does handing itself on as the success callback (`promise.then(next, onError)`).
  if (retries.length === 0 || retries.length < calls.length) return [];
  if (passesItselfOnSuccess(sourceCode, self, fn)) return [];
  // A drain that takes the next item on every call (`queue.shift()`) moves on after a failure.
  if (takesNextItem(sourceCode, fn)) return [];
  // Asking a person again (`prompt`, `rl.question`) is paced by that person.
  if (asksForInput(sourceCode, fn)) return [];
  if (
    retries.every(
      (call) => flagEndsRecursion(sourceCode, fn, call) || retriesOnlyConflicts(sourceCode, call, fn) || clearedStateEndsRecursion(sourceCode, fn, call),
    )
  ) {
    return [];
  }
  // A parameter passed on changed (`attempt + 1`) and compared, or a counter in the function.
  const changedArguments = new Set<string>();
  for (const call of retries) {
    for (const arg of call.arguments) {
      forEachDescendant(arg, sourceCode.visitorKeys, (node) => {
        if (node.type === AST_NODE_TYPES.BinaryExpression && ['+', '-'].includes(node.operator)) {
          const text = counterText(sourceCode, node.left);
          if (text) changedArguments.add(text);
        }
      });
      const value = skipTypeWrappers(arg);
      if (value.type === AST_NODE_TYPES.BinaryExpression && ['+', '-'].includes(value.operator)) {
        const text = counterText(sourceCode, value.left);
        if (text) changedArguments.add(text);
      }
    }
    // `walk(path.dirname(dir))` after `if (parent === dir) return`: it recurses on a new value the function tests
    call.arguments.forEach((arg, index) => {
      const value = skipTypeWrappers(arg);
      if (value.type !== AST_NODE_TYPES.Identifier) return;
      if (value.name !== parameterName(fn.params[index])) changedArguments.add(value.name);
    });
  }
  return hasBound(sourceCode, [fn.body], changedArguments) ? [] : retries;
}


type SelfReference = NonNullable<ReturnType<typeof selfReference>>;

/** The name a parameter binds (`a`, `a = 1`), or `null` for patterns. */
function parameterName(param: TSESTree.Parameter | undefined): string | null {
  if (!param) return null;
  const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  return target.type === AST_NODE_TYPES.Identifier ? target.name : null;
}

/** Whether `node` names the function itself: `next`, `this.run`. */
function isSelf(node: TSESTree.Node, self: SelfReference): boolean {
  const value = skipTypeWrappers(node);
  if (self.kind === 'name') return value.type === AST_NODE_TYPES.Identifier && value.name === self.id.name;
  return (
    value.type === AST_NODE_TYPES.MemberExpression &&
    value.object.type === AST_NODE_TYPES.ThisExpression &&
    ASTUtils.getPropertyName(value) === self.name
  );
}

/** `promise.then(next)`, `setTimeout(next, ms)`: the function handed on (not called) where success leads. */
function passesItselfOnSuccess(sourceCode: Readonly<TSESLint.SourceCode>, self: SelfReference, fn: FunctionNode): boolean {
  let found = false;
  forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression) return;
    const name = calleeName(node);
    node.arguments.forEach((arg, index) => {
      if (!isSelf(arg, self)) return;
      const failureCallback = name === 'catch' || (name === 'then' && index === 1);
      if (!failureCallback && !inFailurePath(node, fn)) found = true;
    });
  });
  return found;
}

const DEQUEUE_METHODS = new Set(['shift', 'pop', 'dequeue', 'take']);

/** `const job = queue.shift()` in the function itself: each call works on the next item. */
function takesNextItem(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): boolean {
  let found = false;
  forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.arguments.length === 0 &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      DEQUEUE_METHODS.has(calleeName(node) ?? '')
    ) {
      found = true;
    }
    return undefined;
  });
  return found;
}

const PROMPT_CALLS = new Set(['prompt', 'question', 'password', 'confirm']);
const PROMPT_OWNER = /prompt|inquir|readline|^rl$|enquirer/i;

/** `promptly.prompt(…)`, `rl.question(…)`, `inquirer.prompt(…)`: input a person types. */
function asksForInput(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): boolean {
  let found = false;
  forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression) return;
    const name = calleeName(node);
    if (name === null || !PROMPT_CALLS.has(name)) return;
    const callee = skipTypeWrappers(node.callee);
    const owner = callee.type === AST_NODE_TYPES.MemberExpression ? skipTypeWrappers(callee.object) : null;
    const ownerName = owner?.type === AST_NODE_TYPES.Identifier ? owner.name : owner?.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(owner) : null;
    if (owner === null ? name === 'prompt' || name === 'question' : ownerName !== null && PROMPT_OWNER.test(ownerName)) found = true;
  });
  return found;
}

/** What a flag evaluates to: `true`, `false`, or `undefined` when unknown. */
type Truth = boolean | undefined;

/**
 * The flags a self-call sets to a literal: `retry(id, true)` sets the parameter at that position,
 * `this.setup(id, { forceCreate: true })` sets `forceCreate` (destructured) or `options.forceCreate`.
 */
function flagsSetBy(fn: FunctionNode, call: TSESTree.CallExpression): Map<string, Truth> {
  const flags = new Map<string, Truth>();
  const literalTruth = (node: TSESTree.Node): Truth | null => {
    const value = skipTypeWrappers(node);
    if (value.type !== AST_NODE_TYPES.Literal || value.value instanceof RegExp || typeof value.value === 'bigint') return null;
    return Boolean(value.value);
  };
  call.arguments.forEach((arg, index) => {
    const param = fn.params[index];
    if (!param) return;
    const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    const value = skipTypeWrappers(arg);
    const truth = literalTruth(value);
    if (truth !== null && target.type === AST_NODE_TYPES.Identifier) flags.set(target.name, truth);
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return;
    for (const property of value.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticKeyName(property);
      const propertyTruth = literalTruth(property.value);
      if (key === null || propertyTruth === null) continue;
      if (target.type === AST_NODE_TYPES.Identifier) flags.set(`${target.name}.${key}`, propertyTruth);
      else if (target.type === AST_NODE_TYPES.ObjectPattern) {
        for (const bound of target.properties) {
          if (bound.type !== AST_NODE_TYPES.Property || staticKeyName(bound) !== key) continue;
          const local = bound.value.type === AST_NODE_TYPES.AssignmentPattern ? bound.value.left : bound.value;
          if (local.type === AST_NODE_TYPES.Identifier) flags.set(local.name, propertyTruth);
        }
      }
    }
  });
  return flags;
}

/** What a leaf of a test (a name, a member, a call) evaluates to, or `undefined` when unknown. */
type Lookup = (node: TSESTree.Node) => Truth;

/**
 * Evaluates a test with the flags set: `!finalCall && isRetryable(e)` is `false` when `finalCall` is
 * `true`. `isNothing` names the leaves known to be `null` / `undefined`, for `token !== null`.
 */
function evaluate(test: TSESTree.Node, lookup: Lookup, isNothing: (node: TSESTree.Node) => boolean = () => false): Truth {
  const value = skipTypeWrappers(test);
  if (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression || value.type === AST_NODE_TYPES.CallExpression) {
    return lookup(value);
  }
  if (value.type === AST_NODE_TYPES.ChainExpression) return evaluate(value.expression, lookup, isNothing);
  if (value.type === AST_NODE_TYPES.AwaitExpression) return evaluate(value.argument, lookup, isNothing);
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!') {
    const inner = evaluate(value.argument, lookup, isNothing);
    return inner === undefined ? undefined : !inner;
  }
  if (value.type === AST_NODE_TYPES.BinaryExpression && ['!=', '!==', '==', '==='].includes(value.operator)) {
    // `token !== null`, `cache.get(key) != undefined`: a leaf known to be empty compared with nothing
    const literalNothing = (node: TSESTree.Node): boolean => {
      const side = skipTypeWrappers(node);
      return (side.type === AST_NODE_TYPES.Literal && side.value === null) || (side.type === AST_NODE_TYPES.Identifier && side.name === 'undefined');
    };
    const other = literalNothing(value.right) ? value.left : literalNothing(value.left) ? value.right : null;
    if (other === null || other.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
    let leaf = skipTypeWrappers(other);
    if (leaf.type === AST_NODE_TYPES.ChainExpression) leaf = leaf.expression;
    return isNothing(leaf) ? !value.operator.startsWith('!') : undefined;
  }
  if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator !== '??') {
    const left = evaluate(value.left, lookup, isNothing);
    const right = evaluate(value.right, lookup, isNothing);
    if (value.operator === '&&') return left === false || right === false ? false : left === true && right === true ? true : undefined;
    return left === true || right === true ? true : left === false && right === false ? false : undefined;
  }
  return undefined;
}

/**
 * `catch { return this.setup(id, { forceCreate: true }) }` where `forceCreate` sends the function
 * down a branch that does not call itself: with the flags the call sets, the branch holding the
 * call is not taken, or an earlier `if` on them leaves the function.
 */
function flagEndsRecursion(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode, call: TSESTree.CallExpression): boolean {
  const flags = flagsSetBy(fn, call);
  if (flags.size === 0) return false;
  const lookup: Lookup = (node) =>
    node.type === AST_NODE_TYPES.CallExpression ? undefined : flags.get(referenceText(sourceCode, node).replace(/\?\./g, '.'));
  return decidingTest(sourceCode, fn, call, lookup) !== null;
}

/**
 * With the leaves of tests known by `lookup`: the test of an `if` / `?:` / `&&` on the way up to the
 * call whose branch holding the call is not taken, or of an earlier `if` of the function that leaves.
 */
function decidingTest(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  call: TSESTree.CallExpression,
  lookup: Lookup,
  isNothing?: (node: TSESTree.Node) => boolean,
): TSESTree.Node | null {
  // an `if` / `?:` / `&&` on the way up whose branch holding the call is not taken
  for (let child: TSESTree.Node = call, parent: TSESTree.Node | undefined = call.parent; parent && child !== fn; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) {
      const truth = evaluate(parent.test, lookup, isNothing);
      if ((parent.consequent === child && truth === false) || (parent.alternate === child && truth === true)) return parent.test;
    } else if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === child) {
      const truth = evaluate(parent.left, lookup, isNothing);
      if ((parent.operator === '&&' && truth === false) || (parent.operator === '||' && truth === true)) return parent.left;
    }
  }
  // an earlier `if (flag) return …` / `throw` of the function itself
  let leaves: TSESTree.Node | null = null;
  forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
    if (leaves || isFunctionNode(node)) return false;
    if (node.type !== AST_NODE_TYPES.IfStatement || node.range[1] > call.range[0] || isInside(call, node)) return undefined;
    const truth = evaluate(node.test, lookup, isNothing);
    const branch = truth === true ? node.consequent : truth === false ? node.alternate : null;
    if (branch && alwaysLeaves(branch)) leaves = node.test;
    return undefined;
  });
  return leaves;
}

/** Methods that empty what they are called on, or the part of it they name: `removeAccessToken`, `delete`, `clear`. */
const CLEARING_METHOD = /^(remove|delete|clear|reset|invalidate|evict|drop|unset|forget|purge)(?=[A-Z_]|$)/;
/** Methods that only read what they are called on. */
const READING_METHOD = /^(has|get|is|peek|contains|includes|find|size|count|keys|values|entries|forEach|toString)(?=[A-Z_]|$)/;

/** State the failure path empties before calling itself again, and what reads and refills it. */
interface ClearedState {
  readonly clearing: TSESTree.Node;
  /** `true` when the node reads the emptied state: it is now falsy. */
  readonly reads: (node: TSESTree.Node) => boolean;
  /** The state is now `null` / `undefined`, not only falsy (`token = false`). */
  readonly nothing: boolean;
  /** `true` when the node fills the state again. */
  readonly refills: (node: TSESTree.Node) => boolean;
}

function memberParts(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): { object: string; property: string } | null {
  let value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.ChainExpression) value = value.expression;
  if (value.type !== AST_NODE_TYPES.MemberExpression) return null;
  const property = ASTUtils.getPropertyName(value);
  return property === null ? null : { object: chainText(sourceCode, value.object), property };
}

function chainText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  return referenceText(sourceCode, node).replace(/\?\./g, '.');
}

/** Whether state reached through `node` (`flag`, `this.cache`, `client.token`) outlives one call of `fn`. */
function outlivesCall(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, fn: FunctionNode): boolean {
  let root = skipTypeWrappers(node);
  const bare = root.type === AST_NODE_TYPES.Identifier;
  while (root.type === AST_NODE_TYPES.MemberExpression || root.type === AST_NODE_TYPES.ChainExpression) {
    root = skipTypeWrappers(root.type === AST_NODE_TYPES.ChainExpression ? root.expression : root.object);
  }
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, root);
  const def = variable?.defs[0];
  if (!def) return !bare;
  if (!isInside(def.name, fn)) return true;
  // a parameter object handed on keeps what was removed from it; a reassigned parameter does not
  return !bare && def.type === DefinitionType.Parameter;
}

/** `this.cache.removeAccessToken()`, `pending.delete(id)`, `delete this.token`, `useCache = false`. */
function clearedBy(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode, statement: TSESTree.Statement): ClearedState | null {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  let expression = skipTypeWrappers(statement.expression);
  if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = skipTypeWrappers(expression.argument);
  if (expression.type === AST_NODE_TYPES.ChainExpression) expression = expression.expression;
  const sameChain = (text: string) => (node: TSESTree.Node) =>
    (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) && chainText(sourceCode, node) === text;
  const assignsTo = (matches: (node: TSESTree.Node) => boolean) => (node: TSESTree.Node) =>
    node.type === AST_NODE_TYPES.AssignmentExpression && node !== expression && matches(node.left);
  if (expression.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTypeWrappers(expression.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = ASTUtils.getPropertyName(callee);
    const verb = method === null ? null : CLEARING_METHOD.exec(method);
    if (method === null || !verb || !outlivesCall(sourceCode, callee.object, fn)) return null;
    const receiver = chainText(sourceCode, callee.object);
    const noun = method.slice(verb[0].length).replace(/^_+/, '').toLowerCase();
    const key = expression.arguments[0] ? sourceCode.getText(expression.arguments[0]) : null;
    const onReceiver = (node: TSESTree.Node) => memberParts(sourceCode, node)?.object === receiver;
    const reads = (node: TSESTree.Node): boolean => {
      const target = node.type === AST_NODE_TYPES.CallExpression ? node.callee : node;
      const parts = memberParts(sourceCode, target);
      if (parts?.object !== receiver || CLEARING_METHOD.test(parts.property)) return false;
      // `this.cache.hasAccessToken`, `this.cache.getAccessToken()`, `this.cache.accessToken`
      if (noun !== '') return parts.property.toLowerCase().includes(noun);
      // `pending.has(id)` after `pending.delete(id)`; anything it holds after `pending.clear()`
      if (!/^(has|get|includes|contains|size|length)$/.test(parts.property)) return false;
      if (key === null) return true;
      return node.type === AST_NODE_TYPES.CallExpression && node.arguments[0] !== undefined && sourceCode.getText(node.arguments[0]) === key;
    };
    const refills = (node: TSESTree.Node): boolean => {
      if (node.type === AST_NODE_TYPES.CallExpression && node !== expression && onReceiver(node.callee)) {
        const name = memberParts(sourceCode, node.callee)?.property ?? '';
        return !READING_METHOD.test(name) && !CLEARING_METHOD.test(name);
      }
      return node.type === AST_NODE_TYPES.AssignmentExpression && (onReceiver(node.left) || chainText(sourceCode, node.left) === receiver);
    };
    return { clearing: expression, reads, nothing: true, refills };
  }
  if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'delete') {
    const target = skipTypeWrappers(expression.argument);
    if (target.type !== AST_NODE_TYPES.MemberExpression || !outlivesCall(sourceCode, target, fn)) return null;
    const reads = sameChain(chainText(sourceCode, target));
    return { clearing: expression, reads, nothing: true, refills: assignsTo(reads) };
  }
  if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=') {
    const target = skipTypeWrappers(expression.left);
    const value = skipTypeWrappers(expression.right);
    const nothing = (value.type === AST_NODE_TYPES.Literal && value.value === null) || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined');
    const falsy = nothing || (value.type === AST_NODE_TYPES.Literal && value.value === false);
    if (!falsy || (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.MemberExpression)) return null;
    if (!outlivesCall(sourceCode, target, fn)) return null;
    const reads = sameChain(chainText(sourceCode, target));
    return { clearing: expression, reads, nothing, refills: assignsTo(reads) };
  }
  return null;
}

/**
 * `if (this.cache.hasAccessToken) { try { … } catch { this.cache.removeAccessToken(); return this.execute() } }`:
 * the failure path empties state the function tests on its way to the call, so the next call takes
 * a branch that does not call itself again. The emptying must come before the call, in the path
 * that leads to it, and nothing may fill the state again before the call or before that test.
 */
function clearedStateEndsRecursion(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode, call: TSESTree.CallExpression): boolean {
  const cleared: ClearedState[] = [];
  for (let child: TSESTree.Node = call, parent: TSESTree.Node | undefined = call.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.SwitchCase) {
      const statements = parent.type === AST_NODE_TYPES.BlockStatement ? parent.body : parent.consequent;
      const index = statements.indexOf(child as TSESTree.Statement);
      for (const statement of statements.slice(0, Math.max(index, 0))) {
        const state = clearedBy(sourceCode, fn, statement);
        if (state) cleared.push(state);
      }
    }
    // the retrying path ends at the catch or failure callback that holds it
    if (parent.type === AST_NODE_TYPES.CatchClause || isFunctionNode(parent)) break;
  }
  const live = cleared.filter((state) => {
    let refilled = false;
    forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
      if (!refilled && node.range[0] >= state.clearing.range[1] && node.range[1] <= call.range[0] && state.refills(node)) refilled = true;
    });
    return !refilled;
  });
  if (live.length === 0) return false;
  const lookup: Lookup = (node) => (live.some((state) => state.reads(node)) ? false : undefined);
  const isNothing = (node: TSESTree.Node): boolean => live.some((state) => state.nothing && state.reads(node));
  const test = decidingTest(sourceCode, fn, call, lookup, isNothing);
  if (test === null) return false;
  // the state the test reads, filled again on every call before the test is reached
  const tested = live.filter((state) => {
    let read = state.reads(test);
    forEachDescendant(test, sourceCode.visitorKeys, (node) => {
      read ||= state.reads(node);
    });
    return read;
  });
  let refilledFirst = false;
  forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
    if (!refilledFirst && node.range[1] <= test.range[0] && tested.some((state) => state.refills(node))) refilledFirst = true;
  });
  return !refilledFirst;
}

/** A statement that always leaves the function: a `return` / `throw`, or a block ending in one. */
function alwaysLeaves(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = statement.body.at(-1);
  return last !== undefined && alwaysLeaves(last);
}

/** Errors whose retry converges: another writer won a race, a key was taken, a version moved on. */
const CONFLICT = /conflict|concurren|\brace\b|stale|version|deadlock|serializ|duplicate|unique|collision|already.?exists/i;

/**
 * `catch (err) { if (err instanceof ConcurrentRefreshError) return this.rotate(id) }`: retried only
 * when the error is a conflict, which means another attempt succeeded meanwhile; any other failure
 * (the dependency being down) is not retried.
 */
function retriesOnlyConflicts(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, fn: FunctionNode): boolean {
  for (let child: TSESTree.Node = call, parent: TSESTree.Node | undefined = call.parent; parent && child !== fn; child = parent, parent = parent.parent) {
    if (parent.type !== AST_NODE_TYPES.IfStatement || parent.consequent !== child) continue;
    const handler = enclosingCatch(parent);
    const param = handler?.param;
    if (param?.type !== AST_NODE_TYPES.Identifier) continue;
    const text = sourceCode.getText(parent.test);
    if (new RegExp(`\\b${param.name}\\b`).test(text) && CONFLICT.test(text) && !/^\s*!/.test(text)) return true;
  }
  return false;
}

function enclosingCatch(node: TSESTree.Node): TSESTree.CatchClause | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return current;
    if (isFunctionNode(current)) return null;
  }
  return null;
}

/** Retry libraries and the option (at `optionsAt`) that makes them retry forever. */
interface RetryLibraryEntry {
  readonly spec: Omit<ApiSpec, 'tag' | 'kind'>;
  readonly optionsAt: number;
  /** Dotted option paths whose value must not be infinite, and boolean options that mean forever. */
  readonly limits: readonly string[];
  readonly forever?: readonly string[];
}

const RETRY_LIBRARIES: readonly RetryLibraryEntry[] = [
  { spec: { module: { from: 'p-retry', path: '' } }, optionsAt: 1, limits: ['retries'], forever: ['forever'] },
  { spec: { module: { from: 'async-retry', path: '' } }, optionsAt: 1, limits: ['retries'] },
  { spec: { module: { from: 'retry', path: 'operation' } }, optionsAt: 0, limits: ['retries'], forever: ['forever'] },
  { spec: { module: { from: 'retry', path: 'timeouts' } }, optionsAt: 0, limits: ['retries'], forever: ['forever'] },
  { spec: { module: { from: 'axios-retry', path: '' } }, optionsAt: 1, limits: ['retries'] },
  { spec: { module: { from: 'cockatiel', path: 'retry' } }, optionsAt: 1, limits: ['maxAttempts'] },
  { spec: { module: { from: 'got', path: '' } }, optionsAt: 1, limits: ['retry.limit', 'retry'] },
  { spec: { module: { from: 'got', path: 'extend' } }, optionsAt: 0, limits: ['retry.limit', 'retry'] },
];

const HUGE = 1_000_000;

/** `Infinity`, `Number.MAX_SAFE_INTEGER`, `Number.POSITIVE_INFINITY`, `Number.MAX_VALUE`, or a literal of a million or more. */
export function isEndlessCount(node: TSESTree.Node): boolean {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'Infinity';
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'number' && value.value >= HUGE;
  if (value.type === AST_NODE_TYPES.MemberExpression && value.object.type === AST_NODE_TYPES.Identifier && value.object.name === 'Number') {
    return ['MAX_SAFE_INTEGER', 'POSITIVE_INFINITY', 'MAX_VALUE'].includes(ASTUtils.getPropertyName(value) ?? '');
  }
  return false;
}

export interface EndlessRetryOption {
  readonly call: TSESTree.CallExpression;
  readonly property: TSESTree.Property;
  readonly option: string;
}

/** Retry library calls whose options retry forever. */
export function endlessRetryOptions(sourceCode: Readonly<TSESLint.SourceCode>): EndlessRetryOption[] {
  const refs = findApiReferences(
    sourceCode,
    apiIndex('retry-libraries', () => RETRY_LIBRARIES.map((entry, index) => ({ ...entry.spec, tag: String(index), kind: 'call' as const }))),
  );
  const found: EndlessRetryOption[] = [];
  for (const ref of refs) {
    const entry = RETRY_LIBRARIES[Number(ref.tag)];
    if (!entry || ref.node.type !== AST_NODE_TYPES.CallExpression) continue;
    const options = ref.node.arguments[entry.optionsAt];
    const object = options && skipTypeWrappers(options);
    if (object?.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const path of entry.limits) {
      const [head, tail] = path.split('.') as [string, string | undefined];
      const lookup = lookupProperty(object, [head]);
      if (lookup.kind !== 'found') continue;
      let property = lookup.property;
      let value = skipTypeWrappers(lookup.value);
      if (tail !== undefined) {
        if (value.type !== AST_NODE_TYPES.ObjectExpression) continue;
        const inner = lookupProperty(value, [tail]);
        if (inner.kind !== 'found') continue;
        property = inner.property;
        value = skipTypeWrappers(inner.value);
      }
      if (isEndlessCount(value)) found.push({ call: ref.node, property, option: path });
    }
    for (const flag of entry.forever ?? []) {
      const lookup = lookupProperty(object, [flag]);
      if (lookup.kind === 'found' && lookup.value.type === AST_NODE_TYPES.Literal && lookup.value.value === true) {
        found.push({ call: ref.node, property: lookup.property, option: flag });
      }
    }
  }
  return found;
}
