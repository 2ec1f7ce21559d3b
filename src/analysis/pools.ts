import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { lookupProperty, outermostTypeWrapper, resolveConstValue, singleAssignmentInit, skipTypeWrappers, variableOf } from '../util/ast.js';
import { connectionPools, type ConnectionLimitOption, type ConnectionPoolEntry } from '../catalog/index.js';
import { ASTUtils } from '../util/eslint-utils.js';
import { apiIndex, findApiReferences, type ApiSpec } from '../util/references.js';
import { staticValueOf, type KnownValue } from '../util/values.js';

type PoolCall = TSESTree.NewExpression | TSESTree.CallExpression;

/** Where a limit would go when the options set none. */
export type LimitSite =
  /** The options object literal, to add the limit to. */
  | { readonly kind: 'object'; readonly object: TSESTree.ObjectExpression }
  /** The limit is given as `undefined`: its value is what to change. */
  | { readonly kind: 'property'; readonly property: TSESTree.Property }
  /** No options argument: it would be argument `index`. */
  | { readonly kind: 'missing'; readonly index: number };

export type PoolFinding =
  | {
      /** No limit, and the default is none: a keep-alive agent (`noLimit`), or a default reported on request (`noLimitByDefault`). */
      readonly kind: 'noLimit' | 'noLimitByDefault';
      readonly call: PoolCall;
      readonly option: string;
      readonly site: LimitSite;
    }
  | {
      /** A limit set to a value that means no limit (`maxSockets: Infinity`, `connectionLimit: 0`). */
      readonly kind: 'unlimited';
      readonly call: PoolCall;
      readonly option: string;
      readonly property: TSESTree.Property;
    }
  | {
      /** A connection string whose pool-size parameter means no limit (`?maxPoolSize=0`). */
      readonly kind: 'unlimitedInUri';
      readonly call: PoolCall;
      readonly parameter: string;
      readonly argument: TSESTree.Node;
      /** The string literal or template that holds the parameter, when it can be edited in place. */
      readonly literal: TSESTree.StringLiteral | TSESTree.TemplateLiteral | null;
      readonly option: string;
    };

export interface PoolAnalysisOptions {
  /** Also report a pool whose library's default is no limit when it sets none (undici). */
  readonly checkUnlimitedDefaults: boolean;
}

type LimitStatus = { readonly kind: 'bounded' | 'unknown' | 'absent' } | { readonly kind: 'unset' | 'unlimited'; readonly property: TSESTree.Property };

const index = () =>
  apiIndex('connection-pools', () =>
    connectionPools.flatMap((entry) =>
      entry.exports.map((module): ApiSpec<ConnectionPoolEntry> => ({ info: entry, kind: entry.construct ? 'construct' : 'call', module })),
    ),
  );

/**
 * Finds the connection pools and HTTP agents of a file that open as many connections as there are
 * concurrent requests: a limit set to a value that means none, or no limit where the default is
 * none. Silent wherever the options cannot be read.
 */
export function analyzePools(sourceCode: Readonly<TSESLint.SourceCode>, options: PoolAnalysisOptions): PoolFinding[] {
  const candidates: { call: PoolCall; entry: ConnectionPoolEntry }[] = [];
  for (const ref of findApiReferences(sourceCode, index())) {
    const entry = ref.info;
    const node = ref.node;
    if (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) candidates.push({ call: node, entry });
  }
  if (candidates.length === 0) return [];

  // The options arguments of every candidate: a `const` object literal handed only to these is read like an inline one.
  const optionArguments = new Set<TSESTree.Node>();
  for (const { call, entry } of candidates) {
    const arg = call.arguments[entry.optionsAt];
    if (arg) optionArguments.add(arg);
  }

  const findings: PoolFinding[] = [];
  const reported = new Set<TSESTree.Node>();
  for (const { call, entry } of candidates) {
    const finding = judge(sourceCode, call, entry, optionArguments, options);
    if (!finding) continue;
    const at = finding.kind === 'unlimited' ? finding.property : finding.kind === 'unlimitedInUri' ? finding.argument : finding.call;
    if (reported.has(at)) continue;
    reported.add(at);
    findings.push(finding);
  }
  return findings.sort((a, b) => a.call.range[0] - b.call.range[0]);
}

