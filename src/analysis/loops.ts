import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { calleeName, isFunctionNode, skipTypeWrappers } from '../util/ast.js';
import { synchronousCallbacks } from '../util/catalog.js';

/**
 * Iteration context: is this code run once per item of a loop or of an array iteration callback?
 */

export type LoopNode =
  | TSESTree.ForStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

export interface Iteration {
  /** The loop statement, or the `items.forEach(…)` call whose callback runs per item. */
  readonly node: LoopNode | TSESTree.CallExpression;
  /** The part that runs per item: the loop body, or the callback. */
  readonly body: TSESTree.Node;
  /** How messages name it: `for…of loop`, `forEach() callback`. */
  readonly description: string;
}

const LOOP_NAMES: Record<LoopNode['type'], string> = {
  [AST_NODE_TYPES.ForStatement]: 'for loop',
  [AST_NODE_TYPES.ForInStatement]: 'for…in loop',
  [AST_NODE_TYPES.ForOfStatement]: 'for…of loop',
  [AST_NODE_TYPES.WhileStatement]: 'while loop',
  [AST_NODE_TYPES.DoWhileStatement]: 'do…while loop',
};

function isLoop(node: TSESTree.Node): node is LoopNode {
  return node.type in LOOP_NAMES;
}

/**
 * The innermost iteration `node` runs in, without crossing a function boundary other than an array
 * iteration callback (`items.forEach((item) => …)`); `null` when it does not run per item.
 */
export function iterationOf(node: TSESTree.Node): Iteration | null {
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (isLoop(parent) && parent.body === child) {
      return { node: parent, body: parent.body, description: LOOP_NAMES[parent.type] };
    }
    if (isFunctionNode(parent)) {
      const call = parent.parent;
      const name = call.type === AST_NODE_TYPES.CallExpression && call.callee !== parent ? calleeName(call) : null;
      if (call.type === AST_NODE_TYPES.CallExpression && name !== null && synchronousCallbacks.has(name) && name !== 'from' && !name.startsWith('replace')) {
        return { node: call, body: parent, description: `${name}() callback` };
      }
      return null;
    }
  }
  return null;
}

/** The largest literal number of iterations, when the loop says it: `for (let i = 0; i < 3; i++)`, `for (const x of [a, b])`. */
export function literalIterationBound(iteration: Iteration): number | null {
  const loop = iteration.node;
  if (loop.type === AST_NODE_TYPES.ForStatement) {
    const test = loop.test && skipTypeWrappers(loop.test);
    if (test?.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '<' || test.operator === '<=')) {
      const right = skipTypeWrappers(test.right);
      if (right.type === AST_NODE_TYPES.Literal && typeof right.value === 'number') return right.value + (test.operator === '<=' ? 1 : 0);
    }
    return null;
  }
  if (loop.type === AST_NODE_TYPES.ForOfStatement) {
    const right = skipTypeWrappers(loop.right);
    return right.type === AST_NODE_TYPES.ArrayExpression ? right.elements.length : null;
  }
  if (loop.type === AST_NODE_TYPES.CallExpression && loop.callee.type === AST_NODE_TYPES.MemberExpression) {
    const items = skipTypeWrappers(loop.callee.object);
    return items.type === AST_NODE_TYPES.ArrayExpression ? items.elements.length : null;
  }
  return null;
}
