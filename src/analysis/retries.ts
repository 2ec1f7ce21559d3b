import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import {
  calleeName,
  firstAtOrAfter,
  forEachDescendant,
  isCallOf,
  isComparison,
  isFunctionNode,
  lookupProperty,
  matchOffsets,
  nodesStartingAt,
  outermostTypeWrapper,
  referenceText,
  resolveConstValue,
  skipTypeWrappers,
  staticKeyName,
  thisExpressionsIn,
  variableOf,
} from '../util/ast.js';
import { errorParameterNames, retryCountOptions, retryForeverCompanions, retryLibraries, retryPolicyKeys, type RetryLibraryEntry } from '../catalog/index.js';
import { memoPerValue } from '../util/memo.js';
import { apiIndex, findApiReferences, type ApiIndex } from '../util/references.js';
import { isEndlessCount, staticNumber, staticString, staticValueOf } from '../util/values.js';
import { isInside, type FunctionNode } from './lifetimes.js';
import { isLoopNode, type PathRecorder } from './paths.js';

/**
 * Retries with no cap: loops and recursion that go round again on failure with nothing that
 * bounds them, and retry libraries configured to retry forever.
 */

/** Text of a counter-like expression: `attempt`, `this.retries`, `state.tries`. */
function counterText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string | null {
  const value = skipTypeWrappers(node);
  return value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression ? referenceText(sourceCode, value) : null;
}

/**
 * The nodes that bound repetitions under `roots`: the comparison of a counter that is incremented
 * (or decremented) and compared (`attempt++` … `attempt >= MAX`), a deadline (`Date.now() > deadline`),
 * an abort signal or a closed owner checked. `extraCounters` are counters changed elsewhere (an
 * argument passed on as `attempt + 1`).
 */
export function boundingNodes(
  sourceCode: Readonly<TSESLint.SourceCode>,
  roots: readonly TSESTree.Node[],
  extraCounters: ReadonlySet<string> = new Set(),
  { onlyCounters = false }: { readonly onlyCounters?: boolean } = {},
): TSESTree.Node[] {
  const updated = new Set<string>(extraCounters);
  const compared: { node: TSESTree.Node; text: string }[] = [];
  const bounds: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.UpdateExpression) {
      const text = counterText(sourceCode, node.argument);
      if (text) updated.add(text);
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression && ['+=', '-=', '='].includes(node.operator)) {
      const text = counterText(sourceCode, node.left);
      const right = skipTypeWrappers(node.right);
      if (text && (node.operator !== '=' || (right.type === AST_NODE_TYPES.BinaryExpression && ['+', '-'].includes(right.operator)))) {
        updated.add(text);
      }
    } else if (isComparison(node)) {
      const text = sourceCode.getText(node);
      if (onlyCounters) compared.push({ node, text });
      else if (isClockComparison(sourceCode, node)) bounds.push(node);
      // `job.attemptsMade >= MAX`, `this.retries < limit`: a count kept on an object, raised wherever the object is handled
      else if (!['===', '!==', '==', '!='].includes(node.operator) && [node.left, node.right].some(isCountOnObject)) bounds.push(node);
      else compared.push({ node, text });
    } else if (onlyCounters) {
      /* a counter compared is all that counts here */
    } else if (node.type === AST_NODE_TYPES.MemberExpression && ASTUtils.getPropertyName(node) === 'aborted') {
      bounds.push(node);
    } else if (node.type === AST_NODE_TYPES.MemberExpression && LIFECYCLE_FLAG.test(ASTUtils.getPropertyName(node) ?? '') && inTest(node)) {
      // `if (!session.closed) reconnect()`: stopped when its owner is closed, like an aborted signal
      bounds.push(node);
    } else if (node.type === AST_NODE_TYPES.CallExpression && calleeName(node) === 'throwIfAborted') {
      bounds.push(node);
    }
  };
  for (const root of roots) {
    visit(root);
    forEachDescendant(root, sourceCode.visitorKeys, visit);
  }
  for (const { node, text } of compared) {
    if ([...updated].some((counter) => mentions(text, counter, true))) bounds.push(node);
  }
  return bounds;
}

/**
 * Whether `name` occurs in `text` as a whole name: not inside a longer identifier and, with
 * `notAfterDot`, not as a property (`x.attempts` does not mention `attempts`). Plain string search,
 * not a `RegExp` built per name: compiling one while the traversal is deep in a nested AST can abort
 * V8 itself.
 */
function mentions(text: string, name: string, notAfterDot: boolean): boolean {
  if (name === '') return false;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    const before = text.charAt(at - 1);
    const after = text.charAt(at + name.length);
    if (isIdentifierChar(before) || isIdentifierChar(after) || (notAfterDot && before === '.')) continue;
    return true;
  }
  return false;
}

function isIdentifierChar(char: string): boolean {
  return char !== '' && /[\w$]/.test(char);
}

/** A call that reads a clock: `Date.now()`, `performance.now()`, `process.hrtime()`, `processTimeMS()`, `now()`. */
const CLOCK_CALL = /^(now|hrtime|uptime|getTime)$|(Now|TimeMS|TimeMs|Time|Clock)$/;
/** A value that marks when to stop: `deadline`, `this.expiresAt`, `endTime`, `giveUpAt`. */
const DEADLINE_NAME = /^(deadline|until|cutoff|giveUpAt|stopAt|timeoutAt|endTime|endsAt|expiresAt|expiry|expiration)$|Deadline$/i;

/** `Date.now() > deadline`, `processTimeMS() >= deadline`, `elapsed < timeoutAt`: a deadline checked. */
function isClockComparison(sourceCode: Readonly<TSESLint.SourceCode>, comparison: TSESTree.BinaryExpression): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression && CLOCK_CALL.test(calleeName(node) ?? '')) found = true;
    else if (node.type === AST_NODE_TYPES.Identifier && DEADLINE_NAME.test(node.name)) found = true;
    else if (node.type === AST_NODE_TYPES.MemberExpression && DEADLINE_NAME.test(ASTUtils.getPropertyName(node) ?? '')) found = true;
  };
  for (const side of [comparison.left, comparison.right]) {
    visit(side);
    forEachDescendant(side, sourceCode.visitorKeys, visit);
  }
  return found;
}

/** Whether code bounds its repetitions (see {@link boundingNodes}). */
export function hasBound(sourceCode: Readonly<TSESLint.SourceCode>, roots: readonly TSESTree.Node[], extraCounters: ReadonlySet<string> = new Set()): boolean {
  return boundingNodes(sourceCode, roots, extraCounters).length > 0;
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
const LIFECYCLE_FLAG = /^_*(is)?(closed|closing|stop|stopped|stopping|destroyed|disposed|shuttingDown|shutdown|terminated|cancell?ed)$/i;

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

type RetryLoop = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;

/** The statement an unlabelled or labelled `break` at `node` ends (a loop, a `switch`, a labelled statement), or `null`. */
function targetOf(node: TSESTree.BreakStatement): TSESTree.Node | null {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return null;
    if (node.label !== null) {
      if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === node.label.name) return current.body;
      continue;
    }
    if (isLoopNode(current) || current.type === AST_NODE_TYPES.SwitchStatement) return current;
  }
  return null;
}

