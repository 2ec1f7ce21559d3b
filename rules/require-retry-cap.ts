import type { TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode } from '../src/analysis/lifetimes.js';
import { endlessRetryOptions, isUncappedRetryLoop, uncappedRecursiveRetries } from '../src/analysis/retries.js';
import { isFunctionNode } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [];

export type MessageIds = 'retryLoopWithoutCap' | 'recursiveRetryWithoutCap' | 'retryForever';

export default createRule<Options, MessageIds>({
  name: 'require-retry-cap',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a cap on retries: retry loops, recursive retries and retry-library options',
      recommended: 'recommended',
      failureMode: 'retry-storms',
    },
    schema: [],
    messages: {
      retryLoopWithoutCap:
        'This loop retries its `try` block for as long as it fails, with no attempt cap or deadline; count attempts and stop (or rethrow) after a maximum.',
      recursiveRetryWithoutCap:
        '`{{name}}` calls itself again on failure with no attempt limit, so it retries forever; pass an attempt count and stop after a maximum.',
      retryForever:
        '`{{option}}` makes this retry policy retry forever, so callers never see the error; set a finite number of attempts.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    /** Functions that contain a failure path (a catch, a `.catch()`, an `if (err)`), the only ones that can retry from one. */
    const candidates = new Set<FunctionNode>();

    function checkLoop(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): void {
      if (!isUncappedRetryLoop(sourceCode, loop)) return;
      const keyword = sourceCode.getFirstToken(loop);
      context.report({ loc: keyword?.loc ?? loop.loc, messageId: 'retryLoopWithoutCap' });
    }

    function checkFunction(fn: FunctionNode): void {
      for (const call of uncappedRecursiveRetries(sourceCode, fn)) {
        context.report({ node: call.callee, messageId: 'recursiveRetryWithoutCap', data: { name: sourceCode.getText(call.callee) } });
      }
    }

    return {
      WhileStatement: checkLoop,
      DoWhileStatement: checkLoop,
      ForStatement: checkLoop,
      'CatchClause, CallExpression[callee.property.name=/^(catch|then|on|once)$/], IfStatement[test.name=/^(err|error|e)$/]'(node: TSESTree.Node) {
        for (let current = node.parent; current; current = current.parent) {
          if (isFunctionNode(current)) candidates.add(current);
        }
      },
      'Program:exit'() {
        for (const fn of candidates) checkFunction(fn);
        for (const { property, option } of endlessRetryOptions(sourceCode)) {
          context.report({ node: property, messageId: 'retryForever', data: { option } });
        }
      },
    };
  },
});
