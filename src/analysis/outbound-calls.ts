import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import {
  calleeName,
  forEachDescendant,
  isCallOf,
  isFunctionNode,
  isMemberNamed,
  isUrlLike,
  outermostTypeWrapper,
  resolveConstValue,
  singleAssignmentInit,
  skipTypeWrappers,
  type PropertyLookup,
  variableOf,
} from '../util/ast.js';
import { httpClients, interactivePromptModules, timeoutWrappers, type HttpClientEntry } from '../catalog/index.js';
import { apiIndex, findApiReferences, localFunctionNames, namedFunctionSpecs, type ApiSpec, type NamedFunction } from '../util/references.js';
import { ASTUtils } from '../util/eslint-utils.js';
import { memoPerFile, memoPerValue } from '../util/memo.js';
import { isDisabledLimit, isStaticallyNullish, staticString, staticValueOf } from '../util/values.js';
import { typeSymbolNames, type TypeInfo } from '../util/types.js';
import { raceCalls, raceOfElement } from './races.js';

/** Where the options of an outbound call are, or where they would go. */
export type OptionsSite =
  /**
   * An object literal holding the options: inline, or a `const` the call is given. `argument` is set
   * when the literal is not the call's own (a `const` other calls share, or one declared in an outer
   * function): a fix then wraps the argument (`{ ...init, signal }`) instead of editing the literal.
   */
  | { readonly kind: 'object'; readonly object: TSESTree.ObjectExpression; readonly argument?: TSESTree.Node }
  /** No options argument: it would be argument `index`, inserted after `after` when that is given. */
  | { readonly kind: 'missing'; readonly index: number; readonly after?: TSESTree.CallExpressionArgument }
  /** A lone URL where an options object may stand (`phin(url)`): it becomes `{ url, … }`. */
  | { readonly kind: 'url'; readonly argument: TSESTree.Node }
  /** A request builder: the deadline is a method call on the request `call` makes (`.timeout(ms)`). */
  | { readonly kind: 'chain'; readonly call: TSESTree.CallExpression };

export type DeadlineFinding =
  | {
      readonly kind: 'noDeadline' | 'instanceWithoutDeadline';
      readonly call: TSESTree.CallExpression;
      readonly entry: HttpClientEntry;
      readonly site: OptionsSite;
    }
  | {
      readonly kind: 'deadlineDisabled';
      readonly call: TSESTree.CallExpression;
      readonly entry: HttpClientEntry;
      /** The option's property (`timeout: 0`), or the argument of a deadline method (`.timeout(0)`). */
      readonly node: TSESTree.Property | TSESTree.Node;
      readonly option: string;
      /**
       * The value is written where other calls read it too (a defaults object of an outer function):
       * a fix may put there only what is safe to share (a number, not an `AbortSignal`).
       */
      readonly shared: boolean;
    };

export interface DeadlineAnalysisOptions {
  readonly timeoutWrappers: readonly NamedFunction[];
  readonly fetchFunctions: readonly NamedFunction[];
  /** Also report calls in interactive command-line code (see `isCommandLineCall`). */
  readonly checkCommandLine: boolean;
}

type DeadlineStatus = { readonly kind: 'ok' | 'unknown' | 'absent' } | { readonly kind: 'disabled'; readonly property: TSESTree.Property };

const WRAPPER = 'wrapper';
const AXIOS_DEFAULTS = 'axios-defaults';
const AXIOS_INTERCEPTOR = 'axios-interceptor';
const NEEDLE_DEFAULTS = 'needle-defaults';

const extraFetchEntry: HttpClientEntry = {
  client: 'fetch',
  shape: 'fetch',
  deadlineOptions: ['signal'],
  remedy: 'signal',
};

/** Names that, given as the only argument, are options or a `Request`, not a URL. */
const REQUEST_OBJECT_NAME = /^req$|request$/i;
const OPTIONS_NAME = /(options|opts|config|cfg|settings)$/i;

function nameOf(node: TSESTree.Node): string | null {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name;
  if (value.type === AST_NODE_TYPES.MemberExpression && !value.computed && value.property.type === AST_NODE_TYPES.Identifier) {
    return value.property.name;
  }
  return null;
}

/**
 * Finds the outbound HTTP calls of a file that have no deadline: no timeout option, no abort signal,
 * no wrapper that bounds them. Silent wherever the options cannot be seen.
 */
