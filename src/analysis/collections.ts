import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { DefinitionType, ScopeType } from '@typescript-eslint/scope-manager';

import {
  calleeName,
  forEachDescendant,
  isCallOf,
  isComparison,
  isFileScope,
  isFunctionNode,
  resolveConstValue,
  singleAssignmentInit,
  skipTypeWrappers,
  staticKeyName,
  thisExpressionsIn,
  variableOf,
} from '../util/ast.js';
import { failureNamePattern, synchronousCallbacks } from '../catalog/index.js';
import { isStaticallyNullish, staticNumber, staticValueOf } from '../util/values.js';
import type { TypeInfo } from '../util/types.js';
import {
  classOfThis,
  classVariables,
  enclosingFunction,
  enclosingMethod,
  functionName,
  isInside,
  valueEscapes,
  type ClassNode,
  type FunctionNode,
  type RepeatingSite,
} from './lifetimes.js';
import { directCalls, instanceRepetition, isLongLivedClass, repeatVerdict, repetitionWithin, siteRepetition, type Repetition } from './repetition.js';

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
  /**
   * How long the file shows the collection to live: `long` (module level, a static field, a member
   * of a class made once, a function's own variable); `unproven`, an instance field of a class the
   * file shows neither long- nor short-lived, kept with `checkAllClasses`: only a public method that
   * adds keys derived from its arguments counts as growth; `pairs`, an instance field of such a
   * class without that option: only a paired operation that leaves entries behind is reported.
   */
  readonly lifetime: 'long' | 'unproven' | 'pairs';
  /**
   * For `unproven` members: the field holds the object's state (not public, or named as state is:
   * `cache`, `pending`, `byId`). A public field of an object of unknown lifetime is as likely its
   * data (`result.rows`) as its state: it counts only when grown by an adding operation (`track`).
   */
  readonly ownState?: boolean;
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

/** A removal the analysis considered and why it does not bound the collection. */
export interface WeakRemoval {
  readonly node: TSESTree.Node;
  readonly reason: 'keeps-key' | 'lazy' | 'rare' | 'other-key';
}

/** An operation that adds entries whose counterpart, in the same class or module, does not remove them. */
export interface UnpairedGrowth {
  readonly growth: Growth;
  /** The operation that adds (`subscribe`), and its counterpart (`unsubscribe`). */
  readonly add: RepeatingSite;
  readonly remove: RepeatingSite;
}

