import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { calleeName, forEachDescendant, isFunctionNode, lookupProperty, resolveConstValue, skipTypeWrappers } from '../util/ast.js';
import { poolCheckouts, resources, type ResourceEntry } from '../util/catalog.js';
import { apiIndex, findApiReferences, type ApiSpec } from '../util/references.js';
import { enclosingFunction, isInside, valueEscapes } from './lifetimes.js';

/**
 * Resources released on the success path only: the analysis behind `require-close-on-error`.
 */

/**
 * What a fix needs beyond the report: the declarator that binds the resource and its variable
 * (absent for a value that is not bound, such as a discarded `await fetch(url)`).
 */
export interface BoundResource {
  readonly declarator: TSESTree.VariableDeclarator & { id: TSESTree.Identifier };
  readonly variable: TSESLint.Scope.Variable;
  /** The call (or `new`) that acquires it. */
  readonly acquisition: TSESTree.CallExpression | TSESTree.NewExpression;
  /** Whether the acquisition's value is awaited before it is bound (`const h = await open(f)`). */
  readonly awaited: boolean;
}

/** A `return` / `throw` that leaves a response's body unread, and the status its path implies. */
export interface UnreadExit {
  readonly node: TSESTree.ReturnStatement | TSESTree.ThrowStatement;
  readonly status: 'success' | 'error' | 'bodyless';
}

export type ResourceFinding =
  | ({
      readonly kind: 'neverReleased';
      readonly node: TSESTree.Node;
      readonly name: string;
      readonly resource: ResourceEntry['kind'] | 'pool-client';
    } & BoundResource)
  | ({
      readonly kind: 'releasedOnlyOnSuccess';
      readonly node: TSESTree.Node;
      readonly name: string;
      readonly release: string;
      readonly resource: ResourceEntry['kind'] | 'pool-client';
      /** Every call that releases it, in source order. */
      readonly releases: readonly TSESTree.CallExpression[];
    } & BoundResource)
  | {
      readonly kind: 'bodyNotConsumed' | 'errorBodyNotConsumed';
      readonly node: TSESTree.Node;
      readonly name: string;
      /** The bound response, or `null` for a response discarded by an expression statement. */
      readonly bound: BoundResource | null;
      /** The exits that leave the body unread; empty when nothing in the function reads it. */
      readonly exits: readonly UnreadExit[];
      /** Whether the body is read (or cancelled) anywhere in the function. */
      readonly readSomewhere: boolean;
    }
  | {
      readonly kind: 'pipeWithoutErrorHandling';
      readonly node: TSESTree.Node;
      readonly source: string;
      /** The `source.pipe` member of the first `.pipe()` call. */
      readonly pipe: TSESTree.MemberExpression;
    };

interface Acquisition {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly kind: ResourceEntry['kind'] | 'pool-client';
  readonly release: readonly string[];
  readonly releaseEvents: readonly string[];
  readonly closesWhenConsumed: boolean;
}

const RESPONSE_BODY_RELEASE = new Set(['cancel', 'getReader', 'pipeTo', 'pipeThrough', 'tee']);

function isExit(node: TSESTree.Node): node is UnreadExit['node'] {
  return node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement;
}

/** Whether the value of `acquisition` passes through an `await` on its way to `value` (type assertions aside). */
function isAwaited(acquisition: TSESTree.Node, value: TSESTree.Node): boolean {
  for (let current: TSESTree.Node = acquisition; current !== value && current.parent; current = current.parent) {
    if (current.parent.type === AST_NODE_TYPES.AwaitExpression) return true;
  }
  return false;
}

function specsFor(): ApiSpec[] {
  return resources.flatMap((entry, index) =>
    entry.acquire.map((source): ApiSpec => {
      const kind = source.construct ? 'construct' : 'call';
      return source.global !== undefined
        ? { tag: String(index), kind, global: source.path === '' ? source.global : `${source.global}.${source.path}` }
        : { tag: String(index), kind, module: { from: source.from ?? '', path: source.path } };
    }),
  );
}