export function analyzeOutboundCalls(
  sourceCode: Readonly<TSESLint.SourceCode>,
  options: DeadlineAnalysisOptions,
  getTypes: () => TypeInfo | null,
): DeadlineFinding[] {
  const clients = memoPerValue(options.fetchFunctions, 'outbound-clients', () =>
    apiIndex(`outbound-clients:${JSON.stringify(options.fetchFunctions)}`, (): ApiSpec<HttpClientEntry>[] => [
      ...httpClients.flatMap((entry) => [
        ...(entry.globals ?? []).map((global): ApiSpec<HttpClientEntry> => ({ info: entry, kind: 'call', global })),
        ...(entry.exports ?? []).map((module): ApiSpec<HttpClientEntry> => ({ info: entry, kind: 'call', module })),
      ]),
      ...namedFunctionSpecs(options.fetchFunctions, extraFetchEntry),
    ]),
  );
  const candidates: { call: TSESTree.CallExpression; entry: HttpClientEntry }[] = [];
  for (const ref of findApiReferences(sourceCode, clients)) {
    if (ref.node.type === AST_NODE_TYPES.CallExpression) candidates.push({ call: ref.node, entry: ref.info });
  }
  const localFetches = memoPerValue(options.fetchFunctions, 'local-names', () => localFunctionNames(options.fetchFunctions));
  if (localFetches.size > 0) {
    for (const call of callsNamed(sourceCode, localFetches)) candidates.push({ call, entry: extraFetchEntry });
  }
  if (candidates.length === 0) return [];
  const optionArguments = candidateArguments(sourceCode);
  for (const { call } of candidates) for (const argument of call.arguments) optionArguments.add(outermostTypeWrapper(argument));

  // What can give those calls a deadline from outside their own options.
  const wrappers = memoPerValue(options.timeoutWrappers, 'outbound-wrappers', () => [...timeoutWrappers, ...options.timeoutWrappers]);
  const context = memoPerValue(wrappers, 'outbound-context', () =>
    apiIndex(`outbound-context:${JSON.stringify(options.timeoutWrappers)}`, () => [
      ...namedFunctionSpecs(wrappers, WRAPPER),
      { info: AXIOS_DEFAULTS, kind: 'read', module: { from: 'axios', path: 'defaults.timeout' } },
      { info: AXIOS_DEFAULTS, kind: 'read', module: { from: 'axios', path: 'defaults.signal' } },
      { info: AXIOS_INTERCEPTOR, kind: 'call', module: { from: 'axios', path: 'interceptors.request.use' } },
      { info: NEEDLE_DEFAULTS, kind: 'call', module: { from: 'needle', path: 'defaults' } },
    ]),
  );
  const wrapperCalls = new Set<TSESTree.Node>();
  let axiosDefaultsHaveDeadline = false;
  let needleDefaultsHaveDeadline = false;
  for (const ref of findApiReferences(sourceCode, context)) {
    if (ref.info === NEEDLE_DEFAULTS) needleDefaultsHaveDeadline ||= /response_timeout|read_timeout/.test(sourceCode.getText(ref.node));
    else if (ref.info === WRAPPER) wrapperCalls.add(ref.node);
    else if (ref.info === AXIOS_DEFAULTS) axiosDefaultsHaveDeadline ||= isAssignedDeadline(sourceCode, ref.node);
    else axiosDefaultsHaveDeadline ||= mentionsDeadline(sourceCode, ref.node);
  }
  const localWrappers = memoPerValue(wrappers, 'local-names', () => localFunctionNames(wrappers));
  const isWrapped = (call: TSESTree.CallExpression): boolean =>
    // the races are looked up only for a call that would be reported: most calls have a deadline of their own
    insideDeadlineWrapper(call, (outer) => wrapperCalls.has(outer) || localWrappers.has(calleeName(outer) ?? ''), raceCalls(sourceCode));

  const interactive = !options.checkCommandLine && importsPromptModule(sourceCode);
  const findings: DeadlineFinding[] = [];
  for (const { call, entry } of candidates) {
    if (entry.client === 'axios' && entry.shape !== 'instance-factory' && axiosDefaultsHaveDeadline) continue;
    if (entry.client === 'needle' && needleDefaultsHaveDeadline) continue;
    if (interactive || (!options.checkCommandLine && exitsProcessAfter(sourceCode, call))) continue;
    const finding = judgeCall(sourceCode, call, entry, getTypes);
    if (finding && !isWrapped(call)) findings.push(finding);
  }
  return findings.sort((a, b) => a.call.range[0] - b.call.range[0]);
}

function judgeCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  entry: HttpClientEntry,
  getTypes: () => TypeInfo | null,
): DeadlineFinding | null {
  const args = call.arguments;
  if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return null;
  const shape = entry.shape;

  if (shape === 'instance-factory') return judgeInstanceFactory(sourceCode, call, entry);
  if (shape === 'chain') return judgeChain(sourceCode, call, entry);

  let site: OptionsSite | null;
  if (shape === 'fetch') {
    const input = args[0];
    if (!input || isRequestObject(sourceCode, input, getTypes)) return null;
    site = optionsAt(sourceCode, call, 1);
  } else if (shape === 'axios' || shape === 'got') {
    site = rootCallOptions(sourceCode, call, shape);
  } else if (shape === 'node-http' || shape === 'request') {
    site = nodeHttpOptions(sourceCode, call, shape === 'request');
  } else if (shape === 'options-or-url') {
    site = optionsOrUrl(sourceCode, call);
  } else {
    if (args.length === 0) return null;
    site = 'callbackMayTakeIt' in shape ? optionsBeforeCallback(sourceCode, call, shape.configAt) : optionsAt(sourceCode, call, shape.configAt);
  }
  if (!site) return null;
  // A call the runtime rejects before sending anything is a different bug than a missing deadline.
  if (site.kind === 'object' && cannotSend(sourceCode, call, site.object, entry)) return null;

  const status = site.kind === 'object' ? deadlineStatus(sourceCode, site.object, entry) : { kind: 'absent' as const };
  if (status.kind === 'ok' || status.kind === 'unknown') return null;
  if (status.kind === 'disabled') return disabledFinding(sourceCode, call, entry, status.property);
  if (entry.defaultDeadline) return null;
  if (shape === 'node-http' && requestGetsDeadlineLater(sourceCode, call)) return null;
  return { kind: 'noDeadline', call, entry, site };
}

