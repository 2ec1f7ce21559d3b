import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { DefinitionType } from '@typescript-eslint/scope-manager';

import { calleeName, isCallOf, isFunctionNode, resolveConstValue, singleAssignmentInit, skipTypeWrappers, staticKeyName, variableOf } from '../util/ast.js';
import { synchronousCallbacks } from '../util/catalog.js';
import type { TypeInfo } from '../util/types.js';
import { enclosingFunction, enclosingMethod, functionName, valueEscapes, type FunctionNode, type RepeatingSite } from './lifetimes.js';
import { directCalls, repeatVerdict, repetitionWithin, siteRepetition, type Repetition } from './repetition.js';

/**
 * Long-lived collections that only grow: the analysis behind `no-unbounded-cache`.
 * A candidate is a collection created where it lives long (module scope, a class field, a variable of
 * a factory); its uses are sorted into growth, eviction, size checks, escapes and plain reads.
 */

export type CollectionKind = 'Map' | 'Set' | 'array' | 'object';

export interface Collection {
  readonly kind: CollectionKind;
  /** The name used in messages: `cache`, `this.cache`, `Client.cache`. */
  readonly name: string;
  /** The node reported: the declarator id, the class field key, or the `this.x` assignment target. */
  readonly declaration: TSESTree.Node;
  /** The expression that creates the collection (`new Map()`), where a suggestion would rewrite it. */
  readonly creation: TSESTree.Node;
  /** The function that owns the binding (`null` for module scope and class members). */
  readonly owner: FunctionNode | null;
  /** The class, for members. */
  readonly classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression | null;
  /** For members: one per instance (`true`) or one per class (`static`, `false`). */
  readonly perInstance: boolean;
  readonly uses: readonly TSESTree.Node[];
}

export interface Growth {
  readonly node: TSESTree.Node;
  /** The function in which it runs again and again. */
  readonly fn: RepeatingSite;
  readonly operation: 'push' | 'unshift' | 'set' | 'add' | 'index' | 'assign';
  /** The file shows no repetition: the rule was told to assume that `fn` runs per call. */
  readonly assumed: boolean;
}

export interface CollectionVerdict {
  readonly collection: Collection;
  /** Growth sites that run per call with keys from an open domain, those the file shows to repeat first. */
  readonly growth: readonly Growth[];
  readonly shrinks: boolean;
  readonly sizeChecked: boolean;
  readonly escapes: boolean;
  /** Removed from the front (`shift`, `splice(0, …)`): used as a queue. */
  readonly dequeued: boolean;
}

const SHRINKING_METHODS = new Set(['delete', 'clear', 'pop', 'splice', 'shift']);
const DEQUEUE_METHODS = new Set(['shift']);
const GROWING_METHODS: Record<CollectionKind, ReadonlySet<string>> = {
  Map: new Set(['set']),
  Set: new Set(['add']),
  array: new Set(['push', 'unshift']),
  object: new Set(),
};