/** The value an acquisition becomes: through `await`, type assertions, and parentheses. */
function outerValue(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.AwaitExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  ) {
    current = current.parent;
  }
  return current;
}

/** Whether `node` sits in the `finally` block of a try statement, inside `fn`. */
function inFinally(node: TSESTree.Node, fn: TSESTree.Node | null): boolean {
  for (let child: TSESTree.Node = node, parent = node.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.finalizer === child) return true;
  }
  return false;
}

/** Released in both the `try` block and the `catch` of the same try statement. */
function releasedInTryAndCatch(releases: readonly TSESTree.Node[]): boolean {
  for (const release of releases) {
    for (let child: TSESTree.Node = release, parent = release.parent; parent; child = parent, parent = parent.parent) {
      if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === child && parent.handler) {
        const handler = parent.handler;
        if (releases.some((other) => isInside(other, handler))) return true;
      }
    }
  }
  return false;
}

/** Code between two points that can fail or leave: an `await`, a `throw`, a `return`, a `yield`. */
function riskyBetween(sourceCode: Readonly<TSESLint.SourceCode>, fn: TSESTree.Node, start: number, end: number): boolean {
  let risky = false;
  const body = isFunctionNode(fn) ? fn.body : fn;
  forEachDescendant(body, sourceCode.visitorKeys, (node) => {
    if (risky || node.range[0] < start || node.range[1] > end) return;
    if (
      node.type === AST_NODE_TYPES.AwaitExpression ||
      node.type === AST_NODE_TYPES.ThrowStatement ||
      node.type === AST_NODE_TYPES.ReturnStatement ||
      node.type === AST_NODE_TYPES.YieldExpression
    ) {
      if (enclosingFunction(node) === (isFunctionNode(fn) ? fn : null)) risky = true;
    }
  });
  return risky;
}

/** The statement list `node` is directly in, and its index there. */
function statementSlot(node: TSESTree.Node): { list: readonly TSESTree.Node[]; index: number } | null {
  let statement: TSESTree.Node = node;
  while (statement.parent && statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent.type !== AST_NODE_TYPES.Program) {
    if (isFunctionNode(statement.parent)) return null;
    statement = statement.parent;
  }
  const block = statement.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement && block?.type !== AST_NODE_TYPES.Program) return null;
  return { list: block.body, index: block.body.indexOf(statement as TSESTree.ProgramStatement) };
}

/**
 * The `return` / `throw` statements after the response arrived that leave without consuming its
 * body: no consumption in their own argument, in an earlier statement of their block or of a block
 * that contains them, nor at the start of the `try` whose `catch` they are in (`try { data = await
 * res.json() } catch { throw … }`: reading the body consumes it even when parsing then fails). An
 * exit in the `catch` of a `try` that made the call is left out too: it runs when the call failed,
 * with no response to read, or when reading the body did.
 */
function exitsWithoutConsuming(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: TSESTree.Node,
  acquired: TSESTree.Node,
  consumptions: readonly TSESTree.Node[],
): UnreadExit['node'][] {
  const body = isFunctionNode(fn) ? fn.body : fn;
  const consumedIn = (node: TSESTree.Node): boolean => consumptions.some((use) => isInside(use, node));
  const found: UnreadExit['node'][] = [];
  forEachDescendant(body, sourceCode.visitorKeys, (node) => {
    if (!isExit(node) || node.range[0] < acquired.range[1]) return;
    if (enclosingFunction(node) !== (isFunctionNode(fn) ? fn : null)) return;
    if (consumedIn(node)) return;
    // a consumption earlier in this block or an enclosing block (before the exit, on its path)
    for (let current: TSESTree.Node | undefined = node; current && current !== body.parent; current = current.parent) {
      if (current.type === AST_NODE_TYPES.CatchClause && current.parent.type === AST_NODE_TYPES.TryStatement) {
        const attempt = current.parent.block;
        // The call itself failed (no response), or reading it did (consumed); a `throw` in between is an exit of its own.
        if (isInside(acquired, attempt)) return;
        const [first] = attempt.body;
        if (first && consumedIn(first)) return;
      }
      const slot = statementSlot(current);
      if (!slot) break;
      const earlier = slot.list.slice(0, slot.index);
      if (earlier.some((statement) => consumedIn(statement))) return;
      current = slot.list[slot.index]?.parent;
      if (!current || current === body) break;
    }
    found.push(node);
  });
  return found;
}