/** Methods `fetch` refuses outright (a `TypeError` before any request is made). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
const BODY_OPTIONS: Readonly<Record<'fetch' | 'got', readonly string[]>> = { fetch: ['body'], got: ['body', 'json', 'form'] };

/** The option's static string value, upper-cased, or `undefined` when absent, `null` when unknown. */
function staticOption(sourceCode: Readonly<TSESLint.SourceCode>, object: TSESTree.ObjectExpression, name: string): string | null | undefined {
  const lookup = lookupOption(sourceCode, object, [name]);
  if (lookup.kind === 'absent') return undefined;
  if (lookup.kind === 'unknown') return null;
  if (isStaticallyNullish(sourceCode, lookup.value)) return undefined;
  return staticString(sourceCode, lookup.value);
}

/** The option is set, to a value that cannot be `null` / `undefined` (`data ? body : undefined` may be). */
function hasOption(sourceCode: Readonly<TSESLint.SourceCode>, object: TSESTree.ObjectExpression, name: string): boolean {
  const lookup = lookupOption(sourceCode, object, [name]);
  const certainlySet = (node: TSESTree.Node): boolean => {
    if (isStaticallyNullish(sourceCode, node)) return false;
    const value = resolveConstValue(sourceCode, node);
    if (value.type === AST_NODE_TYPES.ConditionalExpression) return certainlySet(value.consequent) && certainlySet(value.alternate);
    if (value.type === AST_NODE_TYPES.LogicalExpression) return value.operator !== '&&' && certainlySet(value.right);
    return true;
  };
  return lookup.kind === 'found' && certainlySet(lookup.value);
}

/**
 * Whether these options make the call throw before it sends a request: a body on a `GET` / `HEAD`
 * (the default method), a forbidden method, `mode: 'navigate'` or a `window` for `fetch`; a stream
 * body without `duplex` for Node's own `fetch`; a body on a `GET` for got unless `allowGetBody`.
 */
function cannotSend(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  object: TSESTree.ObjectExpression,
  entry: HttpClientEntry,
): boolean {
  const shape = entry.shape === 'fetch' ? 'fetch' : entry.client === 'got' ? 'got' : null;
  if (shape === null) return false;
  const method = staticOption(sourceCode, object, 'method');
  if (method === null) return false;
  const callee = calleeName(call);
  const implied = shape === 'got' && callee !== null && GOT_METHOD_CALLS.has(callee) ? callee : 'GET';
  const verb = (method ?? implied).toUpperCase();
  const withBody = BODY_OPTIONS[shape].some((name) => hasOption(sourceCode, object, name));
  if (withBody && (verb === 'GET' || verb === 'HEAD') && !(shape === 'got' && allowsGetBody(sourceCode, object))) return true;
  if (shape === 'got') return false;
  if (FORBIDDEN_METHODS.has(verb)) return true;
  if (staticOption(sourceCode, object, 'mode') === 'navigate' || hasOption(sourceCode, object, 'window')) return true;
  // Node's fetch takes a stream body only in half-duplex mode, and says so with a TypeError.
  if (entry.globals?.includes('fetch') === true && lookupOption(sourceCode, object, ['duplex']).kind === 'absent') {
    const body = lookupOption(sourceCode, object, ['body']);
    if (body.kind === 'found' && isStreamBody(sourceCode, body.value)) return true;
  }
  return false;
}

/** got's `allowGetBody`, unless it is certainly `false`. */
function allowsGetBody(sourceCode: Readonly<TSESLint.SourceCode>, object: TSESTree.ObjectExpression): boolean {
  const lookup = lookupOption(sourceCode, object, ['allowGetBody']);
  if (lookup.kind !== 'found') return lookup.kind === 'unknown';
  const known = staticValueOf(sourceCode, lookup.value);
  return !(known && (known.value === false || known.value === null || known.value === undefined));
}

const GOT_METHOD_CALLS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head']);
const STREAM_FACTORIES = new Set(['createReadStream', 'fromWeb']);

/** `other.body` (another response's stream), `createReadStream(…)`, `Readable.from(…)`. */
function isStreamBody(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const value = resolveConstValue(sourceCode, node);
  if (value.type === AST_NODE_TYPES.MemberExpression)
    return !value.computed && value.property.type === AST_NODE_TYPES.Identifier && value.property.name === 'body';
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = calleeName(value);
  if (name !== null && STREAM_FACTORIES.has(name)) return true;
  const callee = skipTypeWrappers(value.callee);
  return (
    name === 'from' && callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Readable'
  );
}

