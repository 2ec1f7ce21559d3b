import { DefinitionType, ScopeType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import {
  calleeName,
  forEachDescendant,
  isFileScope,
  isFunctionNode,
  outermostTypeWrapper,
  skipTypeWrappers,
  staticKeyName,
  thisExpressionsIn,
  variableOf,
} from '../util/ast.js';
import {
  handlerDecorators,
  handlerParameters,
  onceNamePrefixes,
  oneShotEvents,
  repeatingRegistrations,
  routeHandlerExports,
  singletonDecorators,
  synchronousCallbacks,
  type RepeatEvidence,
  type RepeatingRegistration,
} from '../catalog/index.js';
import { namePrefixPattern } from '../util/text.js';
import { ASTUtils } from '../util/eslint-utils.js';
import { memoPerFile } from '../util/memo.js';
import { staticString } from '../util/values.js';
import { classOfThis, classVariables, enclosingFunction, isInside, type ClassNode, type FunctionNode } from './lifetimes.js';

/**
 * How often code runs over the life of the process, from what the file shows. Code REPEATS only on
 * positive evidence: it is (or is called from) a handler the file registers (a route, a server
 * callback, a listener, a queue consumer, a GraphQL resolver), an interval, a loop that runs for
 * as long as the process, a recursive function, or a method of a class the file instantiates per
 * request or per item. Code runs ONCE at module level, in start-up, entry and shutdown functions
 * (by name or role) and in everything only they call. Anything else is UNKNOWN: an exported
 * helper, a public method nobody in the file calls. Rules report what repeats, and what is
 * unknown only when asked to assume it repeats.
 *
 * The answers come from a small call graph of the file, built lazily from the scope manager (a
 * function's references, `this.method` uses of a class, the methods of an object or of what a
 * factory returns) and memoised per file, so a file with no candidate never pays for it.
 */

export type Repetition = { readonly kind: 'repeats'; readonly evidence: RepeatEvidence } | { readonly kind: 'once' } | { readonly kind: 'unknown' };

export type { RepeatEvidence };

/**
 * What a rule does with a repetition: report it as shown by the code (`evidence`), report it
 * because the rule was told to assume unknown code repeats (`assumed`), or stay silent (`null`).
 */
export type RepeatVerdict = 'evidence' | 'assumed' | null;

export function repeatVerdict(repetition: Repetition, assumeRepeats: boolean): RepeatVerdict {
  if (repetition.kind === 'repeats') return 'evidence';
  return repetition.kind === 'unknown' && assumeRepeats ? 'assumed' : null;
}

const ONCE: Repetition = { kind: 'once' };
const UNKNOWN: Repetition = { kind: 'unknown' };
const repeats = (evidence: RepeatEvidence): Repetition => ({ kind: 'repeats', evidence });

/** An answer still being computed further up: its value is the value of that computation. */
const CYCLE = { kind: 'cycle' } as const;
type Value = Repetition | typeof CYCLE;

/**
 * A value and the depth of the shallowest computation in progress it depended on (`CERTAIN` when
 * none): a value that depends on an unfinished answer is not memoised, so every answer is the same
 * whichever rule asks first.
 */
interface Result {
  readonly value: Value;
  readonly low: number;
}
const CERTAIN = Number.POSITIVE_INFINITY;
const certain = (value: Value): Result => ({ value, low: CERTAIN });

/** How many answers may be in progress at once before the analysis gives up (unknown). */
const MAX_DEPTH = 48;

interface Context {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly answers: Map<TSESTree.Node, Repetition>;
  readonly inProgress: Map<TSESTree.Node, number>;
  readonly thisMembers: Map<ClassNode, ReadonlyMap<string, readonly TSESTree.MemberExpression[]>>;
}

function contextOf(sourceCode: Readonly<TSESLint.SourceCode>): Context {
  return memoPerFile(sourceCode, 'repetition', () => ({ sourceCode, answers: new Map(), inProgress: new Map(), thisMembers: new Map() }));
}

/** How often the code at `node` runs over the life of the process. */
export function siteRepetition(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): Repetition {
  return settle(siteResult(contextOf(sourceCode), node));
}

/** How often the body of `fn` runs over the life of the process. */
export function functionRepetition(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): Repetition {
  return settle(functionResult(contextOf(sourceCode), fn));
}

/** How often instances of a class are made: once (a singleton), per request or item (repeats), or unknown. */
export function instanceRepetition(sourceCode: Readonly<TSESLint.SourceCode>, classNode: ClassNode): Repetition {
  return settle(instancesResult(contextOf(sourceCode), classNode));
}

/**
 * A class whose instance lives as long as the process: a DI singleton (`@Injectable()`), or one the
 * file makes in code that runs once (module level, start-up).
 */
export function isLongLivedClass(sourceCode: Readonly<TSESLint.SourceCode>, classNode: ClassNode): boolean {
  if (hasSingletonDecorator(classNode)) return true;
  const ctx = contextOf(sourceCode);
  return instantiations(ctx, classNode).some((site) => settle(siteResult(ctx, site)).kind === 'once');
}

function settle(result: Result): Repetition {
  return result.value.kind === 'cycle' ? UNKNOWN : result.value;
}

/** Computes the answer for `key` once, with cycle detection: a key met again while in progress is a cycle. */
function evaluate(ctx: Context, key: TSESTree.Node, compute: (depth: number) => Result): Result {
  const answer = ctx.answers.get(key);
  if (answer) return certain(answer);
  const depthInProgress = ctx.inProgress.get(key);
  if (depthInProgress !== undefined) return { value: CYCLE, low: depthInProgress };
  const depth = ctx.inProgress.size;
  if (depth >= MAX_DEPTH) return { value: UNKNOWN, low: -1 };
  ctx.inProgress.set(key, depth);
  try {
    const result = compute(depth);
    if (result.low < depth) return result;
    const value = result.value.kind === 'cycle' ? UNKNOWN : result.value;
    ctx.answers.set(key, value);
    return certain(value);
  } finally {
    ctx.inProgress.delete(key);
  }
}

/**
 * Combines the answers of every place a function is used from:
 * a use that repeats > a start-up, entry or shutdown role > being used inside itself (recursion) >
 * every use running once > unknown.
 */
function combine(depth: number, uses: readonly Result[], { runsOnceByRole, complete }: { runsOnceByRole: boolean; complete: boolean }): Result {
  let low = CERTAIN;
  let repeated: Result | null = null;
  let cycleLow = CERTAIN;
  let allOnce = complete && uses.length > 0;
  for (const use of uses) {
    if (use.value.kind === 'repeats') {
      if (use.low === CERTAIN) return use;
      repeated ??= use;
    } else if (use.value.kind === 'cycle') {
      cycleLow = Math.min(cycleLow, use.low);
    } else if (use.value.kind !== 'once') {
      allOnce = false;
    }
    low = Math.min(low, use.low);
  }
  if (repeated) return { value: repeated.value, low };
  if (runsOnceByRole) return { value: ONCE, low };
  if (cycleLow !== CERTAIN) {
    // Used inside itself: recursion, once the cycle closes here; until then, part of a larger one.
    return cycleLow >= depth ? { value: repeats('recursion'), low } : { value: CYCLE, low };
  }
  return { value: allOnce ? ONCE : UNKNOWN, low };
}

// ---------------------------------------------------------------------------------------------
// Sites

function siteResult(ctx: Context, node: TSESTree.Node): Result {
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return functionResult(ctx, parent);
    switch (parent.type) {
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
        if (parent.body === child && runsForAsLongAsTheProcess(parent)) return certain(repeats('loop'));
        break;
      case AST_NODE_TYPES.PropertyDefinition:
        // A field initializer runs per instance (a static one once).
        if (parent.value === child) return parent.static ? certain(ONCE) : instancesResult(ctx, parent.parent.parent);
        break;
      case AST_NODE_TYPES.StaticBlock:
        return certain(ONCE);
      default:
        break;
    }
  }
  return certain(ONCE);
}

