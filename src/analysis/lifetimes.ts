import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { describeFunction, describeMember } from '../util/names.js';

import { calleeName, isFunctionNode, skipTypeWrappers, staticKeyName, variableOf } from '../util/ast.js';
import { callbackRegistrations, escapeFreeCalls, synchronousCallbacks } from '../util/catalog.js';
import { memoPerFile } from '../util/memo.js';

/**
 * Lifetimes: does this code run once, or once per call of something that lives longer than it?
 * Does this value stay here, or does it flow somewhere this file cannot see? Shared by the rules
 * that pair a long-lived binding with the code that grows it (caches, listeners, resources).
 */

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;
export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Class decorators of dependency-injection containers that make one instance for the process. */
const SINGLETON_DECORATORS = new Set(['Injectable', 'Service', 'Controller', 'Singleton', 'Module', 'Resolver', 'Component', 'Provide', 'Processor']);


/** The nearest function around `node` (not `node` itself), or `null` at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

/** The class whose method or field initializer `node` is in, when that is the nearest function-like boundary. */
export function enclosingMethod(
  node: TSESTree.Node,
): { readonly classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression; readonly member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.StaticBlock } | null {
  let crossedFunction: FunctionNode | null = null;
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (
      (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) &&
      parent.value === child &&
      (crossedFunction === null || crossedFunction === child)
    ) {
      const classNode = parent.parent.parent;
      return { classNode, member: parent };
    }
    if (parent.type === AST_NODE_TYPES.StaticBlock) return { classNode: parent.parent.parent, member: parent };
    if (isFunctionNode(parent)) {
      if (crossedFunction) return null;
      crossedFunction = parent;
    }
  }
  return null;
}

/** Where code repeats: a function, or a class member (method or field) whose body it is in. */
export type RepeatingSite = FunctionNode | TSESTree.MethodDefinition | TSESTree.PropertyDefinition;

/** How messages name where code repeats: `function 'load'`, `method 'get'`, `the handler passed to app.get`. */
export function describeSite(site: RepeatingSite, sourceCode: Readonly<TSESLint.SourceCode>): string {
  if (site.type === AST_NODE_TYPES.MethodDefinition || site.type === AST_NODE_TYPES.PropertyDefinition) return describeMember(site, sourceCode);
  return describeFunction(site, sourceCode);
}

/** Whether `inner` lies inside `outer` (by source range). */
export function isInside(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

function isModuleLevel(node: TSESTree.Node): boolean {
  return enclosingFunction(node) === null && enclosingMethod(node) === null;
}

/**
 * Code that runs once per module load: a function called only from module level (an IIFE, an
 * `init()` / `main()` declared and called at top level), or a static block.
 */
export function runsOnce(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): boolean {
  const cache = memoPerFile(sourceCode, 'lifetimes:runs-once', () => new Map<TSESTree.Node, boolean>());
  const known = cache.get(fn);
  if (known !== undefined) return known;
  cache.set(fn, false); // recursion guard
  const result = computeRunsOnce(sourceCode, fn);
  cache.set(fn, result);
  return result;
}

function calledOnlyOnceFromModuleLevel(sourceCode: Readonly<TSESLint.SourceCode>, references: readonly TSESLint.Scope.Reference[]): boolean {
  const reads = references.filter((ref) => ref.isRead());
  if (reads.length === 0) return false;
  return reads.every((ref) => {
    const parent = ref.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== ref.identifier) return false;
    const caller = enclosingFunction(parent);
    return caller === null ? isModuleLevel(parent) : runsOnce(sourceCode, caller);
  });
}

/** Functions that run while a program is being set up, not per request: registries, plugins, lifecycle. */
const SETUP_FUNCTION = /^((register|define|install|setup|setUp|init|initialize|configure|bootstrap)([A-Z_]\w*)?|start|main|listen|connect|plugin)$/;

/** The identifier a function can be called by in its scope: its declared name, or the `const` it initialises. */
export function functionBinding(fn: FunctionNode): TSESTree.Identifier | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id;
  const parent = fn.parent;
  return parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id : null;
}

/** The name a function is known by: its own, the variable or property it is bound to. */
export function functionName(fn: FunctionNode): string | null {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition) && parent.value === fn) {
    return staticKeyName(parent);
  }
  return null;
}

/**
 * Whether `node` runs in set-up code by name: a `register…`, `init…`, `start…`, `setup…`,
 * `connect…` function or method (or one nested in it), which services call once at start-up.
 */