/** The options argument at `index`: an object literal we can read, missing, or `null` when opaque. */
function optionsAt(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, index: number): OptionsSite | null {
  const arg = call.arguments[index];
  if (!arg) return { kind: 'missing', index };
  return objectSiteOf(sourceCode, arg, call);
}

/** The options `node` holds, as a site a fix can edit: its own literal, or the argument to wrap. */
function objectSiteOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, call: TSESTree.CallExpression): OptionsSite | null {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return { kind: 'object', object: value };
  const local = localObjectLiteral(sourceCode, value);
  if (!local) return null;
  const own = local.uses === 1 && enclosingFunction(local.object) === enclosingFunction(call);
  return own ? { kind: 'object', object: local.object } : { kind: 'object', object: local.object, argument: node };
}

function objectLiteralOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.ObjectExpression | null {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
  return localObjectLiteral(sourceCode, value)?.object ?? null;
}

/** Arguments of the file's outbound calls: where an options `const` may be handed without escaping. */
function candidateArguments(sourceCode: Readonly<TSESLint.SourceCode>): Set<TSESTree.Node> {
  return memoPerFile(sourceCode, 'outbound-calls:option-arguments', () => new Set<TSESTree.Node>());
}

function enclosingFunction(node: TSESTree.Node): TSESTree.Node | null {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return null;
}

/**
 * The object literal a `const` (or a `let` never written again) was initialised with, when nothing
 * can change its properties: every other use reads it — hands it to an outbound call, spreads it into
 * another literal (`{ ...defaults, method }`), or reads a member of it. Written to (`init.signal = …`),
 * passed to any other function (`Object.assign(init, …)`, a logger), returned or stored, it is opaque.
 * `uses` counts the uses other than the declaration.
 */
function localObjectLiteral(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): { readonly object: TSESTree.ObjectExpression; readonly uses: number } | null {
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, node);
  const init = variable ? singleAssignmentInit(variable) : null;
  const literal = init ? skipTypeWrappers(init) : null;
  if (!variable || literal?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const allowed = candidateArguments(sourceCode);
  let uses = 0;
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    if (!reference.isRead() || reference.isWrite()) return null;
    uses += 1;
    const use = outermostTypeWrapper(reference.identifier);
    const parent = use.parent;
    if (allowed.has(use)) continue;
    if (parent?.type === AST_NODE_TYPES.SpreadElement && parent.parent.type === AST_NODE_TYPES.ObjectExpression) continue;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === use && isPlainRead(parent)) continue;
    return null;
  }
  return { object: literal, uses };
}

/** `x.y` read, not written, deleted or updated. */
function isPlainRead(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) return false;
  if (parent.type === AST_NODE_TYPES.UpdateExpression) return false;
  if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') return false;
  return true;
}

const MAX_SPREAD_DEPTH = 4;

/**
 * `lookupProperty` as the runtime would see the options, reading through spreads of local object
 * literals (`{ ...defaults, method }` with `const defaults = { timeout: 5000 }`); a spread of anything
 * else (a parameter, a call result) makes the answer unknown.
 */
function lookupOption(sourceCode: Readonly<TSESLint.SourceCode>, object: TSESTree.ObjectExpression, names: readonly string[], depth = 0): PropertyLookup {
  let result: PropertyLookup = { kind: 'absent' };
  for (const member of object.properties) {
    if (member.type === AST_NODE_TYPES.SpreadElement) {
      const spread = skipTypeWrappers(member.argument);
      const source =
        depth < MAX_SPREAD_DEPTH ? (spread.type === AST_NODE_TYPES.ObjectExpression ? spread : localObjectLiteral(sourceCode, spread)?.object) : undefined;
      if (!source) {
        result = { kind: 'unknown' };
        continue;
      }
      const inner = lookupOption(sourceCode, source, names, depth + 1);
      if (inner.kind !== 'absent') result = inner;
      continue;
    }
    const name = ASTUtils.getPropertyName(member, sourceCode.getScope(member));
    if (name === null) {
      result = { kind: 'unknown' };
      continue;
    }
    if (names.includes(name)) result = { kind: 'found', property: member, value: member.value };
  }
  return result;
}

function disabledFinding(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  entry: HttpClientEntry,
  property: TSESTree.Property,
): DeadlineFinding {
  const option = ASTUtils.getPropertyName(property, sourceCode.getScope(property)) ?? sourceCode.getText(property.key);
  const shared = enclosingFunction(property) !== enclosingFunction(call);
  return { kind: 'deadlineDisabled', call, entry, node: property, option, shared };
}

/**
 * Options at `index`, where a callback may stand instead (`needle.get(url, cb)`): then the options
 * would go just before it. `null` when a callback comes earlier still (the call is not understood).
 */
function optionsBeforeCallback(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, index: number): OptionsSite | null {
  const args = call.arguments;
  if (args.slice(0, index).some((arg) => isCallback(sourceCode, arg))) return null;
  const arg = args[index];
  const before = args[index - 1];
  if (arg && isCallback(sourceCode, arg)) return before ? { kind: 'missing', index, after: before } : null;
  return optionsAt(sourceCode, call, index);
}