/** What a creation expression makes, or `null` if it is not a growable collection. */
export function collectionKindOf(node: TSESTree.Node): CollectionKind | null {
  const value = skipTypeWrappers(node);
  switch (value.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return 'array';
    case AST_NODE_TYPES.ObjectExpression:
      // Only an empty literal is a map in the making; `{ hits: 0, misses: 0 }` is a record.
      return value.properties.length === 0 ? 'object' : null;
    case AST_NODE_TYPES.NewExpression: {
      if (value.callee.type !== AST_NODE_TYPES.Identifier) return null;
      const name = value.callee.name;
      if (name === 'Map' || name === 'Set') return name;
      return name === 'Array' ? 'array' : null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipTypeWrappers(value.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return null;
      const owner = callee.object.name;
      const method = calleeName(value);
      if (owner === 'Array' && (method === 'from' || method === 'of')) return 'array';
      if (owner === 'Object' && method === 'create') {
        const [proto] = value.arguments;
        return proto?.type === AST_NODE_TYPES.Literal && proto.value === null ? 'object' : null;
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * A key from a bounded domain: a literal, an enum-like member (`Kind.Hit`), a constant bound to one,
 * a parameter of a local function that every call gives such a key, or (typed) a literal union.
 */
function isBoundedKey(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node | undefined,
  types: () => TypeInfo | null,
  depth = 0,
): boolean {
  if (!node || node.type === AST_NODE_TYPES.SpreadElement || depth > 2) return false;
  const first = skipTypeWrappers(node);
  if (first.type === AST_NODE_TYPES.ConditionalExpression || first.type === AST_NODE_TYPES.LogicalExpression) {
    // `a ? 'x' : b ? 'y' : 'z'`, `k || 'default'`: bounded when every value it can take is. Walked
    // with a stack: chains of ternaries can be thousands deep.
    const pending: TSESTree.Node[] = [first];
    while (pending.length > 0) {
      const current = skipTypeWrappers(pending.pop() ?? first);
      if (current.type === AST_NODE_TYPES.ConditionalExpression) pending.push(current.consequent, current.alternate);
      else if (current.type === AST_NODE_TYPES.LogicalExpression) pending.push(current.left, current.right);
      else if (!isBoundedKey(sourceCode, current, types, depth)) return false;
    }
    return true;
  }
  const key = first;
  if (key.type === AST_NODE_TYPES.Literal) return true;
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) return true;
  if (
    key.type === AST_NODE_TYPES.MemberExpression &&
    !key.computed &&
    key.object.type === AST_NODE_TYPES.Identifier &&
    /^[A-Z]/.test(key.object.name) &&
    key.property.type === AST_NODE_TYPES.Identifier
  ) {
    return true;
  }
  if (key.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, key);
    const init = variable ? singleAssignmentInit(variable) : null;
    if (init && isBoundedKey(sourceCode, init, types, depth + 1)) return true;
    const calls = variable ? callsFillingParameter(sourceCode, variable) : null;
    if (calls && calls.arguments.every((arg) => isBoundedKey(sourceCode, arg, types, depth + 1))) return true;
    const list = variable ? iteratedList(variable) : null;
    if (list && isBoundedList(sourceCode, list, types, depth + 1)) return true;
  }
  const info = types();
  if (!info) return false;
  const type = info.typeOf(key);
  const members = type.isUnion() ? type.types : [type];
  return members.every((member) => member.isLiteral() || (member.flags & (1024 /* EnumLiteral */ | 512) /* BooleanLiteral */) !== 0);
}

/**
 * The list a loop variable or a callback parameter walks: `LIST` in `for (const k of LIST)` and
 * `LIST.forEach((k) => …)`.
 */
function iteratedList(variable: TSESLint.Scope.Variable): TSESTree.Node | null {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || !def) return null;
  if (def.type === DefinitionType.Variable) {
    const declaration = def.parent;
    const loop = declaration?.parent;
    return loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declaration && def.node.id === def.name ? loop.right : null;
  }
  if (def.type !== DefinitionType.Parameter || !isFunctionNode(def.node) || def.node.params[0] !== def.name) return null;
  const call = def.node.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== def.node) return null;
  const callee = skipTypeWrappers(call.callee);
  const name = calleeName(call);
  return callee.type === AST_NODE_TYPES.MemberExpression && name !== null && synchronousCallbacks.has(name) ? callee.object : null;
}

/** A literal list of bounded keys (`['post', 'page']`, a `const` bound to one), or the keys of a literal object. */
function isBoundedList(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, types: () => TypeInfo | null, depth: number): boolean {
  const value = resolveConstValue(sourceCode, node);
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    return value.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isBoundedKey(sourceCode, element, types, depth));
  }
  if (value.type === AST_NODE_TYPES.CallExpression && calleeName(value) === 'keys') {
    const callee = skipTypeWrappers(value.callee);
    const [argument] = value.arguments;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Object' || !argument) return false;
    return isStaticKeyedObject(resolveConstValue(sourceCode, argument));
  }
  return false;
}

