import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isHandleCleared, literalIterationBound, iterationOf, maxDelay } from '../src/analysis/loops.js';
import { enclosingPromise, fileTimers, handleUse, loopSlotRearmed } from '../src/analysis/timers.js';
import { referenceText } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { awaitDelay, clearStoredInterval, sequentialStagger } from '../src/fixes/no-timer-in-loop.js';
import { getTypeInfo, typeSymbolNames } from '../src/util/types.js';

export type Options = [
  {
    maxLiteralIterations?: number;
    shortDelayMs?: number;
  },
];

export type MessageIds = 'timerInLoop' | 'intervalInLoop' | 'suggestAwaitDelay' | 'suggestSequentialStagger' | 'suggestClearStoredInterval';

/** Collections whose `forEach` passes a key, not an index, as the second argument. */
const KEYED_COLLECTIONS = new Set(['Map', 'ReadonlyMap', 'Set', 'ReadonlySet', 'URLSearchParams', 'Headers', 'FormData']);

export default createRule<Options, MessageIds>({
  name: 'no-timer-in-loop',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating a timer per loop iteration without clearing it in that iteration',
      recommended: 'recommended',
      failureMode: 'timer-accumulation',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          maxLiteralIterations: {
            type: 'integer',
            minimum: 0,
            description:
              'A `setTimeout` in a loop whose iteration count is a literal no larger than this (`for (let i = 0; i < 3; i++)`, `for (const x of [a, b])`) ' +
              'is bounded and not reported.',
          },
          shortDelayMs: {
            type: 'integer',
            minimum: 0,
            description:
              'A `setTimeout` in a loop whose delay is at most this many milliseconds, as the code states it (`500`, a constant, `Math.random() * 1500`), ' +
              'fires before timers can pile up and is not reported.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxLiteralIterations: 10, shortDelayMs: 2000 }],
    messages: {
      timerInLoop:
        '`setTimeout` is created on each iteration of this {{loop}} and never cleared, so timers pile up; clear it in the iteration or use one timer for ' +
        'the batch.',
      intervalInLoop:
        '`setInterval` is started on each iteration of this {{loop}}; start one interval for all items, or keep each handle and clear it when its item is ' +
        'done.',
      suggestAwaitDelay:
        'Wait with `await {{name}}(…)` from `node:timers/promises` (changes behaviour: iterations run one after another, each waiting for the delay).',
      suggestSequentialStagger:
        'Run the items in turn, with `await {{name}}({{delay}})` after each (changes behaviour: the first runs during the call; a throw in one is ' +
        'unhandled and skips the rest).',
      suggestClearStoredInterval:
        'Clear the interval stored under this key first (changes behaviour: running this again with the same key stops the interval it replaces, not ' +
        'leaving it running).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const maxLiteral = options.maxLiteralIterations;
    const shortDelay = options.shortDelayMs;
    const commonJs = context.languageOptions.sourceType === 'commonjs' || context.languageOptions.sourceType === 'script';
    // with types, items whose `forEach` passes keys (a Map) are not an array to loop over
    const types = getTypeInfo(context);
    const notKeyed = types ? (node: TSESTree.Node): boolean => !typeSymbolNames(types.typeOf(node)).some((name) => KEYED_COLLECTIONS.has(name)) : null;
    return {
      'Program:exit'() {
        const { timers, cleared } = fileTimers(sourceCode);
        for (const { call, kind } of timers) {
          if (kind === 'promise-timeout') continue;
          const iteration = iterationOf(call);
          if (!iteration) continue;
          // Each handle kept and cleared when its item is done: the remedy the messages give.
          if (isHandleCleared(sourceCode, call)) continue;
          if (kind === 'interval') {
            const cleared = clearStoredInterval(sourceCode, call);
            const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = cleared ? [{ messageId: 'suggestClearStoredInterval', fix: cleared }] : [];
            context.report({ node: call.callee, messageId: 'intervalInLoop', data: { loop: iteration.description }, suggest });
            continue;
          }
          // Promise-wrapped timers are sleeps (`await new Promise((r) => setTimeout(r, ms))`) or race
          // timeouts (no-leaked-timer's concern): awaited one at a time, not piling up.
          if (enclosingPromise(sourceCode, call)) continue;
          // A short delay (`setTimeout(() => s.disconnect(), 500)`) fires before timers can pile up.
          const delay = maxDelay(sourceCode, call.arguments[1]);
          if (delay !== null && delay <= shortDelay) continue;
          const bound = literalIterationBound(iteration, sourceCode);
          if (bound !== null && bound <= maxLiteral) continue;
          const use = handleUse(sourceCode, call);
          // Kept somewhere the rule cannot follow (a map of timers per item), or cleared by its handle —
          // unless that handle is one slot for all items (`this.timer`, a variable outside the loop),
          // which each iteration overwrites without looking at it first.
          if (
            use.kind === 'kept' &&
            (use.target === null || cleared.has(referenceText(sourceCode, use.target))) &&
            !loopSlotRearmed(sourceCode, call, iteration.body)
          )
            continue;
          const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
          const awaited = awaitDelay(sourceCode, call, iteration, commonJs);
          if (awaited) suggest.push({ messageId: 'suggestAwaitDelay', data: { name: awaited.name }, fix: awaited.fix });
          const staggered = sequentialStagger(sourceCode, call, iteration, commonJs, notKeyed);
          if (staggered) suggest.push({ messageId: 'suggestSequentialStagger', data: { name: staggered.name, delay: staggered.delay }, fix: staggered.fix });
          context.report({ node: call.callee, messageId: 'timerInLoop', data: { loop: iteration.description }, suggest });
        }
      },
    };
  },
});
