import type { TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { prepareShutdownAnalysis, type AbruptExit } from '../src/analysis/shutdown.js';
import { calleeText } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { namesSchema } from '../src/util/schemas.js';

export type Options = [
  {
    closeMethods?: string[];
    shutdownModules?: string[];
    checkUnknownWaits?: boolean;
  },
];

export type MessageIds = 'exitBeforeDrain' | 'exitAfterUnawaitedClose';

export default createRule<Options, MessageIds>({
  name: 'no-abrupt-shutdown',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow termination-signal handlers that exit the process before servers, workers and pools are closed',
      recommended: 'strict',
      failureMode: 'lost-work',
      strictOptions: { checkUnknownWaits: true },
    },
    schema: [
      {
        type: 'object',
        properties: {
          closeMethods: namesSchema(
            'Method or function names that close or drain something, added to the built-in ones (`close`, `end`, `quit`, `disconnect`, `stop`, `shutdown`, ' +
              '`flush`, …); each also matches as a prefix (`drainJobs` for `drain`).',
          ),
          shutdownModules: namesSchema(
            'Shutdown libraries, added to the built-in ones (`@godaddy/terminus`, `http-terminator`, `lightship`, `close-with-grace`, …): a file that ' +
              'imports one is not checked.',
          ),
          checkUnknownWaits: {
            type: 'boolean',
            description:
              'Also report exits that follow only waits the rule does not recognise as closing anything (`await notifyPeers(); process.exit(0)`, an exit ' +
              'in the callback of an unknown call).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ closeMethods: [], shutdownModules: [], checkUnknownWaits: false }],
    messages: {
      exitBeforeDrain:
        'The {{signal}} handler calls `{{exit}}` with nothing closed or drained, dropping the work in flight; close servers, workers and pools first, then ' +
        'exit.',
      exitAfterUnawaitedClose:
        '`{{close}}` only starts closing and the {{signal}} handler calls `{{exit}}` before it finishes, dropping the work in flight; await it or exit in ' +
        'its callback.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const analysis = prepareShutdownAnalysis(sourceCode, context.filename, {
      closeMethods: options.closeMethods,
      shutdownModules: options.shutdownModules,
      checkUnknownWaits: options.checkUnknownWaits,
    });
    if (!analysis) return {};

    function report(finding: AbruptExit): void {
      const exit = finding.exit.type === AST_NODE_TYPES.CallExpression ? `${calleeText(sourceCode, finding.exit)}()` : sourceCode.getText(finding.exit);
      const signal = finding.signals.join('/');
      if (finding.close) {
        context.report({
          node: finding.exit,
          messageId: 'exitAfterUnawaitedClose',
          data: { signal, exit, close: `${calleeText(sourceCode, finding.close)}()` },
        });
        return;
      }
      context.report({ node: finding.exit, messageId: 'exitBeforeDrain', data: { signal, exit } });
    }

    const listeners: TSESLint.RuleListener = {
      ...analysis.listeners,
      'Program:exit'() {
        for (const finding of analysis.findings()) report(finding);
      },
    };
    return listeners;
  },
});
