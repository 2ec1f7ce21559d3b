import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { lookupProperty, skipTypeWrappers, variableOf } from '../util/ast.js';
import { enclosingFunction, functionBinding } from './lifetimes.js';

/**
 * Whether a promise takes part in a `Promise.race([...])` of the file: as an element of the race
 * array, through a `const` holding it, through a `.then()/.catch()` chain on it, or as what a local
 * helper returns (`function timeout(ms) { return new Promise(…) }` raced as `timeout(ms)`).
 */
export function isRaced(
  sourceCode: Readonly<TSESLint.SourceCode>,
  promise: TSESTree.Node,
  races: readonly TSESTree.CallExpression[],
  depth = 0,
): boolean {
  if (depth > 3) return false;
  let node: TSESTree.Node = promise;
  // new Promise(…).then(…) / .catch(…) / .finally(…): the chain is what gets raced
  for (;;) {
    const member: TSESTree.Node | undefined = node.parent;
    if (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === node &&
      ['then', 'catch', 'finally'].includes(ASTUtils.getPropertyName(member) ?? '') &&
      member.parent.type === AST_NODE_TYPES.CallExpression
    ) {
      node = member.parent;
      continue;
    }
    const wrapper: TSESTree.Node | undefined = node.parent;
    if (wrapper?.type === AST_NODE_TYPES.TSAsExpression || wrapper?.type === AST_NODE_TYPES.TSNonNullExpression) {
      node = wrapper;
      continue;
    }
    break;
  }
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.ArrayExpression) {
    const call = parent.parent;
    return call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === parent && races.includes(call);
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, parent.id);
    return variable?.references.some((ref) => ref.isRead() && isRaced(sourceCode, ref.identifier, races, depth + 1)) === true;
  }
  const returned =
    parent.type === AST_NODE_TYPES.ReturnStatement
      ? enclosingFunction(parent)
      : parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node
        ? parent
        : null;
  if (!returned) return false;
  const binding = functionBinding(returned);
  const variable = binding ? variableOf(sourceCode, binding) : null;
  return (
    variable?.references.some((ref) => {
      const call = ref.identifier.parent;
      return call?.type === AST_NODE_TYPES.CallExpression && call.callee === ref.identifier && isRaced(sourceCode, call, races, depth + 1);
    }) === true
  );
}

/** `timers/promises` `setTimeout(ms, value, { signal })`: a signal lets the caller cancel it after the race. */
export function hasSignalOption(call: TSESTree.CallExpression): boolean {
  const options = call.arguments[2];
  if (!options) return false;
  const value = skipTypeWrappers(options);
  return value.type !== AST_NODE_TYPES.ObjectExpression || lookupProperty(value, ['signal']).kind !== 'absent';
}

/**
 * The `Promise.race([...])` of `races` that has `promise` itself as an element of its array (`x as T`
 * and `x!` around it allowed), or `null` when the promise is raced some other way or not at all.
 */
export function raceOfElement(promise: TSESTree.Node, races: readonly TSESTree.CallExpression[]): TSESTree.CallExpression | null {
  let node: TSESTree.Node = promise;
  while (node.parent?.type === AST_NODE_TYPES.TSAsExpression || node.parent?.type === AST_NODE_TYPES.TSNonNullExpression) node = node.parent;
  const array = node.parent;
  if (array?.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const call = array.parent;
  return call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === array && races.includes(call) ? call : null;
}