/** `phin(options)` or `phin(url)`: a URL given alone can become `{ url, timeout }`. */
function optionsOrUrl(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): OptionsSite | null {
  const first = call.arguments[0];
  if (!first) return null;
  const site = objectSiteOf(sourceCode, first, call);
  if (site) return site;
  return isUrlLike(resolveConstValue(sourceCode, first)) || URL_NAME.test(nameOf(first) ?? '') ? { kind: 'url', argument: first } : null;
}

/** Methods that send a superagent request: after them, `.timeout()` comes too late. */
const CHAIN_SENDS = new Set(['then', 'catch', 'finally', 'end', 'pipe']);

/**
 * A request builder (`superagent.post(url).send(body)`): bounded when `.timeout(ms)` is called on
 * it, in the chain or later on the variable holding it. Reported only when the file shows the request
 * is sent without one (awaited, `.then()`, `.end()`, `.pipe()`); a request handed elsewhere may get
 * its timeout there.
 */
function judgeChain(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, entry: HttpClientEntry): DeadlineFinding | null {
  let node: TSESTree.Node = call;
  let sent = false;
  for (;;) {
    const member: TSESTree.Node | undefined = node.parent;
    const next: TSESTree.Node | undefined = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) break;
    if (next?.type !== AST_NODE_TYPES.CallExpression || next.callee !== member) break;
    const name = ASTUtils.getPropertyName(member);
    if (name !== null && entry.deadlineOptions.includes(name)) {
      const verdict = deadlineCall(sourceCode, call, entry, next, name);
      if (verdict !== 'absent') return verdict;
    }
    if (name !== null && CHAIN_SENDS.has(name)) {
      sent = true;
      break;
    }
    node = next;
  }
  if (!sent) {
    const holder = outermostTypeWrapper(node).parent;
    if (holder?.type === AST_NODE_TYPES.AwaitExpression) sent = true;
    else if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === outermostTypeWrapper(node)) {
      const later = laterChainUse(sourceCode, holder, call, entry);
      if (later !== 'sent') return later;
      sent = true;
    }
  }
  return sent ? { kind: 'noDeadline', call, entry, site: { kind: 'chain', call } } : null;
}

/** `.timeout(ms)`: a deadline (`null`: nothing to report), one turned off, or `'absent'` when it is given none. */
function deadlineCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  entry: HttpClientEntry,
  method: TSESTree.CallExpression,
  option: string,
): DeadlineFinding | null | 'absent' {
  const value = method.arguments[0];
  if (!value) return 'absent';
  if (value.type === AST_NODE_TYPES.SpreadElement || !isDisabledLimit(sourceCode, value)) return null;
  return { kind: 'deadlineDisabled', call, entry, node: value, option, shared: false };
}

/**
 * `const req = superagent.get(url); …`: `'sent'` when a use sends it (awaited, `.then()`, `.end()`)
 * and none sets a timeout first; `null` when one sets it or hands the request elsewhere.
 */
function laterChainUse(
  sourceCode: Readonly<TSESLint.SourceCode>,
  declarator: TSESTree.VariableDeclarator,
  call: TSESTree.CallExpression,
  entry: HttpClientEntry,
): DeadlineFinding | null | 'sent' {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, declarator.id);
  if (!variable) return null;
  let sent = false;
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    if (!reference.isRead() || reference.isWrite()) return null;
    const use = outermostTypeWrapper(reference.identifier);
    const parent = use.parent;
    if (parent?.type === AST_NODE_TYPES.AwaitExpression) {
      sent = true;
      continue;
    }
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use) return null;
    const method = parent.parent;
    if (method.type !== AST_NODE_TYPES.CallExpression || method.callee !== parent) return null;
    const name = ASTUtils.getPropertyName(parent);
    if (name !== null && entry.deadlineOptions.includes(name)) {
      const verdict = deadlineCall(sourceCode, call, entry, method, name);
      if (verdict !== 'absent') return verdict;
    }
    if (name !== null && CHAIN_SENDS.has(name)) sent = true;
  }
  return sent ? 'sent' : null;
}

/** `axios(config)` / `axios(url, config)`; `got(options)` / `got(url, options)`. */
function rootCallOptions(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, shape: 'axios' | 'got'): OptionsSite | null {
  const first = call.arguments[0];
  if (!first) return null;
  if (objectLiteralOf(sourceCode, first)) return optionsAt(sourceCode, call, 0);
  if (call.arguments.length >= 2) return optionsAt(sourceCode, call, 1);
  const firstName = nameOf(first);
  if (firstName !== null && OPTIONS_NAME.test(firstName)) return null;
  // A lone variable is a config object as often as a URL for axios; for got it is nearly always a URL.
  if (shape === 'axios' && !isUrlLike(resolveConstValue(sourceCode, first))) return null;
  return { kind: 'missing', index: 1 };
}

/** A variable named as a URL (`url`, `targetUri`, `href`): for clients whose lone argument is a URL or options. */
const URL_NAME = /(url|uri|href)$/i;

/**
 * `http.request(url?, options?, callback?)`: options are the first object argument before the
 * callback. For request (`urlByName`), a variable named as a URL is one.
 */
