import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import {
  calleeName,
  forEachDescendant,
  isFunctionNode,
  lookupProperty,
  matchOffsets,
  nodesStartingAt,
  outermostTypeWrapper,
  resolveConstValue,
  skipTypeWrappers,
} from '../util/ast.js';
import { poolCheckouts, poolNamePattern, resources, type ResourceEntry } from '../catalog/index.js';
import { apiIndex, findApiReferences, type ApiSpec } from '../util/references.js';
import { memoPerFile } from '../util/memo.js';
import { isStaticallyNullish, staticNumber } from '../util/values.js';
import { enclosingFunction, isInside, valueEscapes } from './lifetimes.js';
import type { PathRecorder } from './paths.js';

/**
 * Resources released on the success path only: the analysis behind `require-close-on-error`.
 *
 * It runs in two steps. {@link planResources}, before traversal (from the rule's `create()`), finds
 * the acquisitions and the functions they are in; the rule records the code paths of those
 * functions only (`createPathRecorder({ track: (root) => plan.roots.has(root) })`). After traversal
 * {@link analyzeResources} asks every "on every path" question on those code paths: is there a path
 * from the acquisition to the end of its function that passes no release, or to a point that can
 * throw (an `await`, a `yield`, an operation on a descriptor) whose exception leaves without one.
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
  /** Whether another path reaches this exit after reading the body (then a cancel before it would fail on a used body). */
  readonly readOnAnotherPath: boolean;
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
    }
  | {
      readonly kind: 'descriptorLeakedInCallback';
      /** The callback parameter that receives the descriptor. */
      readonly node: TSESTree.Identifier;
      readonly name: string;
      /** The call that opens it (`fs.open`). */
      readonly open: string;
      readonly release: string;
      /** The callback that can finish without releasing it, and the line it starts on. */
      readonly callback: TSESTree.Node;
      readonly line: number;
    }
  | {
      readonly kind: 'pipeIntoWithoutErrorHandling';
      readonly node: TSESTree.Node;
      readonly source: string;
      /** The destination's text (`fs.createWriteStream(file)`) or name. */
      readonly destination: string;
      /** The `source.pipe` member of the `.pipe()` call into the destination. */
      readonly pipe: TSESTree.MemberExpression;
    };

interface Acquisition {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly kind: ResourceEntry['kind'] | 'pool-client';
  readonly release: readonly string[];
  readonly releaseEvents: readonly string[];
  readonly closesWhenConsumed: boolean;
  /** Calls that release it when given it as their first argument (`fs.closeSync(fd)`). */
  readonly releaseCalls: ReadonlySet<TSESTree.Node>;
  /** Calls of `fs` functions that operate on a descriptor (`fs.writeSync(fd, …)`, a promisified `fs.read`). */
  readonly descriptorOperations: ReadonlySet<TSESTree.Node>;
  /** Calls that only wait for one of its events (`await once(socket, 'connect')`): they neither release it nor let it escape. */
  readonly eventWaits: ReadonlySet<TSESTree.Node>;
  readonly writable: boolean;
  readonly errorListenerIsNotRelease: boolean;
}

/** `fs.open(file, (err, fd) => …)`: a descriptor handed to a callback. */
interface CallbackAcquisition {
  readonly call: TSESTree.CallExpression;
  readonly callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
  readonly param: TSESTree.Identifier;
  readonly variable: TSESLint.Scope.Variable;
  readonly releaseCalls: ReadonlySet<TSESTree.Node>;
  readonly descriptorOperations: ReadonlySet<TSESTree.Node>;
}

export interface ResourcePlanOptions {
  /** Names of what holds a pool (`db`), besides those that say `pool`: their checkouts are pool clients. */
  readonly poolNames: ReadonlySet<string>;
}

