import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { referenceText, resolveSingleUseObjectLiteral, skipTypeWrappers, variableOf } from '../util/ast.js';
import {
  appListenMethod,
  assumedServerNameSuffixes,
  fastifyServerProperty,
  serverFactories,
  serverOnlyTimeoutProperties,
  serverSelfReturningMethods,
  serverTimeoutMembers,
  serverWrappers,
  type ServerFactoryEntry,
  type ServerKind,
  type ServerTimeoutSetting,
} from '../catalog/index.js';
import { apiIndex, findApiReferences, type ApiSpec } from '../util/references.js';
import { typeSymbolNames, type TypeInfo } from '../util/types.js';
import { isDisabledLimit, staticFiniteNumber, staticNumber } from '../util/values.js';

/**
 * HTTP server timeouts switched off: the analysis behind `no-disabled-server-timeouts`. A server
 * is a value the file shows to come from a server factory of the catalog (`http.createServer`,
 * `new https.Server`, `http2.createSecureServer`, `fastify()`, the `listen()` of an express, koa
 * or connect application), through variables, chains that return the server, and properties the
 * file assigns it to. A timeout is off when its value is statically `0` or `Infinity`.
 */

export type DisabledTimeoutSite =
  /** `server.requestTimeout = 0` */
  | { readonly form: 'assignment'; readonly node: TSESTree.AssignmentExpression; readonly value: TSESTree.Expression }
  /** `server.setTimeout(0)` */
  | { readonly form: 'method'; readonly node: TSESTree.CallExpression; readonly value: TSESTree.Expression }
  /** `http.createServer({ requestTimeout: 0 })` */
  | { readonly form: 'option'; readonly node: TSESTree.Property; readonly object: TSESTree.ObjectExpression };

export type DisabledTimeout = DisabledTimeoutSite & {
  readonly setting: ServerTimeoutSetting;
  readonly server: Exclude<ServerKind, 'app'>;
  /** `0` or `Infinity`. */
  readonly disabledBy: number;
  /** The file does not show the receiver to be a server; reported only under `assumeServers`. */
  readonly assumed: boolean;
};

export interface ServerTimeoutOptions {
  /** Also judge server-only properties set on receivers whose origin the file does not show. */
  readonly assumeServers: boolean;
}

const WRAPPER = 'wrapper' as const;

const FACTORY_SPECS = (): ApiSpec<ServerFactoryEntry | typeof WRAPPER>[] => [
  ...serverFactories.flatMap((entry) =>
    entry.exports.map((module): ApiSpec<ServerFactoryEntry> => ({
      info: entry,
      kind: module.construct === true ? 'construct' : 'call',
      module: { from: module.from, path: module.path },
    })),
  ),
  ...serverWrappers.map((module): ApiSpec<typeof WRAPPER> => ({ info: WRAPPER, kind: 'call', module })),
];

const serverNames = new Set(['Server', 'Http2Server', 'Http2SecureServer', 'FastifyInstance']);

/** The value of an expression, seen through TypeScript wrappers and optional chains. */
function unwrap(node: TSESTree.Node): TSESTree.Node {
  let value = skipTypeWrappers(node);
  while (value.type === AST_NODE_TYPES.ChainExpression) value = skipTypeWrappers(value.expression);
  return value;
}

/**
 * Collects, per file, the member assignments and `setTimeout` calls the rule's selectors hand it,
 * then judges them against the servers the file makes.
 */
