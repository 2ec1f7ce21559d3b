import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../src/util/eslint-utils.js';

import { classOfThis, enclosingFunction, runsAtSetup, siteRunsOnce } from '../src/analysis/lifetimes.js';
import { hasSignalOption, isRaced } from '../src/analysis/races.js';
import { enclosingPromise, fileTimers, handleUse } from '../src/analysis/timers.js';
import { referenceText, staticKeyName, variableOf } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [
  {
    closeMethods?: string[];
  },
];

export type MessageIds = 'raceTimerNotCleared' | 'intervalDiscarded' | 'intervalNotClearedOnClose';

export default createRule<Options, MessageIds>({
  name: 'no-leaked-timer',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow timeout timers left running after a race and intervals that can never be stopped',
      recommended: 'recommended',
      failureMode: 'timer-accumulation',
    },
    schema: [
      {
        type: 'object',
        properties: {
          closeMethods: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Names of the methods that end an object’s life, where an interval it holds must be cleared.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ closeMethods: ['close', 'stop', 'dispose', 'destroy', 'shutdown', 'end', 'disconnect', 'quit', 'terminate'] }],
    messages: {
      raceTimerNotCleared:
        'This race\'s timeout is never cleared, so each call leaves a live timer behind; `clearTimeout` it in `finally`, or pass `AbortSignal.timeout(ms)` instead.',
      intervalDiscarded:
        'This `setInterval` handle is discarded, so each call of the enclosing {{fn}} starts an interval that never stops; keep the handle and clear it.',
      intervalNotClearedOnClose:
        '`{{target}}` holds an interval that `{{method}}()` never clears, so a closed instance keeps running; call `clearInterval({{target}})` in `{{method}}()`.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const closeMethods = new Set(options.closeMethods ?? []);

    function closeMethodOf(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): string | null {
      for (const member of classNode.body.body) {
        if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
        const name = staticKeyName(member);
        if (name !== null && closeMethods.has(name)) return name;
      }
      return null;
    }

    return {
      'Program:exit'() {
        const { timers, cleared, races } = fileTimers(sourceCode);
        for (const { call, kind } of timers) {
          if (kind === 'promise-timeout') {
            if (!hasSignalOption(call) && isRaced(sourceCode, call, races)) {
              context.report({ node: call.callee, messageId: 'raceTimerNotCleared' });
            }
            continue;
          }
          const use = handleUse(call);
          const keptIn = use.kind === 'kept' ? use.target : null;
          if (kind === 'timeout') {
            const promise = enclosingPromise(call);
            if (!promise || !isRaced(sourceCode, promise, races)) continue;
            if (use.kind === 'kept' && (keptIn === null || cleared.has(referenceText(sourceCode, keptIn)))) continue;
            context.report({ node: call.callee, messageId: 'raceTimerNotCleared' });
            continue;
          }
          // setInterval
          const fn = enclosingFunction(call);
          const unused =
            keptIn?.type === AST_NODE_TYPES.Identifier &&
            variableOf(sourceCode, keptIn)?.references.every((ref) => ref.isWrite()) === true;
          if (use.kind === 'discarded' || unused) {
            // Module-level and start-up intervals are process-lifetime housekeeping, by design.
            if (!fn || siteRunsOnce(sourceCode, call) || runsAtSetup(call)) continue;
            context.report({ node: call.callee, messageId: 'intervalDiscarded', data: { fn: ASTUtils.getFunctionNameWithKind(fn, sourceCode) } });
            continue;
          }
          // Kept on the instance: `this.timer = setInterval(…)` or a field `timer = setInterval(…)`.
          let classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression | null = null;
          let target: string | null = null;
          if (keptIn?.type === AST_NODE_TYPES.MemberExpression && keptIn.object.type === AST_NODE_TYPES.ThisExpression) {
            classNode = classOfThis(keptIn.object);
            target = referenceText(sourceCode, keptIn);
          } else if (keptIn?.type === AST_NODE_TYPES.PropertyDefinition && !keptIn.static) {
            const key = keptIn.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${keptIn.key.name}` : staticKeyName(keptIn);
            classNode = keptIn.parent.parent;
            target = key === null ? null : `this.${key}`;
          }
          const method = classNode ? closeMethodOf(classNode) : null;
          if (method === null || target === null || cleared.has(target)) continue;
          context.report({ node: call.callee, messageId: 'intervalNotClearedOnClose', data: { target, method } });
        }
      },
    };
  },
});