/** Statuses whose responses have no body: nothing is left to read. */
const BODYLESS_STATUSES = new Set([204, 205, 304]);

type PathStatus = 'success' | 'error' | 'bodyless';

/** What a status test says when it holds: the response is an error, a success, has no body, or `null` (unknown). */
function statusWhenTrue(test: TSESTree.Node, name: string): PathStatus | null {
  const value = skipTypeWrappers(test);
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!') {
    // `!res.ok`; `!res.status` (no status at all)
    if (isStatusOf(value.argument, name)) return 'error';
    return statusWhenTrue(value.argument, name) === 'success' ? 'error' : null;
  }
  if (isOkFlag(value, name)) return 'success';
  if (value.type === AST_NODE_TYPES.LogicalExpression) {
    const left = statusWhenTrue(value.left, name);
    const right = statusWhenTrue(value.right, name);
    // `a && b` holds only when both do; `a || b` when either does, so both must agree.
    if (value.operator === '&&') return left ?? right;
    if (value.operator !== '||' || left === null || right === null) return null;
    if (left === right) return left;
    return left !== 'success' && right !== 'success' ? 'error' : null;
  }
  if (value.type !== AST_NODE_TYPES.BinaryExpression) return null;
  const flip: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };
  let operator = value.operator as string;
  let subject: TSESTree.Node = value.left;
  let other: TSESTree.Node = value.right;
  if (!isStatusOf(subject, name) && !isOkFlag(subject, name)) {
    [subject, other] = [other, subject];
    operator = flip[operator] ?? operator;
  }
  if (isOkFlag(subject, name) && other.type === AST_NODE_TYPES.Literal && typeof other.value === 'boolean') {
    const equal = operator === '===' || operator === '==';
    const negated = operator === '!==' || operator === '!=';
    if (!equal && !negated) return null;
    return other.value === equal ? 'success' : 'error';
  }
  if (!isStatusOf(subject, name)) return null;
  const resolved = skipTypeWrappers(other);
  if (resolved.type !== AST_NODE_TYPES.Literal || typeof resolved.value !== 'number') return null;
  const code = resolved.value;
  const success = (status: number): boolean => status >= 200 && status < 300 && !BODYLESS_STATUSES.has(status);
  switch (operator) {
    case '===':
    case '==':
      return BODYLESS_STATUSES.has(code) ? 'bodyless' : success(code) ? 'success' : 'error';
    case '!==':
    case '!=':
      return success(code) ? 'error' : null;
    case '>=':
      return code >= 300 ? 'error' : null;
    case '>':
      return code >= 299 ? 'error' : null;
    case '<':
      return code <= 200 ? 'error' : null;
    case '<=':
      return code < 200 ? 'error' : null;
    default:
      return null;
  }
}

/** `res.ok` */
function isOkFlag(node: TSESTree.Node, name: string): boolean {
  const value = skipTypeWrappers(node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node);
  return (
    value.type === AST_NODE_TYPES.MemberExpression &&
    value.object.type === AST_NODE_TYPES.Identifier &&
    value.object.name === name &&
    ASTUtils.getPropertyName(value) === 'ok'
  );
}

