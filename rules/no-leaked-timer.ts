import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../src/util/eslint-utils.js';

import { enclosingFunction } from '../src/analysis/lifetimes.js';
import { lifecycleEndMethods } from '../src/catalog/index.js';
import { iterationOf } from '../src/analysis/loops.js';
import { repeatVerdict, siteRepetition, type RepeatVerdict } from '../src/analysis/repetition.js';
import { hasSignalOption, isRaced, isTimeoutHelper, raceCalls } from '../src/analysis/races.js';
import {
  abortDeadline,
  closableOwner,
  enclosingPromise,
  fileTimers,
  handleNeverCleared,
  handleSlot,
  handleUse,
  rearmsLiveSlot,
  rejectsExecutor,
  slotRepetition,
  unclearedIntervalField,
} from '../src/analysis/timers.js';
import { referenceText, variableOf } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { namesSchema } from '../src/util/schemas.js';
import {
  clearBeforeRearm,
  clearDeadlineInFinally,
  clearIntervalInClose,
  intervalOnCloseRemedies,
  intervalRemedies,
  isTypeScriptFile,
  raceRemedies,
} from '../src/fixes/no-leaked-timer.js';

export type Options = [
  {
    closeMethods?: string[];
    assumeRepeats?: boolean;
  },
];

export type MessageIds =
  | 'raceTimerNotCleared'
  | 'raceTimerNotClearedAssumed'
  | 'intervalDiscarded'
  | 'intervalDiscardedAssumed'
  | 'intervalNotClearedOnClose'
  | 'intervalDiscardedOnClose'
  | 'timerRearmed'
  | 'timerRearmedAssumed'
  | 'deadlineNotCleared'
  | 'deadlineNotClearedAssumed'
  | 'suggestClearBeforeRearm'
  | 'suggestClearDeadline'
  | 'suggestClearTimer'
  | 'suggestAbortSignal'
  | 'suggestClearInClose'
  | 'suggestKeepOnInstance'
  | 'suggestAddClose'
  | 'suggestClearOnResponseClose';