export interface CollectionVerdict {
  readonly collection: Collection;
  /** Growth sites that run per call with keys from an open domain, those the file shows to repeat first. */
  readonly growth: readonly Growth[];
  /** Some use removes entries in a way that can keep up (delete, clear, truncate, reassign). */
  readonly shrinks: boolean;
  /** When nothing else removes entries: the first removal considered that cannot keep up. */
  readonly weakRemoval: WeakRemoval | null;
  /** A paired operation (`subscribe` / `unsubscribe`) whose removing half leaves the entry behind. */
  readonly unpaired: UnpairedGrowth | null;
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

/**
 * Whether `identifier` names the built-in global it spells (`Map`, `Set`, `Array`, `Object`): no
 * scope of the file declares it (a parser's lib globals have no definition in the file).
 */
function isBuiltinGlobal(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return !variable || variable.defs.length === 0;
}

/**
 * What a creation expression makes, or `null` if it is not a growable collection. `Map`, `Set`,
 * `Array` and `Object` must be the built-ins: a local `class Map` is not a `Map`.
 */
export function collectionKindOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): CollectionKind | null {
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
      if (name !== 'Map' && name !== 'Set' && name !== 'Array') return null;
      if (!isBuiltinGlobal(sourceCode, value.callee)) return null;
      return name === 'Array' ? 'array' : name;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipTypeWrappers(value.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return null;
      const owner = callee.object.name;
      if ((owner !== 'Array' && owner !== 'Object') || !isBuiltinGlobal(sourceCode, callee.object)) return null;
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
function isBoundedKey(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined, types: () => TypeInfo | null, depth = 0): boolean {
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
  return members.every((member) => member.isLiteral() || (member.flags & (1024 /* EnumLiteral */ | 512)) /* BooleanLiteral */ !== 0);
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
    return value.elements.every(
      (element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isBoundedKey(sourceCode, element, types, depth),
    );
  }
  if (value.type === AST_NODE_TYPES.CallExpression && calleeName(value) === 'keys') {
    const callee = skipTypeWrappers(value.callee);
    const [argument] = value.arguments;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Object' || !argument)
      return false;
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
  | {
      readonly kind: 'grow';
      readonly operation: Growth['operation'];
      /** Whether what is added comes from a bounded domain: asked only of growth that could matter. */
      readonly bounded: () => boolean;
      readonly key: TSESTree.Node | null;
      /** What is stored (`set`'s second argument, the right-hand side): what a delete may name by mistake. */
      readonly value: TSESTree.Node | null;
    }
  /** `.delete(k)` / `delete obj[k]`: removes one key, which may or may not keep up with growth. */
  | { readonly kind: 'delete'; readonly key: TSESTree.Node | null; readonly node: TSESTree.Node }
  /** `map.set(k, undefined)`, `obj[k] = null`, `arr[i] = undefined`: the key stays. */
  | { readonly kind: 'keeps-key'; readonly node: TSESTree.Node }
  | { readonly kind: 'shrink' | 'dequeue' | 'size' | 'escape' | 'reset' | 'read' };

/** What one use of the collection (the expression that denotes it) does to it. */
function classifyUse(sourceCode: Readonly<TSESLint.SourceCode>, use: TSESTree.Node, kind: CollectionKind, types: () => TypeInfo | null): UseKind {
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
        const stored = kind === 'Map' ? outer.arguments[1] : kind === 'array' ? outer.arguments[0] : key;
        if (kind === 'Map' && stored && stored.type !== AST_NODE_TYPES.SpreadElement && isStaticallyNullish(sourceCode, stored)) {
          return { kind: 'keeps-key', node: outer };
        }
        const bounded = (): boolean => key !== null && (isBoundedKey(sourceCode, key, types) || walksTheCollection(sourceCode, key, use));
        const value = stored && stored.type !== AST_NODE_TYPES.SpreadElement ? stored : null;
        return { kind: 'grow', operation, bounded, key: key?.type === AST_NODE_TYPES.SpreadElement ? null : key, value };
      }
      if (name === 'delete' && kind !== 'array') {
        const [key] = outer.arguments;
        return { kind: 'delete', key: key && key.type !== AST_NODE_TYPES.SpreadElement ? key : null, node: outer };
      }
      if (DEQUEUE_METHODS.has(name) && kind === 'array') return { kind: 'dequeue' };
      if (name === 'splice' && kind === 'array') {
        const start = outer.arguments[0];
        return start && start.type !== AST_NODE_TYPES.SpreadElement && staticNumber(sourceCode, start) === 0 ? { kind: 'dequeue' } : { kind: 'shrink' };
      }
      if (SHRINKING_METHODS.has(name)) return { kind: 'shrink' };
      return { kind: 'read' };
    }
    if (name === 'size' || name === 'length') {
      // `arr.length = 0` truncates; `m.size > MAX` / `arr.length >= N` is a guard.
      if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === member) return { kind: 'shrink' };
      if (isComparison(outer)) {
        return { kind: 'size' };
      }
      return { kind: 'read' };
    }
    if (member.computed) {
      // delete obj[k]
      if (outer?.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'delete') {
        return kind === 'object' ? { kind: 'delete', key: member.property, node: outer } : { kind: 'shrink' };
      }
      // obj[k] = v, obj[k] ??= [], arr[arr.length] = v
      if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === member && ['=', '??=', '||='].includes(outer.operator)) {
        // `obj[k] = null` / `arr[i] = undefined` empties the slot and keeps the key.
        if (outer.operator === '=' && isStaticallyNullish(sourceCode, outer.right)) return { kind: 'keeps-key', node: outer };
        if (kind === 'object') {
          const bounded = (): boolean => isBoundedKey(sourceCode, member.property, types) || walksTheCollection(sourceCode, member.property, use);
          return { kind: 'grow', operation: 'index', bounded, key: member.property, value: outer.right };
        }
        if (kind === 'array') {
          const index = skipTypeWrappers(member.property);
          const appends = index.type === AST_NODE_TYPES.MemberExpression && ASTUtils.getPropertyName(index) === 'length' && sameReference(index.object, use);
          return appends ? { kind: 'grow', operation: 'push', bounded: () => false, key: null, value: outer.right } : { kind: 'read' };
        }
      }
    }
    return { kind: 'read' };
  }
  // Object.assign(obj, { [k]: v }) / Object.assign(obj, other)
  if (isCallOf(parent, 'Object', 'assign') && parent.arguments[0] === use && kind === 'object') {
    const bounded = (): boolean => parent.arguments.slice(1).every((arg) => isStaticKeyedObject(arg));
    return { kind: 'grow', operation: 'assign', bounded, key: null, value: null };
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
  grown: { readonly key: TSESTree.Node | null; readonly value: TSESTree.Node | null },
  assumeRepeats: boolean,
): { readonly fn: RepeatingSite; readonly assumed: boolean } | null {
  if (collection.lifetime === 'pairs') return null;
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
      if (collection.lifetime === 'unproven') return null;
      repetition = siteRepetition(sourceCode, site);
    } else {
      const member = method.member;
      if (method.classNode !== collection.classNode || member.type === AST_NODE_TYPES.StaticBlock) return null;
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        // A static collection grown by the constructor grows with every instance; inside the
        // constructor, a per-instance one grows only in callbacks that outlive it (listeners, intervals).
        if (collection.lifetime === 'unproven') return null;
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
        // An instance of a class the file does not show to live long: only a public method that
        // stores what its caller gives it grows the way a long-lived role's state does.
        if (collection.lifetime === 'unproven' && !growsLongLivedRole(sourceCode, collection, member, grown)) return null;
        repetition = siteRepetition(sourceCode, site);
        where = member;
      }
    }
  } else if (collection.owner) {
    if (fn === collection.owner) {
      // A function that never returns while the process runs (a `while (true)` poll, a `for await`
      // over an endless source) keeps its own variables as long as a module keeps its own.
      const loop = endlessLoopWithin(sourceCode, site, fn);
      if (!loop) return null;
      repetition = loop;
    } else {
      repetition = repetitionWithin(sourceCode, site, collection.owner);
    }
  } else {
    repetition = siteRepetition(sourceCode, site);
  }
  const verdict = repeatVerdict(repetition, assumeRepeats);
  return verdict ? { fn: where, assumed: verdict === 'assumed' } : null;
}

/**
 * For an instance of a class the file does not show to live long: a public method stores what its
 * caller gives it, into the object's state (or, for a public field, through an adding operation).
 */
function growsLongLivedRole(
  sourceCode: Readonly<TSESLint.SourceCode>,
  collection: Collection,
  member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
  grown: { readonly key: TSESTree.Node | null; readonly value: TSESTree.Node | null },
): boolean {
  if (!isPublicMember(member) || !derivedFromParameters(sourceCode, grown, member.value)) return false;
  return (collection.ownState ?? false) || REGISTERING_OPERATION.test(staticKeyName(member) ?? '');
}

/** Methods that register something into the object's state (`track(event)`, `registerHook(fn)`), not data into a record (`addRow`). */
const REGISTERING_OPERATION = /^(subscribe|register|track|watch|attach|listen)([A-Z_$].*)?$/;

/** A member a caller outside the class may call: not `#private`, `private`/`protected`, or `_underscored`. */
function isPublicMember(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): boolean {
  if (member.key.type === AST_NODE_TYPES.PrivateIdentifier) return false;
  if (member.accessibility === 'private' || member.accessibility === 'protected') return false;
  const name = staticKeyName(member);
  return name !== null && !name.startsWith('_');
}