/** What {@link planResources} found before traversal: the acquisitions, and the code paths to record. */
export interface ResourcePlan {
  readonly acquisitions: readonly Acquisition[];
  readonly callbackAcquisitions: readonly CallbackAcquisition[];
  /** The functions (or the `Program`) whose code paths hold an acquisition. */
  readonly roots: ReadonlySet<TSESTree.Node>;
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

/** What a reference to a resource API is: which entry of the catalog, and the part the API plays in it. */
interface ResourceApi {
  readonly role: 'acquire' | 'callback-acquire' | 'promisified-acquire' | 'release-call' | 'promisified-release';
  readonly index: number;
}

function specsFor(): ApiSpec<ResourceApi>[] {
  return resources.flatMap((entry, index): ApiSpec<ResourceApi>[] => [
    ...entry.acquire.map((source): ApiSpec<ResourceApi> => {
      const kind = source.construct ? 'construct' : 'call';
      const info: ResourceApi = { role: 'acquire', index };
      return source.global !== undefined
        ? { info, kind, global: source.path === '' ? source.global : `${source.global}.${source.path}` }
        : { info, kind, module: { from: source.from ?? '', path: source.path } };
    }),
    ...(entry.acquireByCallback ?? []).map((source): ApiSpec<ResourceApi> => ({ info: { role: 'callback-acquire', index }, kind: 'call', module: source })),
    ...(entry.acquirePromisified ?? []).map((source): ApiSpec<ResourceApi> => ({ info: { role: 'promisified-acquire', index }, kind: 'read', module: source })),
    ...(entry.releaseCalls ?? []).flatMap((source): ApiSpec<ResourceApi>[] => [
      { info: { role: 'release-call', index }, kind: 'call', module: source },
      { info: { role: 'promisified-release', index }, kind: 'read', module: source },
    ]),
  ]);
}

const PROMISIFY_SPECS: ApiSpec[] = [{ info: 'promisify', kind: 'call', module: { from: 'util', path: 'promisify' } }];

/** `fs` functions that operate on a descriptor: each can fail (EIO, ENOSPC, EBADF) and leave it open. */
const DESCRIPTOR_OPERATIONS = ['read', 'write', 'fstat', 'fsync', 'fdatasync', 'ftruncate', 'fchmod', 'fchown', 'futimes', 'readv', 'writev'];
const DESCRIPTOR_SPECS: ApiSpec[] = DESCRIPTOR_OPERATIONS.flatMap((name): ApiSpec[] => [
  { info: 'descriptor-call', kind: 'call', module: { from: 'fs', path: name } },
  { info: 'descriptor-call', kind: 'call', module: { from: 'fs', path: `${name}Sync` } },
  { info: 'descriptor-read', kind: 'read', module: { from: 'fs', path: name } },
]);

/** `once(emitter, event)` / `on(emitter, event)` from `node:events`: they listen, and hand the emitter to nobody. */
const EVENT_WAIT_SPECS: ApiSpec[] = ['once', 'on'].map((path) => ({ info: 'event-wait', kind: 'call', module: { from: 'events', path } }));

/**
 * The calls of a function bound to `promisify(api)` (`const openAsync = promisify(fs.open)`,
 * `util.promisify(fs.open)(path)`), given the read reference to `api`.
 */
function promisifiedCalls(sourceCode: Readonly<TSESLint.SourceCode>, apiRead: TSESTree.Node, promisify: ReadonlySet<TSESTree.Node>): TSESTree.CallExpression[] {
  const call = apiRead.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !promisify.has(call) || call.arguments[0] !== apiRead) return [];
  const parent = call.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === call) return [parent];
  if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== call || parent.id.type !== AST_NODE_TYPES.Identifier) return [];
  const [variable] = sourceCode.getDeclaredVariables(parent);
  if (!variable || variable.references.some((ref) => ref.isWrite() && !ref.init)) return [];
  return variable.references.flatMap((ref) => {
    const use = ref.identifier.parent;
    return use?.type === AST_NODE_TYPES.CallExpression && use.callee === ref.identifier ? [use] : [];
  });
}

/** The spellings of `pool` a name matching `poolNamePattern` can hold, as code writes it. */
const POOL_WORDS = ['pool', 'Pool', 'POOL'];
const CHECKOUT_METHODS = poolCheckouts.map((entry) => entry.method).join('|');
/** Where the text names a checkout method; the member expression around it is checked on the tree. */
const CHECKOUT_NAME = new RegExp(`(?<![\\w$])(?:${CHECKOUT_METHODS})(?![\\w$])`, 'g');

function isIdentifier(node: TSESTree.Node): node is TSESTree.Identifier {
  return node.type === AST_NODE_TYPES.Identifier;
}

const EMPTY_CALL = /[\w$]+\s*\(\s*\)/y;

/** Whether the text at `offset` reads as `.name()`: a method called with no arguments. */
function looksLikeCheckout(text: string, offset: number): boolean {
  let before = offset - 1;
  while (before >= 0 && /\s/.test(text.charAt(before))) before -= 1;
  if (text.charAt(before) !== '.') return false;
  EMPTY_CALL.lastIndex = offset;
  return EMPTY_CALL.test(text);
}

/**
 * Calls that check a client out of a pool (`await pool.connect()`, `this.pool.getConnection()`):
 * found from the text before traversal, so that their functions' code paths can be recorded.
 */