const RUN_FLAG = /running|active|alive|started|polling|listening|enabled|keepGoing/i;
const STOP_FLAG = /stop|clos|abort|shut|cancel|quit/i;

/**
 * A loop that runs until the process ends or is told to stop: `while (true)`, `for (;;)`,
 * `while (this.running)`, `while (!signal.aborted)`. A loop over a collection (`for…of`, a counted
 * `for`) runs as often as the code around it, times the collection's size.
 */
function runsForAsLongAsTheProcess(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): boolean {
  const test = loop.test;
  if (!test) return true;
  const value = skipTypeWrappers(test);
  if (value.type === AST_NODE_TYPES.Literal) return Boolean(value.value);
  if (loop.type === AST_NODE_TYPES.ForStatement) return false;
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!') return STOP_FLAG.test(flagName(value.argument) ?? '');
  return RUN_FLAG.test(flagName(value) ?? '');
}

function flagName(node: TSESTree.Node): string | null {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name;
  if (value.type === AST_NODE_TYPES.MemberExpression && !value.computed) return ASTUtils.getPropertyName(value);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Functions

function functionResult(ctx: Context, fn: FunctionNode): Result {
  return evaluate(ctx, fn, (depth) => computeFunction(ctx, fn, depth));
}

function computeFunction(ctx: Context, fn: FunctionNode, depth: number): Result {
  const own = ownEvidence(ctx, fn);
  if (own) return certain(own);
  const position = valuePosition(fn);
  const parent = position.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === position)) {
    return memberResult(ctx, parent, depth);
  }
  if ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.callee === position) {
    // An IIFE runs where it is written.
    return siteResult(ctx, parent);
  }
  if (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(position as TSESTree.CallExpressionArgument)
  ) {
    // A callback that is not a registration (`forEach`, `then`, `new Promise`, `setTimeout`, a
    // one-shot event, an unknown call) runs as often as the call it is passed to.
    return siteResult(ctx, parent);
  }
  const { uses, complete } = usesOf(ctx, fn);
  const results: Result[] = [];
  for (const use of uses) {
    const result = useResult(ctx, use);
    if (result) results.push(result);
  }
  return combine(depth, results, { runsOnceByRole: runsOnceByName(bindingName(fn)) || exitsTheProcess(ctx, fn), complete });
}

/** Evidence a function carries itself: how it is registered, decorated, exported or declared. */
function ownEvidence(ctx: Context, fn: FunctionNode): Repetition | null {
  if (hasHandlerParameters(fn)) return repeats('route');
  const position = valuePosition(fn);
  const parent = position.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
    // espree's AST has no `decorators` array; typescript-estree's always has one.
    const decorators = parent.decorators as TSESTree.Decorator[] | undefined;
    if ((decorators ?? []).some((decorator) => handlerDecorators.has(decoratorName(decorator) ?? ''))) return repeats('route');
  }
  if (isRouteHandlerExport(fn)) return repeats('route');
  if (parent && (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.callee !== position) {
    const evidence = registrationEvidence(ctx, parent, position);
    if (evidence) return repeats(evidence);
  }
  if (parent?.type === AST_NODE_TYPES.ArrayExpression) {
    const evidence = arrayEvidence(ctx, parent);
    if (evidence) return repeats(evidence);
  }
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === position) {
    const evidence = propertyEvidence(ctx, parent);
    if (evidence) return repeats(evidence);
  }
  return null;
}