/**
 * Whether the key or the value stored (the pushed value for an array) comes from the parameters
 * of `fn`: a parameter itself, a member or call of one, or a `const` computed from one.
 */
function derivedFromParameters(
  sourceCode: Readonly<TSESLint.SourceCode>,
  grown: { readonly key: TSESTree.Node | null; readonly value: TSESTree.Node | null },
  fn: TSESTree.Node | null,
): boolean {
  if (!fn || !isFunctionNode(fn) || fn.params.length === 0) return false;
  const params = new Set<TSESLint.Scope.Variable>(sourceCode.getDeclaredVariables(fn));
  const mentions = (node: TSESTree.Node, depth: number): boolean =>
    someNode(sourceCode, node, (child) => {
      if (child.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = variableOf(sourceCode, child);
      if (!variable) return false;
      if (params.has(variable)) return true;
      const init = depth < 2 ? singleAssignmentInit(variable) : null;
      return init !== null && isInside(init, fn) && mentions(init, depth + 1);
    });
  return [grown.key, grown.value].some((node) => node !== null && mentions(node, 0));
}

/** Whether `root` or a node below it (not inside a nested function) satisfies `test`. */
function someNode(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node, test: (node: TSESTree.Node) => boolean): boolean {
  if (test(root)) return true;
  let found = false;
  forEachDescendant(root, sourceCode.visitorKeys, (child) => {
    if (found || isFunctionNode(child)) return false;
    if (test(child)) found = true;
    return undefined;
  });
  return found;
}

/**
 * The repetition of a site that sits, inside `owner` itself, in a loop that does not end while the
 * process runs: `while (true)` / `for (;;)` with no `break` or `return` out of it (evidence), a
 * `for await` over an endless source (`on(emitter, 'x')` from `events`, `setInterval` from
 * `timers/promises`: evidence; a subscription-like call: assumed). `null` otherwise.
 */
function endlessLoopWithin(sourceCode: Readonly<TSESLint.SourceCode>, site: TSESTree.Node, owner: FunctionNode): Repetition | null {
  for (let child: TSESTree.Node = site, parent = site.parent; parent && parent !== owner; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return null;
    if (
      (parent.type === AST_NODE_TYPES.WhileStatement || parent.type === AST_NODE_TYPES.DoWhileStatement || parent.type === AST_NODE_TYPES.ForStatement) &&
      parent.body === child
    ) {
      const test = parent.test;
      const known = test ? staticValueOf(sourceCode, test) : { value: true };
      if (known && Boolean(known.value) && !leavesLoop(sourceCode, parent)) return { kind: 'repeats', evidence: 'loop' };
    }
    if (parent.type === AST_NODE_TYPES.ForOfStatement && parent.await && parent.body === child && !leavesLoop(sourceCode, parent)) {
      const source = endlessSource(sourceCode, parent.right);
      if (source) return source === 'evidence' ? { kind: 'repeats', evidence: 'loop' } : { kind: 'unknown' };
    }
  }
  return null;
}

const ENDLESS_FROM: Readonly<Record<string, string>> = { on: 'events', setInterval: 'timers/promises', watch: 'fs/promises' };
const SUBSCRIPTION_CALL = /subscribe|watch|listen|consume|tail|changes|messages/i;

/** An async iterable that never ends by itself, as far as the file shows (`evidence`) or suggests (`assumed`). */
function endlessSource(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): 'evidence' | 'assumed' | null {
  const value = resolveConstValue(sourceCode, node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipTypeWrappers(value.callee);
  const name = calleeName(value);
  if (name === null) return null;
  const module = ENDLESS_FROM[name];
  if (module !== undefined) {
    const binding = callee.type === AST_NODE_TYPES.MemberExpression ? skipTypeWrappers(callee.object) : callee;
    const from = binding.type === AST_NODE_TYPES.Identifier ? importedFrom(sourceCode, binding) : null;
    if (from !== null && from.replace(/^node:/, '') === module) return 'evidence';
  }
  return SUBSCRIPTION_CALL.test(name) ? 'assumed' : null;
}

/** The module an identifier is imported or required from (`import { on } from 'events'`, `const events = require('events')`). */
function importedFrom(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): string | null {
  const def = variableOf(sourceCode, identifier)?.defs[0];
  if (!def) return null;
  if (def.type === DefinitionType.ImportBinding) {
    const declaration = def.parent;
    return declaration.type === AST_NODE_TYPES.ImportDeclaration ? String(declaration.source.value) : null;
  }
  if (def.type !== DefinitionType.Variable || !def.node.init) return null;
  const init = skipTypeWrappers(def.node.init);
  if (init.type !== AST_NODE_TYPES.CallExpression || calleeName(init) !== 'require' || init.callee.type !== AST_NODE_TYPES.Identifier) return null;
  const [specifier] = init.arguments;
  return specifier?.type === AST_NODE_TYPES.Literal && typeof specifier.value === 'string' ? specifier.value : null;
}

/** Whether a `break` or `return` in the loop's body (not in a nested function or loop) leaves it. */
function leavesLoop(sourceCode: Readonly<TSESLint.SourceCode>, loop: TSESTree.Node): boolean {
  const label = loop.parent?.type === AST_NODE_TYPES.LabeledStatement ? loop.parent.label.name : null;
  let leaves = false;
  const visit = (node: TSESTree.Node, nested: boolean): void => {
    forEachDescendant(node, sourceCode.visitorKeys, (child) => {
      if (leaves || child === node) return undefined;
      if (isFunctionNode(child)) return false;
      if (child.type === AST_NODE_TYPES.ReturnStatement) leaves = true;
      else if (child.type === AST_NODE_TYPES.BreakStatement) {
        if (child.label ? child.label.name === label : !nested) leaves = true;
      } else if (isLoopOrSwitch(child)) {
        visit(child, true);
        return false;
      }
      return undefined;
    });
  };
  visit(loop, false);
  return leaves;
}

function isLoopOrSwitch(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.SwitchStatement:
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Removals that cannot keep up

/**
 * Why a delete does not bound the collection, or `null` when it can keep up with growth:
 * - `lazy`: it runs only when the same key is read again and found stale (lazy expiry: a key
 *   never read again stays);
 * - `rare`: it runs only on a failure path (a `catch`, a `.catch()` or `'error'` callback, `if (err)`);
 * - `other-key`: it names something other than what was added (the stored value, the object whose
 *   `.id` was the key, the number where a string was the key).
 */
function weakDelete(
  sourceCode: Readonly<TSESLint.SourceCode>,
  removal: { readonly key: TSESTree.Node | null; readonly node: TSESTree.Node },
  grown: readonly { readonly key: TSESTree.Node | null; readonly value: TSESTree.Node | null }[],
  use: TSESTree.Node,
): WeakRemoval['reason'] | null {
  const key = removal.key;
  if (!key) return null;
  if (onFailurePathOnly(sourceCode, removal.node)) return 'rare';
  if (onlyWhenReadStale(sourceCode, removal.node, key, use)) return 'lazy';
  const keyText = textOf(sourceCode, key);
  const added = grown.filter((growth) => growth.key !== null);
  if (added.length > 0 && added.every((growth) => differentKey(sourceCode, growth, keyText))) return 'other-key';
  return null;
}

function textOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  return sourceCode.getText(skipTypeWrappers(node)).replace(/\s+/g, '');
}

/** The key added differs from the key deleted, and the code shows how (not just a different name). */
function differentKey(
  sourceCode: Readonly<TSESLint.SourceCode>,
  growth: { readonly key: TSESTree.Node | null; readonly value: TSESTree.Node | null },
  deleted: string,
): boolean {
  if (!growth.key) return false;
  const added = textOf(sourceCode, growth.key);
  if (added === deleted) return false;
  const value = growth.value ? textOf(sourceCode, growth.value) : null;
  if (value === deleted) return true;
  // Added `conn.id`, deleted `conn`; added `conn`, deleted `conn.id`.
  if (added.startsWith(`${deleted}.`) || deleted.startsWith(`${added}.`)) return true;
  // A string key and the value it was made from: `String(id)`, `` `${id}` ``, `id.toString()`.
  const stringified = (text: string): string[] => [`String(${text})`, `\`\${${text}}\``, `${text}.toString()`];
  return stringified(deleted).includes(added) || stringified(added).includes(deleted);
}

/** The node runs only when something failed: in a `catch` clause, a `.catch()` / `'error'` callback, or `if (err)`. */
function onFailurePathOnly(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.CatchClause && parent.body === child) return true;
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child) {
      const test = skipTypeWrappers(parent.test);
      if (test.type === AST_NODE_TYPES.Identifier && failureNamePattern.test(test.name)) return true;
    }
    if (isFunctionNode(parent)) {
      const call = parent.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || !(call.arguments as readonly TSESTree.Node[]).includes(parent)) return false;
      const name = calleeName(call);
      if (name === 'catch' && call.arguments[0] === parent) return true;
      if (name === 'then' && call.arguments[1] === parent) return true;
      if ((name === 'on' || name === 'once') && call.arguments[1] === parent) {
        const [event] = call.arguments;
        return event !== undefined && staticValueOf(sourceCode, event)?.value === 'error';
      }
      return false;
    }
  }
  return false;
}