/**
 * For a parameter of a function the file calls directly and only directly (a local function, a
 * method of an object or of a class whose uses the file sees): the argument each call passes for
 * it (`undefined` where a call passes none). `null` when the function can be called from elsewhere.
 */
function callsFillingParameter(
  sourceCode: Readonly<TSESLint.SourceCode>,
  variable: TSESLint.Scope.Variable,
): { arguments: (TSESTree.Node | undefined)[] } | null {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def?.type !== DefinitionType.Parameter) return null;
  const fn = def.node;
  if (!isFunctionNode(fn)) return null;
  const index = fn.params.findIndex((param) => param === def.name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === def.name));
  if (index < 0) return null;
  const calls = directCalls(sourceCode, fn);
  if (!calls || calls.length === 0) return null;
  const args: (TSESTree.Node | undefined)[] = [];
  for (const call of calls) {
    if (call.arguments.slice(0, index + 1).some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return null;
    args.push(call.arguments[index]);
  }
  return { arguments: args };
}

const WARNING_CALL = /warn|deprecat/i;
/** Calls that report something once per distinct key: warnings, and errors logged once per message. */
const REPORT_CALL = /warn|deprecat|^error$/i;

/**
 * Growth that is bounded by what the code around it says:
 * - the warn-once idiom: it sits next to a warning (or in a `warnOnce`-style function), so its keys
 *   are the distinct warnings;
 * - an overwrite: it is guarded by a presence check for the same key (`if (k in obj) obj[k] = v`).
 * (A registry filled by `register…()` / `setup…()` at start-up runs once: see `repetition.ts`.)
 */
function boundedByContext(sourceCode: Readonly<TSESLint.SourceCode>, use: TSESTree.Node, site: TSESTree.Node, key: TSESTree.Node | null): boolean {
  if (nextToWarning(site)) return true;
  for (let fn = enclosingFunction(site); fn; fn = enclosingFunction(fn)) {
    const name = functionName(fn);
    if (name !== null && WARNING_CALL.test(name)) return true;
  }
  return key !== null && (guardedByPresence(sourceCode, use, site, key) || isProxyTrapProperty(sourceCode, key));
}

/**
 * The property-name parameter of a `Proxy` trap (`set(target, prop, value)`): property names come
 * from the code that uses the proxy, a bounded set, not from data.
 */
function isProxyTrapProperty(sourceCode: Readonly<TSESLint.SourceCode>, key: TSESTree.Node): boolean {
  const value = skipTypeWrappers(key);
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const def = variableOf(sourceCode, value)?.defs[0];
  if (def?.type !== DefinitionType.Parameter || !isFunctionNode(def.node) || def.node.params[1] !== def.name) return false;
  const property = def.node.parent;
  const handler = property.type === AST_NODE_TYPES.Property ? property.parent : null;
  const proxy = handler?.parent;
  return (
    handler?.type === AST_NODE_TYPES.ObjectExpression &&
    proxy?.type === AST_NODE_TYPES.NewExpression &&
    proxy.arguments[1] === handler &&
    calleeName(proxy) === 'Proxy'
  );
}

/** `if (key in coll) …` / `if (coll.has(key)) …` around the site: the key is already there. */
function guardedByPresence(sourceCode: Readonly<TSESLint.SourceCode>, use: TSESTree.Node, site: TSESTree.Node, key: TSESTree.Node): boolean {
  const keyText = sourceCode.getText(key);
  const useText = sourceCode.getText(use);
  for (let child: TSESTree.Node = site, parent = site.parent; parent; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return false;
    if (parent.type !== AST_NODE_TYPES.IfStatement || parent.consequent !== child) continue;
    const test = skipTypeWrappers(parent.test);
    if (test.type === AST_NODE_TYPES.BinaryExpression && test.operator === 'in') {
      if (sourceCode.getText(test.left) === keyText && sourceCode.getText(test.right) === useText) return true;
    }
    if (test.type === AST_NODE_TYPES.CallExpression && calleeName(test) === 'has' && test.callee.type === AST_NODE_TYPES.MemberExpression) {
      const [arg] = test.arguments;
      if (arg && sourceCode.getText(arg) === keyText && sourceCode.getText(test.callee.object) === useText) return true;
    }
  }
  return false;
}