/** `res.status` / `res.statusCode` */
function isStatusOf(node: TSESTree.Node, name: string): boolean {
  const value = skipTypeWrappers(node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node);
  return (
    value.type === AST_NODE_TYPES.MemberExpression &&
    value.object.type === AST_NODE_TYPES.Identifier &&
    value.object.name === name &&
    ['status', 'statusCode'].includes(ASTUtils.getPropertyName(value) ?? '')
  );
}

/**
 * Whether an exit is reached only for an error status (inside `if (!res.ok)`, `if (res.status >= 400)`,
 * a `case 404:`), only for a status without a body (`304`, `204`), or possibly for a success.
 */
function statusOfPath(exit: TSESTree.Node, name: string, fn: TSESTree.Node): PathStatus {
  let status: PathStatus = 'success';
  for (let child: TSESTree.Node = exit, parent = exit.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
    let found: PathStatus | null = null;
    if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) {
      const whenTrue = statusWhenTrue(parent.test, name);
      if (parent.consequent === child) found = whenTrue;
      else if (parent.alternate === child) found = whenTrue === 'success' ? 'error' : null;
    } else if (parent.type === AST_NODE_TYPES.SwitchCase && isStatusOf(parent.parent.discriminant, name)) {
      found = caseStatus(parent);
    }
    // the innermost test that decides wins: `if (!res.ok) { if (res.status === 304) return; … }`
    if (found === 'bodyless') return 'bodyless';
    if (found === 'error') status = 'error';
  }
  return status;
}

/** `case 404:` is an error, `case 304:` has no body; `default:` is an error when another case takes a success status. */
function caseStatus(switchCase: TSESTree.SwitchCase): PathStatus | null {
  const codeOf = (test: TSESTree.Expression | null | undefined): number | null => {
    const value = test && skipTypeWrappers(test);
    return value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'number' ? value.value : null;
  };
  const success = (code: number | null): boolean => code !== null && code >= 200 && code < 300 && !BODYLESS_STATUSES.has(code);
  const cases = switchCase.parent.cases;
  if (switchCase.test === null) return cases.some((other) => success(codeOf(other.test))) ? 'error' : null;
  // the consecutive empty cases that fall into this one
  const index = cases.indexOf(switchCase);
  let start = index;
  while (start > 0 && cases[start - 1]?.consequent.length === 0) start -= 1;
  const codes = cases.slice(start, index + 1).map((other) => codeOf(other.test));
  if (codes.some((code) => code === null || success(code))) return null;
  return codes.every((code) => code !== null && BODYLESS_STATUSES.has(code)) ? 'bodyless' : 'error';
}

/** `fetch(url, { method: 'HEAD' })`: the response has no body to read. */
function isBodylessRequest(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const init = call.arguments[1];
  if (!init) return false;
  const options = resolveConstValue(sourceCode, init);
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const method = lookupProperty(options, ['method']);
  if (method.kind !== 'found') return false;
  const value = resolveConstValue(sourceCode, method.value);
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string' && value.value.toUpperCase() === 'HEAD';
}

/**
 * `spawn(cmd, args, { stdio: 'inherit' })`: a child with no pipes to this process holds nothing of
 * ours once it exits, and it exits on its own.
 */
function hasNoPipes(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const last = call.arguments.at(-1);
  if (!last) return false;
  const options = resolveConstValue(sourceCode, last);
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const stdio = lookupProperty(options, ['stdio']);
  if (stdio.kind !== 'found') return false;
  const noPipe = (node: TSESTree.Node | null): boolean => {
    if (node === null) return false;
    const value = resolveConstValue(sourceCode, node);
    if (value.type === AST_NODE_TYPES.Literal) return value.value === 'inherit' || value.value === 'ignore' || typeof value.value === 'number';
    // a stream or descriptor of this process handed to the child
    return value.type === AST_NODE_TYPES.MemberExpression && ['stdin', 'stdout', 'stderr'].includes(ASTUtils.getPropertyName(value) ?? '');
  };
  const value = resolveConstValue(sourceCode, stdio.value);
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    return value.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && noPipe(element));
  }
  return noPipe(value);
}