/**
 * The delete runs only when the entry read for the same key is found stale: inside a condition
 * that reads the entry's contents (`if (entry.expires < now) cache.delete(key)`), where `entry`
 * is `cache.get(key)` / `cache[key]` of the same collection and key. A presence check alone
 * (`if (entry)`, `cache.has(key)`) is the normal removal path, not lazy expiry.
 */
function onlyWhenReadStale(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, key: TSESTree.Node, use: TSESTree.Node): boolean {
  const keyText = textOf(sourceCode, key);
  const useText = textOf(sourceCode, use);
  const readsEntry = (expression: TSESTree.Node): boolean => {
    const value = skipTypeWrappers(expression);
    if (value.type === AST_NODE_TYPES.CallExpression && calleeName(value) === 'get' && value.callee.type === AST_NODE_TYPES.MemberExpression) {
      const [arg] = value.arguments;
      return arg !== undefined && textOf(sourceCode, value.callee.object) === useText && textOf(sourceCode, arg) === keyText;
    }
    if (value.type === AST_NODE_TYPES.MemberExpression && value.computed) {
      return textOf(sourceCode, value.object) === useText && textOf(sourceCode, value.property) === keyText;
    }
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(sourceCode, value);
      const init = variable ? singleAssignmentInit(variable) : null;
      return init !== null && readsEntry(init);
    }
    return false;
  };
  /**
   * The test asks whether the entry is stale: it looks inside the entry (`entry.expires`,
   * `cache.get(key).at`, `isExpired(entry)`) and at time (`Date.now()`, an `expiresAt`, a `ttl`).
   * Looking inside without time (`if (handlers.length === 0)`) is the normal removal of an empty entry.
   */
  const inspectsEntry = (test: TSESTree.Node): boolean =>
    someNode(sourceCode, test, (child) => {
      if (child.type === AST_NODE_TYPES.MemberExpression) return !child.computed && readsEntry(child.object);
      return child.type === AST_NODE_TYPES.CallExpression && child.arguments.some((arg) => readsEntry(arg));
    }) && someNode(sourceCode, test, (child) => isTimeLike(child));
  for (let child: TSESTree.Node = node, parent = node.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.test !== child && inspectsEntry(parent.test)) return true;
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child && inspectsEntry(parent.test)) return true;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === child && inspectsEntry(parent.left)) return true;
  }
  return false;
}

const TIME_NAME = /expir|ttl|stale|deadline|timestamp|time|until|age$|At$|^now$/i;

/** `Date.now()`, `performance.now()`, `new Date()`, `process.hrtime()`, or a name that speaks of time (`expiresAt`, `ttl`). */
function isTimeLike(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return TIME_NAME.test(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    return TIME_NAME.test(node.property.name);
  }
  if (node.type === AST_NODE_TYPES.NewExpression) return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Date';
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = calleeName(node);
  return name === 'now' || name === 'hrtime' || (name !== null && TIME_NAME.test(name));
}