/** `continue outer` from inside `loop`: the next round is the outer loop's, and `loop` is left. */
function continuesOuterLoop(node: TSESTree.ContinueStatement, loop: RetryLoop): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current && !isFunctionNode(current); current = current.parent) {
    if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === node.label?.name)
      return current.body !== loop && isInside(loop, current.body);
  }
  return false;
}

/** Whether a `break` ends `loop` or a statement around it. */
function leavesLoop(node: TSESTree.BreakStatement, loop: RetryLoop): boolean {
  const target = targetOf(node);
  return target !== null && (target === loop || !isInside(target, loop));
}

/** Whether `root` holds (not in nested functions) a `return`, a `break` out of `loop`, or, with `throws`, a `throw`. */
function exitsLoop(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node, loop: RetryLoop, throws: boolean): boolean {
  let found = false;
  const check = (node: TSESTree.Node): boolean | undefined => {
    if (found || isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement || (throws && node.type === AST_NODE_TYPES.ThrowStatement)) found = true;
    else if (node.type === AST_NODE_TYPES.BreakStatement && leavesLoop(node, loop)) found = true;
    return undefined;
  };
  check(root);
  forEachDescendant(root, sourceCode.visitorKeys, check);
  return found;
}

/** `this.rethrowError(err)`, `throwIfFatal(err)`: a helper that throws for us. */
function isRethrowCall(statement: TSESTree.Node): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const expression = skipTypeWrappers(statement.expression);
  const call = expression.type === AST_NODE_TYPES.AwaitExpression ? skipTypeWrappers(expression.argument) : expression;
  return call.type === AST_NODE_TYPES.CallExpression && /^(re)?throw/i.test(calleeName(call) ?? '');
}

/**
 * The work budget for a catch: a loop nested in it that is longer than this (in characters) is not
 * read for its places and writes, and a catch with more nested recovery `try`s than this count is
 * judged without them. Real catch blocks are far smaller; without a bound, machine-made nesting
 * thousands deep costs time quadratic in the depth, once per enclosing loop.
 */
const LARGE_NESTED_LOOP = 10_000;
const MAX_NESTED_RECOVERIES = 64;

function isLargeNestedLoop(node: TSESTree.Node): boolean {
  return isLoopNode(node) && node.range[1] - node.range[0] > LARGE_NESTED_LOOP;
}

/** Names a block assigns (`failed = true`), not in nested functions (nor in large nested loops). */
function writtenNames(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node): Set<string> {
  const names = new Set<string>();
  forEachDescendant(root, sourceCode.visitorKeys, (node) => {
    if (isFunctionNode(node) || (node !== root && isLargeNestedLoop(node))) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier) names.add(node.left.name);
    return undefined;
  });
  return names;
}

/**
 * The places where a path out of a `catch` has left `loop` for good: a `throw` that nothing in the
 * loop catches, a `return`, a `break` out of the loop, a rethrowing helper; a recovery step that
 * itself gives up when it fails (`try { await resume() } catch { throw }`); and, after the `try`, an
 * exit decided on what the catch wrote (`catch { failed = true } … if (failed) return`), a value
 * the code paths do not follow.
 */
function leavingPlaces(
  sourceCode: Readonly<TSESLint.SourceCode>,
  recorder: PathRecorder,
  loop: RetryLoop,
  attempt: TSESTree.TryStatement,
  handler: TSESTree.CatchClause,
): TSESTree.Node[] {
  const places: TSESTree.Node[] = [];
  // Inside a loop nested in the catch, returns, throws and breaks still leave, but a nested recovery
  // `try` there is not judged against this loop: that would judge every deeper catch once per
  // enclosing loop (cubic in the nesting).
  const visit =
    (inNestedLoop: boolean) =>
    (node: TSESTree.Node): boolean | undefined => {
      if (isFunctionNode(node)) return false;
      if (!inNestedLoop && isLoopNode(node)) {
        if (!isLargeNestedLoop(node)) forEachDescendant(node, sourceCode.visitorKeys, visit(true));
        return false;
      }
      if (node.type === AST_NODE_TYPES.ReturnStatement) places.push(node);
      else if (node.type === AST_NODE_TYPES.ThrowStatement) {
        const target = recorder.throwTarget(node);
        if (target === null || !isInside(target, loop)) places.push(node);
      } else if (node.type === AST_NODE_TYPES.BreakStatement && leavesLoop(node, loop)) places.push(node);
      else if (node.type === AST_NODE_TYPES.ContinueStatement && node.label !== null && continuesOuterLoop(node, loop)) places.push(node);
      else if (isRethrowCall(node)) places.push(node);
      else if (!inNestedLoop && node.type === AST_NODE_TYPES.TryStatement && node.handler && judgedCatches(recorder, loop).get(node.handler) === true)
        places.push(node);
      return undefined;
    };
  forEachDescendant(handler.body, sourceCode.visitorKeys, visit(false));
  const body = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [loop.body];
  const written = writtenNames(sourceCode, handler.body);
  if (written.size === 0) return places;
  for (const statement of body.slice(body.indexOf(attempt) + 1)) {
    if (statement.type !== AST_NODE_TYPES.IfStatement) continue;
    let reads = statement.test.type === AST_NODE_TYPES.Identifier && written.has(statement.test.name);
    forEachDescendant(statement.test, sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.Identifier && written.has(node.name)) reads = true;
    });
    if (reads && exitsLoop(sourceCode, statement, loop, true)) places.push(statement);
  }
  return places;
}

/**
 * Whether every path out of the `catch` leaves the loop before it goes round again, on ESLint's code
 * paths. A catch's leaving places include the nested recovery `try`s whose own catch always leaves,
 * so those are judged first, innermost first, and remembered per loop: each catch is judged once,
 * with no recursion however deep the nesting (a recursive judgement is exponential in it, and
 * overflows the stack).
 */
function catchLeaves(
  sourceCode: Readonly<TSESLint.SourceCode>,
  recorder: PathRecorder,
  loop: RetryLoop,
  attempt: TSESTree.TryStatement,
  handler: TSESTree.CatchClause,
): boolean {
  const judged = judgedCatches(recorder, loop);
  const known = judged.get(handler);
  if (known !== undefined) return known;
  const judge = (tryNode: TSESTree.TryStatement, catchClause: TSESTree.CatchClause): boolean =>
    recorder.everyPathReaches(catchClause, leavingPlaces(sourceCode, recorder, loop, tryNode, catchClause), { beforeLoopBack: loop, orEnd: 'final' });
  const nested: TSESTree.TryStatement[] = [];
  const collect = (node: TSESTree.Node): boolean | undefined => {
    if (isFunctionNode(node) || isLoopNode(node)) return false;
    if (node.type === AST_NODE_TYPES.TryStatement && node.handler) nested.push(node);
    return undefined;
  };
  forEachDescendant(handler.body, sourceCode.visitorKeys, collect);
  // A try nested in another starts after it: the latest start first is innermost first.
  nested.sort((a, b) => b.range[0] - a.range[0]);
  for (const inner of nested.length > MAX_NESTED_RECOVERIES ? [] : nested) {
    if (inner.handler && !judged.has(inner.handler)) judged.set(inner.handler, judge(inner, inner.handler));
  }
  const leaves = judge(attempt, handler);
  judged.set(handler, leaves);
  return leaves;
}