function poolCheckoutCalls(sourceCode: Readonly<TSESLint.SourceCode>, poolNames: ReadonlySet<string>): TSESTree.CallExpression[] {
  // plain substring searches first: the owner must be named as a pool, and most files name none
  const text = sourceCode.text;
  const namesPool = POOL_WORDS.some((word) => text.includes(word)) || [...poolNames].some((name) => text.includes(name));
  if (!namesPool || !poolCheckouts.some((entry) => text.includes(entry.method))) return [];
  const found: TSESTree.CallExpression[] = [];
  const names = nodesStartingAt(
    sourceCode.ast,
    sourceCode.visitorKeys,
    matchOffsets(sourceCode.text, CHECKOUT_NAME).filter((offset) => looksLikeCheckout(sourceCode.text, offset)),
    isIdentifier,
  );
  for (const property of names) {
    const member = property.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.property !== property || member.computed) continue;
    const call = member.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || call.arguments.length > 0) continue;
    const owner = member.object;
    const ownerName =
      owner.type === AST_NODE_TYPES.Identifier ? owner.name : owner.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(owner) : null;
    if (ownerName !== null && (poolNamePattern.test(ownerName) || poolNames.has(ownerName))) found.push(call);
  }
  return found;
}

/**
 * The functions whose every path must release a callback's descriptor: the callback itself and
 * every function between it and a release (`fs.read(fd, …, (err) => { if (err) return cb(err); fs.close(fd, cb) })`).
 */
function callbackFunctions(acquisition: CallbackAcquisition): Set<TSESTree.Node> {
  const functions = new Set<TSESTree.Node>([acquisition.callback]);
  for (const ref of acquisition.variable.references) {
    const call = ref.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !acquisition.releaseCalls.has(call)) continue;
    for (let current: TSESTree.Node | undefined = call.parent; current && current !== acquisition.callback; current = current.parent) {
      if (isFunctionNode(current)) functions.add(current);
    }
  }
  return functions;
}

/**
 * Finds the acquisitions of a file and the code paths they are in. Needs only the scope manager,
 * so it runs in the rule's `create()`, before traversal.
 */
export function planResources(sourceCode: Readonly<TSESLint.SourceCode>, options: ResourcePlanOptions): ResourcePlan {
  const acquisitions: Acquisition[] = [];
  const references = findApiReferences(sourceCode, apiIndex('resources', specsFor));
  const promisify = new Set(
    references.length > 0
      ? findApiReferences(
          sourceCode,
          apiIndex('resources-promisify', () => PROMISIFY_SPECS),
        ).map((ref) => ref.node)
      : [],
  );
  const descriptorOperations = new Set<TSESTree.Node>();
  if (references.length > 0) {
    for (const ref of findApiReferences(
      sourceCode,
      apiIndex('resources-descriptor-operations', () => DESCRIPTOR_SPECS),
    )) {
      if (ref.info === 'descriptor-call') descriptorOperations.add(ref.node);
      else for (const call of promisifiedCalls(sourceCode, ref.node, promisify)) descriptorOperations.add(call);
    }
  }
  const eventWaits = new Set(
    references.length > 0
      ? findApiReferences(
          sourceCode,
          apiIndex('resources-event-waits', () => EVENT_WAIT_SPECS),
        ).map((ref) => ref.node)
      : [],
  );
  const releaseCalls = new Map<number, Set<TSESTree.Node>>();
  const releaseCallsOf = (index: number): Set<TSESTree.Node> => {
    let set = releaseCalls.get(index);
    if (!set) releaseCalls.set(index, (set = new Set()));
    return set;
  };
  const acquired: { node: TSESTree.Node; index: number }[] = [];
  const byCallback: { node: TSESTree.Node; index: number }[] = [];
  for (const ref of references) {
    const { role, index } = ref.info;
    if (role === 'release-call') releaseCallsOf(index).add(ref.node);
    else if (role === 'promisified-release') for (const call of promisifiedCalls(sourceCode, ref.node, promisify)) releaseCallsOf(index).add(call);
    else if (role === 'callback-acquire') byCallback.push({ node: ref.node, index });
    else if (role === 'promisified-acquire') for (const call of promisifiedCalls(sourceCode, ref.node, promisify)) acquired.push({ node: call, index });
    else acquired.push({ node: ref.node, index });
  }
  for (const { node, index } of acquired) {
    const entry = resources[index];
    if (!entry || (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression)) continue;
    acquisitions.push({
      node,
      kind: entry.kind,
      release: entry.release,
      releaseEvents: entry.releaseEvents ?? [],
      closesWhenConsumed: entry.closesWhenConsumed === true,
      releaseCalls: releaseCalls.get(index) ?? new Set(),
      eventWaits,
      descriptorOperations,
      writable: entry.writable === true,
      errorListenerIsNotRelease: entry.errorListenerIsNotRelease === true,
    });
  }
  for (const call of poolCheckoutCalls(sourceCode, options.poolNames)) {
    const checkout = poolCheckouts.find((entry) => entry.method === calleeName(call));
    if (checkout) {
      acquisitions.push({
        node: call,
        kind: 'pool-client',
        release: checkout.release,
        releaseEvents: [],
        closesWhenConsumed: false,
        releaseCalls: new Set(),
        eventWaits,
        descriptorOperations,
        writable: false,
        errorListenerIsNotRelease: false,
      });
    }
  }
  acquisitions.sort((a, b) => a.node.range[0] - b.node.range[0]);
  const roots = new Set<TSESTree.Node>(acquisitions.map((acquisition) => enclosingFunction(acquisition.node) ?? sourceCode.ast));
  const callbackAcquisitions: CallbackAcquisition[] = [];
  for (const { node, index } of byCallback) {
    const callback = node.type === AST_NODE_TYPES.CallExpression ? node.arguments.at(-1) : undefined;
    if (callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback?.type !== AST_NODE_TYPES.FunctionExpression) continue;
    if (node.type !== AST_NODE_TYPES.CallExpression || callback.body.type !== AST_NODE_TYPES.BlockStatement) continue;
    const param = callback.params[1];
    if (param?.type !== AST_NODE_TYPES.Identifier) continue;
    const variable = sourceCode.getDeclaredVariables(callback).find((candidate) => candidate.name === param.name);
    if (!variable) continue;
    const acquisition = { call: node, callback, param, variable, releaseCalls: releaseCalls.get(index) ?? new Set<TSESTree.Node>(), descriptorOperations };
    callbackAcquisitions.push(acquisition);
    for (const fn of callbackFunctions(acquisition)) roots.add(fn);
  }
  return { acquisitions, callbackAcquisitions, roots };
}