/**
 * Entries emptied in place, at any depth: `coll.get(k).splice(…)`, `coll[k].delete(…)`,
 * `delete coll[a][b]`, `const list = coll.get(k); list.splice(i, 1)`. The collection is managed.
 */
function mutatesEntry(sourceCode: Readonly<TSESLint.SourceCode>, use: TSESTree.Node): boolean {
  const shrinksThrough = (object: TSESTree.Node, parent: TSESTree.Node | undefined): boolean => {
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== object) return false;
    const name = ASTUtils.getPropertyName(parent);
    return name !== null && SHRINKING_METHODS.has(name) && parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent;
  };
  let entry: TSESTree.Node = use;
  for (let depth = 0; depth < 4; depth += 1) {
    const member = entry.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== entry) return false;
    if (member.computed) {
      entry = member;
    } else {
      const call = member.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || ASTUtils.getPropertyName(member) !== 'get') return false;
      entry = call;
    }
    let outer = entry.parent;
    while (outer && (outer.type === AST_NODE_TYPES.TSNonNullExpression || outer.type === AST_NODE_TYPES.ChainExpression)) {
      entry = outer;
      outer = outer.parent;
    }
    if (shrinksThrough(entry, outer)) return true;
    // `delete coll[a][b]`: the entry `coll[a]` loses a key.
    if (
      outer?.type === AST_NODE_TYPES.MemberExpression &&
      outer.object === entry &&
      outer.parent.type === AST_NODE_TYPES.UnaryExpression &&
      outer.parent.operator === 'delete'
    ) {
      return true;
    }
    if (outer?.type === AST_NODE_TYPES.VariableDeclarator && outer.init === entry && outer.id.type === AST_NODE_TYPES.Identifier) {
      const variable = sourceCode.getDeclaredVariables(outer)[0];
      return variable?.references.some((ref) => shrinksThrough(ref.identifier, ref.identifier.parent)) ?? false;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Paired operations

const ADDING_OPERATION = /^(subscribe|open|connect|register|track|watch|attach|bind|acquire|lock|join|listen|on|add)([A-Z_$].*)?$/;
const COUNTERPARTS: Readonly<Record<string, readonly string[]>> = {
  subscribe: ['unsubscribe'],
  open: ['close'],
  connect: ['disconnect'],
  register: ['unregister', 'deregister'],
  track: ['untrack'],
  watch: ['unwatch'],
  attach: ['detach'],
  bind: ['unbind'],
  acquire: ['release'],
  lock: ['unlock'],
  join: ['leave'],
  listen: ['unlisten'],
  on: ['off'],
  add: ['remove', 'delete'],
};
/** Verbs too general on their own: they pair only with a suffix (`addClient` / `removeClient`). */
const NEEDS_SUFFIX = new Set(['add']);
/** Teardown of the whole object: the counterpart of an add into a collection that outlives the object. */
const TEARDOWN = ['destroy', 'dispose'];

interface NamedOperation {
  readonly name: string;
  readonly fn: FunctionNode;
  /** The class member, or the function itself: how messages name it. */
  readonly site: RepeatingSite;
  /** The nodes that hold its siblings: a class body, an object literal, a block or program. */
  readonly siblings: readonly TSESTree.Node[];
}

/** The named operation a growth site is in (the nearest enclosing function with a name), with its siblings. */
function namedOperation(site: TSESTree.Node): NamedOperation | null {
  for (let fn = enclosingFunction(site); fn; fn = enclosingFunction(fn)) {
    const named = operationOf(fn);
    if (named) return named;
  }
  return null;
}

function operationOf(fn: FunctionNode): NamedOperation | null {
  const parent = fn.parent;
  if ((parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) && parent.value === fn) {
    const name = parent.key.type === AST_NODE_TYPES.PrivateIdentifier ? null : staticKeyName(parent);
    return name === null ? null : { name, fn, site: parent, siblings: parent.parent.body };
  }
  if (parent.type === AST_NODE_TYPES.Property && parent.value === fn && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const name = staticKeyName(parent);
    return name === null ? null : { name, fn, site: fn, siblings: parent.parent.properties };
  }
  const holder = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : parent.type === AST_NODE_TYPES.VariableDeclarator ? parent.parent : null;
  const name = functionName(fn);
  if (!holder || name === null) return null;
  const statement = holder.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ? holder.parent : holder;
  const block = statement.parent;
  if (block?.type !== AST_NODE_TYPES.Program && block?.type !== AST_NODE_TYPES.BlockStatement) return null;
  return { name, fn, site: fn, siblings: block.body };
}

/** The sibling operation named one of `names`, if the class, object or module has one. */
function counterpart(operation: NamedOperation, names: readonly string[]): NamedOperation | null {
  for (const sibling of operation.siblings) {
    const candidates: TSESTree.Node[] = [];
    if (sibling.type === AST_NODE_TYPES.MethodDefinition || sibling.type === AST_NODE_TYPES.PropertyDefinition || sibling.type === AST_NODE_TYPES.Property) {
      candidates.push(sibling.value ?? sibling);
    } else {
      const statement = sibling.type === AST_NODE_TYPES.ExportNamedDeclaration && sibling.declaration ? sibling.declaration : sibling;
      if (statement.type === AST_NODE_TYPES.FunctionDeclaration) candidates.push(statement);
      if (statement.type === AST_NODE_TYPES.VariableDeclaration)
        candidates.push(...statement.declarations.flatMap((d) => (d.init ? [skipTypeWrappers(d.init)] : [])));
    }
    for (const candidate of candidates) {
      if (!isFunctionNode(candidate)) continue;
      const named = operationOf(candidate);
      if (named && named !== null && names.includes(named.name)) return named;
    }
  }
  return null;
}

/**
 * A growth site in an adding operation (`subscribe`, `open`, `register`…) that stores what its
 * caller gives it, whose counterpart (`unsubscribe`, `close`, `unregister`…) exists beside it: the
 * pair shows that adds repeat (one per subscriber) and where the entry should go. A counterpart
 * that takes no argument (`destroy()`) tears down the whole object: it only pairs with an add into
 * a collection that outlives the object (module level, static).
 */
function unpairedAdd(
  sourceCode: Readonly<TSESLint.SourceCode>,
  collection: Collection,
  use: TSESTree.Node,
  grown: { readonly key: TSESTree.Node | null; readonly value: TSESTree.Node | null },
): { readonly add: NamedOperation; readonly remove: NamedOperation } | null {
  // A function's own variable lives for one call (unless the call never ends): no pair to keep.
  if (collection.owner) return null;
  const add = namedOperation(use);
  if (!add) return null;
  const match = ADDING_OPERATION.exec(add.name);
  const verb = match?.[1];
  if (!match || verb === undefined) return null;
  const outlivesObject = collection.classNode === null || !collection.perInstance;
  // An object that registers itself (`Registry.live.add(this)`) in what outlives it, or what the caller hands over.
  const addsItself = outlivesObject && [grown.key, grown.value].some((node) => node !== null && skipTypeWrappers(node).type === AST_NODE_TYPES.ThisExpression);
  if (!addsItself && !derivedFromParameters(sourceCode, grown, add.fn)) return null;
  const suffix = match[2] ?? '';
  if (suffix === '' && NEEDS_SUFFIX.has(verb)) return null;
  const names = (COUNTERPARTS[verb] ?? []).map((name) => `${name}${suffix}`);
  const remove = counterpart(add, outlivesObject ? [...names, ...TEARDOWN] : names);
  if (!remove) {
    // `subscribe(fn) { …; return () => { … } }`: the disposer it returns is the counterpart.
    const disposer = returnedDisposer(sourceCode, add.fn);
    return disposer && disposer.params.length === 0 ? { add, remove: { name: '', fn: disposer, site: disposer, siblings: [] } } : null;
  }
  if (remove.fn === add.fn) return null;
  if (!outlivesObject && remove.fn.params.length === 0) return null;
  return { add, remove };
}

/** The function an adding operation returns for its caller to undo it (`return () => …`), if it returns one. */
function returnedDisposer(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): FunctionNode | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isFunctionNode(fn.body) ? fn.body : null;
  let found: FunctionNode | null = null;
  forEachDescendant(fn.body, sourceCode.visitorKeys, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
      const value = skipTypeWrappers(node.argument);
      if (isFunctionNode(value)) found = value;
    }
    return undefined;
  });
  return found;
}