/** The warn-once idiom: the growth sits next to a warning or an error report, so keys are the distinct warnings. */
function nextToWarning(site: TSESTree.Node): boolean {
  let statement: TSESTree.Node = site;
  while (statement.parent && statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent.type !== AST_NODE_TYPES.Program) {
    statement = statement.parent;
  }
  const block = statement.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement && block?.type !== AST_NODE_TYPES.Program) return false;
  return block.body.some((sibling) => {
    const argument =
      sibling.type === AST_NODE_TYPES.ExpressionStatement ? sibling.expression : sibling.type === AST_NODE_TYPES.ReturnStatement ? sibling.argument : null;
    const expression = argument ? skipTypeWrappers(argument) : null;
    const name = expression?.type === AST_NODE_TYPES.CallExpression ? calleeName(expression) : null;
    return name !== null && REPORT_CALL.test(name);
  });
}

function isStaticKeyedObject(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const value = skipTypeWrappers(node);
  return (
    value.type === AST_NODE_TYPES.ObjectExpression &&
    value.properties.every((property) => property.type === AST_NODE_TYPES.Property && staticKeyName(property) !== null)
  );
}

type UseKind =
  | { readonly kind: 'grow'; readonly operation: Growth['operation']; readonly bounded: boolean; readonly key: TSESTree.Node | null }
  | { readonly kind: 'shrink' | 'dequeue' | 'size' | 'escape' | 'reset' | 'read' };

/** What one use of the collection (the expression that denotes it) does to it. */
function classifyUse(
  sourceCode: Readonly<TSESLint.SourceCode>,
  use: TSESTree.Node,
  kind: CollectionKind,
  types: () => TypeInfo | null,
): UseKind {
  const parent = use.parent;
  if (!parent) return { kind: 'read' };
  // `cache = new Map()` / `this.cache = []`
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === use) return { kind: 'reset' };
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === use) {
    const member = parent;
    const name = member.computed ? null : ASTUtils.getPropertyName(member);
    const outer = member.parent;
    const isCall = outer?.type === AST_NODE_TYPES.CallExpression && outer.callee === member;
    if (isCall && name !== null) {
      if (GROWING_METHODS[kind].has(name)) {
        const operation = name as 'push' | 'unshift' | 'set' | 'add';
        const key = kind === 'array' ? null : (outer.arguments[0] ?? null);
        const bounded = key !== null && (isBoundedKey(sourceCode, key, types) || walksTheCollection(sourceCode, key, use));
        return { kind: 'grow', operation, bounded, key };
      }
      if (DEQUEUE_METHODS.has(name) && kind === 'array') return { kind: 'dequeue' };
      if (name === 'splice' && kind === 'array') {
        const start = outer.arguments[0];
        return start?.type === AST_NODE_TYPES.Literal && start.value === 0 ? { kind: 'dequeue' } : { kind: 'shrink' };
      }
      if (SHRINKING_METHODS.has(name)) return { kind: 'shrink' };
      return { kind: 'read' };
    }
    if (name === 'size' || name === 'length') {
      // `arr.length = 0` truncates; `m.size > MAX` / `arr.length >= N` is a guard.
      if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === member) return { kind: 'shrink' };
      if (outer?.type === AST_NODE_TYPES.BinaryExpression && ['<', '>', '<=', '>=', '===', '!==', '==', '!='].includes(outer.operator)) {
        return { kind: 'size' };
      }
      return { kind: 'read' };
    }
    if (member.computed) {
      // delete obj[k]
      if (outer?.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'delete') return { kind: 'shrink' };
      // obj[k] = v, obj[k] ??= [], arr[arr.length] = v
      if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === member && ['=', '??=', '||='].includes(outer.operator)) {
        if (kind === 'object') {
          const bounded = isBoundedKey(sourceCode, member.property, types) || walksTheCollection(sourceCode, member.property, use);
          return { kind: 'grow', operation: 'index', bounded, key: member.property };
        }
        if (kind === 'array') {
          const index = skipTypeWrappers(member.property);
          const appends =
            index.type === AST_NODE_TYPES.MemberExpression &&
            ASTUtils.getPropertyName(index) === 'length' &&
            sameReference(index.object, use);
          return appends ? { kind: 'grow', operation: 'push', bounded: false, key: null } : { kind: 'read' };
        }
      }
    }
    return { kind: 'read' };
  }
  // Object.assign(obj, { [k]: v }) / Object.assign(obj, other)
  if (isCallOf(parent, 'Object', 'assign') && parent.arguments[0] === use && kind === 'object') {
    const bounded = parent.arguments.slice(1).every((arg) => isStaticKeyedObject(arg));
    return { kind: 'grow', operation: 'assign', bounded, key: null };
  }
  return valueEscapes(use) ? { kind: 'escape' } : { kind: 'read' };
}