/** `(req, res)`, `(req, res, next)`, `(err, req, res, next)`, `(request, reply)`: an HTTP handler. */
function hasHandlerParameters(fn: FunctionNode): boolean {
  const names = fn.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : null));
  const start = names.length === 4 ? 1 : 0;
  const request = names[start];
  const response = names[start + 1];
  return request != null && response != null && handlerParameters.request.has(request) && handlerParameters.response.has(response);
}

/** `export async function GET(request)` / `export const POST = …`: a file-based router's route handler. */
function isRouteHandlerExport(fn: FunctionNode): boolean {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    return fn.id !== null && routeHandlerExports.has(fn.id.name) && fn.parent.type === AST_NODE_TYPES.ExportNamedDeclaration;
  }
  const declarator = valuePosition(fn).parent;
  return (
    declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.id.type === AST_NODE_TYPES.Identifier &&
    routeHandlerExports.has(declarator.id.name) &&
    declarator.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration
  );
}

function decoratorName(decorator: TSESTree.Decorator): string | null {
  const expression = decorator.expression;
  const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(callee) : null;
}

function hasSingletonDecorator(classNode: ClassNode): boolean {
  const decorators = classNode.decorators as TSESTree.Decorator[] | undefined;
  return (decorators ?? []).some((decorator) => singletonDecorators.has(decoratorName(decorator) ?? ''));
}

/** The name a function goes by: its own, the variable, property, field or assignment target it is bound to. */
function bindingName(fn: FunctionNode): string | null {
  if (fn.id) return fn.id.name;
  const position = valuePosition(fn);
  const parent = position.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (
    (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) &&
    parent.value === position
  ) {
    return memberKey(parent);
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === position) {
    const target = parent.left;
    if (target.type === AST_NODE_TYPES.Identifier) return target.name;
    if (target.type === AST_NODE_TYPES.MemberExpression) return ASTUtils.getPropertyName(target);
  }
  return null;
}