/** Sorts every use of a collection and decides what it does over the program's life. */
export function judgeCollection(
  sourceCode: Readonly<TSESLint.SourceCode>,
  collection: Collection,
  types: () => TypeInfo | null,
  { assumeRepeats, checkEscaped }: { readonly assumeRepeats: boolean; readonly checkEscaped: boolean },
): CollectionVerdict {
  // A function's own variable grows per call only in a function nested in it or in a loop of its
  // own (see repeatingSite), and pairs no operations (see unpairedAdd): with neither, no verdict to read.
  if (collection.owner && !collection.uses.some((use) => nestedOrLooped(use, collection.owner))) {
    return { collection, growth: [], shrinks: false, weakRemoval: null, unpaired: null, sizeChecked: false, escapes: false, dequeued: false };
  }
  const candidates: Growth[] = [];
  const sizeChecks: TSESTree.Node[] = [];
  const grown: { readonly key: TSESTree.Node | null; readonly value: TSESTree.Node | null }[] = [];
  const deletes: { readonly key: TSESTree.Node | null; readonly node: TSESTree.Node; readonly use: TSESTree.Node }[] = [];
  const keptKeys: TSESTree.Node[] = [];
  const pairs: (UnpairedGrowth & { readonly removeFn: FunctionNode })[] = [];
  /** Uses that store into the collection: a counterpart that stores (a filtered entry written back) manages it. */
  const writes: TSESTree.Node[] = [];
  let shrinks = false;
  let escapes = false;
  let dequeued = false;
  const growing: { readonly use: TSESTree.Node; readonly verdict: Extract<UseKind, { kind: 'grow' }> }[] = [];
  const grows: { readonly use: TSESTree.Node; readonly verdict: Extract<UseKind, { kind: 'grow' }> }[] = [];
  for (const use of collection.uses) {
    const verdict = classifyUse(sourceCode, use, collection.kind, types);
    switch (verdict.kind) {
      case 'grow':
        writes.push(use);
        grows.push({ use, verdict });
        break;
      case 'delete':
        deletes.push({ ...verdict, use });
        break;
      case 'keeps-key':
        keptKeys.push(verdict.node);
        break;
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
        if (mutatesEntry(sourceCode, use)) shrinks = true;
        break;
    }
  }
  // Emptied, or handed to code that may empty it: where it grows no longer matters.
  if (shrinks || (escapes && !checkEscaped)) {
    return { collection, growth: [], shrinks, weakRemoval: null, unpaired: null, sizeChecked: false, escapes, dequeued };
  }
  // Whether each growth is bounded is asked only now: most collections that grow also shrink.
  for (const grow of grows) {
    if (grow.verdict.bounded() || boundedByContext(sourceCode, grow.use, grow.use.parent ?? grow.use, grow.verdict.key)) continue;
    grown.push(grow.verdict);
    growing.push(grow);
  }
  // A delete keeps up unless it runs only on a stale read, on failure, or names another key.
  let weakRemoval: WeakRemoval | null = null;
  for (const removal of deletes) {
    const reason = weakDelete(sourceCode, removal, grown, removal.use);
    if (reason === null) shrinks = true;
    else weakRemoval ??= { node: removal.node, reason };
  }
  // Or emptied by one of its deletes.
  if (shrinks) {
    return { collection, growth: [], shrinks, weakRemoval: null, unpaired: null, sizeChecked: false, escapes, dequeued };
  }
  for (const { use, verdict } of growing) {
    const node = use.parent ?? use;
    const site = repeatingSite(sourceCode, collection, use, verdict, assumeRepeats);
    if (site) candidates.push({ node, fn: site.fn, assumed: site.assumed, operation: verdict.operation });
    const pair = unpairedAdd(sourceCode, collection, use, verdict);
    if (pair)
      pairs.push({
        growth: { node, fn: pair.add.site, assumed: false, operation: verdict.operation },
        add: pair.add.site,
        remove: pair.remove.site,
        removeFn: pair.remove.fn,
      });
  }
  const unpaired = pairs.find((pair) => !writes.some((write) => isInside(write, pair.removeFn))) ?? null;
  const firstKept = keptKeys[0];
  if (!weakRemoval && firstKept) weakRemoval = { node: firstKept, reason: 'keeps-key' };
  // A size check guards the growth in the same function (`if (m.size >= MAX) return;` before `m.set`).
  const guarded = (node: TSESTree.Node): boolean => sizeChecks.some((check) => enclosingFunction(check) === enclosingFunction(node));
  const growth = candidates.filter((site) => !guarded(site.node)).sort((a, b) => Number(a.assumed) - Number(b.assumed));
  const pairedGrowth = unpaired && !guarded(unpaired.growth.node) ? unpaired : null;
  const sizeChecked = (candidates.length > 0 || unpaired !== null) && growth.length === 0 && pairedGrowth === null;
  return { collection, growth, shrinks, weakRemoval: shrinks ? null : weakRemoval, unpaired: shrinks ? null : pairedGrowth, sizeChecked, escapes, dequeued };
}