/** The catches of a loop judged so far, for one recorder (one file and rule run). */
function judgedCatches(recorder: PathRecorder, loop: RetryLoop): Map<TSESTree.CatchClause, boolean> {
  let byLoop = catchLeavesMemo.get(recorder);
  if (!byLoop) {
    byLoop = new WeakMap();
    catchLeavesMemo.set(recorder, byLoop);
  }
  let judged = byLoop.get(loop);
  if (!judged) {
    judged = new Map();
    byLoop.set(loop, judged);
  }
  return judged;
}

/** Answers of `catchLeaves`, per recorder (one per file and rule run), per loop, per catch. */
const catchLeavesMemo = new WeakMap<PathRecorder, WeakMap<RetryLoop, Map<TSESTree.CatchClause, boolean>>>();

/** `true`, `1`, `FOREVER` (a const that is `true`): a loop test that never ends the loop; `!connected`: one a flag ends. */
function isEndlessTest(
  sourceCode: Readonly<TSESLint.SourceCode>,
  test: TSESTree.Expression | null,
): { kind: 'forever' } | { kind: 'flag'; flag: string } | null {
  if (test === null) return { kind: 'forever' };
  const value = skipTypeWrappers(test);
  const known = staticValueOf(sourceCode, value);
  if (known && (known.value === true || known.value === 1)) return { kind: 'forever' };
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!' && value.argument.type === AST_NODE_TYPES.Identifier) {
    return { kind: 'flag', flag: value.argument.name };
  }
  return null;
}

/** The top-level `try` statements with a `catch` of a loop that its test never ends: what a retry loop retries. */
function candidateRetryTries(sourceCode: Readonly<TSESLint.SourceCode>, loop: RetryLoop): TSESTree.TryStatement[] {
  if (!isEndlessTest(sourceCode, loop.test)) return [];
  const statements = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [loop.body];
  return statements.filter((statement): statement is TSESTree.TryStatement => statement.type === AST_NODE_TYPES.TryStatement && statement.handler !== null);
}

/**
 * The loops of a file that may be retry loops, found from their keywords in the text before traversal, so
 * that code paths are recorded only for the functions that hold one.
 */
export function candidateRetryLoops(sourceCode: Readonly<TSESLint.SourceCode>): RetryLoop[] {
  if (!sourceCode.text.includes('catch')) return [];
  // A candidate's body holds a `try` statement with a `catch`: the `try` statements start where the
  // text has the keyword (fewer places than loop keywords), and the loops are around them.
  const tries = nodesStartingAt(sourceCode.ast, sourceCode.visitorKeys, matchOffsets(sourceCode.text, /\btry\b/g), isTryWithCatch);
  const loops = new Set<RetryLoop>();
  for (const attempt of tries) {
    const parent = attempt.parent;
    const loop = parent.type === AST_NODE_TYPES.BlockStatement ? parent.parent : parent;
    if (loop && isRetryLoopShape(loop) && (loop.body === attempt || loop.body === parent)) loops.add(loop);
  }
  return [...loops].filter((loop) => candidateRetryTries(sourceCode, loop).length > 0).sort((a, b) => a.range[0] - b.range[0]);
}

function isTryWithCatch(node: TSESTree.Node): node is TSESTree.TryStatement {
  return node.type === AST_NODE_TYPES.TryStatement && node.handler !== null;
}

function isRetryLoopShape(node: TSESTree.Node): node is RetryLoop {
  return node.type === AST_NODE_TYPES.WhileStatement || node.type === AST_NODE_TYPES.DoWhileStatement || node.type === AST_NODE_TYPES.ForStatement;
}

/** The function (or `Program`) that owns the code path `node` is on. */
export function codePathOwner(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node = node;
  while (current.parent && !isFunctionNode(current)) current = current.parent;
  return current;
}

/**
 * A retry loop runs until an operation succeeds: its body tries the operation, leaves the loop on
 * success (`return` / `break` in the `try` block, or it sets the flag it loops on), and some path out
 * of the `catch` goes round again (ESLint's code paths decide). A consumer loop, whose success goes
 * round again too, is not one. Returns the `try` statements of such a loop that go round again with
 * no bound on the way: some path from the `catch` back to it passes no counter compared, deadline,
 * abort signal or closed owner checked. Empty when the loop is not one, or its function's code path
 * was not recorded.
 */
export function uncappedRetryTries(sourceCode: Readonly<TSESLint.SourceCode>, loop: RetryLoop, recorder: PathRecorder): TSESTree.TryStatement[] {
  const endless = isEndlessTest(sourceCode, loop.test);
  if (!endless || !recorder.isReachable(loop)) return [];
  const retrying = candidateRetryTries(sourceCode, loop).filter((attempt) => {
    const handler = attempt.handler;
    if (!handler) return false;
    let succeeds = exitsLoop(sourceCode, attempt.block, loop, false);
    if (!succeeds && endless.kind === 'flag') succeeds = writtenNames(sourceCode, attempt.block).has(endless.flag);
    // A catch that always leaves ends the loop; one that leaves only for some errors still retries the rest.
    return succeeds && !catchLeaves(sourceCode, recorder, loop, attempt, handler);
  });
  if (retrying.length === 0) return [];
  const bounds = boundingNodes(sourceCode, [loop]);
  if (bounds.length === 0) return retrying;
  // bounded when every way from the catch round to it again passes a bound, or leaves
  return retrying.filter((attempt) => {
    const handler = attempt.handler;
    return handler !== null && recorder.pathAvoiding(handler, [...bounds, ...leavingPlaces(sourceCode, recorder, loop, attempt, handler)], { to: [handler] });
  });
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

/** Methods that register a listener for an event named by their first argument. */
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'addEventListener']);

/** Events after which a client connects again: reconnecting from them is retrying the connection. */
const CLOSE_EVENTS = new Set(['close', 'end', 'disconnect', 'disconnected']);

/** HTTP statuses from this one on are failures: a call made again on them is a retry. */
const FAILURE_STATUS = 400;
const STATUS_NAME = /^(status|statusCode)$/;

/** `res.status`, `response.statusCode`, `status`: the status of a response. */
function isStatus(node: TSESTree.Node): boolean {
  let value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.ChainExpression) value = value.expression;
  if (value.type === AST_NODE_TYPES.Identifier) return STATUS_NAME.test(value.name);
  return value.type === AST_NODE_TYPES.MemberExpression && STATUS_NAME.test(ASTUtils.getPropertyName(value) ?? '');
}

/** `res.ok`, `response?.ok`. */
function isOkFlag(node: TSESTree.Node): boolean {
  let value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.ChainExpression) value = value.expression;
  return value.type === AST_NODE_TYPES.MemberExpression && ASTUtils.getPropertyName(value) === 'ok';
}

/**
 * Whether a test holds only for a failed response: `res.status === 401`, `status >= 500`,
 * `[401, 403].includes(res.status)`, `!res.ok`, and `&&` / `||` of such tests with others
 * (`res.status === 401 && !retried` holds only on a failure too).
 */