/**
 * A key taken from the collection itself, so writing it overwrites an entry that is there:
 * `for (const k in obj) obj[k] = …`, `for (const [k, v] of map) map.set(k, …)`, `map.keys()`.
 */
function walksTheCollection(sourceCode: Readonly<TSESLint.SourceCode>, key: TSESTree.Node, use: TSESTree.Node): boolean {
  const value = skipTypeWrappers(key);
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const def = variableOf(sourceCode, value)?.defs[0];
  if (def?.type !== DefinitionType.Variable) return false;
  const loop = def.parent?.parent;
  if ((loop?.type !== AST_NODE_TYPES.ForInStatement && loop?.type !== AST_NODE_TYPES.ForOfStatement) || loop.left !== def.parent) return false;
  const id = def.node.id;
  const isKey = id === def.name || (id.type === AST_NODE_TYPES.ArrayPattern && id.elements[0] === def.name);
  if (!isKey) return false;
  let walked = skipTypeWrappers(loop.right);
  // map.keys() / map.entries() / Object.keys(obj) / Object.entries(obj)
  if (walked.type === AST_NODE_TYPES.CallExpression) {
    const name = calleeName(walked);
    const callee = skipTypeWrappers(walked.callee);
    if (name === 'keys' || name === 'entries') {
      const [argument] = walked.arguments;
      if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Object') {
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return false;
        walked = skipTypeWrappers(argument);
      } else if (callee.type === AST_NODE_TYPES.MemberExpression) {
        walked = skipTypeWrappers(callee.object);
      }
    }
  }
  return sameReference(walked, use);
}

function sameReference(a: TSESTree.Node, b: TSESTree.Node): boolean {
  const left = skipTypeWrappers(a);
  const right = skipTypeWrappers(b);
  if (left.type === AST_NODE_TYPES.Identifier && right.type === AST_NODE_TYPES.Identifier) return left.name === right.name;
  if (left.type === AST_NODE_TYPES.MemberExpression && right.type === AST_NODE_TYPES.MemberExpression) {
    return (
      ASTUtils.getPropertyName(left) === ASTUtils.getPropertyName(right) &&
      left.object.type === right.object.type &&
      (left.object.type === AST_NODE_TYPES.ThisExpression || sameReference(left.object, right.object))
    );
  }
  return false;
}