/** The value an acquisition becomes: through `await`, type assertions, and parentheses. */
function outerValue(node: TSESTree.Node): TSESTree.Node {
  return outermostTypeWrapper(node, { await: true });
}

/**
 * Where a release written in a callback takes effect on the acquiring function's paths: where that
 * callback is handed over (`stream.on('finish', () => stream.close())`, `later(() => h.close())`);
 * the release itself when it is in `root`'s own code.
 */
function anchorIn(node: TSESTree.Node, root: TSESTree.Node): TSESTree.Node {
  let anchor = node;
  for (let current: TSESTree.Node | undefined = node.parent; current && current !== root; current = current.parent) {
    if (isFunctionNode(current)) anchor = current.parent;
  }
  return anchor;
}

interface RootPoints {
  readonly exits: UnreadExit['node'][];
  readonly throwPoints: TSESTree.Node[];
}

/** The `return` / `throw` statements and the points that can throw (`await`, `yield`) of `root`'s own code, once per root. */
function exitsAndThrowPoints(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node): RootPoints {
  const cache = memoPerFile(sourceCode, 'resources:root-points', () => new Map<TSESTree.Node, RootPoints>());
  let points = cache.get(root);
  if (points) return points;
  points = { exits: [], throwPoints: [] };
  const { exits, throwPoints } = points;
  forEachDescendant(isFunctionNode(root) ? root.body : root, sourceCode.visitorKeys, (node) => {
    if (isFunctionNode(node)) return false;
    if (isExit(node)) exits.push(node);
    else if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) throwPoints.push(node);
    return undefined;
  });
  cache.set(root, points);
  return points;
}

/**
 * Whether some path from `from` leaves the function without passing a release: it reaches the end
 * of the function, or a point that can throw whose exception (followed to the `catch` or `finally`
 * that receives it) then leaves without one.
 */
function leaksOnSomePath(paths: PathRecorder, from: TSESTree.Node, releases: readonly TSESTree.Node[], throwPoints: readonly TSESTree.Node[]): boolean {
  if (!paths.isReachable(from)) return false;
  if (paths.pathAvoiding(from, releases, { to: 'final' })) return true;
  const targets = new Set<TSESTree.Node>();
  for (const point of paths.reachedAvoiding(from, releases, throwPoints)) {
    const target = paths.throwTarget(point);
    if (!target) return true;
    targets.add(target);
  }
  // a catch or finally that an exception reaches, and that leaves without a release
  for (const target of targets) if (paths.pathAvoiding(target, releases, { to: 'final' })) return true;
  return false;
}

/**
 * The `return` / `throw` statements a path from the response reaches without consuming its body.
 * An exit in the `catch` of a `try` that made the call is left out: it runs when the call failed,
 * with no response to read, or when reading the body did; so is an exit in the `catch` of a `try`
 * whose first statement reads the body (`try { data = await res.json() } catch { throw … }`:
 * reading the body consumes it even when parsing then fails).
 */