export class ServerTimeoutCollector {
  private readonly factories = new Map<TSESTree.Node, ServerFactoryEntry>();
  /** Calls of functions that return the server they are given (`stoppable(server)`). */
  private readonly wrapperCalls = new Set<TSESTree.Node>();
  private readonly factoryCalls: { readonly call: TSESTree.CallExpression | TSESTree.NewExpression; readonly entry: ServerFactoryEntry }[] = [];
  private readonly candidates: (TSESTree.AssignmentExpression | TSESTree.CallExpression)[] = [];
  /** Values assigned to a member, by its reference text (`this.server`, `state.http`). */
  private readonly memberWrites = new Map<string, TSESTree.Node[]>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly options: ServerTimeoutOptions,
    private readonly getTypes: () => TypeInfo | null,
  ) {
    for (const ref of findApiReferences(sourceCode, apiIndex('server-factories', FACTORY_SPECS))) {
      if (ref.info === WRAPPER) {
        this.wrapperCalls.add(ref.node);
        continue;
      }
      const entry = ref.info;
      if (ref.node.type === AST_NODE_TYPES.CallExpression || ref.node.type === AST_NODE_TYPES.NewExpression) {
        this.factories.set(ref.node, entry);
        this.factoryCalls.push({ call: ref.node, entry });
      }
    }
  }

  /** Whether the file can hold a finding at all: it makes a server, or the rule judges unknown receivers. */
  get active(): boolean {
    return this.factories.size > 0 || this.options.assumeServers;
  }

  /** `a.b = v`: a timeout property written, or a member a server may be stored in. */
  assignment(node: TSESTree.AssignmentExpression): void {
    const left = node.left;
    if (left.type !== AST_NODE_TYPES.MemberExpression) return;
    // Where servers are kept matters only in a file that makes one.
    if (this.factories.size > 0) {
      const text = referenceText(this.sourceCode, left);
      const writes = this.memberWrites.get(text);
      if (writes) writes.push(node.right);
      else this.memberWrites.set(text, [node.right]);
    }
    const name = ASTUtils.getPropertyName(left, left.computed ? this.sourceCode.getScope(node) : undefined);
    if (name !== null && TIMEOUT_PROPERTY_NAMES.has(name)) this.candidates.push(node);
  }

  /** A class field `server = http.createServer(app)`: the value `this.server` holds. */
  field(node: TSESTree.PropertyDefinition): void {
    if (this.factories.size === 0 || node.static || node.computed || !node.value || node.key.type !== AST_NODE_TYPES.Identifier) return;
    const text = `this.${node.key.name}`;
    const writes = this.memberWrites.get(text);
    if (writes) writes.push(node.value);
    else this.memberWrites.set(text, [node.value]);
  }

  /** `x.setTimeout(v)`. */
  call(node: TSESTree.CallExpression): void {
    this.candidates.push(node);
  }

  findings(): DisabledTimeout[] {
    const found: DisabledTimeout[] = [];
    for (const { call, entry } of this.factoryCalls) found.push(...this.optionFindings(call, entry));
    for (const candidate of this.candidates) {
      const finding = candidate.type === AST_NODE_TYPES.AssignmentExpression ? this.judgeAssignment(candidate) : this.judgeCall(candidate);
      if (finding) found.push(finding);
    }
    return found.sort((a, b) => a.node.range[0] - b.node.range[0]);
  }

  /** The timeout options of a factory call's options object (its first argument, inline or a single-use const). */
  private optionFindings(call: TSESTree.CallExpression | TSESTree.NewExpression, entry: ServerFactoryEntry): DisabledTimeout[] {
    if (entry.options.length === 0 || entry.kind === 'app') return [];
    const first = call.arguments[0];
    if (!first || first.type === AST_NODE_TYPES.SpreadElement) return [];
    const value = unwrap(first);
    const object = value.type === AST_NODE_TYPES.ObjectExpression ? value : resolveSingleUseObjectLiteral(this.sourceCode, value);
    if (!object) return [];
    const found: DisabledTimeout[] = [];
    for (const setting of entry.options) {
      const property = this.lookup(object, setting.name);
      if (!property) continue;
      const disabledBy = this.disablingValue(property.value);
      if (disabledBy === null || (disabledBy === 0 && setting.zeroMeansDefault === true)) continue;
      found.push({ form: 'option', node: property, object, setting, server: entry.kind, disabledBy, assumed: false });
    }
    return found;
  }

  /**
   * The property that defines `name` in an object literal as the runtime sees it (the last one
   * wins), or `null` when it is absent or a later spread or unknown computed key may redefine it.
   */
  private lookup(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | null {
    let found: TSESTree.Property | null = null;
    const scope = this.sourceCode.getScope(object);
    for (const member of object.properties) {
      if (member.type === AST_NODE_TYPES.SpreadElement) {
        found = null;
        continue;
      }
      const key = ASTUtils.getPropertyName(member, scope);
      if (key === null) found = null;
      else if (key === name) found = member.kind === 'init' && !member.method ? member : null;
    }
    return found;
  }

  /** `0` or `Infinity` when the value is statically one of them, else `null`. */
  private disablingValue(node: TSESTree.Node): number | null {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.AssignmentPattern || !isDisabledLimit(this.sourceCode, value)) return null;
    const number = staticNumber(this.sourceCode, value);
    return number === 0 || number === Infinity ? number : null;
  }

  private judgeAssignment(node: TSESTree.AssignmentExpression): DisabledTimeout | null {
    if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression) return null;
    const name = ASTUtils.getPropertyName(node.left, this.sourceCode.getScope(node));
    if (name === null) return null;
    const disabledBy = this.disablingValue(node.right);
    if (disabledBy === null) return null;
    const receiver = node.left.object;
    const kind = this.serverKindOf(receiver, new Set());
    if (kind === 'http-server' || kind === 'http2-server') {
      const setting = serverTimeoutMembers[kind].properties.find((entry) => entry.name === name);
      return setting ? { form: 'assignment', node, value: node.right, setting, server: kind, disabledBy, assumed: false } : null;
    }
    if (kind !== null || !this.options.assumeServers) return null;
    const setting = serverOnlyTimeoutProperties.find((entry) => entry.name === name);
    if (!setting || !this.mayBeServer(receiver)) return null;
    return { form: 'assignment', node, value: node.right, setting, server: 'http-server', disabledBy, assumed: true };
  }

  private judgeCall(node: TSESTree.CallExpression): DisabledTimeout | null {
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const name = ASTUtils.getPropertyName(callee, this.sourceCode.getScope(node));
    const first = node.arguments[0];
    if (name === null || !first || first.type === AST_NODE_TYPES.SpreadElement) return null;
    const kind = this.serverKindOf(callee.object, new Set());
    if (kind !== 'http-server' && kind !== 'http2-server') return null;
    const setting = serverTimeoutMembers[kind].methods.find((entry) => entry.name === name);
    const disabledBy = setting ? this.disablingValue(first) : null;
    if (!setting || disabledBy === null) return null;
    return { form: 'method', node, value: first, setting, server: kind, disabledBy, assumed: false };
  }

  /**
   * What the file shows an expression to be: a server or application made by a factory of the
   * catalog, directly, through a chain that returns it, a variable every write of which holds one, or
   * a member the file assigns one to. `null` when the file does not show it.
   */
  private serverKindOf(node: TSESTree.Node, seen: Set<TSESTree.Node>): ServerKind | null {
    const value = unwrap(node);
    if (seen.has(value) || seen.size > 64) return null;
    seen.add(value);
    const entry = this.factories.get(value);
    if (entry) return entry.kind;
    switch (value.type) {
      case AST_NODE_TYPES.CallExpression: {
        const [first] = value.arguments;
        if (this.wrapperCalls.has(value)) return first && first.type !== AST_NODE_TYPES.SpreadElement ? this.serverKindOf(first, seen) : null;
        const callee = unwrap(value.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
        const method = ASTUtils.getPropertyName(callee);
        const inner = this.serverKindOf(callee.object, seen);
        if (inner === 'app' && method === appListenMethod) return 'http-server';
        if ((inner === 'http-server' || inner === 'http2-server') && method !== null && serverSelfReturningMethods.has(method)) return inner;
        return null;
      }
      case AST_NODE_TYPES.MemberExpression: {
        if (!value.computed && ASTUtils.getPropertyName(value) === fastifyServerProperty && this.serverKindOf(value.object, seen) === 'fastify') {
          return 'http-server';
        }
        const writes = this.memberWrites.get(referenceText(this.sourceCode, value));
        return writes ? this.commonKind(writes, seen) : null;
      }
      case AST_NODE_TYPES.Identifier: {
        const variable = variableOf(this.sourceCode, value);
        if (!variable || variable.defs.length === 0) return null;
        const values: TSESTree.Node[] = [];
        for (const def of variable.defs) {
          if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id.type !== AST_NODE_TYPES.Identifier) return null;
          if (def.node.init) values.push(def.node.init);
        }
        for (const ref of variable.references) {
          if (!ref.isWrite() || ref.init === true) continue;
          const write = ref.identifier.parent;
          if (write.type !== AST_NODE_TYPES.AssignmentExpression || write.operator !== '=' || write.left !== ref.identifier) return null;
          values.push(write.right);
        }
        return this.commonKind(values, seen);
      }
      case AST_NODE_TYPES.ConditionalExpression:
        return this.commonKind([value.consequent, value.alternate], seen);
      default:
        return null;
    }
  }

  /** The kind every one of `values` has, or `null` when there are none or they differ. */
  private commonKind(values: readonly TSESTree.Node[], seen: Set<TSESTree.Node>): ServerKind | null {
    let kind: ServerKind | null = null;
    for (const value of values) {
      const next = this.serverKindOf(value, seen);
      if (next === null || (kind !== null && next !== kind)) return null;
      kind = next;
    }
    return kind;
  }

  /**
   * Under `assumeServers`: a receiver whose origin the file does not show (a parameter, an import, a
   * property read) may be a server when its name says so (`server`, `this.httpServer`); `this` (a
   * class's own field), a configuration object (`options`) and a variable the file shows to hold
   * something else are not. With types, a receiver whose type is known and not a server is not.
   */
  private mayBeServer(receiver: TSESTree.Node): boolean {
    const value = unwrap(receiver);
    const name =
      value.type === AST_NODE_TYPES.Identifier ? value.name : value.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(value) : null;
    const lower = name?.toLowerCase();
    if (lower === undefined || !assumedServerNameSuffixes.some((suffix) => lower.endsWith(suffix))) return false;
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(this.sourceCode, value);
      const def = variable?.defs[0];
      if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
        const init = unwrap(def.node.init);
        if (init.type !== AST_NODE_TYPES.CallExpression && init.type !== AST_NODE_TYPES.AwaitExpression && init.type !== AST_NODE_TYPES.MemberExpression) {
          return false;
        }
      }
    } else if (value.type !== AST_NODE_TYPES.MemberExpression && value.type !== AST_NODE_TYPES.CallExpression) {
      return false;
    }
    const types = this.getTypes();
    if (!types) return true;
    const type = types.typeOf(value);
    if (type.flags & (1 | 2)) return true; // any, unknown
    const names = typeSymbolNames(type);
    return names.length === 0 || names.some((name) => serverNames.has(name));
  }
}