/**
 * Where a growth site runs again and again while the collection lives, and whether the file shows
 * it (`assumed` when it does not and the rule assumes unknown code repeats); `null` when it runs
 * once per collection or cannot be shown to repeat.
 */
function repeatingSite(
  sourceCode: Readonly<TSESLint.SourceCode>,
  collection: Collection,
  site: TSESTree.Node,
  assumeRepeats: boolean,
): { readonly fn: RepeatingSite; readonly assumed: boolean } | null {
  const fn = enclosingFunction(site);
  // Module level runs once.
  if (!fn) return null;
  let where: RepeatingSite = fn;
  let repetition: Repetition;
  if (collection.classNode) {
    // A member grows per call when it grows in a method other than the constructor (or in a
    // function nested in one). Field initializers and the constructor run once per instance.
    const method = enclosingMethod(site);
    if (!method) {
      repetition = siteRepetition(sourceCode, site);
    } else {
      const member = method.member;
      if (method.classNode !== collection.classNode || member.type === AST_NODE_TYPES.StaticBlock) return null;
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        // A static collection grown by the constructor grows with every instance; inside the
        // constructor, a per-instance one grows only in callbacks that outlive it (listeners, intervals).
        if (!collection.perInstance) {
          repetition = siteRepetition(sourceCode, site);
          where = member;
        } else {
          const constructor = member.value;
          if (fn === constructor || constructor.type !== AST_NODE_TYPES.FunctionExpression) return null;
          repetition = repetitionWithin(sourceCode, site, constructor);
        }
      } else if (member.type === AST_NODE_TYPES.PropertyDefinition && (!member.value || !isFunctionNode(member.value))) {
        return null;
      } else {
        repetition = siteRepetition(sourceCode, site);
        where = member;
      }
    }
  } else if (collection.owner) {
    if (fn === collection.owner) return null;
    repetition = repetitionWithin(sourceCode, site, collection.owner);
  } else {
    repetition = siteRepetition(sourceCode, site);
  }
  const verdict = repeatVerdict(repetition, assumeRepeats);
  return verdict ? { fn: where, assumed: verdict === 'assumed' } : null;
}

/** Sorts every use of a collection and decides what it does over the program's life. */
export function judgeCollection(
  sourceCode: Readonly<TSESLint.SourceCode>,
  collection: Collection,
  types: () => TypeInfo | null,
  { assumeRepeats }: { readonly assumeRepeats: boolean },
): CollectionVerdict {
  const candidates: Growth[] = [];
  const sizeChecks: TSESTree.Node[] = [];
  let shrinks = false;
  let escapes = false;
  let dequeued = false;
  for (const use of collection.uses) {
    const verdict = classifyUse(sourceCode, use, collection.kind, types);
    switch (verdict.kind) {
      case 'grow': {
        if (verdict.bounded || boundedByContext(sourceCode, use, use.parent ?? use, verdict.key)) break;
        const site = repeatingSite(sourceCode, collection, use, assumeRepeats);
        if (site) candidates.push({ node: use.parent ?? use, fn: site.fn, assumed: site.assumed, operation: verdict.operation });
        break;
      }
      case 'dequeue':
        dequeued = true;
        break;
      case 'shrink':
      case 'reset':
        // A reassignment outside the declaration empties it (`cache = new Map()` in a reset path).
        shrinks = true;
        break;
      case 'size':
        sizeChecks.push(use);
        break;
      case 'escape':
        escapes = true;
        break;
      case 'read':
        break;
    }
  }
  // A size check guards the growth in the same function (`if (m.size >= MAX) return;` before `m.set`).
  const growth = candidates
    .filter((site) => !sizeChecks.some((check) => enclosingFunction(check) === enclosingFunction(site.node)))
    .sort((a, b) => Number(a.assumed) - Number(b.assumed));
  const sizeChecked = candidates.length > 0 && growth.length === 0;
  return { collection, growth, shrinks, sizeChecked, escapes, dequeued };
}