function exitsWithoutConsuming(
  paths: PathRecorder,
  exits: readonly UnreadExit['node'][],
  from: TSESTree.Node,
  acquired: TSESTree.Node,
  consumptions: readonly TSESTree.Node[],
  original: readonly TSESTree.Node[],
): UnreadExit['node'][] {
  const consumedIn = (node: TSESTree.Node): boolean => original.some((use) => isInside(use, node));
  return exits.filter((exit) => {
    if (consumedIn(exit)) return false;
    for (let current: TSESTree.Node | undefined = exit.parent; current; current = current.parent) {
      if (isFunctionNode(current)) break;
      if (current.type === AST_NODE_TYPES.CatchClause) {
        const attempt = current.parent.block;
        if (isInside(acquired, attempt)) return false;
        const [first] = attempt.body;
        if (first && consumedIn(first)) return false;
      }
    }
    return paths.pathAvoiding(from, consumptions, { to: [exit] });
  });
}

/**
 * Branches where the resource is known to be absent (`if (!h) return`, `if (h == null) throw …`):
 * nothing was acquired on them, so they count as released.
 */
function absentBranches(sourceCode: Readonly<TSESLint.SourceCode>, variable: TSESLint.Scope.Variable): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  for (const ref of variable.references) {
    let test: TSESTree.Node = ref.identifier;
    let negated = false;
    const parent = test.parent;
    if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') {
      test = parent;
      negated = true;
    } else if (parent?.type === AST_NODE_TYPES.BinaryExpression && (parent.operator === '==' || parent.operator === '===')) {
      const other = parent.left === test ? parent.right : parent.left;
      if (!isStaticallyNullish(sourceCode, other)) continue;
      test = parent;
      negated = true;
    }
    const statement = test.parent;
    if (negated && statement?.type === AST_NODE_TYPES.IfStatement && statement.test === test) found.push(statement.consequent);
  }
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

/** The branches a status test of `name` sends error statuses and bodyless statuses (`304`, `204`) into. */
interface StatusBranches {
  readonly error: TSESTree.Node[];
  readonly bodyless: TSESTree.Node[];
}

/**
 * The branches of `root`'s own code that only an error status, or only a status without a body,
 * takes: the consequent of `if (!res.ok)`, the `else` of `if (res.ok)`, the body of `case 404:`.
 */
function statusBranches(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node, name: string): StatusBranches {
  const branches: StatusBranches = { error: [], bodyless: [] };
  const add = (status: PathStatus | null, branch: TSESTree.Node | null | undefined): void => {
    if (!branch) return;
    if (status === 'error') branches.error.push(branch);
    else if (status === 'bodyless') branches.bodyless.push(branch);
  };
  forEachDescendant(isFunctionNode(root) ? root.body : root, sourceCode.visitorKeys, (node) => {
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression) {
      const whenTrue = statusWhenTrue(node.test, name);
      add(whenTrue, node.consequent);
      if (whenTrue === 'success') add('error', node.alternate);
    } else if (node.type === AST_NODE_TYPES.SwitchStatement && isStatusOf(node.discriminant, name)) {
      // ESLint enters a case's own path at its first statement (the case itself is still on the test's path).
      for (const switchCase of node.cases) add(caseStatus(sourceCode, switchCase), switchCase.consequent[0]);
    }
    return undefined;
  });
  return branches;
}

/**
 * The status of the paths that reach `exit` from the response with its body unread: `success` when
 * one of them takes no error or bodyless branch, else `error` when one takes no bodyless branch,
 * else `bodyless`. (`if (!res.ok) break;` then `return data` after the loop: the unread path is an error path.)
 */
function statusOfPath(paths: PathRecorder, from: TSESTree.Node, exit: TSESTree.Node, stops: readonly TSESTree.Node[], branches: StatusBranches): PathStatus {
  if (paths.pathAvoiding(from, [...stops, ...branches.error, ...branches.bodyless], { to: [exit] })) return 'success';
  if (paths.pathAvoiding(from, [...stops, ...branches.bodyless], { to: [exit] })) return 'error';
  return 'bodyless';
}

/** `case 404:` is an error, `case 304:` has no body; `default:` is an error when another case takes a success status. */
function caseStatus(sourceCode: Readonly<TSESLint.SourceCode>, switchCase: TSESTree.SwitchCase): PathStatus | null {
  const codeOf = (test: TSESTree.Expression | null | undefined): number | null => (test ? staticNumber(sourceCode, test) : null);
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

/** The `source.pipe(node)` call that `node` is the destination of. */
function pipeCallInto(node: TSESTree.Node): (TSESTree.CallExpression & { callee: TSESTree.MemberExpression }) | null {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== node) return null;
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && ASTUtils.getPropertyName(callee) === 'pipe'
    ? (call as TSESTree.CallExpression & { callee: TSESTree.MemberExpression })
    : null;
}