/**
 * A finite value for the setting that the runtime accepts next to the other options of the same
 * object: Node rejects a `headersTimeout` above a non-zero `requestTimeout`.
 */
export function acceptedFiniteValue(sourceCode: Readonly<TSESLint.SourceCode>, finding: DisabledTimeout, ms: number): number {
  if (finding.form !== 'option' || finding.server !== 'http-server') return ms;
  const other = finding.setting.name === 'headersTimeout' ? 'requestTimeout' : finding.setting.name === 'requestTimeout' ? 'headersTimeout' : null;
  if (other === null) return ms;
  const scope = sourceCode.getScope(finding.object);
  let bound: number | null = null;
  for (const member of finding.object.properties) {
    if (member.type !== AST_NODE_TYPES.Property || ASTUtils.getPropertyName(member, scope) !== other) continue;
    const value = staticFiniteNumber(sourceCode, unwrap(member.value));
    bound = value !== null && value > 0 ? value : null;
  }
  if (bound === null) return ms;
  return other === 'requestTimeout' ? Math.min(ms, bound) : Math.max(ms, bound);
}

const TIMEOUT_PROPERTY_NAMES: ReadonlySet<string> = new Set(
  Object.values(serverTimeoutMembers).flatMap((members) => members.properties.map((setting) => setting.name)),
);