export default createRule<Options, MessageIds>({
  name: 'no-leaked-timer',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow timeout timers left running after a race and intervals that can never be stopped',
      recommended: 'recommended',
      failureMode: 'timer-accumulation',
      strictOptions: { assumeRepeats: true },
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          closeMethods: namesSchema('Names of the methods that end an object’s life, where an interval it holds must be cleared.'),
          assumeRepeats: {
            type: 'boolean',
            description:
              'Also report races and intervals in code the file does not show to repeat or to run once (an exported helper, a public method), assuming it ' +
              'runs per call.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ closeMethods: [...lifecycleEndMethods], assumeRepeats: false }],
    messages: {
      raceTimerNotCleared:
        "This race's timeout is never cleared, so each call leaves a live timer behind; `clearTimeout` it in `finally`, or pass `AbortSignal.timeout(ms)` " +
        'instead.',
      intervalDiscarded:
        'This `setInterval` handle is discarded, so each call of the enclosing {{fn}} starts an interval that never stops; keep the handle and clear it.',
      intervalNotClearedOnClose:
        '`{{target}}` holds an interval that `{{method}}()` never clears, so a closed instance keeps running; call `clearInterval({{target}})` in ' +
        '`{{method}}()`.',
      raceTimerNotClearedAssumed:
        "This race's timeout is never cleared, so each call (assumed to repeat) leaves a live timer; `clearTimeout` it in `finally`, or use " +
        '`AbortSignal.timeout(ms)`.',
      intervalDiscardedAssumed:
        'This `setInterval` handle is discarded, so each call of {{fn}} (assumed to run per call) starts an interval that never stops; keep the handle and ' +
        'clear it.',
      intervalDiscardedOnClose:
        'This `setInterval` handle is discarded, so `{{method}}()` can never stop it and a closed instance keeps running; keep it on the instance and ' +
        'clear it there.',
      timerRearmed:
        '`{{target}}` is re-armed each time this runs without clearing its timer, so earlier timers keep running and cannot be cleared; call ' +
        '`{{clear}}({{target}})` first.',
      timerRearmedAssumed:
        '`{{target}}` is re-armed each time this runs (assumed to repeat) without clearing its timer, so earlier timers keep running; call ' +
        '`{{clear}}({{target}})` first.',
      deadlineNotCleared:
        'This deadline timer is never cleared, so each call keeps it and what it aborts alive for the full delay; clear it in `finally` or use ' +
        '`AbortSignal.timeout(ms)`.',
      deadlineNotClearedAssumed:
        'This deadline timer is never cleared, so each call (assumed to repeat) keeps it for the full delay; clear it in `finally`, or use ' +
        '`AbortSignal.timeout(ms)`.',
      suggestClearBeforeRearm: 'Call `{{clear}}({{target}})` before starting the next timer (changes behaviour: the earlier timer no longer fires).',
      suggestClearDeadline:
        'Clear the deadline in `finally` once the rest of the function has run (changes behaviour: work still running after the function returns is no ' +
        'longer aborted).',
      suggestClearTimer:
        'Keep the timer’s handle and clear it when the race settles (changes behaviour: its callback no longer runs after the race has settled).',
      suggestAbortSignal:
        'Pass `signal: AbortSignal.timeout(…)` to `fetch` instead of racing a timer (changes behaviour: the request is aborted and fails with a TimeoutError).',
      suggestClearInClose: 'Call `clearInterval({{target}})` in `{{method}}()` (changes behaviour: the interval stops when the instance is closed).',
      suggestKeepOnInstance:
        'Keep the handle in `{{field}}` and clear it in `{{method}}()` (changes behaviour: the interval stops when the instance is closed).',
      suggestAddClose:
        'Keep the handle in `{{field}}` and clear it in a new `close()` method (changes behaviour: the interval stops once callers call `close()`).',
      suggestClearOnResponseClose:
        'Keep the handle and clear it when `{{emitter}}` closes (changes behaviour: the interval stops when the response ends or the client goes away).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const closeMethods = new Set(options.closeMethods);
    const assumeRepeats = options.assumeRepeats;
    const races = (): readonly TSESTree.CallExpression[] => raceCalls(sourceCode); // looked up only for a timer that may be raced
    /** Whether a timer repeats per call, by what the file shows (or by assumption, when asked). */
    const repeats = (call: TSESTree.CallExpression): RepeatVerdict => repeatVerdict(siteRepetition(sourceCode, call), assumeRepeats);

    return {
      'Program:exit'() {
        const { timers, cleared } = fileTimers(sourceCode);
        for (const { call, kind } of timers) {
          if (kind === 'promise-timeout') {
            if (hasSignalOption(call) || !(isRaced(sourceCode, call, races()) || isTimeoutHelper(sourceCode, call, false))) continue;
            const verdict = repeats(call);
            if (verdict) context.report({ node: call.callee, messageId: verdict === 'assumed' ? 'raceTimerNotClearedAssumed' : 'raceTimerNotCleared' });
            continue;
          }
          const use = handleUse(sourceCode, call);
          const keptIn = use.kind === 'kept' ? use.target : null;
          // A slot armed again before its timer fires: `this.timer = setTimeout(…)` per message.
          const slot = handleSlot(sourceCode, call);
          if (slot && (kind === 'interval' || cleared.has(slot.text))) {
            // An interval slot is mostly armed by a start() that runs once, by name or not: only
            // what the file shows to repeat counts for it, even when unknown code is assumed to.
            const verdict = repeatVerdict(slotRepetition(sourceCode, call, slot), assumeRepeats);
            if (verdict && (kind !== 'interval' || verdict === 'evidence') && rearmsLiveSlot(sourceCode, call, slot)) {
              const data = { target: slot.text, clear: kind === 'interval' ? ('clearInterval' as const) : ('clearTimeout' as const) };
              const fix = clearBeforeRearm(sourceCode, slot.assignment, data.clear, slot.text, slot, isTypeScriptFile(context.filename));
              context.report({
                node: call.callee,
                messageId: verdict === 'assumed' ? 'timerRearmedAssumed' : 'timerRearmed',
                data,
                ...(fix ? { suggest: [{ messageId: 'suggestClearBeforeRearm', data, fix }] } : {}),
              });
              continue;
            }
          }
          if (kind === 'timeout') {
            const promise = enclosingPromise(sourceCode, call);
            if (!promise) {
              // A manual deadline for this call's work, never cleared. In a loop it is no-timer-in-loop's.
              if (abortDeadline(sourceCode, call) === null || !handleNeverCleared(sourceCode, call) || iterationOf(call)) continue;
              const verdict = repeats(call);
              if (verdict) {
                const fix = clearDeadlineInFinally(sourceCode, call);
                context.report({
                  node: call.callee,
                  messageId: verdict === 'assumed' ? 'deadlineNotClearedAssumed' : 'deadlineNotCleared',
                  ...(fix ? { suggest: [{ messageId: 'suggestClearDeadline', fix }] } : {}),
                });
              }
              continue;
            }
            if (!isRaced(sourceCode, promise, races()) && !isTimeoutHelper(sourceCode, promise, rejectsExecutor(sourceCode, call, promise))) continue;
            if (use.kind === 'kept' && (keptIn === null || cleared.has(referenceText(sourceCode, keptIn)))) continue;
            // A race that runs once (a shutdown path) leaves one timer, not one per call.
            const verdict = repeats(call);
            if (verdict) {
              context.report({
                node: call.callee,
                messageId: verdict === 'assumed' ? 'raceTimerNotClearedAssumed' : 'raceTimerNotCleared',
                ...(use.kind === 'discarded' ? raceRemedies(sourceCode, context.filename, call, promise, races()) : {}),
              });
            }
            continue;
          }
          // setInterval: discarded, or kept in a variable nobody reads.
          const fn = enclosingFunction(call);
          const unused = keptIn?.type === AST_NODE_TYPES.Identifier && variableOf(sourceCode, keptIn)?.references.every((ref) => ref.isWrite()) === true;
          if (use.kind === 'discarded' || unused) {
            // Module-level and start-up intervals are process-lifetime housekeeping, by design.
            if (!fn) continue;
            const verdict = repeats(call);
            // Started by an object with a close method that can never stop it: that matters when instances are
            // closed and made again while the process runs, which the file does not prove (a factory may make
            // one per fixed key at start-up), so only where repetition is assumed (strict's assumeRepeats), a start() included.
            const owner = assumeRepeats && verdict !== 'evidence' ? closableOwner(sourceCode, call, closeMethods) : null;
            if (owner) {
              context.report({
                node: call.callee,
                messageId: 'intervalDiscardedOnClose',
                data: { method: owner.method },
                ...(use.kind === 'discarded' ? intervalOnCloseRemedies(sourceCode, call, fn, owner.classNode, owner.method, closeMethods) : {}),
              });
              continue;
            }
            if (!verdict) continue;
            context.report({
              node: call.callee,
              messageId: verdict === 'assumed' ? 'intervalDiscardedAssumed' : 'intervalDiscarded',
              data: { fn: ASTUtils.getFunctionNameWithKind(fn, sourceCode) },
              ...(use.kind === 'discarded' ? intervalRemedies(sourceCode, call, fn, closeMethods) : {}),
            });
            continue;
          }
          // Kept on the instance (`this.timer = setInterval(…)`, a field) of a class whose close method never clears it.
          const field = unclearedIntervalField(sourceCode, keptIn, cleared, closeMethods);
          if (!field) continue;
          const { classNode, target, method } = field;
          const near = keptIn?.type === AST_NODE_TYPES.PropertyDefinition ? keptIn : (keptIn?.parent?.parent ?? call);
          const clear = clearIntervalInClose(sourceCode, classNode, method, target, near, isTypeScriptFile(context.filename));
          context.report({
            node: call.callee,
            messageId: 'intervalNotClearedOnClose',
            data: { target, method },
            ...(clear ? { suggest: [{ messageId: 'suggestClearInClose', data: { target, method }, fix: clear }] } : {}),
          });
        }
      },
    };
  },
});
