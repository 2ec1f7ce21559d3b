import { DefinitionType, ScopeType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from './eslint-utils.js';
import { truncate } from './text.js';
import { memoPerFile } from './memo.js';

const TYPE_WRAPPERS = new Set<string>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
]);

/**
 * The node a value is used as, above any `as` / `!` / `satisfies` / `<T>` around it, and also
 * above `await` (`through.await`: the value an awaited promise becomes) or the optional chain
 * that ends with it (`through.chain`), when asked.
 */
export function outermostTypeWrapper(node: TSESTree.Node, through: { readonly await?: boolean; readonly chain?: boolean } = {}): TSESTree.Node {
  let current = node;
  for (let parent = current.parent; parent; parent = current.parent) {
    const wraps =
      TYPE_WRAPPERS.has(parent.type) ||
      (through.await === true && parent.type === AST_NODE_TYPES.AwaitExpression) ||
      (through.chain === true && parent.type === AST_NODE_TYPES.ChainExpression);
    if (!wraps) break;
    current = parent;
  }
  return current;
}

/** Strips TypeScript-only wrappers that do not change the runtime value (`x as T`, `x!`, `<T>x`, `x satisfies T`). */
export function skipTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The static name of a property key (`a`, `'a'`, `['a']`, `` [`a`] ``), or `null` when it is computed at run time. */
export function staticKeyName(property: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | null {
  const key = property.key;
  if (!property.computed) {
    if (key.type === AST_NODE_TYPES.Identifier) return key.name;
    if (key.type === AST_NODE_TYPES.Literal) return String(key.value);
    return null;
  }
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) {
    return key.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

export type PropertyLookup =
  /** The object literal has the property, with this value. */
  | { readonly kind: 'found'; readonly property: TSESTree.Property; readonly value: TSESTree.Node }
  /** The object literal certainly does not have the property. */
  | { readonly kind: 'absent' }
  /** A spread or a computed key could supply the property: nothing can be said. */
  | { readonly kind: 'unknown' };

/**
 * Looks a property up in an object literal as the runtime would see it: the last definition wins,
 * and a spread or a computed key after the last static definition makes the answer unknown.
 */
export function lookupProperty(object: TSESTree.ObjectExpression, names: readonly string[]): PropertyLookup {
  let result: PropertyLookup = { kind: 'absent' };
  for (const member of object.properties) {
    if (member.type === AST_NODE_TYPES.SpreadElement) {
      result = { kind: 'unknown' };
      continue;
    }
    const name = staticKeyName(member);
    if (name === null) {
      result = { kind: 'unknown' };
      continue;
    }
    if (names.includes(name)) {
      result = { kind: 'found', property: member, value: member.value };
    }
  }
  return result;
}

export function isFunctionNode(node: TSESTree.Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** A string, a template literal, or `new URL(...)`: an argument that is certainly a URL, not an options object. */
export function isUrlLike(node: TSESTree.Node): boolean {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string';
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') {
    return isUrlLike(value.left) || isUrlLike(value.right);
  }
  return value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'URL';
}

/** The variable an identifier refers to, searched from its own scope outward. */
export function variableOf(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
}

/**
 * The initializer of a variable that is written exactly once, at its declaration (`const x = …`,
 * or a `let` never reassigned), or `null`.
 */
export function singleAssignmentInit(variable: TSESLint.Scope.Variable): TSESTree.Expression | null {
  if (variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def?.type !== DefinitionType.Variable || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return null;
  const writes = variable.references.filter((ref) => ref.isWrite());
  if (writes.length !== 1 || writes[0]?.writeExpr !== def.node.init) return null;
  return def.node.init;
}

/**
 * Resolves an identifier to the object literal it was initialised with, when that literal is only ever
 * used here: declared once, never reassigned, and with no other reference that could add or change
 * properties (`opts.signal = …`, `Object.assign(opts, …)`, passing it elsewhere).
 */
export function resolveSingleUseObjectLiteral(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.ObjectExpression | null {
  const value = skipTypeWrappers(node);
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, value);
  if (!variable) return null;
  const init = singleAssignmentInit(variable);
  if (!init) return null;
  const literal = skipTypeWrappers(init);
  if (literal.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const reads = variable.references.filter((ref) => ref.isRead());
  if (reads.length !== 1 || reads[0]?.identifier !== value) return null;
  return literal;
}

/** Resolves an identifier declared once with an initializer to that initializer; other nodes are returned as they are. */
export function resolveConstValue(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.Node {
  const value = skipTypeWrappers(node);
  if (value.type !== AST_NODE_TYPES.Identifier) return value;
  const variable = variableOf(sourceCode, value);
  const init = variable ? singleAssignmentInit(variable) : null;
  return init ? skipTypeWrappers(init) : value;
}

/**
 * The `name` of a node that has one (an identifier, a private name), read the way a selector's
 * `[x.name]` attribute reads it: a listener on the node type with this check matches what the
 * attribute selector matched, without the selector engine running on every node of that type.
 */
export function nameOf(node: TSESTree.Node | null | undefined): string | null {
  return node && 'name' in node && typeof node.name === 'string' ? node.name : null;
}

/** The `name` of a call's `callee.property` (`on` in `a.on()`, and in `a[on]()`), as `[callee.property.name]` reads it. */
export function calleePropertyName(call: TSESTree.CallExpression): string | null {
  return call.callee.type === AST_NODE_TYPES.MemberExpression ? nameOf(call.callee.property) : null;
}

/** The name a call is made by: `f` for `f()`, `g` for `a.b.g()`, or `null`. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    if (!callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) return callee.property.name;
    if (callee.property.type === AST_NODE_TYPES.Literal && typeof callee.property.value === 'string') {
      return callee.property.value;
    }
  }
  return null;
}

/** `obj.name` (or `obj['name']`) where `obj` is exactly `object`. */
export function isMemberNamed(node: TSESTree.Node | undefined, object: TSESTree.Node, names: readonly string[]): node is TSESTree.MemberExpression {
  if (node?.type !== AST_NODE_TYPES.MemberExpression || node.object !== object) return false;
  const name = ASTUtils.getPropertyName(node);
  return name !== null && names.includes(name);
}

/**
 * The text an expression is referred to by, to pair two mentions of the same thing (a timer and its
 * `clearTimeout`, a listener and its removal): a name without its type annotation, or the source
 * text without spaces (`this.keepAlive`, `handler.bind(this)`).
 */
export function referenceText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name;
  return sourceCode
    .getText(value)
    .replace(/\s+/g, '')
    .replace(/^this\?\./, 'this.');
}

/** Source text of a callee for messages: `fetch`, `axios.get`, `http.request`, cut short when long. */
export function calleeText(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression | TSESTree.NewExpression): string {
  return truncate(sourceCode.getText(call.callee).replace(/\s+/g, ''), 40);
}

/**
 * Visits every node below `root` (not `root` itself), depth-first, with an explicit stack so that
 * deeply nested code cannot overflow the call stack. For the few analyses that look inside one
 * subtree after the traversal, instead of listening to a frequent node type across the whole file.
 */
export function forEachDescendant(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys, visit: (node: TSESTree.Node) => boolean | void): void {
  const keysOf = childKeys(visitorKeys);
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    // `visit` returns false to skip what is below the node
    if (node !== root && visit(node) === false) continue;
    let keys = keysOf.get(node.type);
    if (keys === undefined) {
      keys = visitorKeys[node.type] ?? [];
      keysOf.set(node.type, keys);
    }
    for (let index = keys.length - 1; index >= 0; index -= 1) {
      const child = (node as unknown as Record<string, unknown>)[keys[index] ?? ''];
      if (Array.isArray(child)) {
        for (let item = child.length - 1; item >= 0; item -= 1) {
          const element: unknown = child[item];
          if (element && typeof (element as { type?: unknown }).type === 'string') stack.push(element as TSESTree.Node);
        }
      } else if (child && typeof (child as { type?: unknown }).type === 'string') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

const childKeysByParser = new WeakMap<TSESLint.SourceCode.VisitorKeys, Map<string, readonly string[]>>();

/**
 * The child keys of each node type, by parser, read from a `Map`: the visitor-keys object has a
 * property per node type, and looking one up there for every node of a walk costs more.
 */
function childKeys(visitorKeys: TSESLint.SourceCode.VisitorKeys): Map<string, readonly string[]> {
  let keys = childKeysByParser.get(visitorKeys);
  if (!keys) {
    keys = new Map();
    childKeysByParser.set(visitorKeys, keys);
  }
  return keys;
}

/**
 * The nodes below `root` that start at one of `positions` (source offsets, ascending) and pass
 * `test`, in source order. Only the nodes whose range holds one of the positions are descended
 * into, so a file is not walked whole to find a few nodes whose text was found first (`import(`,
 * a loop keyword).
 */
export function nodesStartingAt<T extends TSESTree.Node>(
  root: TSESTree.Node,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
  positions: readonly number[],
  test: (node: TSESTree.Node) => node is T,
): T[] {
  const found: T[] = [];
  if (positions.length === 0) return found;
  // The walk meets nodes in source order almost always, so the next position is found by stepping
  // on from the last one; a binary search only when a node starts before it.
  let cursor = 0;
  forEachDescendant(root, visitorKeys, (node) => {
    const start = node.range[0];
    if (cursor > 0 && (positions[cursor - 1] ?? -1) >= start) cursor = firstAtOrAfter(positions, start, (position) => position);
    while (cursor < positions.length && (positions[cursor] ?? Infinity) < start) cursor += 1;
    const next = positions[cursor];
    if (next === undefined || next >= node.range[1]) return false;
    if (next === node.range[0] && test(node)) found.push(node);
    return undefined;
  });
  return found;
}

/**
 * The `this` expressions below `root`, in source order, found from where the text says `this`
 * (the file's offsets are found once), descending only into nodes that hold one. With
 * `asArgument`, only those the text shows may be an argument of a call (and maybe a few more).
 */
export function thisExpressionsIn(
  sourceCode: Readonly<TSESLint.SourceCode>,
  root: TSESTree.Node,
  { asArgument = false }: { readonly asArgument?: boolean } = {},
): TSESTree.ThisExpression[] {
  const text = sourceCode.text;
  const offsets = memoPerFile(sourceCode, 'this-offsets', () => matchOffsets(text, /\bthis\b/g));
  const from = firstAtOrAfter(offsets, root.range[0], (offset) => offset);
  const to = firstAtOrAfter(offsets, root.range[1], (offset) => offset);
  let within = offsets.slice(from, to);
  // an argument is followed by `,`, `)` or a comment, never by `.` or `[` as `this.x` is
  if (asArgument) {
    within = within.filter((offset) => {
      ARGUMENT_END.lastIndex = offset + 'this'.length;
      return ARGUMENT_END.test(text);
    });
  }
  return nodesStartingAt(root, sourceCode.visitorKeys, within, isThisExpression);
}

const ARGUMENT_END = /\s*[,)/]/y;

function isThisExpression(node: TSESTree.Node): node is TSESTree.ThisExpression {
  return node.type === AST_NODE_TYPES.ThisExpression;
}

/** The index of the first item of `sorted` (ascending by `key`) whose key is at or after `offset`; `sorted.length` when none is. */
export function firstAtOrAfter<T>(sorted: readonly T[], offset: number, key: (item: T) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = sorted[middle];
    if (item !== undefined && key(item) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The offsets in `text` where `pattern` (a global regular expression) matches, ascending. */
export function matchOffsets(text: string, pattern: RegExp): number[] {
  return Array.from(text.matchAll(pattern), (match) => match.index);
}

/**
 * Whether `scope` is a file's own scope: the global or module scope, or the function scope that
 * wraps a CommonJS file (`sourceType: 'commonjs'`), whose block is the Program. Bindings there
 * live as long as the module.
 */
export function isFileScope(scope: TSESLint.Scope.Scope): boolean {
  return scope.type === ScopeType.global || scope.type === ScopeType.module || scope.block.type === AST_NODE_TYPES.Program;
}

/** Whether `node` is a call of `object.property(…)` on a plain identifier (`process.exit()`, `Object.assign()`). */
export function isCallOf(node: TSESTree.Node, object: string, property: string): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTypeWrappers(node.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === object &&
    ASTUtils.getPropertyName(callee) === property
  );
}

const COMPARISON_OPERATORS = new Set(['<', '>', '<=', '>=', '===', '!==', '==', '!=']);

/** `a < b`, `a === b` and the other comparisons of two values (not `in` or `instanceof`). */
export function isComparison(node: TSESTree.Node | undefined): node is TSESTree.BinaryExpression {
  return node?.type === AST_NODE_TYPES.BinaryExpression && COMPARISON_OPERATORS.has(node.operator);
}