export function runsAtSetup(node: TSESTree.Node): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const name = functionName(fn);
    if (name !== null && SETUP_FUNCTION.test(name)) return true;
    // A handler registered by set-up code runs per event, not at set-up.
    if (isRegisteredCallback(fn)) return false;
  }
  return false;
}

/** A function passed to a call that keeps it and calls it per event (`.on`, `.use`, a route, `setInterval`). */
export function isRegisteredCallback(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type !== AST_NODE_TYPES.CallExpression || parent.callee === fn) return false;
  const name = calleeName(parent);
  return name !== null && callbackRegistrations.has(name);
}

/** Calls that run the callback they are given at most once, later (`.once`, `.then`, `setTimeout`, `listen`). */
const ONE_SHOT_CALLBACKS = new Set(['once', 'then', 'catch', 'finally', 'listen', 'setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask']);

/** Whether the code at `node` runs once per module load: module level, or inside code that does. */
export function siteRunsOnce(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const fn = enclosingFunction(node);
  return fn === null ? isModuleLevel(node) : runsOnce(sourceCode, fn);
}

function computeRunsOnce(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): boolean {
  const parent = fn.parent;
  // keys.forEach((key) => { … }) / new Promise((resolve) => { … }) in code that runs once
  if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.callee !== fn) {
    const name = calleeName(parent);
    const atMostOnce =
      parent.type === AST_NODE_TYPES.NewExpression
        ? name === 'Promise'
        : name !== null && (synchronousCallbacks.has(name) || ONE_SHOT_CALLBACKS.has(name));
    return atMostOnce && siteRunsOnce(sourceCode, parent);
  }
  // (() => { … })() / (async function () { … })()
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === fn) {
    const caller = enclosingFunction(parent);
    return caller === null ? isModuleLevel(parent) : runsOnce(sourceCode, caller);
  }
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) {
    const variable = variableOf(sourceCode, fn.id);
    return variable !== null && !isExported(fn) && calledOnlyOnceFromModuleLevel(sourceCode, variable.references);
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, parent.id);
    return variable !== null && !isExported(parent) && calledOnlyOnceFromModuleLevel(sourceCode, variable.references);
  }
  return false;
}

/** Whether the declaration around `node` is exported with `export` (`export function`, `export const`). */
export function isExported(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ExportNamedDeclaration || current.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
    if (current.type === AST_NODE_TYPES.Program || isFunctionNode(current.parent ?? current)) return false;
  }
  return false;
}

/**
 * Whether `fn`, nested in `owner`, can run many times after `owner` has returned: it (or a function
 * between it and `owner`) is returned, stored, exported, or registered as a handler (`.on`, `.use`,
 * `setInterval`, a route). A callback that runs during the call (`forEach`, `new Promise`) does not.
 */
export function outlivesCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  owner: FunctionNode,
  { throughCalls = true }: { readonly throughCalls?: boolean } = {},
): boolean {
  for (let current: FunctionNode | null = fn; current && current !== owner; current = enclosingFunction(current)) {
    if (functionValueOutlives(sourceCode, current, owner, 0, throughCalls)) return true;
  }
  return false;
}

/** Where the function value (or a literal holding it) goes, up to a small depth of aliases. */
function functionValueOutlives(
  sourceCode: Readonly<TSESLint.SourceCode>,
  value: TSESTree.Node,
  owner: FunctionNode,
  depth: number,
  throughCalls: boolean,
): boolean {
  if (depth > 3) return true;
  const parent = value.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.ReturnStatement:
      return true;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      // the expression body of an arrow: returned
      return parent.body === value;
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
      // a method or property of an object literal / class: goes where the object goes
      return parent.parent ? functionValueOutlives(sourceCode, parent.parent.type === AST_NODE_TYPES.ClassBody ? parent.parent.parent : parent.parent, owner, depth + 1, throughCalls) : false;
    case AST_NODE_TYPES.ClassDeclaration:
      return true;
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.SpreadElement:
      return functionValueOutlives(sourceCode, parent, owner, depth + 1, throughCalls);
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
      return true;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (parent.callee === value || !throughCalls) return false;
      const name = calleeName(parent);
      if (name === null) return false;
      if (parent.type === AST_NODE_TYPES.NewExpression) return name !== 'Promise';
      if (synchronousCallbacks.has(name)) return false;
      return callbackRegistrations.has(name);
    }
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== value || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = variableOf(sourceCode, parent.id);
      return variable?.references.some((ref) => ref.isRead() && functionValueOutlives(sourceCode, ref.identifier, owner, depth + 1, throughCalls)) === true;
    }
    default:
      return false;
  }
}