function nodeHttpOptions(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, urlByName = false): OptionsSite | null {
  const [first, second] = call.arguments;
  if (!first) return null;
  if (objectLiteralOf(sourceCode, first)) return optionsAt(sourceCode, call, 0);
  if (!isUrlLike(resolveConstValue(sourceCode, first)) && !(urlByName && URL_NAME.test(nameOf(first) ?? ''))) return null;
  if (!second || (call.arguments.length === 2 && isCallback(sourceCode, second))) {
    return { kind: 'missing', index: 1, after: first };
  }
  return optionsAt(sourceCode, call, 1);
}

const CALLBACK_NAME = /^(on[A-Z_]|cb$|callback|handle|done$|next$)/;

/** A function, a variable bound to one, or a name that only a callback would have (`onResponse`). */
function isCallback(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const value = skipTypeWrappers(node);
  if (isFunctionNode(value)) return true;
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  if (CALLBACK_NAME.test(value.name)) return true;
  const variable = variableOf(sourceCode, value);
  return variable?.defs.some((def) => def.type === DefinitionType.FunctionName) === true || isFunctionNode(resolveConstValue(sourceCode, value));
}

function isRequestObject(sourceCode: Readonly<TSESLint.SourceCode>, input: TSESTree.Node, getTypes: () => TypeInfo | null): boolean {
  const value = resolveConstValue(sourceCode, input);
  if (value.type === AST_NODE_TYPES.NewExpression) return calleeName(value) === 'Request';
  const name = nameOf(input);
  if (name !== null && REQUEST_OBJECT_NAME.test(name)) return true;
  const types = getTypes();
  return types !== null && typeSymbolNames(types.typeOf(input)).includes('Request');
}

function deadlineStatus(sourceCode: Readonly<TSESLint.SourceCode>, object: TSESTree.ObjectExpression, entry: HttpClientEntry): DeadlineStatus {
  if (entry.defaultDeadline) return defaultDeadlineStatus(sourceCode, object, entry, entry.defaultDeadline);
  let unknown = false;
  let disabled: TSESTree.Property | null = null;
  for (const option of entry.deadlineOptions) {
    const lookup = lookupOption(sourceCode, object, [option]);
    if (lookup.kind === 'unknown') unknown = true;
    else if (lookup.kind === 'found') {
      if (!isDisabledLimit(sourceCode, lookup.value)) return { kind: 'ok' };
      disabled ??= lookup.property;
    }
  }
  if (entry.client === 'node-http' && agentHasTimeout(sourceCode, object)) return { kind: 'ok' };
  if (entry.client === 'fetch' && dispatcherHasTimeout(sourceCode, object)) return { kind: 'ok' };
  if (unknown) return { kind: 'unknown' };
  return disabled ? { kind: 'disabled', property: disabled } : { kind: 'absent' };
}

/**
 * A client with a deadline by default: `disabled` when one of its default deadlines is set to a value
 * that turns it off and no other deadline (a `signal`) is given; `ok` otherwise.
 */
function defaultDeadlineStatus(
  sourceCode: Readonly<TSESLint.SourceCode>,
  object: TSESTree.ObjectExpression,
  entry: HttpClientEntry,
  defaults: NonNullable<HttpClientEntry['defaultDeadline']>,
): DeadlineStatus {
  let disabled: TSESTree.Property | null = null;
  for (const option of entry.deadlineOptions) {
    const lookup = lookupOption(sourceCode, object, [option]);
    if (lookup.kind === 'unknown') return { kind: 'unknown' };
    if (lookup.kind !== 'found') continue;
    const known = staticValueOf(sourceCode, lookup.value);
    if (!defaults.options.includes(option)) {
      // Another deadline (a signal) that is set bounds the call.
      if (!isStaticallyNullish(sourceCode, lookup.value)) return { kind: 'ok' };
    } else if (known && (typeof known.value === 'number' || typeof known.value === 'boolean') && defaults.disabledBy.includes(known.value)) {
      disabled ??= lookup.property;
    }
  }
  return disabled ? { kind: 'disabled', property: disabled } : { kind: 'ok' };
}

/** `agent: keepAliveAgent` where `keepAliveAgent = new http.Agent({ timeout: … })` in this file. */
function agentHasTimeout(sourceCode: Readonly<TSESLint.SourceCode>, options: TSESTree.ObjectExpression): boolean {
  const agent = lookupOption(sourceCode, options, ['agent']);
  if (agent.kind !== 'found') return false;
  const value = resolveConstValue(sourceCode, agent.value);
  if (value.type !== AST_NODE_TYPES.NewExpression || calleeName(value) !== 'Agent') return false;
  const agentOptions = value.arguments[0] && objectLiteralOf(sourceCode, value.arguments[0]);
  if (!agentOptions) return false;
  const timeout = lookupOption(sourceCode, agentOptions, ['timeout']);
  return timeout.kind === 'found' && !isDisabledLimit(sourceCode, timeout.value);
}