function memberKey(member: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | null {
  if (member.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.key.name}`;
  return staticKeyName(member);
}

const onceNames = namePrefixPattern(onceNamePrefixes);

/** `start`, `startWorkers`, `setupHttpListeners`, `main`, `shutdown`: a start-up, entry or shutdown step. */
function runsOnceByName(name: string | null): boolean {
  return name !== null && onceNames.test(name.replace(/^#/, ''));
}

/** A function that ends the process (`process.exit()`): a CLI's end, a daemonise step, a shutdown path. */
function exitsTheProcess(ctx: Context, fn: FunctionNode): boolean {
  let found = false;
  forEachDescendant(fn.body, ctx.sourceCode.visitorKeys, (node) => {
    if (found || (isFunctionNode(node) && node !== fn)) return false;
    if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      node.callee.object.type === AST_NODE_TYPES.Identifier &&
      node.callee.object.name === 'process' &&
      ASTUtils.getPropertyName(node.callee) === 'exit'
    ) {
      found = true;
    }
    return undefined;
  });
  return found;
}

// ---------------------------------------------------------------------------------------------
// Registrations

const registrationsByName = new Map<string, RepeatingRegistration[]>();
for (const entry of repeatingRegistrations) {
  const list = registrationsByName.get(entry.name);
  if (list) list.push(entry);
  else registrationsByName.set(entry.name, [entry]);
}

/** The evidence kind when `argument` is a callback the call registers to run again and again. */
function registrationEvidence(ctx: Context, call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node): RepeatEvidence | null {
  const name = calleeName(call);
  if (name === null) return null;
  const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
  if (index < 0) return null;
  for (const entry of registrationsByName.get(name) ?? []) {
    if ((entry.construct ?? false) !== (call.type === AST_NODE_TYPES.NewExpression)) continue;
    if (argumentRepeats(ctx, entry, call, index)) return entry.evidence;
  }
  return null;
}

/**
 * A middleware array handed to a registration (`app.use([auth, handler])`, `app.get(path, [mw, h])`,
 * `app.get(path, ...chain)`), directly or through a `const` the file only hands to registrations:
 * the evidence of that registration, or `null`.
 */
function arrayEvidence(ctx: Context, array: TSESTree.ArrayExpression, depth = 0): RepeatEvidence | null {
  if (depth > 3) return null;
  const position = valuePosition(array);
  const parent = position.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.ArrayExpression) return arrayEvidence(ctx, parent, depth + 1);
  if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.callee !== position) {
    return registrationEvidence(ctx, parent, position);
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === position && parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(ctx.sourceCode, parent.id);
    if (!variable || variable.references.some((ref) => ref.isWrite() && !ref.init)) return null;
    for (const ref of variable.references) {
      if (!ref.isRead()) continue;
      const use = valuePosition(ref.identifier);
      const holder = use.parent?.type === AST_NODE_TYPES.SpreadElement ? use.parent : use;
      const call = holder.parent;
      if ((call?.type === AST_NODE_TYPES.CallExpression || call?.type === AST_NODE_TYPES.NewExpression) && call.callee !== holder) {
        const evidence = registrationEvidence(ctx, call, holder);
        if (evidence) return evidence;
      }
    }
  }
  return null;
}

function argumentRepeats(ctx: Context, entry: RepeatingRegistration, call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): boolean {
  const before = call.arguments.slice(0, index);
  switch (entry.arguments) {
    case 'any':
      return true;
    case 'none':
      return false;
    case 'after-path':
      return (index > 0 && isRoutePath(ctx.sourceCode, call.arguments[0])) || isRouteChain(ctx.sourceCode, call);
    case 'after-name':
      return before.every((arg) => isLiteralName(arg));
    case 'after-event': {
      const event = call.arguments[0];
      if (index === 0 || !event || event.type === AST_NODE_TYPES.SpreadElement) return false;
      const value = ASTUtils.getStaticValue(event, ctx.sourceCode.getScope(event));
      return !(value && typeof value.value === 'string' && oneShotEvents.has(value.value));
    }
  }
}

function isLiteralName(node: TSESTree.Node): boolean {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string' || typeof value.value === 'number';
  return value.type === AST_NODE_TYPES.TemplateLiteral;
}

/**
 * `'/users/:id'`, `` `/x/${v}` ``, `/^\/api/`, `['/a', '/b']`, `'*'`, or a `const` holding one
 * (`router.get(USERS_PATH, …)`): a route path.
 */
function isRoutePath(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.Literal) {
    if ('regex' in value && value.regex) return true;
    return typeof value.value === 'string' && /^[/*]/.test(value.value);
  }
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return /^[/*]/.test(value.quasis[0]?.value.cooked ?? '');
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    return value.elements.length > 0 && value.elements.every((element) => element !== null && isRoutePath(sourceCode, element));
  }
  if (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression) {
    return /^[/*]/.test(staticString(sourceCode, value) ?? '');
  }
  return false;
}

/** `app.route('/book').get(fn).post(fn)`: a verb of a route chain, whose path was given to `route`. */
function isRouteChain(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  for (let callee = skipTypeWrappers(call.callee); callee.type === AST_NODE_TYPES.MemberExpression;) {
    const object = skipTypeWrappers(callee.object);
    if (object.type !== AST_NODE_TYPES.CallExpression) return false;
    if (calleeName(object) === 'route') return isRoutePath(sourceCode, object.arguments[0]);
    callee = skipTypeWrappers(object.callee);
  }
  return false;
}

/**
 * A function that is the value of a property: a handler key of a registration's options
 * (`fastify.route({ handler })`, `consumer.run({ eachMessage })`), or a GraphQL resolver
 * (`resolvers = { Query: { user: … } }`).
 */
function propertyEvidence(ctx: Context, property: TSESTree.Property): RepeatEvidence | null {
  const key = staticKeyName(property);
  const object = property.parent;
  if (key === null || object.type !== AST_NODE_TYPES.ObjectExpression) return null;
  let holder: TSESTree.Node = valuePosition(object);
  // route([{ … }, { … }]) in hapi
  if (holder.parent?.type === AST_NODE_TYPES.ArrayExpression) holder = valuePosition(holder.parent);
  const call = holder.parent;
  if (call && (call.type === AST_NODE_TYPES.CallExpression || call.type === AST_NODE_TYPES.NewExpression) && call.callee !== holder) {
    const name = calleeName(call);
    for (const entry of registrationsByName.get(name ?? '') ?? []) {
      if ((entry.construct ?? false) === (call.type === AST_NODE_TYPES.NewExpression) && entry.handlerKeys?.includes(key)) return entry.evidence;
    }
  }
  return isResolverMap(object) ? 'resolver' : null;
}

const RESOLVERS = /resolvers?$/i;

/** `{ user() {} }` inside `resolvers = { Query: { … } }` or `{ resolvers: { Mutation: { … } } }`. */
function isResolverMap(fields: TSESTree.ObjectExpression): boolean {
  const typeProperty = fields.parent;
  if (typeProperty.type !== AST_NODE_TYPES.Property || typeProperty.value !== fields) return false;
  const typeName = staticKeyName(typeProperty);
  if (typeName === null || !/^[A-Z]/.test(typeName)) return false;
  const map = valuePosition(typeProperty.parent);
  const holder = map.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) return RESOLVERS.test(holder.id.name);
  if (holder?.type === AST_NODE_TYPES.Property && holder.value === map) return RESOLVERS.test(staticKeyName(holder) ?? '');
  if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === map) {
    const target = holder.left;
    const name =
      target.type === AST_NODE_TYPES.Identifier ? target.name : target.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(target) : null;
    return RESOLVERS.test(name ?? '');
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Uses: where the file can call a function from

interface Uses {
  /** Expressions that stand for the function: references to it, `this.method`, `obj.method`, a factory call. */
  readonly uses: readonly TSESTree.Node[];
  /** Whether those are all its uses; not when it is exported, public, or stored where the file cannot follow. */
  readonly complete: boolean;
}

const NO_USES: Uses = { uses: [], complete: false };

/** The node that stands for a value where it is written: through type wrappers and `fn.bind(this)`. */
function valuePosition(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return current;
    const wrapper = outermostTypeWrapper(current, { chain: true });
    if (wrapper !== current) {
      current = wrapper;
      continue;
    }
    // handler.bind(this)
    if (
      parent.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === current &&
      ASTUtils.getPropertyName(parent) === 'bind' &&
      parent.parent.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    ) {
      current = parent.parent;
      continue;
    }
    return current;
  }
}

function isExportedDeclaration(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  return parent?.type === AST_NODE_TYPES.VariableDeclaration && isExportedDeclaration(parent);
}

/** The reads of a variable, and whether they are all its uses (declared once, never reassigned, not exported). */
function variableUses(variable: TSESLint.Scope.Variable | null, declaration: TSESTree.Node): Uses {
  if (!variable) return NO_USES;
  const reads = variable.references.filter((ref) => ref.isRead()).map((ref) => ref.identifier);
  const writes = variable.references.filter((ref) => ref.isWrite() && !ref.init).length;
  return { uses: reads, complete: writes === 0 && variable.defs.length === 1 && !isExportedDeclaration(declaration) };
}

function usesOf(ctx: Context, fn: FunctionNode): Uses {
  const { sourceCode } = ctx;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    return fn.id ? variableUses(variableOf(sourceCode, fn.id), fn) : NO_USES;
  }
  const position = valuePosition(fn);
  const parent = position.parent;
  if (!parent) return NO_USES;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === position && parent.id.type === AST_NODE_TYPES.Identifier ? variableUses(variableOf(sourceCode, parent.id), parent) : NO_USES;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === position && parent.operator === '=' ? assignedUses(ctx, parent.left) : NO_USES;
    case AST_NODE_TYPES.Property: {
      const key = staticKeyName(parent);
      return parent.value === position && key !== null && parent.parent.type === AST_NODE_TYPES.ObjectExpression
        ? objectMemberUses(ctx, parent.parent, key)
        : NO_USES;
    }
    case AST_NODE_TYPES.ReturnStatement:
      return factoryProductUses(ctx, enclosingFunction(parent), null);
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === position ? factoryProductUses(ctx, parent, null) : NO_USES;
    default:
      return NO_USES;
  }
}

/** Uses of a function assigned to `name`, `obj.name` (a module object, `Server.setup = …`) or `this.name`. */
function assignedUses(ctx: Context, target: TSESTree.Node): Uses {
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(ctx.sourceCode, target);
    if (!variable) return NO_USES;
    return { uses: variable.references.filter((ref) => ref.isRead()).map((ref) => ref.identifier), complete: false };
  }
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed) return NO_USES;
  const name = ASTUtils.getPropertyName(target);
  if (name === null) return NO_USES;
  const object = skipTypeWrappers(target.object);
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    const classNode = classOfThis(object);
    return classNode ? { uses: memberUsesOfClass(ctx, classNode, name), complete: false } : NO_USES;
  }
  if (object.type !== AST_NODE_TYPES.Identifier || object.name === 'exports' || object.name === 'module') return NO_USES;
  const variable = variableOf(ctx.sourceCode, object);
  if (!variable) return NO_USES;
  return propertyUsesOf(variable, name, target);
}

/** `obj.name` uses through a variable, and whether the object stays in the file (only its members are read). */
function propertyUsesOf(variable: TSESLint.Scope.Variable, name: string, except: TSESTree.Node | null): Uses {
  const uses: TSESTree.Node[] = [];
  let complete = !variable.defs.some((def) => isExportedDeclaration(def.node));
  for (const ref of variable.references) {
    const member = ref.identifier.parent;
    if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === ref.identifier) {
      if (member !== except && ASTUtils.getPropertyName(member) === name) uses.push(member);
    } else if (ref.isRead()) {
      complete = false;
    }
  }
  return { uses, complete };
}

/** Uses of a method of an object literal: through the variable it is bound to, or as what a factory returns. */
function objectMemberUses(ctx: Context, object: TSESTree.ObjectExpression, name: string): Uses {
  const position = valuePosition(object);
  const parent = position.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === position && parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(ctx.sourceCode, parent.id);
    return variable ? propertyUsesOf(variable, name, null) : NO_USES;
  }
  if (parent?.type === AST_NODE_TYPES.ReturnStatement) return factoryProductUses(ctx, enclosingFunction(parent), name);
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === position) return factoryProductUses(ctx, parent, name);
  return NO_USES;
}

/**
 * Uses of what a factory returns (a function when `member` is null, else its method `member`):
 * `factory()(…)`, `factory().member(…)`, `const p = factory(); p.member(…)`, `app.use(factory())`.
 */
function factoryProductUses(ctx: Context, factory: FunctionNode | null, member: string | null): Uses {
  if (!factory) return NO_USES;
  const { calls, complete: allCalls } = factoryCalls(ctx, factory);
  const uses: TSESTree.Node[] = [];
  let complete = allCalls;
  for (const call of calls) {
    const product = valuePosition(call);
    const parent = product.parent;
    if (member === null && !(parent?.type === AST_NODE_TYPES.VariableDeclarator)) {
      uses.push(product);
      continue;
    }
    if (member !== null && parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === product) {
      if (ASTUtils.getPropertyName(parent) === member) uses.push(parent);
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === product && parent.id.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(ctx.sourceCode, parent.id);
      if (!variable) {
        complete = false;
        continue;
      }
      const found = member === null ? variableUses(variable, parent) : propertyUsesOf(variable, member, null);
      uses.push(...found.uses);
      complete &&= found.complete;
      continue;
    }
    complete = false;
  }
  return { uses, complete };
}

/**
 * The calls of a function the file makes, and whether they are all of them (not when it is
 * exported, or handed on rather than called).
 */
function factoryCalls(ctx: Context, factory: FunctionNode): { readonly calls: readonly TSESTree.CallExpression[]; readonly complete: boolean } {
  const { uses, complete } = usesOf(ctx, factory);
  const calls: TSESTree.CallExpression[] = [];
  let allCalls = complete;
  for (const use of uses) {
    const position = valuePosition(use);
    const parent = position.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === position) calls.push(parent);
    else allCalls = false;
  }
  return { calls, complete: allCalls };
}

/** `this.name` in the class's own code, and `instance.name` on instances the file binds to a variable. */
function memberUsesOfClass(ctx: Context, classNode: ClassNode, name: string): TSESTree.Node[] {
  const uses: TSESTree.Node[] = [...(thisMembersOf(ctx, classNode).get(name) ?? [])];
  for (const site of instantiations(ctx, classNode)) {
    const position = valuePosition(site);
    const parent = position.parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === position && parent.id.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(ctx.sourceCode, parent.id);
      if (variable) uses.push(...propertyUsesOf(variable, name, null).uses);
    }
  }
  return uses;
}

function thisMembersOf(ctx: Context, classNode: ClassNode): ReadonlyMap<string, readonly TSESTree.MemberExpression[]> {
  let found = ctx.thisMembers.get(classNode);
  if (found) return found;
  const byName = new Map<string, TSESTree.MemberExpression[]>();
  for (const self of thisExpressionsIn(ctx.sourceCode, classNode.body)) {
    const node = self.parent;
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.object !== self) continue;
    const name = node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : node.computed ? null : ASTUtils.getPropertyName(node);
    if (name === null || classOfThis(self) !== classNode) continue;
    const list = byName.get(name);
    if (list) list.push(node);
    else byName.set(name, [node]);
  }
  found = byName;
  ctx.thisMembers.set(classNode, found);
  return found;
}

/** The `new C(…)` expressions (and the class expression of `new (class {})()`) the file makes instances with. */
function instantiations(ctx: Context, classNode: ClassNode): TSESTree.NewExpression[] {
  if (classNode.parent.type === AST_NODE_TYPES.NewExpression && classNode.parent.callee === classNode) return [classNode.parent];
  const sites: TSESTree.NewExpression[] = [];
  for (const variable of classVariables(ctx.sourceCode, classNode)) {
    for (const ref of variable.references) {
      const parent = ref.identifier.parent;
      if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === ref.identifier) sites.push(parent);
    }
  }
  return sites;
}

/**
 * What one use of a function tells: a direct call runs as often as the call; a function handed to
 * a registration repeats; handed to anything else, it runs as often as that call; exported, stored
 * or returned, it runs who knows how often. `null` for reads that neither call nor hand it on
 * (`typeof handler`, `if (handler)`, `handler.name`).
 */
function useResult(ctx: Context, use: TSESTree.Node): Result | null {
  const position = valuePosition(use);
  const parent = position.parent;
  if (!parent) return certain(UNKNOWN);
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      if (parent.callee === position) return isMemoisedCall(ctx, parent) ? certain(ONCE) : siteResult(ctx, parent);
      {
        const evidence = registrationEvidence(ctx, parent, position);
        return evidence ? certain(repeats(evidence)) : siteResult(ctx, parent);
      }
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== position) return certain(UNKNOWN);
      const name = ASTUtils.getPropertyName(parent);
      const call = parent.parent;
      if ((name === 'call' || name === 'apply') && call.type === AST_NODE_TYPES.CallExpression && call.callee === parent) return siteResult(ctx, call);
      return null;
    }
    case AST_NODE_TYPES.Property: {
      if (parent.value !== position) return null;
      const evidence = propertyEvidence(ctx, parent);
      return certain(evidence ? repeats(evidence) : UNKNOWN);
    }
    case AST_NODE_TYPES.ArrayExpression: {
      const evidence = arrayEvidence(ctx, parent);
      return certain(evidence ? repeats(evidence) : UNKNOWN);
    }
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.TSTypeQuery:
      return null;
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === position ? null : useResult(ctx, parent);
    default:
      return certain(UNKNOWN);
  }
}

/**
 * A call whose result is memoised where it is made, so it runs once: `cache.m ??= create()`,
 * `x ||= create()`, `x || (x = create())`, `if (!x) x = create()`.
 */
function isMemoisedCall(ctx: Context, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const node = outermostTypeWrapper(call, { await: true });
  const assignment = node.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== node) return false;
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  if (assignment.operator !== '=') return false;
  const target = ctx.sourceCode.getText(assignment.left);
  const outer = assignment.parent;
  if (outer.type === AST_NODE_TYPES.LogicalExpression && outer.right === assignment) return ctx.sourceCode.getText(outer.left) === target;
  for (let child: TSESTree.Node = assignment, parent: TSESTree.Node | undefined = assignment.parent; parent; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return false;
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child) {
      const test = skipTypeWrappers(parent.test);
      return test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!' && ctx.sourceCode.getText(test.argument) === target;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Classes

function instancesResult(ctx: Context, classNode: ClassNode): Result {
  return evaluate(ctx, classNode, (depth) => {
    if (hasSingletonDecorator(classNode)) return certain(ONCE);
    const results: Result[] = instantiations(ctx, classNode).map((site) => siteResult(ctx, site));
    // A subclass's instances run this class's constructor too.
    for (const variable of classVariables(ctx.sourceCode, classNode)) {
      for (const ref of variable.references) {
        const parent = ref.identifier.parent;
        if ((parent?.type === AST_NODE_TYPES.ClassDeclaration || parent?.type === AST_NODE_TYPES.ClassExpression) && parent.superClass === ref.identifier) {
          results.push(instancesResult(ctx, parent));
        }
      }
    }
    const combined = combine(depth, results, { runsOnceByRole: false, complete: !classEscapes(ctx, classNode) });
    return combined.value.kind === 'repeats' ? { value: repeats('per-item-class'), low: combined.low } : combined;
  });
}

/** Whether the class can be instantiated where the file cannot see: exported, or passed on. */
function classEscapes(ctx: Context, classNode: ClassNode): boolean {
  if (isExportedDeclaration(classNode) || (classNode.parent.type === AST_NODE_TYPES.VariableDeclarator && isExportedDeclaration(classNode.parent))) return true;
  return classVariables(ctx.sourceCode, classNode).some((variable) =>
    variable.references.some((ref) => {
      const parent = ref.identifier.parent;
      if (!ref.isRead() || !parent) return false;
      if (parent.type === AST_NODE_TYPES.NewExpression && parent.callee === ref.identifier) return false;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === ref.identifier) return false;
      if ((parent.type === AST_NODE_TYPES.ClassDeclaration || parent.type === AST_NODE_TYPES.ClassExpression) && parent.superClass === ref.identifier)
        return false;
      return parent.type !== AST_NODE_TYPES.BinaryExpression; // instanceof
    }),
  );
}

/** A method or function-valued field: by its decorators, its class's instances, its name and its uses. */
function memberResult(ctx: Context, member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition, depth: number): Result {
  const classNode = member.parent.parent;
  if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') return instancesResult(ctx, classNode);
  const name = memberKey(member);
  if (!member.static) {
    const instances = instancesResult(ctx, classNode);
    if (instances.value.kind === 'repeats') return instances;
  }
  if (name === null) return certain(UNKNOWN);
  const uses = member.static ? staticMemberUses(ctx, classNode, name) : memberUsesOfClass(ctx, classNode, name);
  const results: Result[] = [];
  for (const use of uses) {
    const result = useResult(ctx, use);
    if (result) results.push(result);
  }
  return combine(depth, results, { runsOnceByRole: runsOnceByName(name), complete: memberUsesComplete(ctx, classNode, member) });
}

/**
 * Whether the file sees every use of a member: it is private, or the class stays in the file and
 * every instance is bound to a variable that is only ever read for its members.
 */
function memberUsesComplete(ctx: Context, classNode: ClassNode, member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): boolean {
  // `#name`, `private name`, and `_name` by convention: only the class itself calls it.
  if (member.key.type === AST_NODE_TYPES.PrivateIdentifier || member.accessibility === 'private' || memberKey(member)?.startsWith('_')) return true;
  if (member.static || classEscapes(ctx, classNode)) return false;
  return instantiations(ctx, classNode).every((site) => {
    const position = valuePosition(site);
    const parent = position.parent;
    if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== position || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = variableOf(ctx.sourceCode, parent.id);
    return variable !== null && propertyUsesOf(variable, '', null).complete;
  });
}

function staticMemberUses(ctx: Context, classNode: ClassNode, name: string): TSESTree.Node[] {
  const uses: TSESTree.Node[] = [...(thisMembersOf(ctx, classNode).get(name) ?? [])];
  for (const variable of classVariables(ctx.sourceCode, classNode)) uses.push(...propertyUsesOf(variable, name, null).uses);
  return uses;
}

/**
 * Every call the file makes of a function (a declared or `const` function, a method of an object
 * or of a class), or `null` when it can also be called from where the file cannot see, or is
 * handed on rather than called.
 */
export function directCalls(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): TSESTree.CallExpression[] | null {
  const ctx = contextOf(sourceCode);
  const position = valuePosition(fn);
  const parent = position.parent;
  let uses: readonly TSESTree.Node[];
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === position)) {
    const name = memberKey(parent);
    const classNode = parent.parent.parent;
    if (name === null || parent.static || !memberUsesComplete(ctx, classNode, parent)) return null;
    uses = memberUsesOfClass(ctx, classNode, name);
  } else {
    const found = usesOf(ctx, fn);
    if (!found.complete) return null;
    uses = found.uses;
  }
  const calls: TSESTree.CallExpression[] = [];
  for (const use of uses) {
    const usePosition = valuePosition(use);
    const call = usePosition.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== usePosition) return null;
    calls.push(call);
  }
  return calls;
}

