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
    assumeRepeats?: boolean;
  },
];

export type MessageIds = 'listenerLeak' | 'listenerLeakAssumed';

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
      strictOptions: { checkOnce: true, assumeRepeats: true },
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
          assumeRepeats: {
            type: 'boolean',
            description:
              'Also report registrations in code the file does not show to repeat or to run once (an exported helper, a public method), assuming it runs per call.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkOnce: false, assumeRepeats: false }],
    messages: {
      listenerLeak:
        '`{{emitter}}.{{method}}({{event}})` adds a listener on each call of {{fn}} and never removes it; remove it with `off` when done, or pass `{ signal }`.',
      listenerLeakAssumed:
        '`{{emitter}}.{{method}}({{event}})` adds a listener on each call of {{fn}}, assumed to run per call, and never removes it; remove it with `off` or pass `{ signal }`.',
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
          const registration = judgeRegistration(sourceCode, call, index, { assumeRepeats: options.assumeRepeats ?? false });
          if (!registration) continue;
          const event = call.arguments[0];
          const eventText = event ? sourceCode.getText(event) : '';
          context.report({
            node: call.callee.property,
            messageId: registration.assumed ? 'listenerLeakAssumed' : 'listenerLeak',
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
