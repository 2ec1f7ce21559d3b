import type { TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { analyzeOutboundCalls, type DeadlineFinding, type OptionsSite } from '../src/analysis/outbound-calls.js';
import type { DeadlineRemedy } from '../src/util/catalog.js';
import { createRule } from '../src/util/create-rule.js';
import { fixModeSchema, namedFunctionsSchema, type FixMode } from '../src/util/schemas.js';
import { addProperty, appendArguments, insertArgumentAfter, replacePropertyValue } from '../src/util/fix.js';
import { calleeText } from '../src/util/ast.js';
import type { NamedFunction } from '../src/util/references.js';
import { getTypeInfo } from '../src/util/types.js';

export type Options = [
  {
    timeoutMs?: number;
    fix?: FixMode;
    timeoutWrappers?: NamedFunction[];
    fetchFunctions?: NamedFunction[];
    checkCommandLine?: boolean;
  },
];

export type MessageIds = 'noDeadline' | 'deadlineDisabled' | 'instanceWithoutDeadline' | 'suggestSignal' | 'suggestTimeout';

const remedyHint: Record<DeadlineRemedy, string> = {
  signal: 'pass `signal: AbortSignal.timeout(ms)`',
  'timeout-ms': 'set `timeout` (in ms) in its config',
  'timeout-request-ms': 'set `timeout: { request: ms }` in its options',
};

export default createRule<Options, MessageIds>({
  name: 'require-fetch-timeout',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a deadline (timeout or abort signal) on outbound HTTP calls: fetch, axios, got, http.request',
      recommended: 'recommended',
      failureMode: 'deadline-drift',
      strictOptions: { checkCommandLine: true },
      fixOptions: { fix: 'autofix' },
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          timeoutMs: {
            type: 'integer',
            minimum: 1,
            description: 'Timeout, in milliseconds, that suggestions and fixes insert.',
          },
          fix: fixModeSchema(
            '`suggest` offers the timeout as an editor suggestion; `autofix` lets `--fix` insert it, for teams that have settled on `timeoutMs`.',
          ),
          timeoutWrappers: namedFunctionsSchema(
            'Functions that bound the time of the call they are given (`withTimeout(fetch(url))`), added to the built-in catalog.',
          ),
          fetchFunctions: namedFunctionsSchema(
            'Functions with the `fetch(input, init)` signature to check like `fetch` (for example `{ "name": "default", "from": "cross-fetch" }`).',
          ),
          checkCommandLine: {
            type: 'boolean',
            description:
              'Also report calls in interactive command-line code: files that import a prompt library (`inquirer`, `promptly`, a local `./prompt`) and calls after which the process exits (`process.exit()` in their `.then`, or later in the same function).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ timeoutMs: 30000, fix: 'suggest', timeoutWrappers: [], fetchFunctions: [], checkCommandLine: false }],
    messages: {
      noDeadline:
        '`{{call}}` has no deadline, so a stalled upstream stalls this call and whatever waits on it; {{remedy}}.',
      deadlineDisabled:
        '`{{call}}` sets `{{option}}` to a value that disables its deadline; give it a finite timeout.',
      instanceWithoutDeadline:
        '`{{call}}` creates a client with no default timeout, so its requests can hang on a stalled upstream; {{remedy}}.',
      suggestSignal:
        'Add `signal: AbortSignal.timeout({{ms}})` (changes behaviour: the call fails with a TimeoutError after {{ms}} ms).',
      suggestTimeout: 'Set `timeout: {{value}}` (changes behaviour: the call fails after {{ms}} ms).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const timeoutMs = options.timeoutMs ?? 30000;

    function remedyText(remedy: DeadlineRemedy): { key: 'signal' | 'timeout'; value: string } {
      if (remedy === 'signal') return { key: 'signal', value: `AbortSignal.timeout(${timeoutMs})` };
      if (remedy === 'timeout-ms') return { key: 'timeout', value: String(timeoutMs) };
      return { key: 'timeout', value: `{ request: ${timeoutMs} }` };
    }

    function insertAt(fixer: TSESLint.RuleFixer, finding: DeadlineFinding & { site: OptionsSite }, property: string): TSESLint.RuleFix | null {
      const { site, call } = finding;
      if (site.kind === 'object') return addProperty(fixer, sourceCode, site.object, property);
      if (site.after) return insertArgumentAfter(fixer, sourceCode, call, site.after, `{ ${property} }`);
      return appendArguments(fixer, sourceCode, call, site.index, `{ ${property} }`);
    }

    function report(finding: DeadlineFinding): void {
      const { key, value } = remedyText(finding.entry.remedy);
      const fix: TSESLint.ReportFixFunction = (fixer) =>
        finding.kind === 'deadlineDisabled'
          ? replacePropertyValue(fixer, finding.property, value)
          : insertAt(fixer, finding, `${key}: ${value}`);
      const suggestion: TSESLint.SuggestionReportDescriptor<MessageIds> =
        key === 'signal'
          ? { messageId: 'suggestSignal', data: { ms: timeoutMs }, fix }
          : { messageId: 'suggestTimeout', data: { value, ms: timeoutMs }, fix };
      const call = calleeText(sourceCode, finding.call);
      const common = options.fix === 'autofix' ? { fix } : { suggest: [suggestion] };
      if (finding.kind === 'deadlineDisabled') {
        const option = finding.property.key.type === AST_NODE_TYPES.Identifier ? finding.property.key.name : sourceCode.getText(finding.property.key);
        context.report({ node: finding.property, messageId: 'deadlineDisabled', data: { call, option }, ...common });
        return;
      }
      context.report({
        node: finding.call.callee,
        messageId: finding.kind,
        data: { call, remedy: remedyHint[finding.entry.remedy] },
        ...common,
      });
    }

    return {
      Program() {
        const findings = analyzeOutboundCalls(
          sourceCode,
          {
            timeoutWrappers: options.timeoutWrappers ?? [],
            fetchFunctions: options.fetchFunctions ?? [],
            checkCommandLine: options.checkCommandLine ?? false,
          },
          () => getTypeInfo(context),
        );
        for (const finding of findings) report(finding);
      },
    };
  },
});