// ---------------------------------------------------------------------------------------------
// Bindings owned by a function

/**
 * How often code at `site` runs while a binding owned by `owner` (a factory's variable, a
 * constructor's local) lives: once per call of `owner`, unless a function between them outlives
 * the call (returned, stored, registered on something that outlives it) and that function repeats,
 * and what the owner returns is not thrown away after one use.
 */
export function repetitionWithin(
  sourceCode: Readonly<TSESLint.SourceCode>,
  site: TSESTree.Node,
  owner: FunctionNode,
  { throughCalls = true }: { readonly throughCalls?: boolean } = {},
): Repetition {
  const fn = enclosingFunction(site);
  if (!fn || fn === owner || !isInside(fn, owner)) return ONCE;
  let outlives = false;
  for (let current: FunctionNode | null = fn; current && current !== owner; current = enclosingFunction(current)) {
    if (functionOutlives(sourceCode, current, owner, 0, throughCalls)) {
      outlives = true;
      break;
    }
  }
  if (!outlives || productLifetime(contextOf(sourceCode), owner) === 'short') return ONCE;
  return siteRepetition(sourceCode, site);
}

/** Where a function value (or a literal holding it) goes, up to a small depth of aliases. */
function functionOutlives(sourceCode: Readonly<TSESLint.SourceCode>, value: TSESTree.Node, owner: FunctionNode, depth: number, throughCalls: boolean): boolean {
  if (depth > 3) return true;
  const parent = value.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
    case AST_NODE_TYPES.ClassDeclaration:
      return parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.right === value;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === value;
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition: {
      const holder = parent.parent.type === AST_NODE_TYPES.ClassBody ? parent.parent.parent : parent.parent;
      return functionOutlives(sourceCode, holder, owner, depth + 1, throughCalls);
    }
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.SpreadElement:
      return functionOutlives(sourceCode, parent, owner, depth + 1, throughCalls);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (parent.callee === value) return false;
      const evidence = registrationEvidence(contextOf(sourceCode), parent, value);
      // A route or middleware lives as long as the server it is registered on, even when that
      // server is the owner's parameter (a fastify plugin's `app`, a router factory's `router`).
      if (!throughCalls) return evidence === 'route';
      if (!evidence) return false;
      // A listener on an object of the same call (`stream.on('data', …)` on a parameter or local)
      // lives and dies with that object.
      return !registeredOnLocal(sourceCode, parent, owner);
    }
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== value || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = variableOf(sourceCode, parent.id);
      if (!variable || variable.references.some((ref) => isRemovedListener(ref.identifier))) return false;
      return variable.references.some((ref) => ref.isRead() && functionOutlives(sourceCode, ref.identifier, owner, depth + 1, throughCalls));
    }
    default:
      return false;
  }
}