function isFailureStatusTest(sourceCode: Readonly<TSESLint.SourceCode>, test: TSESTree.Node): boolean {
  const value = skipTypeWrappers(test);
  if (value.type === AST_NODE_TYPES.LogicalExpression) {
    if (value.operator === '&&') return isFailureStatusTest(sourceCode, value.left) || isFailureStatusTest(sourceCode, value.right);
    if (value.operator === '||') return isFailureStatusTest(sourceCode, value.left) && isFailureStatusTest(sourceCode, value.right);
    return false;
  }
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!') return isOkFlag(value.argument);
  if (value.type === AST_NODE_TYPES.BinaryExpression) {
    const { left, right, operator } = value;
    if (left.type === AST_NODE_TYPES.PrivateIdentifier) return false;
    const number = (side: TSESTree.Node): number | null => staticNumber(sourceCode, side);
    if (operator === '===' || operator === '==') {
      const code = isStatus(left) ? number(right) : isStatus(right) ? number(left) : null;
      return code !== null && code >= FAILURE_STATUS;
    }
    // `status >= 400`, `status > 499`, `500 <= status`
    if (isStatus(left) && (operator === '>=' || operator === '>')) return (number(right) ?? -1) >= FAILURE_STATUS - (operator === '>' ? 1 : 0);
    if (isStatus(right) && (operator === '<=' || operator === '<')) return (number(left) ?? -1) >= FAILURE_STATUS - (operator === '<' ? 1 : 0);
    return false;
  }
  if (value.type === AST_NODE_TYPES.CallExpression && calleeName(value) === 'includes' && value.arguments[0] && isStatus(value.arguments[0])) {
    const callee = skipTypeWrappers(value.callee);
    const list = callee.type === AST_NODE_TYPES.MemberExpression ? staticValueOf(sourceCode, callee.object)?.value : undefined;
    return Array.isArray(list) && list.length > 0 && list.every((code) => typeof code === 'number' && code >= FAILURE_STATUS);
  }
  return false;
}

/**
 * Where a self-call sits on its way up to the function: on a failure path (a `catch`, a `.catch()` or
 * rejection handler, an `if (err)` of an error-first callback, an `'error'` listener, the branch of a
 * failed HTTP status), on a reconnect after a `'close'` / `'end'` event, or on neither (`null`).
 * Timers and `.then()` callbacks on the way only delay the call: the path above them decides.
 */
function failurePath(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.Node,
  fn: FunctionNode,
  errorNames: ReadonlySet<string>,
): 'failure' | 'closed' | null {
  let path: 'failure' | 'closed' | null = null;
  const mark = (kind: 'failure' | 'closed'): void => {
    if (path !== 'failure') path = kind;
  };
  for (let child: TSESTree.Node = call, parent: TSESTree.Node | undefined = call.parent; parent && child !== fn; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.CatchClause) mark('failure');
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && child !== parent.test) {
      // `if (res.status === 401) { await refresh(); return this.send(msg) }`, `if (res.ok) … else return retry()`
      const failed = parent.consequent === child ? isFailureStatusTest(sourceCode, parent.test) : isOkFlag(parent.test);
      if (failed) mark('failure');
    }
    if (parent.type === AST_NODE_TYPES.SwitchCase && parent.test && parent.parent.discriminant && isStatus(parent.parent.discriminant)) {
      const code = staticNumber(sourceCode, parent.test);
      if (code !== null && code >= FAILURE_STATUS) mark('failure');
    }
    if (isFunctionNode(child) && child !== fn) {
      // crossing into a callback: only failure callbacks, timers and promise steps keep us on the path
      if (parent.type !== AST_NODE_TYPES.CallExpression || parent.callee === child) return null;
      const name = calleeName(parent);
      if (name === 'catch' || (name === 'then' && parent.arguments[1] === child)) mark('failure');
      else if (name === 'setTimeout' || name === 'setImmediate' || name === 'nextTick' || name === 'then' || name === 'finally') {
        /* a delay or a next step on the way: keep looking for the failure path above it */
      } else if (isErrorFirstBranch(call, child, errorNames)) mark('failure');
      else if (!LISTENER_METHODS.has(name ?? '')) return null;
      else {
        const event = parent.arguments[0] ? staticString(sourceCode, parent.arguments[0]) : null;
        if (event === 'error') mark('failure');
        else if (event !== null && CLOSE_EVENTS.has(event)) mark('closed');
        else return null;
      }
    }
  }
  return path;
}

/** The `if` of a failed HTTP status (`if (res.status === 401)`) whose branch holds the call, when that is its failure path. */
export function failureStatusBranch(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.Node, fn: FunctionNode): TSESTree.IfStatement | null {
  for (let child: TSESTree.Node = call, parent: TSESTree.Node | undefined = call.parent; parent && child !== fn; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.CatchClause || isFunctionNode(parent)) return null;
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child && isFailureStatusTest(sourceCode, parent.test)) return parent;
  }
  return null;
}

/** `(err, result) => { if (err) return retry(); … }`: the call is in the `if (err)` branch. */
function isErrorFirstBranch(call: TSESTree.Node, callback: TSESTree.Node, errorNames: ReadonlySet<string>): boolean {
  if (!isFunctionNode(callback)) return false;
  const [first] = callback.params;
  if (first?.type !== AST_NODE_TYPES.Identifier || !errorNames.has(first.name)) return false;
  for (let child: TSESTree.Node = call, node = call.parent; node && node !== callback; child = node, node = node.parent) {
    if (node.type === AST_NODE_TYPES.IfStatement && node.consequent === child) {
      const test = skipTypeWrappers(node.test);
      if (test.type === AST_NODE_TYPES.Identifier && test.name === first.name) return true;
    }
  }
  return false;
}

/**
 * One way a function starts itself again: a call of itself (`this.send(msg)`), itself handed on to be
 * called (`.catch(start)`, `setTimeout(connect, ms)`), or a call of a scheduler that calls it back
 * (`this.scheduleReconnect(attempt + 1)`).
 */
export interface RecursiveRetry {
  /** Where the finding is reported: the callee, or the function handed on. */
  readonly node: TSESTree.Node;
  /** A call of the function itself, which a fix can pass an attempt count through; `null` otherwise. */
  readonly call: TSESTree.CallExpression | null;
}

/** The references of a function to itself, in its own body, by kind. */
interface SelfUses {
  readonly calls: TSESTree.CallExpression[];
  /** `.catch(start)`, `setTimeout(connect, ms)`: the function as an argument of this call. */
  readonly handoffs: { readonly node: TSESTree.Node; readonly call: TSESTree.CallExpression }[];
}

function selfUses(sourceCode: Readonly<TSESLint.SourceCode>, self: SelfReference, within: TSESTree.Node): SelfUses {
  const calls: TSESTree.CallExpression[] = [];
  const handoffs: { node: TSESTree.Node; call: TSESTree.CallExpression }[] = [];
  const use = (node: TSESTree.Node): void => {
    const parent = node.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression) return;
    if (parent.callee === node) calls.push(parent);
    else if (parent.arguments.includes(node as TSESTree.CallExpressionArgument)) handoffs.push({ node, call: parent });
  };
  if (self.kind === 'name') {
    const variable = variableOf(sourceCode, self.id);
    for (const ref of variable?.references ?? []) {
      if (isInside(ref.identifier, within) && ref.identifier !== self.id) use(ref.identifier);
    }
  } else if (mentions(sourceCode.text.slice(within.range[0], within.range[1]), self.name, false)) {
    // `this.name` (or `this['name']`) is read only where the text names it: from each `this`, the
    // member read on it, used as the type assertions around it are (`(this.send as Send)(msg)`)
    for (const expression of thisExpressionsIn(sourceCode, within)) {
      const member = expression.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== expression || ASTUtils.getPropertyName(member) !== self.name) continue;
      use(outermostTypeWrapper(member));
    }
  }
  return { calls, handoffs };
}

