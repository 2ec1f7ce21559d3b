import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { calleeName, forEachDescendant, isFunctionNode, lookupProperty, skipTypeWrappers, staticKeyName, variableOf } from '../util/ast.js';
import {
  errorTextProperties,
  isErrorObjectName,
  idOwnerNames,
  labelPassThroughGlobals,
  labelPassThroughMethods,
  meterFromProvider,
  metricApis,
  type MetricApiEntry,
  metricLabelMethods,
  otelBatchObservableCallback,
  otelInstrumentFactories,
  otelObservableCallback,
  promChildMethod,
  promCollectOption,
  promLabelNamesOption,
  promTimerMethod,
  requestAliasProperties,
  requestClientFields,
  requestClientValues,
  requestHeaderGetters,
  requestIdProperties,
  requestParameterNames,
  requestRawPathProperties,
  routeTemplates,
  unboundedIdNames,
  unmatchedRouteLabel,
  urlParseExports,
  urlPathProperties,
  type LabelArgument,
  type MetricFamily,
} from '../catalog/index.js';
import { ASTUtils } from '../util/eslint-utils.js';
import { apiIndex, findApiReferences, importedModules, localFunctionNames, namedFunctionSpecs, type ApiSpec, type NamedFunction } from '../util/references.js';
import type { TypeInfo } from '../util/types.js';

/**
 * Label values of prom-client and OpenTelemetry metrics that take a value from an unbounded set:
 * a raw URL or path, a value the client chooses, an id, free error text. Each distinct value is a
 * time series the metrics registry keeps for the life of the process.
 */

export type LabelKind = 'rawPath' | 'clientValue' | 'id' | 'errorText';

export interface LabelFinding {
  readonly kind: LabelKind;
  /** The label value as written in the call (a property value or an argument). */
  readonly value: TSESTree.Node;
  /** The expression the unbounded value comes from (`req.path`), maybe in a binding the value reads. */
  readonly source: TSESTree.Node;
  /** The label's name (`route`), or `#n` for a positional value whose name the file does not show. */
  readonly label: string;
  /** The metric the call records to, as written (`httpRequests`, `this.metrics.latency`). */
  readonly metric: TSESTree.Node;
  /** For a raw path written directly as the value: the route template to use instead. */
  readonly routeTemplate: string | null;
  /** For an error's message or stack written directly as the value: its property, and the value with the error's class (`err.name`) instead. */
  readonly errorName: { readonly property: TSESTree.Node; readonly replacement: string } | null;
}

export interface MetricLabelOptions {
  readonly normalizers: readonly NamedFunction[];
  readonly idNames: readonly string[];
  readonly boundedNames: readonly string[];
  readonly checkAllIds: boolean;
}

type Role = 'metric' | 'meter' | 'meter-provider' | 'timer-end' | 'observable-result' | 'batch-result';

interface MetricRef {
  readonly family: MetricFamily;
  readonly role: Role;
  /** The expression that made it (`new Counter({...})`, `meter.createHistogram(...)`, `h.startTimer()`). */
  readonly origin: TSESTree.Node;
}

interface Taint {
  readonly kind: LabelKind;
  readonly source: TSESTree.Node;
}

/** A value that reads the variable being resolved: as unbounded as the variable's other values. */
const SELF = Symbol('self');
type TaintResult = Taint | null | typeof SELF;

interface Env {
  readonly depth: number;
  readonly visiting: ReadonlySet<TSESLint.Scope.Variable>;
  /** Parameters of a local function being seen into, bound to the caller's arguments. */
  readonly params: ReadonlyMap<TSESLint.Scope.Variable, { readonly arg: TSESTree.Node | undefined; readonly env: Env }>;
  /** How many local calls deep the value is being followed. */
  readonly calls: number;
}

interface RequestAccess {
  readonly root: TSESTree.Identifier;
  readonly path: readonly string[];
}

const MAX_DEPTH = 12;
const MAX_CALL_DEPTH = 3;

const labelMethodNames: ReadonlySet<string> = new Set(Object.values(metricLabelMethods).flatMap((methods) => Object.keys(methods)));

const metricSpecs = (): ApiSpec<MetricApiEntry>[] => metricApis.flatMap((entry) => entry.exports.map((module) => ({ info: entry, kind: entry.kind, module })));

function normalizedName(name: string): string {
  return name.replace(/[-_]/g, '').toLowerCase();
}