const SOURCE_FAILURE_EVENTS = new Set(['error', 'aborted', 'close']);

/**
 * Whether `emitter` (a bound name) has a listener for its failure (`req.on('error', …)`,
 * `req.on('aborted', …)`, `req.on('close', …)`) anywhere in the file.
 */
function listensForFailure(sourceCode: Readonly<TSESLint.SourceCode>, emitter: TSESTree.Node): boolean {
  const target = skipTypeWrappers(emitter);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(target), target);
  return (variable?.references ?? []).some((ref) => {
    const member = ref.identifier.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === ref.identifier && handlesFailure(member);
  });
}

/** `x.on('error', …)` (or `once`, `addListener`) given the member `x.on`. */
function handlesFailure(member: TSESTree.MemberExpression): boolean {
  const call = member.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return false;
  if (!['on', 'once', 'addListener', 'prependListener'].includes(ASTUtils.getPropertyName(member) ?? '')) return false;
  const [event] = call.arguments;
  return event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' && SOURCE_FAILURE_EVENTS.has(event.value);
}

/**
 * `source.pipe(destination)` with no failure handling on either side: no failure listener on the
 * source, and none chained on what `.pipe()` returns (the destination). Otherwise `null`.
 */
function pipeIntoFinding(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression & { callee: TSESTree.MemberExpression },
  destination: string,
): ResourceFinding | null {
  const source = call.callee.object;
  if (listensForFailure(sourceCode, source)) return null;
  // the source may itself be a pipe chain: a listener on any stream of it counts
  for (let current: TSESTree.Node = source; ;) {
    const inner = skipTypeWrappers(current);
    if (inner.type !== AST_NODE_TYPES.CallExpression || inner.callee.type !== AST_NODE_TYPES.MemberExpression) break;
    if (handlesFailure(inner.callee)) return null;
    current = inner.callee.object;
  }
  let current: TSESTree.Node = call;
  for (;;) {
    const member: TSESTree.Node | undefined = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) break;
    if (handlesFailure(member)) return null;
    const next: TSESTree.Node = member.parent;
    if (next.type !== AST_NODE_TYPES.CallExpression || next.callee !== member) break;
    current = next;
  }
  return { kind: 'pipeIntoWithoutErrorHandling', node: call.callee.property, source: sourceCode.getText(source), destination, pipe: call.callee };
}

export interface ResourceOptions {
  /** Also report response bodies left unread on error-status paths only (`if (!res.ok) throw …`). */
  readonly checkErrorBodies: boolean;
}

/**
 * The findings of a file, from the acquisitions {@link planResources} found and the code paths
 * recorded for their functions.
 */
export function analyzeResources(
  sourceCode: Readonly<TSESLint.SourceCode>,
  plan: ResourcePlan,
  paths: PathRecorder,
  options: ResourceOptions = { checkErrorBodies: false },
): ResourceFinding[] {
  const findings: ResourceFinding[] = [];
  for (const acquisition of plan.acquisitions) {
    const finding = judge(sourceCode, acquisition, paths, options);
    if (finding) findings.push(finding);
  }
  for (const acquisition of plan.callbackAcquisitions) {
    const finding = judgeCallback(sourceCode, acquisition, paths);
    if (finding) findings.push(finding);
  }
  // One finding per pipe chain: `input.pipe(gzip).pipe(fs.createWriteStream(dest))` is reported at its source, and one pipeline() fixes both ends.
  const reportedChains = new Set(findings.flatMap((finding) => (finding.kind === 'pipeWithoutErrorHandling' ? [finding.pipe] : [])));
  return findings.filter((finding) => finding.kind !== 'pipeIntoWithoutErrorHandling' || !pipeChain(finding.pipe).some((member) => reportedChains.has(member)));
}

/**
 * A descriptor handed to a callback (`fs.open(file, (err, fd) => …)`): every path through the
 * callback, and through each callback between it and a release, must release it, hand it to a
 * local function that uses it, or leave on the branch where opening failed (`if (err) return cb(err)`).
 */