export interface ResourceOptions {
  /** Also report response bodies left unread on error-status paths only (`if (!res.ok) throw …`). */
  readonly checkErrorBodies: boolean;
}

export function analyzeResources(
  sourceCode: Readonly<TSESLint.SourceCode>,
  poolCalls: readonly TSESTree.CallExpression[],
  options: ResourceOptions = { checkErrorBodies: false },
): ResourceFinding[] {
  const acquisitions: Acquisition[] = [];
  for (const ref of findApiReferences(sourceCode, apiIndex('resources', specsFor))) {
    const entry = resources[Number(ref.tag)];
    if (!entry || (ref.node.type !== AST_NODE_TYPES.CallExpression && ref.node.type !== AST_NODE_TYPES.NewExpression)) continue;
    acquisitions.push({
      node: ref.node,
      kind: entry.kind,
      release: entry.release,
      releaseEvents: entry.releaseEvents ?? [],
      closesWhenConsumed: entry.closesWhenConsumed === true,
    });
  }
  for (const call of poolCalls) {
    const checkout = poolCheckouts.find((entry) => entry.method === calleeName(call));
    if (checkout) acquisitions.push({ node: call, kind: 'pool-client', release: checkout.release, releaseEvents: [], closesWhenConsumed: false });
  }

  const findings: ResourceFinding[] = [];
  for (const acquisition of acquisitions) {
    const finding = judge(sourceCode, acquisition, options);
    if (finding) findings.push(finding);
  }
  return findings;
}