function judge(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: PoolCall,
  entry: ConnectionPoolEntry,
  optionArguments: ReadonlySet<TSESTree.Node>,
  options: PoolAnalysisOptions,
): PoolFinding | null {
  const args = call.arguments;
  if (args.slice(0, entry.optionsAt + 1).some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return null;
  const arg = args[entry.optionsAt];
  let object: TSESTree.ObjectExpression | null = null;
  if (arg) {
    object = optionsObject(sourceCode, arg, (use) => optionArguments.has(use));
    if (!object) return null;
  }

  const firstLimit = entry.limits[0];
  if (!firstLimit) return null;
  let holder = object;
  if (object && entry.within !== undefined) {
    const nested = lookupProperty(object, [entry.within]);
    if (nested.kind === 'unknown') return null;
    if (nested.kind === 'found') {
      holder = optionsObject(sourceCode, nested.value, (use) => use === nested.value);
      if (!holder) return null;
    } else {
      holder = null;
    }
  }

  const keepAlive = entry.keepAlive && object ? staticOption(sourceCode, object, entry.keepAlive.option) : undefined;
  if (keepAlive === false) return null;

  const status = holder ? combinedStatus(sourceCode, holder, entry.limits) : { kind: 'absent' as const };
  if (status.kind === 'bounded' || status.kind === 'unknown') return null;
  if (status.kind === 'unlimited') {
    if (limitSetLater(sourceCode, call, entry.limits)) return null;
    return { kind: 'unlimited', call, option: propertyName(status.property) ?? firstLimit.name, property: status.property };
  }

  // No limit in the options (none, or `undefined`).
  if (entry.connectionString) {
    const inUri = unlimitedConnectionString(sourceCode, call, entry.connectionString.at, entry.connectionString.name, entry.connectionString.unlimited);
    if (inUri) return { ...inUri, call, option: entry.connectionString.name };
  }
  if (entry.whenAbsent === 'bounded') return null;
  if (object && (entry.delegates ?? []).some((name) => lookupProperty(object, [name]).kind !== 'absent')) return null;
  const site: LimitSite =
    status.kind === 'unset'
      ? { kind: 'property', property: status.property }
      : object
        ? { kind: 'object', object }
        : { kind: 'missing', index: entry.optionsAt };
  if (entry.whenAbsent === 'keep-alive') {
    const keepsAlive = keepAlive === undefined ? (entry.keepAlive?.byDefault ?? false) : keepAlive === true;
    if (!keepsAlive || limitSetLater(sourceCode, call, entry.limits)) return null;
    return { kind: 'noLimit', call, option: firstLimit.name, site };
  }
  if (!options.checkUnlimitedDefaults || limitSetLater(sourceCode, call, entry.limits)) return null;
  return { kind: 'noLimitByDefault', call, option: firstLimit.name, site };
}

/**
 * The object literal an options argument is: inline, or a variable written once with an object
 * literal and read only where `isAllowedUse` says (the options arguments of pools, so nothing else
 * can add or change a property). `null` when the options cannot be seen.
 */
function optionsObject(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  isAllowedUse: (use: TSESTree.Node) => boolean,
): TSESTree.ObjectExpression | null {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, value);
  const init = variable ? singleAssignmentInit(variable) : null;
  const literal = init ? skipTypeWrappers(init) : null;
  if (!variable || literal?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    if (!reference.isRead() || reference.isWrite()) return null;
    if (!isAllowedUse(outermostTypeWrapper(reference.identifier))) return null;
  }
  return literal;
}

function staticValue(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): KnownValue | null {
  return staticValueOf(sourceCode, node);
}