/** Whether `node` is in a function nested in `owner`, or in a loop of `owner`'s own. */
function nestedOrLooped(node: TSESTree.Node, owner: FunctionNode | null): boolean {
  for (let current = node.parent; current && current !== owner; current = current.parent) {
    if (isFunctionNode(current) || LOOP_STATEMENTS.has(current.type)) return true;
  }
  return false;
}

const LOOP_STATEMENTS = new Set<string>([
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForOfStatement,
]);

// ---------------------------------------------------------------------------------------------
// Candidates

const STATE_NAME = /cache|memo|seen|registry|store|pending|inflight|session|client|connection|subscri|listener|handler|watcher|waiter|^by[A-Z]|By[A-Z]/i;

/**
 * A field that holds the object's own state rather than its data: not public (`#x`, `private`,
 * `protected`, `_x`), or named as state is (`cache`, `seen`, `pending`, `sessions`, `byId`…).
 */
function isOwnState(declaration: TSESTree.Node, name: string): boolean {
  if (name.startsWith('#') || name.startsWith('_')) return true;
  const field = declaration.parent;
  if (field?.type === AST_NODE_TYPES.PropertyDefinition && (field.accessibility === 'private' || field.accessibility === 'protected')) return true;
  return STATE_NAME.test(name);
}

/** `class X extends Error`: an error object lives as long as its handling. */
function extendsError(classNode: ClassNode): boolean {
  const base = classNode.superClass;
  return base?.type === AST_NODE_TYPES.Identifier && /Error$/.test(base.name);
}