function judgeCallback(sourceCode: Readonly<TSESLint.SourceCode>, acquisition: CallbackAcquisition, paths: PathRecorder): ResourceFinding | null {
  const { callback, variable, param } = acquisition;
  const releases: TSESTree.CallExpression[] = [];
  const handOffs = new Set<TSESTree.Node>();
  for (const ref of variable.references) {
    const use = ref.identifier;
    const parent = use.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === use) {
      if (acquisition.releaseCalls.has(parent)) releases.push(parent);
      else if (!acquisition.descriptorOperations.has(parent)) return null; // handed to code this file does not follow
      continue;
    }
    if (valueEscapes(use)) return null;
  }
  // Local functions that use the descriptor (`readMore()`, a continuation): calling one hands it over.
  const users = new Set<TSESTree.Node>();
  for (const ref of variable.references) {
    for (let current: TSESTree.Node | undefined = ref.identifier.parent; current && current !== callback; current = current.parent) {
      if (current.type === AST_NODE_TYPES.FunctionDeclaration && current.id) users.add(current);
      if (
        (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.ArrowFunctionExpression) &&
        current.parent.type === AST_NODE_TYPES.VariableDeclarator
      )
        users.add(current.parent);
    }
  }
  for (const user of users) {
    const [fnVariable] = sourceCode.getDeclaredVariables(user);
    for (const ref of fnVariable?.references ?? []) {
      const call = ref.identifier.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === ref.identifier) handOffs.add(call);
    }
  }
  const open = sourceCode.getText(acquisition.call.callee);
  if (releases.length === 0) {
    return { kind: 'descriptorLeakedInCallback', node: param, name: param.name, open, release: 'fs.close()', callback, line: callback.loc.start.line };
  }
  const release = `${sourceCode.getText(releases[0]?.callee ?? acquisition.call.callee)}()`;
  const failed = openFailedBranches(sourceCode, callback);
  for (const fn of callbackFunctions(acquisition)) {
    if (!isFunctionNode(fn) || fn.body.type !== AST_NODE_TYPES.BlockStatement) continue;
    const stops = [...releases.map((call) => anchorIn(call, fn)), ...[...handOffs].map((call) => anchorIn(call, fn)), ...(fn === callback ? failed : [])];
    if (paths.pathAvoiding(fn.body, stops, { to: 'final' })) {
      return { kind: 'descriptorLeakedInCallback', node: param, name: param.name, open, release, callback: fn, line: fn.loc.start.line };
    }
  }
  return null;
}

/** The branches where opening failed: `if (err) …` on the callback's first parameter. */
function openFailedBranches(
  sourceCode: Readonly<TSESLint.SourceCode>,
  callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
): TSESTree.Node[] {
  const errParam = callback.params[0];
  if (errParam?.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = sourceCode.getDeclaredVariables(callback).find((candidate) => candidate.name === errParam.name);
  const found: TSESTree.Node[] = [];
  for (const ref of variable?.references ?? []) {
    let test: TSESTree.Node = ref.identifier;
    const parent = test.parent;
    if (parent?.type === AST_NODE_TYPES.BinaryExpression && (parent.operator === '!=' || parent.operator === '!==')) {
      const other = parent.left === test ? parent.right : parent.left;
      if (!isStaticallyNullish(sourceCode, other)) continue;
      test = parent;
    }
    const statement = test.parent;
    if (statement?.type === AST_NODE_TYPES.IfStatement && statement.test === test) found.push(statement.consequent);
  }
  return found;
}

/** The `.pipe` members of the chain that ends at `pipe`, from the last one back to the first. */
function pipeChain(pipe: TSESTree.MemberExpression): TSESTree.MemberExpression[] {
  const chain = [pipe];
  for (let object = skipTypeWrappers(pipe.object); object.type === AST_NODE_TYPES.CallExpression;) {
    const callee = object.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || ASTUtils.getPropertyName(callee) !== 'pipe') break;
    chain.push(callee);
    object = skipTypeWrappers(callee.object);
  }
  return chain;
}

