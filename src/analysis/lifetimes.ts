import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { describeFunction, describeMember } from '../util/names.js';

import { calleeName, isFunctionNode, outermostTypeWrapper, skipTypeWrappers, staticKeyName } from '../util/ast.js';
import { escapeFreeCalls } from '../catalog/index.js';

/**
 * Lifetimes: where does this code sit (which function, which class member), and does this value
 * stay here or flow somewhere this file cannot see? Shared by the rules that pair a long-lived
 * binding with the code that grows it (caches, listeners, resources). How often code runs is
 * answered in one place, `repetition.ts`, from what the file shows.
 */

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;
export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** The nearest function around `node` (not `node` itself), or `null` at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

/** The class whose method or field initializer `node` is in, when that is the nearest function-like boundary. */
export function enclosingMethod(node: TSESTree.Node): {
  readonly classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  readonly member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.StaticBlock;
} | null {
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
 * Whether the value of the expression `node` flows somewhere else, where this file cannot follow
 * it: returned, passed to a function, stored in another variable, object or array, exported,
 * yielded, thrown. Reading its members (`x.get(k)`, `x.size`, `x[k]`), iterating it, and handing it
 * to functions that only read it (`JSON.stringify`, `Array.from`, `console.log`) do not count.
 */
export function valueEscapes(node: TSESTree.Node): boolean {
  const current = outermostTypeWrapper(node, { chain: true });
  const parent = current.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object !== current;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (parent.callee === current) return false;
      const callee = skipTypeWrappers(parent.callee);
      const name = calleeName(parent);
      const owner = callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier ? `${callee.object.name}.` : '';
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