/** `Id`, `ID`, `_id` at the end, or `id` / `uuid` / `guid` alone: any id, for `checkAllIds`. */
function looksLikeAnyId(name: string): boolean {
  return /^(?:id|uuid|guid)$/i.test(name) || /(?:[a-z0-9]Id|ID|_id|Uuid|UUID)$/.test(name);
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = skipTypeWrappers(node);
  while (current.type === AST_NODE_TYPES.ChainExpression) current = skipTypeWrappers(current.expression);
  return current;
}

function memberName(member: TSESTree.MemberExpression, scope: TSESLint.Scope.Scope): string | null {
  if (member.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.property.name}`;
  return ASTUtils.getPropertyName(member, scope);
}

/** Every label-method call on a metric in the file, and the label values it gives that are unbounded. */
export function createMetricLabelAnalysis(
  sourceCode: Readonly<TSESLint.SourceCode>,
  options: MetricLabelOptions,
  getTypes: () => TypeInfo | null,
): { readonly active: boolean; analyze(call: TSESTree.CallExpression): LabelFinding[] } {
  const references = findApiReferences(sourceCode, apiIndex('metric-labels:apis', metricSpecs));
  if (references.length === 0) return { active: false, analyze: () => [] };

  const created = new Map<TSESTree.Node, MetricRef>();
  for (const ref of references) {
    created.set(ref.node, { family: ref.info.family, role: ref.info.role, origin: ref.node });
  }
  const urlParses = new Set(
    findApiReferences(
      sourceCode,
      apiIndex('metric-labels:url-parse', () => urlParseExports.map((module) => ({ info: 'parse', kind: 'call' as const, module }))),
    ).map((ref) => ref.node),
  );
  const normalizerCalls = new Set(
    options.normalizers.some((fn) => fn.from !== undefined)
      ? findApiReferences(
          sourceCode,
          apiIndex(`metric-labels:normalizers:${JSON.stringify(options.normalizers)}`, () => namedFunctionSpecs(options.normalizers, 'normalizer')),
        ).map((ref) => ref.node)
      : [],
  );
  const normalizerNames = localFunctionNames(options.normalizers);
  const bounded = new Set(options.boundedNames.map(normalizedName));
  const idNames = new Set([...unboundedIdNames, ...options.idNames].map(normalizedName).filter((name) => !bounded.has(name)));
  const imported = importedModules(sourceCode, sourceCode.scopeManager?.globalScope ?? sourceCode.getScope(sourceCode.ast));

  const classMembers = new WeakMap<TSESTree.Node, Map<string, TSESTree.Node[]>>();
  const functionReturns = new WeakMap<TSESTree.Node, TSESTree.Node[]>();
  const rootEnv: Env = { depth: 0, visiting: new Set(), params: new Map(), calls: 0 };

  function scopeOf(node: TSESTree.Node): TSESLint.Scope.Scope {
    return sourceCode.getScope(node);
  }

  function isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = variableOf(sourceCode, identifier);
    return !variable || (variable.defs.length === 0 && !variable.references.some((ref) => ref.isWrite()));
  }

  // ---- values a binding may hold --------------------------------------------------------------

  /** The values a variable is given (declaration and assignments), or null when one of them is not an expression the file shows. */
  function writtenValues(variable: TSESLint.Scope.Variable): TSESTree.Node[] | null {
    const values: TSESTree.Node[] = [];
    for (const def of variable.defs) {
      if (def.type !== DefinitionType.Variable) return null;
      if (def.node.id.type !== AST_NODE_TYPES.Identifier) return null;
    }
    for (const ref of variable.references) {
      if (!ref.isWrite()) continue;
      const parent = ref.identifier.parent;
      const direct =
        (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id === ref.identifier) ||
        (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === ref.identifier && (parent.operator === '=' || parent.operator === '+='));
      if (!direct || !ref.writeExpr) return null;
      values.push(ref.writeExpr);
    }
    return values;
  }

  /** The class whose instance `this` is at `node`, or null. */
  function thisClass(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
    for (let current = node.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
        const owner = current.parent;
        if (owner?.type === AST_NODE_TYPES.MethodDefinition && owner.value === current) return owner.parent.parent;
        return null;
      }
      if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) {
        return current.parent.parent;
      }
    }
    return null;
  }

  /** What each member of a class is given: field initialisers and `this.x = …` in its own methods. */
  function membersOf(cls: TSESTree.Node): Map<string, TSESTree.Node[]> {
    let members = classMembers.get(cls);
    if (members) return members;
    const found = new Map<string, TSESTree.Node[]>();
    members = found;
    classMembers.set(cls, found);
    const add = (name: string | null, value: TSESTree.Node | null | undefined): void => {
      if (name === null || !value) return;
      const list = found.get(name);
      if (list) list.push(value);
      else found.set(name, [value]);
    };
    forEachDescendant(cls, sourceCode.visitorKeys, (node) => {
      if ((node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) && node !== cls) return false;
      if (node.type === AST_NODE_TYPES.PropertyDefinition && node.parent.parent === cls) {
        add(node.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.key.name}` : staticKeyName(node), node.value);
      } else if (
        node.type === AST_NODE_TYPES.AssignmentExpression &&
        node.operator === '=' &&
        node.left.type === AST_NODE_TYPES.MemberExpression &&
        node.left.object.type === AST_NODE_TYPES.ThisExpression &&
        thisClass(node.left.object) === cls
      ) {
        add(memberName(node.left, scopeOf(node)), node.right);
      }
      return undefined;
    });
    return members;
  }

  /** What `object.name` may hold, from the object literal or class it resolves to. */
  function memberValues(member: TSESTree.MemberExpression, depth: number): TSESTree.Node[] {
    const name = memberName(member, scopeOf(member));
    if (name === null || depth > MAX_DEPTH) return [];
    const object = unwrap(member.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      const cls = thisClass(object);
      return cls ? (membersOf(cls).get(name) ?? []) : [];
    }
    const values: TSESTree.Node[] = [];
    for (const holder of possibleValues(object, depth + 1)) {
      const literal = unwrap(holder);
      if (literal.type !== AST_NODE_TYPES.ObjectExpression) continue;
      const found = lookupProperty(literal, [name]);
      if (found.kind === 'found') values.push(found.value);
    }
    if (object.type === AST_NODE_TYPES.Identifier) {
      // `metrics.requests = new Counter(…)` on an object of the file.
      for (const ref of variableOf(sourceCode, object)?.references ?? []) {
        const parent = ref.identifier.parent;
        if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== ref.identifier) continue;
        const assignment = parent.parent;
        if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === parent && memberName(parent, scopeOf(parent)) === name) {
          values.push(assignment.right);
        }
      }
    }
    return values;
  }

  /** The expressions a value may be, through bindings and members the file shows; the value itself otherwise. */
  function possibleValues(node: TSESTree.Node, depth = 0): TSESTree.Node[] {
    const value = unwrap(node);
    if (depth > MAX_DEPTH) return [];
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(sourceCode, value);
      const written = variable ? writtenValues(variable) : null;
      if (!written || written.length === 0) return [value];
      return written.flatMap((write) => possibleValues(write, depth + 1));
    }
    if (value.type === AST_NODE_TYPES.MemberExpression) {
      const values = memberValues(value, depth);
      return values.length > 0 ? values.flatMap((member) => possibleValues(member, depth + 1)) : [value];
    }
    return [value];
  }

  // ---- metric objects ---------------------------------------------------------------------

  /** The parameter's function and its position, when `identifier` is a parameter given by name. */
  function parameterOf(identifier: TSESTree.Identifier): { fn: TSESTree.Node; index: number } | null {
    const variable = variableOf(sourceCode, identifier);
    const def = variable?.defs[0];
    if (variable?.defs.length !== 1 || def?.type !== DefinitionType.Parameter) return null;
    const fn = def.node;
    if (!isFunctionNode(fn)) return null;
    const index = fn.params.findIndex((param) => param === def.name);
    return index < 0 ? null : { fn, index };
  }

  function classifyCreation(node: TSESTree.Node, depth: number): MetricRef | null {
    const value = unwrap(node);
    const known = created.get(value);
    if (known) return known;
    if (value.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(value.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const name = memberName(callee, scopeOf(callee));
      if (name === null) return null;
      const receiver = metricOf(callee.object, depth + 1);
      if (!receiver) return null;
      if (receiver.role === 'meter' && otelInstrumentFactories.has(name)) return { family: receiver.family, role: 'metric', origin: value };
      if (receiver.role === 'meter-provider' && name === meterFromProvider) return { family: receiver.family, role: 'meter', origin: value };
      if (receiver.role === 'metric' && receiver.family === 'prom-client' && name === promChildMethod) return receiver;
      if (receiver.role === 'metric' && receiver.family === 'prom-client' && name === promTimerMethod) {
        return { family: receiver.family, role: 'timer-end', origin: value };
      }
    }
    return null;
  }

  /** `this` in the `collect()` of a prom-client metric's options is the metric. */
  function collectThis(node: TSESTree.ThisExpression): MetricRef | null {
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
      if (current.type !== AST_NODE_TYPES.FunctionExpression) {
        if (isFunctionNode(current)) return null;
        continue;
      }
      const property = current.parent;
      if (property?.type !== AST_NODE_TYPES.Property || property.value !== current || staticKeyName(property) !== promCollectOption) return null;
      const construct = property.parent.parent;
      if (construct?.type !== AST_NODE_TYPES.NewExpression || construct.arguments[0] !== property.parent) return null;
      const metric = created.get(construct);
      return metric?.family === 'prom-client' && metric.role === 'metric' ? metric : null;
    }
    return null;
  }

  /** The observable result a callback parameter is: `gauge.addCallback((result) => result.observe(…))`. */
  function observableParameter(identifier: TSESTree.Identifier, depth: number): MetricRef | null {
    const param = parameterOf(identifier);
    if (param?.index !== 0) return null;
    const call = param.fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== param.fn) return null;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const name = memberName(callee, scopeOf(callee));
    const receiver = name === otelObservableCallback.method || name === otelBatchObservableCallback.method ? metricOf(callee.object, depth + 1) : null;
    if (receiver?.family !== 'opentelemetry') return null;
    if (name === otelObservableCallback.method && receiver.role === 'metric')
      return { family: receiver.family, role: 'observable-result', origin: receiver.origin };
    if (name === otelBatchObservableCallback.method && receiver.role === 'meter')
      return { family: receiver.family, role: 'batch-result', origin: receiver.origin };
    return null;
  }

  function metricOf(node: TSESTree.Node, depth = 0): MetricRef | null {
    if (depth > MAX_DEPTH) return null;
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.ThisExpression) return collectThis(value);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const observable = observableParameter(value, depth);
      if (observable) return observable;
    }
    let found: MetricRef | null = null;
    for (const candidate of possibleValues(value, depth)) {
      const ref = classifyCreation(candidate, depth);
      if (!ref) return null;
      found ??= ref;
      if (ref.role !== found.role || ref.family !== found.family) return null;
    }
    return found;
  }

  // ---- label arguments ----------------------------------------------------------------------

  /** An object literal of labels: written inline, or a `const` whose properties no later assignment changes. */
  function labelObject(node: TSESTree.Node): TSESTree.ObjectExpression | null {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
    if (value.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = variableOf(sourceCode, value);
    const written = variable ? writtenValues(variable) : null;
    if (!variable || written?.length !== 1 || !written[0]) return null;
    const init = unwrap(written[0]);
    if (init.type !== AST_NODE_TYPES.ObjectExpression) return null;
    for (const ref of variable.references) {
      const parent = ref.identifier.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === ref.identifier) {
        const grand = parent.parent;
        if (
          (grand?.type === AST_NODE_TYPES.AssignmentExpression && grand.left === parent) ||
          (grand?.type === AST_NODE_TYPES.UnaryExpression && grand.operator === 'delete')
        ) {
          return null;
        }
      }
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === ref.identifier && calleeName(parent) === 'assign') return null;
    }
    return init;
  }

  function objectEntries(object: TSESTree.ObjectExpression): { label: string; value: TSESTree.Node }[] {
    const entries: { label: string; value: TSESTree.Node }[] = [];
    object.properties.forEach((member, index) => {
      if (member.type !== AST_NODE_TYPES.Property || member.kind !== 'init' || member.method) return;
      // A later spread may replace the value.
      if (object.properties.slice(index + 1).some((later) => later.type === AST_NODE_TYPES.SpreadElement)) return;
      const label = staticKeyName(member);
      if (label !== null) entries.push({ label, value: member.value });
    });
    return entries;
  }

  function labelNamesOf(metric: MetricRef): (string | null)[] {
    const origin = unwrap(metric.origin);
    if (origin.type !== AST_NODE_TYPES.NewExpression || !origin.arguments[0]) return [];
    const config = labelObject(origin.arguments[0]);
    const found = config ? lookupProperty(config, [promLabelNamesOption]) : null;
    if (found?.kind !== 'found') return [];
    const list = unwrap(found.value);
    if (list.type !== AST_NODE_TYPES.ArrayExpression) return [];
    return list.elements.map((element) => {
      if (!element || element.type === AST_NODE_TYPES.SpreadElement) return null;
      const name = ASTUtils.getStaticValue(element, scopeOf(element));
      return typeof name?.value === 'string' ? name.value : null;
    });
  }

  function labelEntries(call: TSESTree.CallExpression, metric: MetricRef, method: string | null): { label: string; value: TSESTree.Node }[] {
    let spec: LabelArgument | undefined;
    if (metric.role === 'timer-end') spec = { at: 0, form: 'object' };
    else if (metric.role === 'observable-result' && method === otelObservableCallback.observe)
      spec = { at: otelObservableCallback.attributesAt, form: 'object' };
    else if (metric.role === 'batch-result' && method === otelBatchObservableCallback.observe) {
      spec = { at: otelBatchObservableCallback.attributesAt, form: 'object' };
    } else if (metric.role === 'metric' && method !== null) spec = metricLabelMethods[metric.family][method];
    if (!spec) return [];
    const args = call.arguments;
    if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return [];
    if (spec.form === 'object') {
      const arg = args[spec.at];
      const object = arg ? labelObject(arg) : null;
      return object ? objectEntries(object) : [];
    }
    const only = args.length === 1 && args[0] ? labelObject(args[0]) : null;
    if (only) return objectEntries(only);
    const names = labelNamesOf(metric);
    return args.map((arg, index) => ({ label: names[index] ?? `#${index + 1}`, value: arg }));
  }

  // ---- request-derived values ---------------------------------------------------------------

  function requestAccess(node: TSESTree.Node, env: Env): RequestAccess | null {
    if (env.depth > MAX_DEPTH) return null;
    const value = unwrap(node);
    const next: Env = { ...env, depth: env.depth + 1 };
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(sourceCode, value);
      if (!variable || env.visiting.has(variable)) return null;
      const bound = env.params.get(variable);
      if (bound) return bound.arg ? requestAccess(bound.arg, bound.env) : null;
      const def = variable.defs[0];
      if (variable.defs.length !== 1 || !def) return null;
      if (def.type === DefinitionType.Parameter) {
        return requestParameterNames.has(value.name) && parameterOf(value) ? { root: value, path: [] } : null;
      }
      if (def.type !== DefinitionType.Variable || !def.node.init) return null;
      if (variable.references.filter((ref) => ref.isWrite()).length !== 1) return null;
      const visiting = new Set(env.visiting).add(variable);
      if (def.node.id.type === AST_NODE_TYPES.Identifier) return requestAccess(def.node.init, { ...next, visiting });
      if (def.node.id.type !== AST_NODE_TYPES.ObjectPattern) return null;
      // `const { path, query } = req`
      const property = def.node.id.properties.find(
        (member): member is TSESTree.Property =>
          member.type === AST_NODE_TYPES.Property &&
          (member.value === def.name || (member.value.type === AST_NODE_TYPES.AssignmentPattern && member.value.left === def.name)),
      );
      const key = property ? staticKeyName(property) : null;
      const base = key === null ? null : requestAccess(def.node.init, { ...next, visiting });
      return base && key !== null ? normalizeAccess(base.root, [...base.path, key]) : null;
    }
    if (value.type === AST_NODE_TYPES.MemberExpression) {
      const base = requestAccess(value.object, next);
      if (!base) return null;
      return normalizeAccess(base.root, [...base.path, memberName(value, scopeOf(value)) ?? '*']);
    }
    if (value.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(value.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const name = memberName(callee, scopeOf(callee));
      if (name === null || !requestHeaderGetters.has(name)) return null;
      const base = requestAccess(callee.object, next);
      if (!base || !(base.path.length === 0 || (base.path.length === 1 && base.path[0] === 'headers'))) return null;
      const header = value.arguments[0];
      const headerName = header ? ASTUtils.getStaticValue(header, scopeOf(header)) : null;
      return { root: base.root, path: ['headers', typeof headerName?.value === 'string' ? headerName.value : '*'] };
    }
    return null;
  }

  function normalizeAccess(root: TSESTree.Identifier, path: readonly string[]): RequestAccess {
    let start = 0;
    while (start < path.length - 1 && requestAliasProperties.has(path[start] ?? '')) start += 1;
    return { root, path: path.slice(start) };
  }

  function requestKind(access: RequestAccess): LabelKind | null {
    const [first, ...rest] = access.path;
    if (first === undefined) return null;
    if (rest.length === 0 && requestRawPathProperties.has(first)) return 'rawPath';
    if (rest.length === 1 && requestClientFields.has(first)) return 'clientValue';
    if (rest.length === 0 && requestClientValues.has(first)) return 'clientValue';
    if (rest.length === 0 && requestIdProperties.has(first)) return 'id';
    return null;
  }

  // ---- what a value may be ------------------------------------------------------------------

  function isErrorLike(node: TSESTree.Node): boolean {
    const value = unwrap(node);
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    if (isErrorObjectName(value.name)) return true;
    const def = variableOf(sourceCode, value)?.defs[0];
    return def?.type === DefinitionType.CatchClause;
  }

  function isIdName(name: string): boolean {
    const normalized = normalizedName(name);
    if (bounded.has(normalized)) return false;
    return idNames.has(normalized) || (options.checkAllIds && looksLikeAnyId(name));
  }

  function lastName(node: TSESTree.Node): string | null {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Identifier) return value.name;
    if (value.type === AST_NODE_TYPES.MemberExpression) return memberName(value, scopeOf(value));
    return null;
  }

  /** A URL object whose path is per call: `new URL(req.url, base)`, `new URL(url)` of a parameter, `url.parse(req.url)`. */
  function isPerCallUrl(node: TSESTree.Node, env: Env): boolean {
    const value = unwrap(node);
    if (env.depth > MAX_DEPTH) return false;
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(sourceCode, value);
      const written = variable ? writtenValues(variable) : null;
      return written?.length === 1 && written[0] ? isPerCallUrl(written[0], { ...env, depth: env.depth + 1 }) : false;
    }
    const isUrlConstructor =
      value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'URL' && isGlobal(value.callee);
    if (!isUrlConstructor && !(value.type === AST_NODE_TYPES.CallExpression && urlParses.has(value))) return false;
    const input = value.arguments[0];
    if (!input || input.type === AST_NODE_TYPES.SpreadElement) return false;
    if (isTaint(taintOf(input, env))) return true;
    const inner = unwrap(input);
    return inner.type === AST_NODE_TYPES.Identifier && parameterOf(inner) !== null;
  }

  function isTaint(result: TaintResult): result is Taint {
    return result !== null && result !== SELF;
  }

  function firstOf(results: readonly TaintResult[]): TaintResult {
    let self = false;
    for (const result of results) {
      if (isTaint(result)) return result;
      if (result === SELF) self = true;
    }
    return self ? SELF : null;
  }

  function taintOf(node: TSESTree.Node, env: Env): TaintResult {
    if (env.depth > MAX_DEPTH) return null;
    const value = unwrap(node);
    const next: Env = { ...env, depth: env.depth + 1 };
    switch (value.type) {
      case AST_NODE_TYPES.TemplateLiteral:
        return firstOf(
          value.expressions.map((expression) => (isErrorLike(expression) ? { kind: 'errorText', source: expression } : taintOf(expression, next))),
        );
      case AST_NODE_TYPES.BinaryExpression:
        if (value.operator !== '+') return null;
        return firstOf([taintOf(value.left, next), taintOf(value.right, next)]);
      case AST_NODE_TYPES.ConditionalExpression:
        return firstOf([taintOf(value.consequent, next), taintOf(value.alternate, next)]);
      case AST_NODE_TYPES.LogicalExpression:
        return value.operator === '&&' ? taintOf(value.right, next) : firstOf([taintOf(value.left, next), taintOf(value.right, next)]);
      case AST_NODE_TYPES.Identifier:
        return identifierTaint(value, env);
      case AST_NODE_TYPES.MemberExpression:
        return memberTaint(value, env);
      case AST_NODE_TYPES.CallExpression:
        return callTaint(value, env);
      default:
        return null;
    }
  }

  function identifierTaint(identifier: TSESTree.Identifier, env: Env): TaintResult {
    const variable = variableOf(sourceCode, identifier);
    if (variable) {
      const bound = env.params.get(variable);
      if (bound) return bound.arg ? taintOf(bound.arg, bound.env) : null;
      if (env.visiting.has(variable)) return SELF;
    }
    if (ASTUtils.getStaticValue(identifier, scopeOf(identifier))) return null;
    const access = requestAccess(identifier, env);
    const kind = access ? requestKind(access) : null;
    if (kind) return { kind, source: access && access.path.length > 0 ? sourceOf(identifier) : identifier };
    if (variable) {
      const written = writtenValues(variable);
      if (written && written.length > 0) {
        const visiting = new Set(env.visiting).add(variable);
        const results = written.map((write) => taintOf(write, { ...env, depth: env.depth + 1, visiting }));
        if (results.every((result) => result !== null)) {
          const found = firstOf(results);
          if (isTaint(found)) return found;
        }
        // The binding's own values are bounded (or not all unbounded): its name says nothing more.
        if (results.some((result) => result === null) && written.some((write) => isBoundedValue(write))) return null;
      }
    }
    return isIdName(identifier.name) ? { kind: 'id', source: identifier } : null;
  }

  /** A literal, or a value the rule sees is from a fixed set: what an id-like name is sometimes given as a default. */
  function isBoundedValue(node: TSESTree.Node): boolean {
    const value = unwrap(node);
    return ASTUtils.getStaticValue(value, scopeOf(value)) !== null;
  }

  /** The initialiser a request-derived binding reads (`req.path` for `const { path } = req`), for messages. */
  function sourceOf(identifier: TSESTree.Identifier): TSESTree.Node {
    const def = variableOf(sourceCode, identifier)?.defs[0];
    if (def?.type === DefinitionType.Variable && def.node.init) {
      return def.node.id.type === AST_NODE_TYPES.Identifier ? skipTypeWrappers(def.node.init) : identifier;
    }
    return identifier;
  }

  function memberTaint(member: TSESTree.MemberExpression, env: Env): TaintResult {
    const access = requestAccess(member, env);
    const kind = access ? requestKind(access) : null;
    if (kind) return { kind, source: member };
    const name = memberName(member, scopeOf(member));
    const object = unwrap(member.object);
    if (name === null) {
      // `req.path.split('/')[1]`
      const index = member.computed ? ASTUtils.getStaticValue(member.property, scopeOf(member)) : null;
      return typeof index?.value === 'number' && object.type === AST_NODE_TYPES.CallExpression ? taintOf(object, { ...env, depth: env.depth + 1 }) : null;
    }
    if (member.computed && /^\d+$/.test(name) && object.type === AST_NODE_TYPES.CallExpression) return taintOf(object, { ...env, depth: env.depth + 1 });
    if (errorTextProperties.has(name) && isErrorLike(object)) return { kind: 'errorText', source: member };
    if (urlPathProperties.has(name) && isPerCallUrl(object, env)) return { kind: 'rawPath', source: member };
    if (access) {
      // Below the request (`req.user.id`, `ctx.state.tenantId`), only names say more.
      if (isIdName(name) || (name === 'id' && idOwnerNames.has(access.path.at(-2) ?? ''))) return { kind: 'id', source: member };
      return null;
    }
    if (isIdName(name)) return { kind: 'id', source: member };
    if (name === 'id' && idOwnerNames.has(lastName(object) ?? '')) return { kind: 'id', source: member };
    return null;
  }

  function callTaint(call: TSESTree.CallExpression, env: Env): TaintResult {
    const next: Env = { ...env, depth: env.depth + 1 };
    const access = requestAccess(call, env);
    const kind = access ? requestKind(access) : null;
    if (kind) return { kind, source: call };
    if (normalizerCalls.has(call)) return null;
    const name = calleeName(call);
    if (name !== null && normalizerNames.has(name)) return null;
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      if (name === null || !labelPassThroughMethods.has(name)) return null;
      if (name === 'toString' && isErrorLike(callee.object)) return { kind: 'errorText', source: call };
      return taintOf(callee.object, next);
    }
    if (callee.type !== AST_NODE_TYPES.Identifier) return null;
    const first = call.arguments[0];
    if (labelPassThroughGlobals.has(callee.name) && isGlobal(callee)) {
      if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
      return isErrorLike(first) ? { kind: 'errorText', source: call } : taintOf(first, next);
    }
    return localCallTaint(call, callee, env);
  }

  /** The returns of a function of the file (its own, not those of functions inside it). */
  function returnsOf(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration): TSESTree.Node[] {
    let returns = functionReturns.get(fn);
    if (returns) return returns;
    const found: TSESTree.Node[] = [];
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) found.push(fn.body);
    else {
      forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
        if (isFunctionNode(node)) return false;
        if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) found.push(node.argument);
        return undefined;
      });
    }
    returns = found;
    functionReturns.set(fn, returns);
    return returns;
  }

  /** A call of a function the file declares: as unbounded as what it returns, its parameters bound to the arguments. */
  function localCallTaint(call: TSESTree.CallExpression, callee: TSESTree.Identifier, env: Env): TaintResult {
    if (env.depth > MAX_DEPTH || env.calls >= MAX_CALL_DEPTH) return null;
    const variable = variableOf(sourceCode, callee);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || !def) return null;
    let fn: TSESTree.Node | null = null;
    if (def.type === DefinitionType.FunctionName) fn = def.node;
    else if (def.type === DefinitionType.Variable && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init) {
      const writes = variable.references.filter((ref) => ref.isWrite());
      if (writes.length === 1) fn = unwrap(def.node.init);
    }
    if (!fn || !isFunctionNode(fn) || fn.async || fn.generator) return null;
    if (call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return null;
    const params = new Map(env.params);
    const callerEnv = env;
    for (const paramVariable of sourceCode.getDeclaredVariables(fn)) {
      const paramDef = paramVariable.defs[0];
      if (paramDef?.type !== DefinitionType.Parameter) continue;
      const index = fn.params.findIndex((param) => param === paramDef.name);
      // Destructured or defaulted parameters: the rule does not follow them.
      if (index < 0) return null;
      params.set(paramVariable, { arg: call.arguments[index], env: callerEnv });
    }
    const inner: Env = { depth: env.depth + 1, visiting: env.visiting, params, calls: env.calls + 1 };
    const found = firstOf(returnsOf(fn).map((returned) => taintOf(returned, inner)));
    return isTaint(found) ? { kind: found.kind, source: found.source } : null;
  }

  // ---- findings -----------------------------------------------------------------------------

  function isBoundedByType(node: TSESTree.Node): boolean {
    const types = getTypes();
    if (!types) return false;
    const type = types.typeOf(node);
    const members = type.isUnion() ? type.types : [type];
    return members.every((member) => {
      if (member.isLiteral()) return true;
      const text = types.checker.typeToString(member);
      return text === 'true' || text === 'false' || text === 'undefined' || text === 'null';
    });
  }

  function routeTemplateFor(value: TSESTree.Node, taint: Taint): string | null {
    if (taint.kind !== 'rawPath' || taint.source !== value || value.type !== AST_NODE_TYPES.MemberExpression) return null;
    const access = requestAccess(value, rootEnv);
    if (!access) return null;
    const entry =
      routeTemplates.find((template) => template.modules.some((module) => imported.has(module))) ??
      (access.root.name === 'req' && (parameterOf(access.root)?.fn as TSESTree.FunctionExpression | undefined)?.params.length === 3
        ? routeTemplates.find((template) => template.framework === 'express')
        : undefined);
    if (!entry) return null;
    if (entry.framework === 'koa' && access.root.name !== 'ctx') return null;
    return `${entry.template.replace('{{request}}', access.root.name)} ?? '${unmatchedRouteLabel}'`;
  }

  function errorNameFor(value: TSESTree.Node, taint: Taint): LabelFinding['errorName'] {
    if (taint.kind !== 'errorText' || taint.source !== value || value.type !== AST_NODE_TYPES.MemberExpression || value.computed) return null;
    const replacement = `${sourceCode.text.slice(value.range[0], value.property.range[0])}name`;
    return { property: value.property, replacement };
  }

  function analyze(call: TSESTree.CallExpression): LabelFinding[] {
    const callee = unwrap(call.callee);
    let receiver: TSESTree.Node;
    let method: string | null = null;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      method = memberName(callee, scopeOf(callee));
      if (method === null || !(labelMethodNames.has(method) || method === otelObservableCallback.observe)) return [];
      receiver = callee.object;
    } else if (callee.type === AST_NODE_TYPES.Identifier) {
      receiver = callee;
    } else {
      return [];
    }
    const metric = metricOf(receiver);
    if (!metric || (metric.role === 'timer-end') !== (method === null)) return [];
    const findings: LabelFinding[] = [];
    const metricNode =
      metric.role === 'timer-end' && metric.origin.type === AST_NODE_TYPES.CallExpression && metric.origin.callee.type === AST_NODE_TYPES.MemberExpression
        ? metric.origin.callee.object
        : receiver;
    for (const { label, value } of labelEntries(call, metric, method)) {
      const taint = taintOf(value, rootEnv);
      if (!isTaint(taint) || isBoundedByType(value)) continue;
      findings.push({
        kind: taint.kind,
        value,
        source: taint.source,
        label,
        metric: metricNode,
        routeTemplate: routeTemplateFor(value, taint),
        errorName: errorNameFor(value, taint),
      });
    }
    return findings;
  }

  return {
    active: true,
    analyze,
  };
}
