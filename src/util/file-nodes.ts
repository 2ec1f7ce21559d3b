import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { memoPerFile } from './memo.js';

/**
 * Nodes of one type that several rules read, collected once per file during ESLint's traversal
 * instead of by a listener in each rule: ESLint calls (and, with `--stats` or `TIMING`, times)
 * every listener of every rule for every matching node, so three rules listening to every call
 * pay for three calls per call.
 *
 * The first rule created for a file gets the collecting listeners to merge into its own
 * (see `mergeListeners`); every rule gets the same list. The list is complete only once the
 * traversal is over, so read it in `Program:exit` (or later), never from another listener.
 */
export interface SharedNodes<T extends TSESTree.Node> {
  /** The file's nodes of the type, in traversal order (by start offset); complete from `Program:exit` on. */
  readonly nodes: readonly T[];
  /** Listeners to merge into the rule's own: the collecting ones for the first rule of a file, none for the others. */
  readonly listeners: TSESLint.RuleListener;
}

/**
 * `claimed`: a rule has the collecting listeners and traversal has not begun (all rules are created
 * before it begins); `collecting`: traversal is under way; `complete`: it ended, the list is whole.
 * A list left `collecting` belongs to a traversal of this AST that never finished (a rule threw
 * while the same SourceCode object was linted before): it is collected again.
 */
interface Collection<T> {
  readonly nodes: T[];
  state: 'unclaimed' | 'claimed' | 'collecting' | 'complete';
}

function sharedNodes<T extends TSESTree.Node>(sourceCode: Readonly<TSESLint.SourceCode>, type: T['type'], key: string): SharedNodes<T> {
  const collection = memoPerFile<Collection<T>>(sourceCode, key, () => ({ nodes: [], state: 'unclaimed' }));
  if (collection.state === 'claimed' || collection.state === 'complete') return { nodes: collection.nodes, listeners: {} };
  collection.nodes.length = 0;
  collection.state = 'claimed';
  const { nodes } = collection;
  return {
    nodes,
    listeners: {
      Program() {
        collection.state = 'collecting';
      },
      [type](node: T) {
        nodes.push(node);
      },
      'Program:exit'() {
        collection.state = 'complete';
      },
    },
  };
}

/** Every `CallExpression` of the file (see {@link SharedNodes}). */
export function fileCallExpressions(sourceCode: Readonly<TSESLint.SourceCode>): SharedNodes<TSESTree.CallExpression> {
  return sharedNodes(sourceCode, AST_NODE_TYPES.CallExpression, 'shared-nodes:calls');
}

/** Every `MemberExpression` of the file (see {@link SharedNodes}). */
export function fileMemberExpressions(sourceCode: Readonly<TSESLint.SourceCode>): SharedNodes<TSESTree.MemberExpression> {
  return sharedNodes(sourceCode, AST_NODE_TYPES.MemberExpression, 'shared-nodes:members');
}
