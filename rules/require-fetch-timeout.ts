import type { TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { analyzeOutboundCalls, type DeadlineFinding, type OptionsSite } from '../src/analysis/outbound-calls.js';
import type { DeadlineRemedy } from '../src/catalog/index.js';
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

export type MessageIds = 'noDeadline' | 'deadlineDisabled' | 'instanceWithoutDeadline' | 'suggestSignal' | 'suggestTimeout' | 'suggestTimeoutCall';

const remedyHint: Record<DeadlineRemedy, string> = {
  signal: 'pass `signal: AbortSignal.timeout(ms)`',
  'timeout-ms': 'set `timeout` (in ms) in its config',
  'timeout-request-ms': 'set `timeout: { request: ms }` in its options',
  'response-timeout-ms': 'set `response_timeout` (in ms) in its options',
  'timeout-call': 'call `.timeout(ms)` on the request',
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
              'Also report calls in interactive command-line code: files that import a prompt library (`inquirer`, `promptly`, a local `./prompt`) and ' +
              'calls after which the process exits (`process.exit()` in their `.then`, or later in the same function).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ timeoutMs: 30000, fix: 'suggest', timeoutWrappers: [], fetchFunctions: [], checkCommandLine: false }],
    messages: {
      noDeadline: '`{{call}}` has no deadline, so a stalled upstream stalls this call and whatever waits on it; {{remedy}}.',
      deadlineDisabled: '`{{call}}` sets `{{option}}` to a value that disables its deadline; give it a finite timeout.',
      instanceWithoutDeadline: '`{{call}}` creates a client with no default timeout, so its requests can hang on a stalled upstream; {{remedy}}.',
      suggestSignal: 'Add `signal: AbortSignal.timeout({{ms}})` (changes behaviour: the call fails with a TimeoutError after {{ms}} ms).',
      suggestTimeout: 'Set `{{option}}: {{value}}` (changes behaviour: the call fails after {{ms}} ms).',
      suggestTimeoutCall: 'Call `.timeout({{ms}})` on the request (changes behaviour: the request fails after {{ms}} ms).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const timeoutMs = options.timeoutMs;

    /** The option a remedy sets and its text: `signal: AbortSignal.timeout(ms)`, `timeout: ms`, … */
    function remedyText(remedy: DeadlineRemedy, option?: string): { key: string; value: string } {
      const key = option ?? (remedy === 'signal' ? 'signal' : remedy === 'response-timeout-ms' ? 'response_timeout' : 'timeout');
      if (key === 'signal') return { key, value: `AbortSignal.timeout(${timeoutMs})` };
      if (remedy === 'timeout-request-ms' && key === 'timeout') return { key, value: `{ request: ${timeoutMs} }` };
      return { key, value: String(timeoutMs) };
    }

    function insertAt(fixer: TSESLint.RuleFixer, finding: DeadlineFinding & { site: OptionsSite }, key: string, value: string): TSESLint.RuleFix | null {
      const { site, call } = finding;
      const property = `${key}: ${value}`;
      switch (site.kind) {
        case 'object':
          // A literal other calls share, or one from an outer function: override it at this call only.
          if (site.argument) return fixer.replaceText(site.argument, `{ ...${sourceCode.getText(site.argument)}, ${property} }`);
          return addProperty(fixer, sourceCode, site.object, property);
        case 'url': {
          const url = site.argument.type === AST_NODE_TYPES.Identifier && site.argument.name === 'url' ? 'url' : `url: ${sourceCode.getText(site.argument)}`;
          return fixer.replaceText(site.argument, `{ ${url}, ${property} }`);
        }
        case 'chain':
          return fixer.insertTextAfter(site.call, `.timeout(${timeoutMs})`);
        case 'missing':
          if (site.after) return insertArgumentAfter(fixer, sourceCode, call, site.after, `{ ${property} }`);
          return appendArguments(fixer, sourceCode, call, site.index, `{ ${property} }`);
      }
    }

    function disabledFix(finding: Extract<DeadlineFinding, { kind: 'deadlineDisabled' }>, value: string): TSESLint.ReportFixFunction | null {
      // An AbortSignal made where other calls share it would start counting once, for all of them.
      if (finding.shared && finding.option === 'signal') return null;
      const { node, option } = finding;
      return (fixer) => {
        if (node.type !== AST_NODE_TYPES.Property) return fixer.replaceText(node, value);
        if (node.shorthand) return fixer.replaceText(node, `${option}: ${value}`);
        return replacePropertyValue(fixer, node, value);
      };
    }

    function report(finding: DeadlineFinding): void {
      const call = calleeText(sourceCode, finding.call);
      const option = finding.kind === 'deadlineDisabled' && finding.node.type === AST_NODE_TYPES.Property ? finding.option : undefined;
      const { key, value } = remedyText(finding.entry.remedy, option);
      const fix: TSESLint.ReportFixFunction | null =
        finding.kind === 'deadlineDisabled' ? disabledFix(finding, value) : (fixer) => insertAt(fixer, finding, key, value);
      const chain = finding.entry.remedy === 'timeout-call' && option === undefined;
      const suggestion: TSESLint.SuggestionReportDescriptor<MessageIds> | null = !fix
        ? null
        : chain
          ? { messageId: 'suggestTimeoutCall', data: { ms: timeoutMs }, fix }
          : key === 'signal'
            ? { messageId: 'suggestSignal', data: { ms: timeoutMs }, fix }
            : { messageId: 'suggestTimeout', data: { option: key, value, ms: timeoutMs }, fix };
      const common = !fix || !suggestion ? {} : options.fix === 'autofix' ? { fix } : { suggest: [suggestion] };
      if (finding.kind === 'deadlineDisabled') {
        context.report({ node: finding.node, messageId: 'deadlineDisabled', data: { call, option: finding.option }, ...common });
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
            timeoutWrappers: options.timeoutWrappers,
            fetchFunctions: options.fetchFunctions,
            checkCommandLine: options.checkCommandLine,
          },
          () => getTypeInfo(context),
        );
        for (const finding of findings) report(finding);
      },
    };
  },
});