/** A handoff that starts the function again after a failure: `.catch(start)`, `.then(ok, start)`, or a timer on a failure path. */
function handoffPath(
  sourceCode: Readonly<TSESLint.SourceCode>,
  handoff: SelfUses['handoffs'][number],
  fn: FunctionNode,
  errorNames: ReadonlySet<string>,
): 'failure' | 'closed' | null {
  const name = calleeName(handoff.call);
  const index = handoff.call.arguments.indexOf(handoff.node as TSESTree.CallExpressionArgument);
  if (name === 'catch' || (name === 'then' && index === 1)) return 'failure';
  if (LISTENER_METHODS.has(name ?? '') && index === 1) {
    const event = handoff.call.arguments[0] ? staticString(sourceCode, handoff.call.arguments[0]) : null;
    if (event === 'error') return 'failure';
    return event !== null && CLOSE_EVENTS.has(event) ? 'closed' : null;
  }
  if (['setTimeout', 'setImmediate', 'nextTick', 'then', 'finally'].includes(name ?? '') && index === 0)
    return failurePath(sourceCode, handoff.call, fn, errorNames);
  return null;
}

/** The function a call runs when it is a local one: a method of `fn`'s class (`this.m()`), or a function of the same scope. */
function localFunction(sourceCode: Readonly<TSESLint.SourceCode>, self: SelfReference, fn: FunctionNode, call: TSESTree.CallExpression): FunctionNode | null {
  const callee = skipTypeWrappers(call.callee);
  let target: FunctionNode | null = null;
  if (self.kind === 'method') {
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return null;
    const name = ASTUtils.getPropertyName(callee);
    const method = fn.parent;
    const body = method.type === AST_NODE_TYPES.MethodDefinition ? method.parent : null;
    const other = body?.body.find(
      (member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && member.value !== fn && staticKeyName(member) === name,
    );
    target = other?.value.type === AST_NODE_TYPES.FunctionExpression ? other.value : null;
  } else {
    if (callee.type !== AST_NODE_TYPES.Identifier || callee.name === self.id.name) return null;
    const variable = variableOf(sourceCode, callee);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.node.type === AST_NODE_TYPES.FunctionDeclaration) target = def.node;
    else if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && isFunctionNode(def.node.init)) target = def.node.init;
  }
  if (!target || target === fn || isInside(target, fn) || isInside(fn, target)) return null;
  return target;
}

/**
 * Functions that call `fn` back, possibly through a timer (`scheduleReconnect(attempt) { setTimeout(() => this.connect(attempt), ms) }`),
 * and are not themselves retries: methods of the same class, or functions of the same scope.
 */
function schedulerOf(sourceCode: Readonly<TSESLint.SourceCode>, self: SelfReference, target: FunctionNode): FunctionNode | null {
  // it calls `fn` back, not on a failure path of its own (its own failures would make it the retry)
  const back = selfUses(sourceCode, self, target.body);
  const comesBack =
    back.calls.some((inner) => ownPath(inner, target) !== null) ||
    back.handoffs.some((handoff) => ['setTimeout', 'setImmediate', 'nextTick'].includes(calleeName(handoff.call) ?? ''));
  return comesBack ? target : null;
}

/**
 * Whether anything but the function's own declaration names it: a function nobody calls, hands on
 * or schedules cannot start itself again, and its body need not be read.
 */
function mentionedElsewhere(sourceCode: Readonly<TSESLint.SourceCode>, self: SelfReference, fn: FunctionNode): boolean {
  if (self.kind === 'name') {
    const variable = variableOf(sourceCode, self.id);
    return !variable || variable.references.some((ref) => ref.identifier !== self.id);
  }
  const method = fn.parent;
  if (method.type !== AST_NODE_TYPES.MethodDefinition) return true;
  const text = sourceCode.text;
  const body = method.parent;
  return (
    mentions(text.slice(body.range[0], method.key.range[0]), self.name, false) || mentions(text.slice(method.key.range[1], body.range[1]), self.name, false)
  );
}

/** The calls below `root` (not `root` itself), in source order. */
function callsWithin(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  forEachDescendant(root, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
  });
  return calls;
}

/**
 * The calls of a file as the traversal enters them, for {@link uncappedRecursion} to take those of
 * a function's body without walking it again: a rule hands it the file's shared list of calls
 * (`fileCallExpressions`) and asks after the traversal.
 */
export class FileCalls {
  /** The calls in source order: the list as given when its starts do not decrease (traversal order nearly always), else a sorted copy. */
  private sorted: readonly TSESTree.CallExpression[] | null = null;

  /** `calls`: the file's calls, complete by the time {@link within} is first asked. */
  constructor(private readonly calls: readonly TSESTree.CallExpression[]) {}

  /** The calls below `root` (not `root` itself), in source order. */
  within(root: TSESTree.Node): TSESTree.CallExpression[] {
    const calls = (this.sorted ??= inSourceOrder(this.calls));
    const [start, end] = root.range;
    const found: TSESTree.CallExpression[] = [];
    for (let index = firstAtOrAfter(calls, start, (call) => call.range[0]); index < calls.length; index += 1) {
      const call = calls[index];
      if (!call || call.range[0] >= end) break;
      if (call !== root) found.push(call);
    }
    return found;
  }
}

function inSourceOrder(calls: readonly TSESTree.CallExpression[]): readonly TSESTree.CallExpression[] {
  for (let index = 1; index < calls.length; index += 1) {
    if ((calls[index - 1]?.range[0] ?? 0) > (calls[index]?.range[0] ?? 0)) return [...calls].sort((a, b) => a.range[0] - b.range[0]);
  }
  return calls;
}

/** A call of another local function (a method of the same class, a function of the same scope). */
interface LocalCall {
  readonly call: TSESTree.CallExpression;
  readonly callee: FunctionNode;
}

/** Whether anything outside `fn` names it: only there can another function call it back. */
function namedOutside(sourceCode: Readonly<TSESLint.SourceCode>, self: SelfReference, fn: FunctionNode): boolean {
  if (self.kind === 'name') {
    const variable = variableOf(sourceCode, self.id);
    return !variable || variable.references.some((ref) => ref.identifier !== self.id && !isInside(ref.identifier, fn));
  }
  const method = fn.parent;
  if (method.type !== AST_NODE_TYPES.MethodDefinition) return true;
  const text = sourceCode.text;
  const body = method.parent;
  return mentions(text.slice(body.range[0], method.range[0]), self.name, false) || mentions(text.slice(method.range[1], body.range[1]), self.name, false);
}

/** A call reached from the start of `owner` directly or through timers only; `null` when it waits on anything else. */
function ownPath(call: TSESTree.Node, owner: FunctionNode): 'direct' | null {
  for (let child: TSESTree.Node = call, parent: TSESTree.Node | undefined = call.parent; parent && child !== owner; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.CatchClause) return null;
    if (isFunctionNode(child) && child !== owner) {
      if (parent.type !== AST_NODE_TYPES.CallExpression || !['setTimeout', 'setImmediate', 'nextTick'].includes(calleeName(parent) ?? '')) return null;
    }
  }
  return 'direct';
}

/**
 * The ways `fn` starts itself again on failure (calls, handoffs, calls of a scheduler that calls it
 * back) when nothing bounds how often: no attempt count compared, no flag or emptied state that
 * ends the recursion, no drain or prompt that moves on.
 */