/** An option's static value: `undefined` when absent (or given as `undefined`), `null` when it cannot be known. */
function staticOption(sourceCode: Readonly<TSESLint.SourceCode>, object: TSESTree.ObjectExpression, name: string): unknown {
  const lookup = lookupProperty(object, [name]);
  if (lookup.kind === 'absent') return undefined;
  if (lookup.kind === 'unknown') return null;
  const value = staticValue(sourceCode, lookup.value);
  return value ? value.value : null;
}

function limitStatus(sourceCode: Readonly<TSESLint.SourceCode>, object: TSESTree.ObjectExpression, limit: ConnectionLimitOption): LimitStatus {
  const lookup = lookupProperty(object, [limit.name]);
  if (lookup.kind !== 'found') return lookup;
  const value = staticValue(sourceCode, lookup.value);
  if (!value) return { kind: 'unknown' };
  if (value.value === undefined) return { kind: 'unset', property: lookup.property };
  if ((value.value === null || typeof value.value === 'number') && limit.unlimited.includes(value.value)) {
    return { kind: 'unlimited', property: lookup.property };
  }
  return { kind: 'bounded' };
}

/** One finite limit bounds the pool; an unreadable one may; else the first limit set to "no limit", else none. */
function combinedStatus(sourceCode: Readonly<TSESLint.SourceCode>, object: TSESTree.ObjectExpression, limits: readonly ConnectionLimitOption[]): LimitStatus {
  const statuses = limits.map((limit) => limitStatus(sourceCode, object, limit));
  for (const kind of ['bounded', 'unknown', 'unlimited', 'unset'] as const) {
    const status = statuses.find((candidate) => candidate.kind === kind);
    if (status) return status;
  }
  return { kind: 'absent' };
}

function propertyName(property: TSESTree.Property): string | null {
  return ASTUtils.getPropertyName(property, undefined);
}

/** `const agent = new Agent(…); agent.maxSockets = 64;`: the limit is set on the instance after it is made. */
function limitSetLater(sourceCode: Readonly<TSESLint.SourceCode>, call: PoolCall, limits: readonly ConnectionLimitOption[]): boolean {
  const holder = outermostTypeWrapper(call).parent;
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, holder.id);
  const names = limits.map((limit) => limit.name);
  return (variable?.references ?? []).some((reference) => {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
    const name = ASTUtils.getPropertyName(member);
    return name !== null && names.includes(name) && member.parent.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member;
  });
}

/** `?maxPoolSize=0` (any case) followed by `&` or the end of the string. */
function parameterPattern(name: string, unlimited: readonly number[], atEnd: boolean): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`[?&]${escaped}=(?:${unlimited.join('|')})(?=&${atEnd ? '|$' : ''})`, 'i');
}

/** The connection string argument, when it provably sets the pool size to a value meaning no limit. */
function unlimitedConnectionString(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: PoolCall,
  at: number,
  name: string,
  unlimited: readonly number[],
): Pick<Extract<PoolFinding, { kind: 'unlimitedInUri' }>, 'kind' | 'parameter' | 'argument' | 'literal'> | null {
  const argument = call.arguments[at];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
  const resolved = resolveConstValue(sourceCode, argument);
  const editable =
    (resolved.type === AST_NODE_TYPES.Literal && typeof resolved.value === 'string') || resolved.type === AST_NODE_TYPES.TemplateLiteral ? resolved : null;
  let match: RegExpExecArray | null = null;
  const value = staticValue(sourceCode, argument);
  if (value && typeof value.value === 'string') {
    match = parameterPattern(name, unlimited, true).exec(value.value);
  } else if (resolved.type === AST_NODE_TYPES.TemplateLiteral) {
    const quasis = resolved.quasis;
    for (const [position, quasi] of quasis.entries()) {
      match = parameterPattern(name, unlimited, position === quasis.length - 1).exec(quasi.value.cooked ?? '');
      if (match) break;
    }
  }
  if (!match) return null;
  return { kind: 'unlimitedInUri', parameter: match[0].slice(1), argument, literal: editable };
}
