import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import {
  ADDING_METHODS,
  ONCE_METHODS,
  REMOVING_METHODS,
  isAbortListenerHelper,
  judgeAbortListener,
  judgeRegistration,
  recordRemoval,
} from '../src/analysis/listeners.js';
import { describeSite } from '../src/analysis/lifetimes.js';
import { mergeListeners } from '../src/analysis/paths.js';
import { calleePropertyName, nameOf, referenceText } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { fileCallExpressions } from '../src/util/file-nodes.js';
import { onceFix, removalFix } from '../src/fixes/no-listener-leak.js';
import { getTypeInfo } from '../src/util/types.js';
import { truncate } from '../src/util/text.js';

export type Options = [
  {
    checkOnce?: boolean;
    assumeRepeats?: boolean;
  },
];

export type MessageIds = 'listenerLeak' | 'listenerLeakAssumed' | 'signalListenerLeak' | 'connectionListenerLeak' | 'suggestOnce' | 'suggestRemoveListener';

type MemberCall = TSESTree.CallExpression & { callee: TSESTree.MemberExpression };

const registrationMethods = new Set([...ADDING_METHODS, ...ONCE_METHODS]);
const removalMethods = new Set([...REMOVING_METHODS, 'removeAllListeners']);

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
    hasSuggestions: true,
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
              'Also report registrations in code the file does not show to repeat or to run once (an exported helper, a public method), assuming it runs ' +
              'per call.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkOnce: false, assumeRepeats: false }],
    messages: {
      listenerLeak:
        '`{{emitter}}.{{method}}({{event}})` adds a listener on each call of {{fn}} and never removes it; remove it with `off` when done, or pass `{ ' +
        'signal }`.',
      listenerLeakAssumed:
        '`{{emitter}}.{{method}}({{event}})` adds a listener on each call of {{fn}}, assumed to run per call, and never removes it; remove it with `off` ' +
        'or pass `{ signal }`.',
      signalListenerLeak:
        "`{{emitter}}.{{method}}({{event}})` stays on the caller's signal after each call of {{fn}} settles; remove it when the call settles, in a `finally`.",
      connectionListenerLeak:
        '`{{emitter}}.{{method}}({{event}})` adds a listener per call of {{fn}} to a connection that outlives the request; remove it when the request ends.',
      suggestOnce: 'Register it with `{{replacement}}` (changes behaviour: the listener runs at most once, then is removed).',
      suggestRemoveListener: 'Remove it with `{{removal}}` {{where}} (changes behaviour: the listener is removed when that work ends).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const registrations: MemberCall[] = [];
    const index = { removedListeners: new Set<string>(), clearedEmitters: new Set<string>() };
    const abortListeners: TSESTree.CallExpression[] = [];

    // the file's calls, collected once for every rule that reads them
    const calls = fileCallExpressions(sourceCode);

    return mergeListeners(calls.listeners, {
      'Program:exit'() {
        for (const node of calls.nodes) {
          const method = calleePropertyName(node);
          if (method !== null && registrationMethods.has(method)) registrations.push(node as MemberCall);
          else if (method !== null && removalMethods.has(method)) recordRemoval(sourceCode, node as MemberCall, index);
          else if ((method ?? nameOf(node.callee)) === 'addAbortListener' && isAbortListenerHelper(sourceCode, node)) abortListeners.push(node);
        }
        for (const call of abortListeners) {
          const found = judgeAbortListener(sourceCode, call, { assumeRepeats: options.assumeRepeats });
          if (!found) continue;
          context.report({
            node: call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.property : call.callee,
            messageId: 'signalListenerLeak',
            data: { emitter: 'events', method: 'addAbortListener', event: referenceText(sourceCode, found.emitter), fn: describeSite(found.fn, sourceCode) },
          });
        }
        for (const call of registrations) {
          const registration = judgeRegistration(sourceCode, call, index, { assumeRepeats: options.assumeRepeats, checkOnce: options.checkOnce });
          if (!registration) continue;
          const event = call.arguments[0];
          const eventText = event ? sourceCode.getText(event) : '';
          const types = getTypeInfo(context);
          const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
          // With checkOnce a `once` registration is reported too: it would not end the finding; nor
          // on a signal or a connection, where the listener would wait for the emitter's end.
          const once = options.checkOnce || registration.shape !== 'emitter' ? null : onceFix(sourceCode, registration, types);
          if (once) suggest.push({ messageId: 'suggestOnce', data: { replacement: once.replacement }, fix: once.fix });
          const removal = removalFix(sourceCode, registration, types);
          if (removal) suggest.push({ messageId: 'suggestRemoveListener', data: { removal: removal.removal, where: removal.where }, fix: removal.fix });
          context.report({
            ...(suggest.length > 0 ? { suggest } : {}),
            node: call.callee.property,
            messageId:
              registration.shape === 'caller-signal'
                ? 'signalListenerLeak'
                : registration.shape === 'connection'
                  ? 'connectionListenerLeak'
                  : registration.assumed
                    ? 'listenerLeakAssumed'
                    : 'listenerLeak',
            data: {
              emitter: referenceText(sourceCode, registration.emitter),
              method: registration.method,
              event: truncate(eventText, 30),
              fn: describeSite(registration.fn, sourceCode),
            },
          });
        }
      },
    });
  },
});