function judge(sourceCode: Readonly<TSESLint.SourceCode>, acquisition: Acquisition, options: ResourceOptions): ResourceFinding | null {
  const value = outerValue(acquisition.node);
  const parent = value.parent;
  // createReadStream(file).pipe(res): the source is never destroyed when the destination fails.
  if (
    acquisition.kind === 'stream' &&
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === value &&
    ASTUtils.getPropertyName(parent) === 'pipe' &&
    parent.parent.type === AST_NODE_TYPES.CallExpression
  ) {
    return { kind: 'pipeWithoutErrorHandling', node: parent.property, source: sourceCode.getText(acquisition.node), pipe: parent };
  }
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.id.type !== AST_NODE_TYPES.Identifier || parent.init !== value) {
    // Discarded responses still hold their connection until the body is read.
    if (acquisition.kind === 'response' && parent?.type === AST_NODE_TYPES.ExpressionStatement && !isBodylessRequest(sourceCode, acquisition.node)) {
      return { kind: 'bodyNotConsumed', node: acquisition.node, name: sourceCode.getText(acquisition.node.callee), bound: null, exits: [], readSomewhere: false };
    }
    return null;
  }
  const declaration = parent.parent;
  if (declaration.type === AST_NODE_TYPES.VariableDeclaration && (declaration.kind === 'using' || declaration.kind === 'await using')) return null;
  const [variable] = sourceCode.getDeclaredVariables(parent);
  if (!variable) return null;
  const name = parent.id.name;
  const bound: BoundResource = {
    declarator: parent as TSESTree.VariableDeclarator & { id: TSESTree.Identifier },
    variable,
    acquisition: acquisition.node,
    awaited: isAwaited(acquisition.node, value),
  };
  if (acquisition.kind === 'response' && isBodylessRequest(sourceCode, acquisition.node)) return null;
  if (acquisition.kind === 'child-process' && hasNoPipes(sourceCode, acquisition.node)) return null;
  const fn = enclosingFunction(parent);
  const scopeNode: TSESTree.Node = fn ?? sourceCode.ast;

  const releases: TSESTree.Node[] = [];
  const releaseCalls: TSESTree.CallExpression[] = [];
  let escapes = false;
  let errorHandled = false;
  let piped: TSESTree.MemberExpression | null = null;
  let queried = false;
  for (const ref of variable.references) {
    if (ref.init) continue;
    const use = ref.identifier;
    const member = use.parent;
    if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === use) {
      const method = ASTUtils.getPropertyName(member);
      const call = member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member ? member.parent : null;
      if (call && method !== null && acquisition.release.includes(method)) {
        releases.push(call);
        releaseCalls.push(call);
      }
      else if (call && method === 'pipe') piped ??= member;
      else if (call && (method === 'query' || method === 'execute')) queried = true;
      else if (call && (method === 'on' || method === 'once')) {
        const [event] = call.arguments;
        const eventName = event?.type === AST_NODE_TYPES.Literal ? event.value : null;
        if (eventName === 'error' || (typeof eventName === 'string' && acquisition.releaseEvents.includes(eventName))) errorHandled = true;
      } else if (acquisition.kind === 'response' && method === 'body') {
        // res.body.cancel(), for await (const chunk of res.body), pipeline(res.body, …)
        const outer = member.parent;
        const bodyMethod = outer.type === AST_NODE_TYPES.MemberExpression && outer.object === member ? ASTUtils.getPropertyName(outer) : null;
        if ((bodyMethod !== null && RESPONSE_BODY_RELEASE.has(bodyMethod)) || valueEscapes(member) || outer.type === AST_NODE_TYPES.ForOfStatement) {
          releases.push(member);
        } else if (outer.type === AST_NODE_TYPES.ChainExpression || outer.type === AST_NODE_TYPES.MemberExpression) {
          const chained = outer.type === AST_NODE_TYPES.ChainExpression ? outer.expression : outer;
          if (chained.type === AST_NODE_TYPES.MemberExpression && RESPONSE_BODY_RELEASE.has(ASTUtils.getPropertyName(chained) ?? '')) releases.push(member);
        }
      }
      continue;
    }
    // for await (const chunk of stream): read to the end, it closes itself
    if (acquisition.closesWhenConsumed && member?.type === AST_NODE_TYPES.ForOfStatement && member.right === use) {
      errorHandled = true;
      continue;
    }
    if (valueEscapes(use)) escapes = true;
  }
  if (escapes || errorHandled) return null;

  if (acquisition.kind === 'response') {
    if (releases.length === 0) return { kind: 'bodyNotConsumed', node: parent.id, name, bound, exits: [], readSomewhere: false };
    const exits = exitsWithoutConsuming(sourceCode, scopeNode, parent, releases).map((exit): UnreadExit => ({ node: exit, status: statusOfPath(exit, name, scopeNode) }));
    const statuses = exits.map((exit) => exit.status);
    if (statuses.includes('success')) return { kind: 'bodyNotConsumed', node: parent.id, name, bound, exits, readSomewhere: true };
    return options.checkErrorBodies && statuses.includes('error')
      ? { kind: 'errorBodyNotConsumed', node: parent.id, name, bound, exits, readSomewhere: true }
      : null;
  }
  if (releases.length === 0) {
    // A stream consumed by .pipe() closes at its end; what leaks it is a failing destination.
    if (piped) return { kind: 'pipeWithoutErrorHandling', node: piped.property, source: name, pipe: piped };
    // A connection that is only handed out, never used for queries here, may be the pool's own.
    if (acquisition.kind === 'pool-client' && !queried) return null;
    return { kind: 'neverReleased', node: parent.id, name, resource: acquisition.kind, ...bound };
  }
  if (releases.some((release) => inFinally(release, fn)) || releasedInTryAndCatch(releases)) return null;
  const first = releases.reduce((a, b) => (a.range[0] <= b.range[0] ? a : b));
  if (!riskyBetween(sourceCode, scopeNode, parent.range[1], first.range[0])) return null;
  return {
    kind: 'releasedOnlyOnSuccess',
    node: parent.id,
    name,
    release: `${sourceCode.getText(first).replace(/\(.*$/s, '')}()`,
    resource: acquisition.kind,
    releases: releaseCalls.sort((a, b) => a.range[0] - b.range[0]),
    ...bound,
  };
}