export function uncappedRecursion(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  fileCalls?: FileCalls,
  errorNames: ReadonlySet<string> = errorParameterNames,
): RecursiveRetry[] {
  const self = selfReference(fn);
  if (!self || !mentionedElsewhere(sourceCode, self, fn)) return [];
  const uses = selfUses(sourceCode, self, fn.body);
  interface Start {
    readonly retry: RecursiveRetry;
    /** The call that carries arguments to the next attempt (the scheduler's call back, for a scheduled retry). */
    readonly carriers: readonly TSESTree.CallExpression[];
    readonly path: 'failure' | 'closed' | null;
    readonly scheduler: FunctionNode | null;
  }
  const starts: Start[] = [];
  for (const call of uses.calls) {
    starts.push({ retry: { node: call.callee, call }, carriers: [call], path: failurePath(sourceCode, call, fn, errorNames), scheduler: null });
  }
  for (const handoff of uses.handoffs) {
    const path = handoffPath(sourceCode, handoff, fn, errorNames);
    // handed on as the success callback (`promise.then(next, onError)`), or to a timer on success: a poller, not a retry
    if (path === null) return [];
    starts.push({ retry: { node: handoff.node, call: null }, carriers: [], path, scheduler: null });
  }
  // `ws.on('error', () => this.scheduleReconnect(attempt + 1))` with a scheduler that calls back; called
  // on success too, the scheduler is the next step of a state machine or a poller, not a retry
  // the calls of other local functions in the body, in source order, found once and only when asked
  let localCalls: LocalCall[] | null = null;
  const callsOfLocalFunctions = (): LocalCall[] => {
    if (localCalls) return localCalls;
    const found: LocalCall[] = [];
    for (const node of fileCalls ? fileCalls.within(fn.body) : callsWithin(sourceCode, fn.body)) {
      if (uses.calls.includes(node)) continue;
      const callee = localFunction(sourceCode, self, fn, node);
      if (callee) found.push({ call: node, callee });
    }
    localCalls = found;
    return found;
  };
  // a scheduler is another function that names this one: none when nothing outside it does
  if (namedOutside(sourceCode, self, fn)) {
    const schedulers = new Map<FunctionNode, FunctionNode | null>();
    for (const { call: node, callee } of callsOfLocalFunctions()) {
      let scheduler = schedulers.get(callee);
      if (scheduler === undefined) {
        scheduler = schedulerOf(sourceCode, self, callee);
        schedulers.set(callee, scheduler);
      }
      if (!scheduler) continue;
      const path = failurePath(sourceCode, node, fn, errorNames);
      const back = selfUses(sourceCode, self, scheduler.body).calls;
      starts.push({ retry: { node: node.callee, call: null }, carriers: [node, ...back], path, scheduler });
    }
  }
  const changed = (start: Start): boolean => start.carriers.some((call) => call.arguments.some((arg) => changedCounter(sourceCode, arg) !== null));
  // a reconnect after `close` counts when it counts its attempts (`attempt + 1`): the cap it meant is missing
  const retries = starts.filter((start) => start.path === 'failure' || (start.path === 'closed' && changed(start)));
  // Calling itself on success too makes it a poller or a pager (`schedule next`), not a retry.
  if (retries.length === 0 || starts.some((start) => start.path === null)) return [];
  // A periodic task: a function it calls on success schedules it again (`beat()` ends with `setTimeout(safeBeat, interval)`).
  if (reschedulesOnSuccess(sourceCode, self, fn, errorNames)) return [];
  // A drain that takes the next item on every call (`queue.shift()`) moves on after a failure.
  if (takesNextItem(sourceCode, fn)) return [];
  // Asking a person again (`prompt`, `rl.question`) is paced by that person.
  if (asksForInput(sourceCode, fn)) return [];
  if (
    retries.every(
      ({ retry }) =>
        (retry.call !== null && (flagEndsRecursion(sourceCode, fn, retry.call) || clearedStateEndsRecursion(sourceCode, fn, retry.call))) ||
        retriesOnlyConflicts(sourceCode, retry.node, fn),
    )
  ) {
    return [];
  }
  // A parameter passed on changed (`attempt + 1`) and compared, or a counter in the function (or its scheduler).
  const changedArguments = new Set<string>();
  for (const start of retries) {
    for (const call of start.carriers) {
      for (const arg of call.arguments) {
        forEachDescendant(arg, sourceCode.visitorKeys, (node) => {
          const text = changedCounter(sourceCode, node);
          if (text) changedArguments.add(text);
        });
        const text = changedCounter(sourceCode, arg);
        if (text) changedArguments.add(text);
      }
    }
    // `walk(path.dirname(dir))` after `if (parent === dir) return`: it recurses on a new value the function tests
    if (start.retry.call) {
      start.retry.call.arguments.forEach((arg, index) => {
        const value = skipTypeWrappers(arg);
        if (value.type !== AST_NODE_TYPES.Identifier) return;
        if (value.name !== parameterName(fn.params[index])) changedArguments.add(value.name);
      });
    }
  }
  const roots: TSESTree.Node[] = [fn.body, ...new Set(retries.flatMap((start) => (start.scheduler ? [start.scheduler.body] : [])))];
  if (hasBound(sourceCode, roots, changedArguments)) return [];
  // the count raised here may be compared in a helper the function calls (`if (this.shouldRetry(error))`)
  const counters = new Set([...changedArguments, ...updatedCounters(sourceCode, fn.body)]);
  const helpers = [...new Set(callsOfLocalFunctions().map(({ callee }) => callee))].map((callee) => callee.body);
  return counters.size > 0 && boundingNodes(sourceCode, helpers, counters, { onlyCounters: true }).length > 0 ? [] : retries.map((start) => start.retry);
}

const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate']);

/**
 * Whether a function `fn` calls off its failure paths (a local function or a method of its class)
 * hands `fn` to a timer, or calls it from one: `fn` runs periodically anyway, and starting it again
 * after a failure keeps that period, it does not add load.
 */
function reschedulesOnSuccess(sourceCode: Readonly<TSESLint.SourceCode>, self: SelfReference, fn: FunctionNode, errorNames: ReadonlySet<string>): boolean {
  let found = false;
  forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression || failurePath(sourceCode, node, fn, errorNames) !== null) return;
    const callee = localFunction(sourceCode, self, fn, node);
    if (!callee) return;
    const uses = selfUses(sourceCode, self, callee.body);
    const inTimer = (use: TSESTree.Node): boolean => {
      for (let current = use.parent; current && current !== callee; current = current.parent) {
        if (current.type === AST_NODE_TYPES.CallExpression && TIMERS.has(calleeName(current) ?? ''))
          return failurePath(sourceCode, current, callee, errorNames) === null;
      }
      return false;
    };
    if (uses.calls.some(inTimer) || uses.handoffs.some((handoff) => inTimer(handoff.node))) found = true;
  });
  return found;
}

/** Counters raised or lowered under `root`: `attempt++`, `this.retries += 1`, `tries = tries + 1`. */
function updatedCounters(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node): Set<string> {
  const counters = new Set<string>();
  forEachDescendant(root, sourceCode.visitorKeys, (node) => {
    const target =
      node.type === AST_NODE_TYPES.UpdateExpression
        ? node.argument
        : node.type === AST_NODE_TYPES.AssignmentExpression &&
            (node.operator === '+=' || node.operator === '-=' || changedCounter(sourceCode, node.right) !== null)
          ? node.left
          : null;
    const text = target ? counterText(sourceCode, target) : null;
    if (text) counters.add(text);
  });
  return counters;
}