/**
 * `dispatcher: agent` where `agent = new Agent({ headersTimeout: … })` (undici's `Agent`, `Pool` or
 * `Client`) in this file: the dispatcher bounds how long the upstream may take to answer.
 */
function dispatcherHasTimeout(sourceCode: Readonly<TSESLint.SourceCode>, options: TSESTree.ObjectExpression): boolean {
  const dispatcher = lookupOption(sourceCode, options, ['dispatcher']);
  if (dispatcher.kind !== 'found') return false;
  const value = resolveConstValue(sourceCode, dispatcher.value);
  if (value.type !== AST_NODE_TYPES.NewExpression || !['Agent', 'Pool', 'Client'].includes(calleeName(value) ?? '')) return false;
  const dispatcherOptions = value.arguments.at(-1);
  const object = dispatcherOptions && objectLiteralOf(sourceCode, dispatcherOptions);
  if (!object) return false;
  const timeout = lookupOption(sourceCode, object, ['headersTimeout']);
  return timeout.kind === 'found' && !isDisabledLimit(sourceCode, timeout.value);
}

/** `axios.create(config)`, `got.extend(...options)`: a client whose every call inherits these defaults. */
function judgeInstanceFactory(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, entry: HttpClientEntry): DeadlineFinding | null {
  const objects: TSESTree.ObjectExpression[] = [];
  let lastSite: OptionsSite | null = null;
  for (const arg of call.arguments) {
    lastSite = objectSiteOf(sourceCode, arg, call);
    if (lastSite?.kind !== 'object') return null;
    objects.push(lastSite.object);
  }
  let disabled: TSESTree.Property | null = null;
  for (const object of objects) {
    const status = deadlineStatus(sourceCode, object, entry);
    if (status.kind === 'ok' || status.kind === 'unknown') return null;
    if (status.kind === 'disabled') disabled ??= status.property;
  }
  if (instanceGetsDeadlineLater(sourceCode, call)) return null;
  if (disabled) return disabledFinding(sourceCode, call, entry, disabled);
  if (entry.defaultDeadline) return null;
  return { kind: 'instanceWithoutDeadline', call, entry, site: lastSite ?? { kind: 'missing', index: 0 } };
}

/** `const api = axios.create(); api.defaults.timeout = 5000` or an interceptor that sets one. */
function instanceGetsDeadlineLater(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  const variable = declaredVariable(sourceCode, call);
  if (!variable) return false;
  return variable.references.some((ref) => {
    const member = ref.identifier.parent;
    if (!isMemberNamed(member, ref.identifier, ['defaults', 'interceptors'])) return false;
    const outer = member.parent;
    if (isMemberNamed(outer, member, ['timeout', 'signal'])) return isAssignedDeadline(sourceCode, outer);
    return mentionsDeadline(sourceCode, outer);
  });
}

function declaredVariable(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): ReturnType<typeof variableOf> {
  const parent = node.parent;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier) {
    return null;
  }
  return variableOf(sourceCode, parent.id);
}

/** `x.timeout = <finite value>` */
function isAssignedDeadline(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node && !isDisabledLimit(sourceCode, parent.right);
}

/** An interceptor or configuration call whose source sets `timeout` or `signal`. */
function mentionsDeadline(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const text = sourceCode.getText(node.parent ?? node);
  return text.includes('timeout') || text.includes('signal');
}

const CHAINABLE_REQUEST_METHODS = ['on', 'once', 'addListener', 'prependListener', 'end', 'setHeader', 'setNoDelay', 'setSocketKeepAlive'];

/**
 * `const req = http.request(…); req.setTimeout(5000, …)`, a timer that destroys the request, or a
 * request handed to other code (returned, passed on) that may set its deadline.
 */
function requestGetsDeadlineLater(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (isMemberNamed(parent, node, ['setTimeout'])) return true;
    const outer: TSESTree.Node | undefined = parent?.parent;
    if (isMemberNamed(parent, node, CHAINABLE_REQUEST_METHODS) && outer?.type === AST_NODE_TYPES.CallExpression && outer.callee === parent) {
      node = outer;
      continue;
    }
    break;
  }
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement) return false;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator) return true;
  const variable = declaredVariable(sourceCode, node);
  if (!variable) return true;
  return variable.references.some((ref) => {
    if (ref.init) return false;
    const member = ref.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref.identifier) return true;
    if (isMemberNamed(member, ref.identifier, ['setTimeout'])) return true;
    return isMemberNamed(member, ref.identifier, ['destroy', 'abort']) && insideTimerCallback(member);
  });
}

function insideTimerCallback(node: TSESTree.Node): boolean {
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === child && isFunctionNode(child)) {
      const name = calleeName(parent);
      if (name === 'setTimeout') return true;
    }
  }
  return false;
}

/** The call sits inside an argument of a timeout wrapper, or inside a contender of a race against something else. */
function insideDeadlineWrapper(
  call: TSESTree.CallExpression,
  isWrapper: (outer: TSESTree.CallExpression) => boolean,
  races: readonly TSESTree.CallExpression[],
): boolean {
  for (let child: TSESTree.Node = call, parent = call.parent as TSESTree.Node | undefined; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== child && isWrapper(parent)) return true;
    const contenders = raceOfElement(child, races)?.arguments[0];
    if (contenders?.type === AST_NODE_TYPES.ArrayExpression && contenders.elements.length >= 2) return true;
  }
  return false;
}