/** `emitter.off(event, listener)` and its synonyms: the registration is undone. */
function isRemovedListener(node: TSESTree.Node): boolean {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[1] !== node) return false;
  const name = calleeName(call);
  return name === 'off' || name === 'removeListener' || name === 'removeEventListener';
}

/** `emitter.on(…)` where `emitter` is a parameter or local variable of `owner` (or of a function in it). */
function registeredOnLocal(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression | TSESTree.NewExpression, owner: FunctionNode): boolean {
  let object = skipTypeWrappers(call.callee);
  if (object.type !== AST_NODE_TYPES.MemberExpression) return false;
  while (object.type === AST_NODE_TYPES.MemberExpression) object = skipTypeWrappers(object.object);
  if (object.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, object);
  const scope = variable?.scope.variableScope;
  if (!variable || variable.defs.length === 0 || !scope || scope.type !== ScopeType.function) return false;
  return isInside(scope.block, owner) && variable.defs.every((def) => def.type === DefinitionType.Parameter || def.type === DefinitionType.Variable);
}

type ProductLifetime = 'long' | 'short' | 'unknown';

/**
 * How long what a function returns is kept by its callers in the file: stored at module level or
 * on an object, or registered (`app.use(rateLimiter())`) — long; used and dropped within one call
 * (`factory()(x)`, `items.filter(makeMatcher())`, a local `const m = make()`) — short.
 */