function judge(sourceCode: Readonly<TSESLint.SourceCode>, acquisition: Acquisition, paths: PathRecorder, options: ResourceOptions): ResourceFinding | null {
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
  // req.pipe(fs.createWriteStream(file)): the file is never closed when the source fails or aborts.
  const pipedInto = acquisition.writable ? pipeCallInto(value) : null;
  if (pipedInto) return pipeIntoFinding(sourceCode, pipedInto, sourceCode.getText(acquisition.node));
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.id.type !== AST_NODE_TYPES.Identifier || parent.init !== value) {
    // Discarded responses still hold their connection until the body is read.
    if (acquisition.kind === 'response' && parent?.type === AST_NODE_TYPES.ExpressionStatement && !isBodylessRequest(sourceCode, acquisition.node)) {
      return {
        kind: 'bodyNotConsumed',
        node: acquisition.node,
        name: sourceCode.getText(acquisition.node.callee),
        bound: null,
        exits: [],
        readSomewhere: false,
      };
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

  const releases: TSESTree.Node[] = [];
  const releaseCalls: TSESTree.CallExpression[] = [];
  let escapes = false;
  let errorHandled = false;
  let errorListened = false;
  let piped: TSESTree.MemberExpression | null = null;
  let queried = false;
  let pipedIntoBy: (TSESTree.CallExpression & { callee: TSESTree.MemberExpression }) | null = null;
  const descriptorCalls: TSESTree.CallExpression[] = [];
  for (const ref of variable.references) {
    if (ref.init) continue;
    const use = ref.identifier;
    const member = use.parent;
    // fs.closeSync(fd), fs.close(fd, cb), closeAsync(fd)
    if (member?.type === AST_NODE_TYPES.CallExpression && member.arguments[0] === use && acquisition.releaseCalls.has(member)) {
      releases.push(member);
      releaseCalls.push(member);
      continue;
    }
    // await once(socket, 'connect'): waits for an event, keeps nothing
    if (member?.type === AST_NODE_TYPES.CallExpression && member.arguments[0] === use && acquisition.eventWaits.has(member)) continue;
    // source.pipe(out): `out` is the destination
    if (acquisition.writable && pipeCallInto(use)) {
      pipedIntoBy ??= pipeCallInto(use);
      continue;
    }
    // fs.writeSync(fd, …): an operation on a descriptor can fail, and its exception leaves the descriptor open
    if (member?.type === AST_NODE_TYPES.CallExpression && member.arguments[0] === use && acquisition.descriptorOperations.has(member)) {
      descriptorCalls.push(member);
      continue;
    }
    if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === use) {
      const method = ASTUtils.getPropertyName(member);
      const call = member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member ? member.parent : null;
      if (call && method !== null && acquisition.release.includes(method)) {
        releases.push(call);
        releaseCalls.push(call);
      } else if (call && method === 'pipe') piped ??= member;
      else if (call && (method === 'query' || method === 'execute')) queried = true;
      else if (call && (method === 'on' || method === 'once')) {
        const [event] = call.arguments;
        const eventName = event?.type === AST_NODE_TYPES.Literal ? event.value : null;
        if (eventName === 'error' && acquisition.errorListenerIsNotRelease) errorListened = true;
        else if (eventName === 'error' || (typeof eventName === 'string' && acquisition.releaseEvents.includes(eventName))) errorHandled = true;
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

  const root = fn ?? sourceCode.ast;
  const { exits, throwPoints } = exitsAndThrowPoints(sourceCode, root);
  const stops = [...releases.map((release) => anchorIn(release, root)), ...absentBranches(sourceCode, variable)];
  if (acquisition.kind === 'response') {
    if (releases.length === 0) return { kind: 'bodyNotConsumed', node: parent.id, name, bound, exits: [], readSomewhere: false };
    const anchors = releases.map((release) => anchorIn(release, root));
    const branches = statusBranches(sourceCode, root, name);
    const unread = exitsWithoutConsuming(paths, exits, value, parent, stops, releases).map((exit): UnreadExit => ({
      node: exit,
      status: statusOfPath(paths, value, exit, stops, branches),
      readOnAnotherPath: anchors.some((anchor) => paths.pathAvoiding(anchor, [], { to: [exit] })),
    }));
    const statuses = unread.map((exit) => exit.status);
    if (statuses.includes('success')) return { kind: 'bodyNotConsumed', node: parent.id, name, bound, exits: unread, readSomewhere: true };
    return options.checkErrorBodies && statuses.includes('error')
      ? { kind: 'errorBodyNotConsumed', node: parent.id, name, bound, exits: unread, readSomewhere: true }
      : null;
  }
  if (releases.length === 0) {
    // A stream consumed by .pipe() closes at its end; what leaks it is a failing destination.
    if (piped) return { kind: 'pipeWithoutErrorHandling', node: piped.property, source: name, pipe: piped };
    // A destination ends when its source does; what leaks it is a source that fails or aborts.
    if (pipedIntoBy) return pipeIntoFinding(sourceCode, pipedIntoBy, name);
    // A socket that listens for its errors closes itself on them; nothing here says more.
    if (errorListened) return null;
    // A connection that is only handed out, never used for queries here, may be the pool's own.
    if (acquisition.kind === 'pool-client' && !queried) return null;
    return { kind: 'neverReleased', node: parent.id, name, resource: acquisition.kind, ...bound };
  }
  if (!leaksOnSomePath(paths, value, stops, [...throwPoints, ...descriptorCalls])) return null;
  const first = releases.reduce((a, b) => (a.range[0] <= b.range[0] ? a : b));
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