/** Calls whose callee is a plain identifier with one of these names (user-declared fetch-like functions). */
function callsNamed(sourceCode: Readonly<TSESLint.SourceCode>, names: ReadonlySet<string>): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  const scopes = [sourceCode.scopeManager?.globalScope].filter((scope) => scope !== undefined && scope !== null);
  for (const scope of scopes) {
    const stack: TSESLint.Scope.Scope[] = [scope];
    while (stack.length > 0) {
      const current = stack.pop();
      if (!current) break;
      for (const ref of current.references) {
        const parent = ref.identifier.parent;
        if (names.has(ref.identifier.name) && parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === ref.identifier) {
          calls.push(parent);
        }
      }
      stack.push(...current.childScopes);
    }
  }
  return calls;
}

/** The last path segment of a module specifier, keeping a scope (`@inquirer/prompts`). */
function moduleName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') && parts.length === 2 ? specifier : (parts.at(-1) ?? specifier);
}

/**
 * Whether the file imports a module that asks a person for input at a terminal (`promptly`,
 * `inquirer`, a local `./prompt`): interactive command-line code, where a stalled call is in
 * front of someone who can interrupt it.
 */
function importsPromptModule(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // Every module name in the catalog contains one of these.
  if (!/prompt|quirer|readline-sync/.test(sourceCode.text)) return false;
  let found = false;
  forEachDescendant(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (found) return false;
    let specifier: TSESTree.Node | undefined;
    if (node.type === AST_NODE_TYPES.ImportDeclaration) specifier = node.source;
    else if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.Identifier &&
      node.callee.name === 'require' &&
      node.arguments.length === 1
    ) {
      specifier = node.arguments[0];
    }
    if (specifier?.type === AST_NODE_TYPES.Literal && typeof specifier.value === 'string' && interactivePromptModules.has(moduleName(specifier.value))) {
      found = true;
    }
    // Imports sit at the top level or in a function body; type annotations and JSX hold none.
    return !node.type.startsWith('TS') && !node.type.startsWith('JSX');
  });
  return found;
}

const PROMISE_CALLBACKS = ['then', 'catch', 'finally'];

/**
 * The `process.exit()` calls made directly in each function body (not in functions nested in it),
 * by start offset, computed once per file and only for files that mention `process.exit`.
 */
function processExits(sourceCode: Readonly<TSESLint.SourceCode>): Map<TSESTree.Node, number[]> | null {
  return memoPerFile(sourceCode, 'outbound-calls:process-exits', () => {
    if (!sourceCode.text.includes('exit')) return null;
    const byFunction = new Map<TSESTree.Node, number[]>();
    const owners: TSESTree.Node[] = [sourceCode.ast];
    forEachDescendant(sourceCode.ast, sourceCode.visitorKeys, (node) => {
      // The walk is depth-first: pop the functions the walk has left.
      while (owners.length > 1 && node.range[0] >= (owners.at(-1)?.range[1] ?? Infinity)) owners.pop();
      if (isFunctionNode(node)) owners.push(node);
      else if (isCallOf(node, 'process', 'exit')) {
        const owner = owners.at(-1) ?? sourceCode.ast;
        const list = byFunction.get(owner) ?? [];
        list.push(node.range[0]);
        byFunction.set(owner, list);
      }
      return undefined;
    });
    return byFunction.size > 0 ? byFunction : null;
  });
}

/** The function nodes whose bodies lie inside `root`, `root` included when it is one. */
function functionsWithin(root: TSESTree.Node, exits: Map<TSESTree.Node, number[]>): boolean {
  for (const owner of exits.keys()) if (owner.range[0] >= root.range[0] && owner.range[1] <= root.range[1]) return true;
  return false;
}

/**
 * Whether the process exits once `call` settles: a `.then` / `.catch` / `.finally` callback of
 * the call's promise calls `process.exit()` (in it or in a function inside it), or the function
 * that makes the call calls it after the call. Such a call is the last thing a command-line
 * command does, not work a service repeats.
 */
function exitsProcessAfter(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  const exits = processExits(sourceCode);
  if (!exits) return false;
  // fetch(url).then(onDone).catch(onError): the callbacks of the chain on the call.
  for (let link: TSESTree.Node = call; ;) {
    const member: TSESTree.Node | undefined = link.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== link) break;
    const next: TSESTree.Node | undefined = member.parent;
    if (next?.type !== AST_NODE_TYPES.CallExpression || next.callee !== member) break;
    if (!isMemberNamed(member, link, PROMISE_CALLBACKS)) break;
    if (next.arguments.some((argument) => isFunctionNode(argument) && functionsWithin(argument, exits))) return true;
    link = next;
  }
  // await fetch(url); …; process.exit(0): later in the function that makes the call.
  for (let current: TSESTree.Node | undefined = call.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return (exits.get(current) ?? []).some((start) => start > call.range[1]);
  }
  return false;
}