function productLifetime(ctx: Context, owner: FunctionNode): ProductLifetime {
  const { calls, complete } = factoryCalls(ctx, owner);
  let allShort = complete && calls.length > 0;
  for (const call of calls) {
    const lifetime = callProductLifetime(ctx, call);
    if (lifetime === 'long') return 'long';
    if (lifetime !== 'short') allShort = false;
  }
  return allShort ? 'short' : 'unknown';
}

function callProductLifetime(ctx: Context, call: TSESTree.CallExpression): ProductLifetime {
  const product = valuePosition(call);
  const parent = product.parent;
  if (!parent) return 'unknown';
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (parent.callee === product) return 'short';
      if (registrationEvidence(ctx, parent, product)) return 'long';
      const name = calleeName(parent);
      return name !== null && synchronousCallbacks.has(name) ? 'short' : 'unknown';
    }
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === product ? 'short' : 'unknown';
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === product ? 'long' : 'unknown';
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.id.type !== AST_NODE_TYPES.Identifier) return 'unknown';
      const variable = variableOf(ctx.sourceCode, parent.id);
      const scope = variable?.scope.variableScope;
      if (!variable || !scope) return 'unknown';
      if (isFileScope(scope)) return 'long';
      // A local product: short unless it is handed on.
      const handedOn = variable.references.some((ref) => {
        if (!ref.isRead()) return false;
        const position = valuePosition(ref.identifier);
        const use = position.parent;
        if (use?.type === AST_NODE_TYPES.CallExpression && use.callee === position) return false;
        if (use?.type === AST_NODE_TYPES.MemberExpression && use.object === position) return false;
        if ((use?.type === AST_NODE_TYPES.CallExpression || use?.type === AST_NODE_TYPES.NewExpression) && use.callee !== position) {
          const name = calleeName(use);
          return !(name !== null && synchronousCallbacks.has(name));
        }
        return true;
      });
      return handedOn ? 'unknown' : 'short';
    }
    default:
      return 'unknown';
  }
}