/** Whether a method of the class passes its own `this` to a call or constructor (`new Connection(this, socket)`). */
function handsItselfOver(sourceCode: Readonly<TSESLint.SourceCode>, classNode: ClassNode): boolean {
  return thisExpressionsIn(sourceCode, classNode.body, { asArgument: true }).some((node) => {
    const parent = node.parent;
    return (
      (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
      parent.callee !== node &&
      classOfThis(node) === classNode &&
      valueEscapes(node)
    );
  });
}

function memberName(member: TSESTree.MemberExpression): string | null {
  if (member.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.property.name}`;
  return ASTUtils.getPropertyName(member);
}

type MemberDeclaration = Omit<Collection, 'uses' | 'lifetime'>;

/**
 * Gathers candidate collections during the rule's traversal (variables, class fields, `this.x = …`
 * in constructors) and the member names the file uses on something other than the class's own
 * `this`, so that at the end each member knows whether code outside its class touches it.
 */
export class CollectionCandidates {
  readonly #sourceCode: Readonly<TSESLint.SourceCode>;
  readonly #variables: Collection[] = [];
  readonly #members = new Map<ClassNode, Map<string, { readonly decl: MemberDeclaration; readonly isStatic: boolean }>>();
  /**
   * The file's member expressions (complete once the traversal is over) and object patterns, read
   * at the end only when the file declares member collections (most files do not): `this.x`
   * sorted by class, other names counted.
   */
  readonly #memberNodes: readonly TSESTree.MemberExpression[];
  readonly #patterns: TSESTree.ObjectPattern[] = [];

  /** `members`: every member expression of the file, filled during the traversal (`fileMemberExpressions`), or none in a file with no class. */
  constructor(sourceCode: Readonly<TSESLint.SourceCode>, members: readonly TSESTree.MemberExpression[]) {
    this.#sourceCode = sourceCode;
    this.#memberNodes = members;
  }

  variable(node: TSESTree.VariableDeclarator): void {
    if (!node.init || node.id.type !== AST_NODE_TYPES.Identifier) return;
    const kind = collectionKindOf(this.#sourceCode, node.init);
    if (!kind) return;
    const [variable] = this.#sourceCode.getDeclaredVariables(node);
    if (!variable) return;
    const scope = variable.scope.variableScope;
    let owner: FunctionNode | null;
    if (isFileScope(scope)) owner = null;
    else if (scope.type === ScopeType.function && isFunctionNode(scope.block)) owner = scope.block;
    else return;
    if (variable.defs.some((def) => def.type !== DefinitionType.Variable)) return;
    const exported = node.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
    const uses: TSESTree.Node[] = variable.references.filter((ref) => !ref.init).map((ref) => ref.identifier);
    this.#variables.push({
      kind,
      name: node.id.name,
      declaration: node.id,
      creation: node.init,
      owner,
      classNode: null,
      perInstance: false,
      lifetime: 'long',
      uses: exported ? [...uses, node.parent.parent] : uses,
    });
  }

  property(node: TSESTree.PropertyDefinition): void {
    if (!node.value) return;
    const kind = collectionKindOf(this.#sourceCode, node.value);
    if (!kind) return;
    const key = node.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.key.name}` : staticKeyName(node);
    if (key === null) return;
    const classNode = node.parent.parent;
    const name = node.static ? `${classNode.id?.name ?? 'this'}.${key}` : `this.${key}`;
    this.#addMember(
      classNode,
      key,
      { kind, name, declaration: node.key, creation: node.value, owner: null, classNode, perInstance: !node.static },
      node.static,
    );
  }

  /** `this.x = new Map()` directly in the constructor declares a member collection. */
  constructorMethod(node: TSESTree.MethodDefinition): void {
    const classNode = node.parent.parent;
    for (const statement of node.value.body?.body ?? []) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      const assignment = statement.expression;
      if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') continue;
      const target = assignment.left;
      if (target.type !== AST_NODE_TYPES.MemberExpression || target.object.type !== AST_NODE_TYPES.ThisExpression) continue;
      const name = memberName(target);
      const kind = collectionKindOf(this.#sourceCode, assignment.right);
      if (name === null || !kind) continue;
      this.#addMember(
        classNode,
        name,
        { kind, name: `this.${name}`, declaration: target, creation: assignment.right, owner: null, classNode, perInstance: true },
        false,
      );
    }
  }

  /** `const { cache } = client`: the property is read off an object the class does not see. */
  pattern(node: TSESTree.ObjectPattern): void {
    this.#patterns.push(node);
  }

  /** The `this.x` member expressions, and the names used as `other.x`, `other['x']` or `const { x } = other` where `other` is not `this`. */
  #sortMembers(): { readonly thisMembers: readonly TSESTree.MemberExpression[]; readonly otherNames: ReadonlySet<string> } {
    const thisMembers: TSESTree.MemberExpression[] = [];
    const otherNames = new Set<string>();
    for (const node of this.#memberNodes) {
      if (node.object.type === AST_NODE_TYPES.ThisExpression) {
        thisMembers.push(node);
      } else if (node.property.type !== AST_NODE_TYPES.PrivateIdentifier) {
        const name = ASTUtils.getPropertyName(node);
        if (name !== null) otherNames.add(name);
      }
    }
    for (const pattern of this.#patterns) {
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const name = staticKeyName(property);
        if (name !== null) otherNames.add(name);
      }
    }
    return { thisMembers, otherNames };
  }

  #addMember(classNode: ClassNode, name: string, decl: MemberDeclaration, isStatic: boolean): void {
    let byName = this.#members.get(classNode);
    if (!byName) {
      byName = new Map();
      this.#members.set(classNode, byName);
    }
    if (!byName.has(name)) byName.set(name, { decl, isStatic });
  }

  /**
   * The candidates, once the traversal is done. Instance fields of classes the file does not show
   * to live long are kept for paired operations only, or (with `checkAllClasses`) as `unproven`;
   * those of classes the file makes per request or per item are dropped. A public instance field
   * the file uses outside its class may be evicted there: dropped unless `checkEscaped`.
   */
  finish({ checkAllClasses, checkEscaped }: { readonly checkAllClasses: boolean; readonly checkEscaped: boolean }): Collection[] {
    const result = [...this.#variables];
    if (this.#members.size === 0) return result;
    const { thisMembers, otherNames } = this.#sortMembers();
    const thisUses = new Map<ClassNode, Map<string, TSESTree.Node[]>>();
    const foreignThis = new Set<string>();
    for (const member of thisMembers) {
      const name = memberName(member);
      if (name === null) continue;
      const classNode = classOfThis(member.object as TSESTree.ThisExpression);
      if (!classNode) {
        // A plain function's `this` (a prototype method, a callback): some object, maybe an instance.
        foreignThis.add(name);
        continue;
      }
      if (!this.#members.has(classNode)) continue;
      let byName = thisUses.get(classNode);
      if (!byName) {
        byName = new Map();
        thisUses.set(classNode, byName);
      }
      const list = byName.get(name);
      if (list) list.push(member);
      else byName.set(name, [member]);
    }
    for (const [classNode, byName] of this.#members) {
      let lifetime: Collection['lifetime'] | null = null;
      const instanceLifetime = (): Collection['lifetime'] => {
        if (isLongLivedClass(this.#sourceCode, classNode)) return 'long';
        if (!checkAllClasses || extendsError(classNode)) return 'pairs';
        // Instances the file makes per request or per item die with their request; an instance that
        // hands itself to other code (`new Connection(this, socket)`) may be cleaned up there.
        if (instanceRepetition(this.#sourceCode, classNode).kind === 'repeats') return 'pairs';
        return !checkEscaped && handsItselfOver(this.#sourceCode, classNode) ? 'pairs' : 'unproven';
      };
      for (const [name, { decl, isStatic }] of byName) {
        const ownUses = (thisUses.get(classNode)?.get(name) ?? []).filter((use) => use !== decl.declaration);
        if (isStatic) {
          result.push({ ...decl, lifetime: 'long', uses: [...ownUses, ...this.#staticUses(classNode, name)] });
          continue;
        }
        // `client.cache.clear()` elsewhere in the file: eviction may happen there.
        if (!name.startsWith('#') && (otherNames.has(name) || foreignThis.has(name)) && !checkEscaped) continue;
        // The class's lifetime is read only for a collection that grows unbounded, most never do.
        result.push({
          ...decl,
          get lifetime() {
            return (lifetime ??= instanceLifetime());
          },
          ownState: isOwnState(decl.declaration, name),
          uses: ownUses,
        });
      }
    }
    return result;
  }

  /** `Registry.instances` for a static member `instances`. */
  #staticUses(classNode: ClassNode, name: string): TSESTree.Node[] {
    return classVariables(this.#sourceCode, classNode).flatMap((variable) =>
      variable.references.flatMap((ref) => {
        const member = ref.identifier.parent;
        return member?.type === AST_NODE_TYPES.MemberExpression && member.object === ref.identifier && memberName(member) === name ? [member] : [];
      }),
    );
  }
}
