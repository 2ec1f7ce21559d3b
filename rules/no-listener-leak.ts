import type { TSESTree } from '@typescript-eslint/utils';
import { ASTUtils } from '../src/util/eslint-utils.js';

import {
  ADDING_METHODS,
  ONCE_METHODS,
  REMOVING_METHODS,
  judgeRegistration,
  recordRemoval,
} from '../src/analysis/listeners.js';
import { describeSite } from '../src/analysis/lifetimes.js';
import { referenceText } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [
  {
    checkOnce?: boolean;
  },
];

export type MessageIds = 'listenerLeak';

type MemberCall = TSESTree.CallExpression & { callee: TSESTree.MemberExpression };

const registrationSelector = `CallExpression[callee.type="MemberExpression"][callee.property.name=/^(${[...ADDING_METHODS, ...ONCE_METHODS].join('|')})$/]`;
const removalSelector = `CallExpression[callee.type="MemberExpression"][callee.property.name=/^(${[...REMOVING_METHODS, 'removeAllListeners'].join('|')})$/]`;

export default createRule<Options, MessageIds>({
  name: 'no-listener-leak',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow adding listeners to long-lived emitters from code that runs per call without removing them',
      recommended: 'recommended',
      failureMode: 'listener-accumulation',
      strictOptions: { checkOnce: true },
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkOnce: {
            type: 'boolean',
            description:
              'Also report `.once()` registrations made per call: each stays until its event fires, which for some events (errors, shutdown) is never.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkOnce: false }],
    messages: {
      listenerLeak:
        '`{{emitter}}.{{method}}({{event}})` adds a listener on each call of {{fn}} and never removes it; remove it with `off` when done, or pass `{ signal }`.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const registrations: MemberCall[] = [];
    const index = { removedListeners: new Set<string>(), clearedEmitters: new Set<string>() };
    const onceMethods = new Set(ONCE_METHODS);

    return {
      [registrationSelector](node: MemberCall) {
        const method = ASTUtils.getPropertyName(node.callee);
        if (method !== null && onceMethods.has(method) && !options.checkOnce) return;
        registrations.push(node);
      },
      [removalSelector](node: MemberCall) {
        recordRemoval(sourceCode, node, index);
      },
      'Program:exit'() {
        for (const call of registrations) {
          const registration = judgeRegistration(sourceCode, call, index);
          if (!registration) continue;
          const event = call.arguments[0];
          const eventText = event ? sourceCode.getText(event) : '';
          context.report({
            node: call.callee.property,
            messageId: 'listenerLeak',
            data: {
              emitter: referenceText(sourceCode, registration.emitter),
              method: registration.method,
              event: eventText.length > 30 ? `${eventText.slice(0, 27)}...` : eventText,
              fn: describeSite(registration.fn, sourceCode),
            },
          });
        }
      },
    };
  },
});