/** `attempt + 1`, `retries - 1`: the counter a changed argument is made from. */
function changedCounter(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string | null {
  const value = skipTypeWrappers(node);
  if (value.type !== AST_NODE_TYPES.BinaryExpression || !['+', '-'].includes(value.operator)) return null;
  return counterText(sourceCode, value.left);
}

type SelfReference = NonNullable<ReturnType<typeof selfReference>>;

/** The name a parameter binds (`a`, `a = 1`), or `null` for patterns. */
function parameterName(param: TSESTree.Parameter | undefined): string | null {
  if (!param) return null;
  const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  return target.type === AST_NODE_TYPES.Identifier ? target.name : null;
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
    const ownerName =
      owner?.type === AST_NODE_TYPES.Identifier ? owner.name : owner?.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(owner) : null;
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
  const lookup: Lookup = (node) => (node.type === AST_NODE_TYPES.CallExpression ? undefined : flags.get(referenceText(sourceCode, node).replace(/\?\./g, '.')));
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
function retriesOnlyConflicts(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.Node, fn: FunctionNode): boolean {
  for (let child: TSESTree.Node = call, parent: TSESTree.Node | undefined = call.parent; parent && child !== fn; child = parent, parent = parent.parent) {
    if (parent.type !== AST_NODE_TYPES.IfStatement || parent.consequent !== child) continue;
    const handler = enclosingCatch(parent);
    const param = handler?.param;
    if (param?.type !== AST_NODE_TYPES.Identifier) continue;
    const text = sourceCode.getText(parent.test);
    if (mentions(text, param.name, false) && CONFLICT.test(text) && !/^\s*!/.test(text)) return true;
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

export interface EndlessRetryOption {
  readonly property: TSESTree.Property;
  /** The option as the message names it: `retries`, `retry.limit`, `forever`. */
  readonly option: string;
  /** `count`: a retry count that never runs out; `flag`: a flag that retries forever (`forever: true`). */
  readonly kind: 'count' | 'flag';
  /**
   * For a flag, the option that counts the policy's attempts (`retries` for node-retry), which a fix
   * writes in the flag's place; `null` for a count, or when the library has no plain count.
   */
  readonly countedBy: string | null;
}

/**
 * A retry function named in options (`retryLibraries`), beside the catalog's: the export, the
 * argument positions of its options (any, when not given), the dotted paths of the options that
 * cap its attempts, values of them it documents as unlimited, and flags that retry forever.
 */
export interface RetryLibraryOption {
  readonly name: string;
  readonly from: string;
  readonly optionsAt?: readonly number[];
  readonly limits: readonly string[];
  readonly unlimited?: readonly number[];
  readonly forever?: readonly string[];
}

/** Every argument position: the options of a library named without `optionsAt` may be any argument. */
const ANY_ARGUMENT = -1;

/** The catalog's retry libraries and those named in options, as one index (built once per options). */
function retryLibraryIndex(extra: readonly RetryLibraryOption[]): ApiIndex<RetryLibraryEntry> {
  return memoPerValue(extra, 'retry-libraries', () => {
    const named = extra.map((library): RetryLibraryEntry => ({
      from: library.from,
      path: library.name === 'default' ? '' : library.name,
      optionsAt: library.optionsAt ?? [ANY_ARGUMENT],
      limits: library.limits.map((path) => ({ path, unlimited: library.unlimited ?? [] })),
      forever: library.forever ?? [],
    }));
    return apiIndex(`retry-libraries:${JSON.stringify(extra)}`, () =>
      [...retryLibraries, ...named].map((entry) => ({ module: { from: entry.from, path: entry.path }, info: entry, kind: 'call' as const })),
    );
  });
}

/** The option a flag that retries forever gives way to: the library's first plain (undotted) count. */
function countOf(entry: RetryLibraryEntry): string | null {
  return entry.limits.find((limit) => !limit.path.includes('.'))?.path ?? null;
}

/** The object literal an options argument is, directly or through the `const` it was initialised with. */
function optionsObject(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined): TSESTree.ObjectExpression | null {
  if (!node) return null;
  const value = resolveConstValue(sourceCode, node);
  return value.type === AST_NODE_TYPES.ObjectExpression ? value : null;
}

/** The property at a dotted path (`retry.limit`) of an object literal, as the runtime would see it. */
function propertyAt(object: TSESTree.ObjectExpression, path: string): TSESTree.Property | null {
  let current: TSESTree.ObjectExpression = object;
  const parts = path.split('.');
  for (const [index, part] of parts.entries()) {
    const lookup = lookupProperty(current, [part]);
    if (lookup.kind !== 'found') return null;
    if (index === parts.length - 1) return lookup.property;
    const inner = skipTypeWrappers(lookup.value);
    if (inner.type !== AST_NODE_TYPES.ObjectExpression) return null;
    current = inner;
  }
  return null;
}

/** A retry count that never runs out: statically endless (`Infinity`, `FOREVER`), or a value the library documents as unlimited. */
function isEndlessLimit(sourceCode: Readonly<TSESLint.SourceCode>, property: TSESTree.Property, unlimited: readonly number[] = []): boolean {
  if (property.value.type === AST_NODE_TYPES.AssignmentPattern) return false;
  if (isEndlessCount(sourceCode, property.value)) return true;
  const count = staticNumber(sourceCode, property.value);
  return count !== null && unlimited.includes(count);
}

function isStaticallyTrue(sourceCode: Readonly<TSESLint.SourceCode>, property: TSESTree.Property): boolean {
  return property.value.type !== AST_NODE_TYPES.AssignmentPattern && staticValueOf(sourceCode, property.value)?.value === true;
}

/**
 * Retry policies set to retry forever: the options of a retry library call (`pRetry(fn, { retries: FOREVER })`,
 * `connect({ maxReconnectAttempts: -1 })` for NATS, `forever: true`), and any options object whose retry
 * count is statically endless (`{ maxRetries: Infinity }`, `{ retry: { limit: Infinity } }`), whatever reads it.
 * `candidates` are the properties named like a retry option, collected while the file is traversed.
 */
export function endlessRetryOptions(
  sourceCode: Readonly<TSESLint.SourceCode>,
  candidates: readonly TSESTree.Property[],
  libraries: readonly RetryLibraryOption[] = [],
): EndlessRetryOption[] {
  const found = new Map<TSESTree.Property, EndlessRetryOption>();
  const add = (property: TSESTree.Property, option: string): void => {
    if (!found.has(property)) found.set(property, { property, option, kind: 'count', countedBy: null });
  };
  const addFlag = (property: TSESTree.Property, option: string, countedBy: string | null): void => {
    if (!found.has(property)) found.set(property, { property, option, kind: 'flag', countedBy });
  };
  for (const ref of findApiReferences(sourceCode, retryLibraryIndex(libraries))) {
    const entry = ref.info;
    if (ref.node.type !== AST_NODE_TYPES.CallExpression) continue;
    const call = ref.node;
    const positions = entry.optionsAt.includes(ANY_ARGUMENT) ? call.arguments.map((_, index) => index) : entry.optionsAt;
    for (const at of positions) {
      const object = optionsObject(sourceCode, call.arguments[at]);
      if (!object) continue;
      for (const limit of entry.limits) {
        const property = propertyAt(object, limit.path);
        if (property && isEndlessLimit(sourceCode, property, limit.unlimited)) add(property, limit.path);
      }
      for (const flag of entry.forever ?? []) {
        const property = propertyAt(object, flag);
        if (property && isStaticallyTrue(sourceCode, property)) addFlag(property, flag, countOf(entry));
      }
    }
  }
  for (const property of candidates) {
    const key = staticKeyName(property);
    const object = property.parent;
    if (key === null || object.type !== AST_NODE_TYPES.ObjectExpression || lookupProperty(object, [key]).kind !== 'found') continue;
    // the last definition of the key is the one that counts
    if (propertyAt(object, key) !== property) continue;
    // `const DEFAULT_RECOVERY = { maxRetries: Infinity }`: a default that callers' options override, not a setting
    if (isDefaults(object)) continue;
    if (retryCountOptions.has(key)) {
      if (isEndlessLimit(sourceCode, property)) add(property, key);
    } else if (key === 'limit') {
      const holder = object.parent;
      const policy = holder.type === AST_NODE_TYPES.Property && holder.value === object ? staticKeyName(holder) : null;
      if (policy !== null && retryPolicyKeys.has(policy) && isEndlessLimit(sourceCode, property)) add(property, `${policy}.limit`);
    } else if (key === 'forever' && isStaticallyTrue(sourceCode, property)) {
      const companions = object.properties.some((other) => other.type === AST_NODE_TYPES.Property && retryForeverCompanions.has(staticKeyName(other) ?? ''));
      if (companions) addFlag(property, key, 'retries');
    }
  }
  return [...found.values()].sort((a, b) => a.property.range[0] - b.property.range[0]);
}

const DEFAULTS_NAME = /default/i;

/**
 * An object literal (or one nested in it) that a name says holds defaults: `const DEFAULT_OPTIONS = {…}`,
 * `this.defaults = {…}`, a class field `static defaults = {…}`. A key of an options object
 * (`defaultJobOptions`) is a setting, not a default.
 */
function isDefaults(object: TSESTree.ObjectExpression): boolean {
  let current: TSESTree.Node = object;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.VariableDeclarator)
      return parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier && DEFAULTS_NAME.test(parent.id.name);
    if (parent.type === AST_NODE_TYPES.AssignmentExpression) {
      const target =
        parent.left.type === AST_NODE_TYPES.MemberExpression
          ? ASTUtils.getPropertyName(parent.left)
          : parent.left.type === AST_NODE_TYPES.Identifier
            ? parent.left.name
            : null;
      return target !== null && DEFAULTS_NAME.test(target);
    }
    if (parent.type === AST_NODE_TYPES.PropertyDefinition) return DEFAULTS_NAME.test(staticKeyName(parent) ?? '');
    const frozen = parent.type === AST_NODE_TYPES.CallExpression && isCallOf(parent, 'Object', 'freeze');
    if (
      !(parent.type === AST_NODE_TYPES.Property && parent.value === current) &&
      parent.type !== AST_NODE_TYPES.ObjectExpression &&
      parent.type !== AST_NODE_TYPES.TSAsExpression &&
      parent.type !== AST_NODE_TYPES.TSSatisfiesExpression &&
      !frozen
    ) {
      return false;
    }
    current = parent;
  }
}

/** Property names the rule hands to `endlessRetryOptions` as candidates. */
export const RETRY_OPTION_NAMES: ReadonlySet<string> = new Set([...retryCountOptions, 'limit', 'forever']);

/**
 * `api.interceptors.response.use(ok, async (error) => { …; return api(error.config) })`: an axios
 * response interceptor that sends the failed request again through the client it is installed on,
 * whose failure runs the same interceptor again. Returns those calls when nothing marks the request
 * as retried (`originalRequest._retry = true` tested before) and no count on it is compared.
 */
export function uncappedInterceptorRetries(sourceCode: Readonly<TSESLint.SourceCode>, use: TSESTree.CallExpression): TSESTree.CallExpression[] {
  const callee = skipTypeWrappers(use.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || ASTUtils.getPropertyName(callee) !== 'use') return [];
  const interceptors = skipTypeWrappers(callee.object);
  if (interceptors.type !== AST_NODE_TYPES.MemberExpression || ASTUtils.getPropertyName(interceptors) !== 'response') return [];
  const holder = skipTypeWrappers(interceptors.object);
  if (holder.type !== AST_NODE_TYPES.MemberExpression || ASTUtils.getPropertyName(holder) !== 'interceptors') return [];
  const client = chainText(sourceCode, holder.object);
  const handler = interceptorHandler(sourceCode, use.arguments[1]);
  const [param] = handler?.params ?? [];
  if (!handler || param?.type !== AST_NODE_TYPES.Identifier) return [];
  // the failed request's config: `error.config`, and the names it is given (`const original = error.config`)
  const configNames = new Set<string>([`${param.name}.config`]);
  forEachDescendant(handler.body, sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || !node.init) return;
    const init = chainText(sourceCode, skipTypeWrappers(node.init));
    if (node.id.type === AST_NODE_TYPES.Identifier && configNames.has(init)) configNames.add(node.id.name);
    if (node.id.type === AST_NODE_TYPES.ObjectPattern && init === param.name) {
      for (const property of node.id.properties) {
        if (property.type === AST_NODE_TYPES.Property && staticKeyName(property) === 'config' && property.value.type === AST_NODE_TYPES.Identifier)
          configNames.add(property.value.name);
      }
    }
  });
  const isConfig = (node: TSESTree.Node): boolean => {
    const value = skipTypeWrappers(node);
    if (value.type === AST_NODE_TYPES.ObjectExpression)
      return value.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement && isConfig(property.argument));
    return (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression) && configNames.has(chainText(sourceCode, value));
  };
  const resends: TSESTree.CallExpression[] = [];
  const marks = new Set<string>();
  const tested: string[] = [];
  forEachDescendant(handler.body, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.some(isConfig)) {
      const target = chainText(sourceCode, skipTypeWrappers(node.callee));
      if (target === client || target === `${client}.request` || target === 'axios' || target === 'axios.request') resends.push(node);
    }
    // `original._retry = true`, `config.retryCount += 1`: the request carries whether it was retried
    const written = node.type === AST_NODE_TYPES.AssignmentExpression ? node.left : node.type === AST_NODE_TYPES.UpdateExpression ? node.argument : null;
    if (written?.type === AST_NODE_TYPES.MemberExpression && isConfig(written.object)) marks.add(chainText(sourceCode, written));
    if (node.type === AST_NODE_TYPES.MemberExpression && inTest(node)) tested.push(chainText(sourceCode, node));
  });
  // the mark must be tested before the request is sent again (`if (status === 401 && !original._retry)`)
  const marked = tested.some((text) => marks.has(text));
  if (resends.length === 0 || marked || hasBound(sourceCode, [handler.body])) return [];
  return resends;
}

/** The rejection handler given to `use()`: a function, or a local function named there. */
function interceptorHandler(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined): FunctionNode | null {
  if (!node) return null;
  const value = skipTypeWrappers(node);
  if (isFunctionNode(value)) return value;
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const def = variableOf(sourceCode, value)?.defs[0];
  if (def?.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && isFunctionNode(def.node.init)) return def.node.init;
  return null;
}
