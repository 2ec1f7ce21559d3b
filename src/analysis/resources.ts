import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { calleeName, forEachDescendant, isFunctionNode } from '../util/ast.js';
import { poolCheckouts, resources, type ResourceEntry } from '../util/catalog.js';
import { apiIndex, findApiReferences, type ApiSpec } from '../util/references.js';
import { enclosingFunction, isInside, valueEscapes } from './lifetimes.js';

/**
 * Resources released on the success path only: the analysis behind `require-close-on-error`.
 */

export type ResourceFinding =
  | { readonly kind: 'neverReleased'; readonly node: TSESTree.Node; readonly name: string; readonly resource: ResourceEntry['kind'] | 'pool-client' }
  | {
      readonly kind: 'releasedOnlyOnSuccess';
      readonly node: TSESTree.Node;
      readonly name: string;
      readonly release: string;
    }
  | { readonly kind: 'bodyNotConsumed'; readonly node: TSESTree.Node; readonly name: string }
  | { readonly kind: 'pipeWithoutErrorHandling'; readonly node: TSESTree.Node; readonly source: string };

interface Acquisition {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly kind: ResourceEntry['kind'] | 'pool-client';
  readonly release: readonly string[];
  readonly releaseEvents: readonly string[];
  readonly closesWhenConsumed: boolean;
}

const RESPONSE_BODY_RELEASE = new Set(['cancel', 'getReader', 'pipeTo', 'pipeThrough', 'tee']);
const EXIT_TYPES = new Set<string>([AST_NODE_TYPES.ReturnStatement, AST_NODE_TYPES.ThrowStatement]);

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
 * A `return` / `throw` after the response arrived that leaves without consuming its body: no
 * consumption in its own argument, in an earlier statement of its block, or earlier in a block
 * that contains it.
 */
function exitWithoutConsuming(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: TSESTree.Node,
  acquired: TSESTree.Node,
  consumptions: readonly TSESTree.Node[],
): TSESTree.Node | null {
  const body = isFunctionNode(fn) ? fn.body : fn;
  let found: TSESTree.Node | null = null;
  forEachDescendant(body, sourceCode.visitorKeys, (node) => {
    if (found || !EXIT_TYPES.has(node.type) || node.range[0] < acquired.range[1]) return;
    if (enclosingFunction(node) !== (isFunctionNode(fn) ? fn : null)) return;
    if (consumptions.some((use) => isInside(use, node))) return;
    // a consumption earlier in this block or an enclosing block (before the exit, on its path)
    for (let current: TSESTree.Node | undefined = node; current && current !== body.parent; current = current.parent) {
      const slot = statementSlot(current);
      if (!slot) break;
      const earlier = slot.list.slice(0, slot.index);
      if (earlier.some((statement) => consumptions.some((use) => isInside(use, statement)))) return;
      current = slot.list[slot.index]?.parent;
      if (!current || current === body) break;
    }
    found = node;
  });
  return found;
}

export function analyzeResources(sourceCode: Readonly<TSESLint.SourceCode>, poolCalls: readonly TSESTree.CallExpression[]): ResourceFinding[] {
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
    const finding = judge(sourceCode, acquisition);
    if (finding) findings.push(finding);
  }
  return findings;
}

function judge(sourceCode: Readonly<TSESLint.SourceCode>, acquisition: Acquisition): ResourceFinding | null {
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
    return { kind: 'pipeWithoutErrorHandling', node: parent.property, source: sourceCode.getText(acquisition.node) };
  }
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.id.type !== AST_NODE_TYPES.Identifier || parent.init !== value) {
    // Discarded responses still hold their connection until the body is read.
    if (acquisition.kind === 'response' && parent?.type === AST_NODE_TYPES.ExpressionStatement) {
      return { kind: 'bodyNotConsumed', node: acquisition.node, name: sourceCode.getText(acquisition.node.callee) };
    }
    return null;
  }
  const declaration = parent.parent;
  if (declaration.type === AST_NODE_TYPES.VariableDeclaration && (declaration.kind === 'using' || declaration.kind === 'await using')) return null;
  const [variable] = sourceCode.getDeclaredVariables(parent);
  if (!variable) return null;
  const name = parent.id.name;
  const fn = enclosingFunction(parent);
  const scopeNode: TSESTree.Node = fn ?? sourceCode.ast;

  const releases: TSESTree.Node[] = [];
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
      if (call && method !== null && acquisition.release.includes(method)) releases.push(call);
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
    if (releases.length === 0) return { kind: 'bodyNotConsumed', node: parent.id, name };
    const exit = exitWithoutConsuming(sourceCode, scopeNode, parent, releases);
    return exit ? { kind: 'bodyNotConsumed', node: parent.id, name } : null;
  }
  if (releases.length === 0) {
    // A stream consumed by .pipe() closes at its end; what leaks it is a failing destination.
    if (piped) return { kind: 'pipeWithoutErrorHandling', node: piped.property, source: name };
    // A connection that is only handed out, never used for queries here, may be the pool's own.
    if (acquisition.kind === 'pool-client' && !queried) return null;
    return { kind: 'neverReleased', node: parent.id, name, resource: acquisition.kind };
  }
  if (releases.some((release) => inFinally(release, fn)) || releasedInTryAndCatch(releases)) return null;
  const first = releases.reduce((a, b) => (a.range[0] <= b.range[0] ? a : b));
  if (!riskyBetween(sourceCode, scopeNode, parent.range[1], first.range[0])) return null;
  return {
    kind: 'releasedOnlyOnSuccess',
    node: parent.id,
    name,
    release: `${sourceCode.getText(first).replace(/\(.*$/s, '')}()`,
  };
}