/**
 * The function in which `site` runs repeatedly over the lifetime of a binding owned by `owner`
 * (`null` = module level), or `null` when `site` runs only once per `owner`:
 * - module-level binding: any function that does not run once at start-up;
 * - function-level binding: a nested function that outlives the owner's call.
 */
export function repeatingFunction(
  sourceCode: Readonly<TSESLint.SourceCode>,
  site: TSESTree.Node,
  owner: FunctionNode | null,
  options: { readonly throughCalls?: boolean } = {},
): FunctionNode | null {
  const fn = enclosingFunction(site);
  if (!fn || fn === owner) return null;
  if (owner === null) {
    for (let current: FunctionNode | null = fn; current; current = enclosingFunction(current)) {
      if (runsOnce(sourceCode, current)) return null;
    }
    return fn;
  }
  if (!isInside(fn, owner)) return null;
  return outlivesCall(sourceCode, fn, owner, options) ? fn : null;
}

/**
 * Whether the value of the expression `node` flows somewhere else, where this file cannot follow
 * it: returned, passed to a function, stored in another variable, object or array, exported,
 * yielded, thrown. Reading its members (`x.get(k)`, `x.size`, `x[k]`), iterating it, and handing it
 * to functions that only read it (`JSON.stringify`, `Array.from`, `console.log`) do not count.
 */
export function valueEscapes(node: TSESTree.Node): boolean {
  let current = node;
  let parent = current.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    current = parent;
    parent = current.parent;
  }
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object !== current;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (parent.callee === current) return false;
      const callee = skipTypeWrappers(parent.callee);
      const name = calleeName(parent);
      const owner =
        callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier ? `${callee.object.name}.` : '';
      return !(name !== null && (escapeFreeCalls.has(`${owner}${name}`) || escapeFreeCalls.has(name)));
    }
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
      return parent.left === current;
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.TSTypeQuery:
    case AST_NODE_TYPES.UpdateExpression:
      return false;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === current;
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === current ? false : valueEscapes(parent);
    case AST_NODE_TYPES.SpreadElement:
      // `[...cache]`, `{ ...cache }` copy it; passing `...args` to a call hands it on.
      return parent.parent.type === AST_NODE_TYPES.CallExpression || parent.parent.type === AST_NODE_TYPES.NewExpression;
    default:
      return true;
  }
}

/** The class a `this` belongs to, or `null` when it is a plain function's `this`. */
export function classOfThis(node: TSESTree.ThisExpression): ClassNode | null {
  for (let child: TSESTree.Node = node, parent = node.parent as TSESTree.Node | undefined; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.FunctionExpression || parent.type === AST_NODE_TYPES.FunctionDeclaration) {
      const owner = parent.parent;
      return owner.type === AST_NODE_TYPES.MethodDefinition && owner.value === parent ? owner.parent.parent : null;
    }
    if ((parent.type === AST_NODE_TYPES.PropertyDefinition && parent.value === child) || parent.type === AST_NODE_TYPES.StaticBlock) {
      return parent.parent.parent;
    }
  }
  return null;
}

/** The variables a class is bound to (a declaration's name, or the `const` a class expression initialises). */
export function classVariables(sourceCode: Readonly<TSESLint.SourceCode>, classNode: ClassNode): TSESLint.Scope.Variable[] {
  if (classNode.type === AST_NODE_TYPES.ClassDeclaration) return [...sourceCode.getDeclaredVariables(classNode)];
  return classNode.parent.type === AST_NODE_TYPES.VariableDeclarator ? [...sourceCode.getDeclaredVariables(classNode.parent)] : [];
}

/** A class whose instance lives as long as the process: made once at module level, or a DI singleton. */
export function isLongLivedClass(sourceCode: Readonly<TSESLint.SourceCode>, classNode: ClassNode): boolean {
  // espree's AST has no `decorators` array; typescript-estree's always has one.
  const decorators = classNode.decorators as TSESTree.Decorator[] | undefined;
  const decorated = (decorators ?? []).some((decorator) => {
    const expression = decorator.expression;
    const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
    return callee.type === AST_NODE_TYPES.Identifier && SINGLETON_DECORATORS.has(callee.name);
  });
  if (decorated) return true;
  if (classNode.parent.type === AST_NODE_TYPES.NewExpression) return siteRunsOnce(sourceCode, classNode.parent);
  return classVariables(sourceCode, classNode).some((variable) =>
    variable.references.some((ref) => {
      const parent = ref.identifier.parent;
      return parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === ref.identifier && siteRunsOnce(sourceCode, parent);
    }),
  );
}