/**
 * Every place the file invokes or hands on a function (for a constructor, every `new` of its
 * class): a call or `new` expression when the use calls it, else the use itself. A lower bound on
 * how often it runs, for questions such as "does the file run this more than once"; `complete`
 * says whether the file sees every use.
 */
export function invocationSites(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
): { readonly sites: readonly TSESTree.Node[]; readonly complete: boolean } {
  const ctx = contextOf(sourceCode);
  const position = valuePosition(fn);
  const parent = position.parent;
  let uses: readonly TSESTree.Node[];
  let complete: boolean;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === position)) {
    const classNode = parent.parent.parent;
    if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor') {
      return { sites: instantiations(ctx, classNode), complete: !classEscapes(ctx, classNode) };
    }
    const name = memberKey(parent);
    if (name === null) return { sites: [], complete: false };
    uses = parent.static ? staticMemberUses(ctx, classNode, name) : memberUsesOfClass(ctx, classNode, name);
    complete = memberUsesComplete(ctx, classNode, parent);
  } else {
    const found = usesOf(ctx, fn);
    uses = found.uses;
    complete = found.complete;
  }
  const sites = uses.map((use) => {
    const usePosition = valuePosition(use);
    const call = usePosition.parent;
    return (call?.type === AST_NODE_TYPES.CallExpression || call?.type === AST_NODE_TYPES.NewExpression) && call.callee === usePosition ? call : use;
  });
  return { sites, complete };
}
