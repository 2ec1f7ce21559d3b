import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { analyzePools, type LimitSite, type PoolFinding } from '../src/analysis/pools.js';
import { calleeText } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { addProperty, appendArguments } from '../src/util/fix.js';

export type Options = [
  {
    maxConnections?: number;
    checkUnlimitedDefaults?: boolean;
  },
];

export type MessageIds = 'noLimit' | 'noLimitByDefault' | 'unlimited' | 'unlimitedInUri' | 'suggestLimit';

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-pool',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow connection pools and keep-alive HTTP agents with no limit on how many connections they open',
      recommended: 'recommended',
      failureMode: 'fd-exhaustion',
      strictOptions: { checkUnlimitedDefaults: true },
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          maxConnections: {
            type: 'integer',
            minimum: 1,
            description: 'The connection limit that suggestions insert (`maxSockets`, `connections`, a pool size).',
          },
          checkUnlimitedDefaults: {
            type: 'boolean',
            description:
              'Also report undici dispatchers (`new Agent()`, `new Pool(origin)`) that set no `connections`: undici opens as many as there are requests ' +
              'unless told otherwise.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxConnections: 50, checkUnlimitedDefaults: false }],
    messages: {
      noLimit: '`{{call}}` keeps sockets alive with no `{{option}}`, so a traffic spike opens one socket per concurrent request; set a finite `{{option}}`.',
      noLimitByDefault:
        '`{{call}}` sets no `{{option}}`, and its default is no limit: a traffic spike opens one connection per concurrent request; set a finite `{{option}}`.',
      unlimited:
        '`{{option}}: {{value}}` means no limit, so `{{call}}` opens a connection per concurrent request until sockets or the server run out; set a finite ' +
        'limit.',
      unlimitedInUri:
        '`{{parameter}}` in this connection string means no limit, so `{{call}}` opens a connection per concurrent operation; set a finite pool size.',
      suggestLimit: 'Set `{{setting}}` (changes behaviour: caps concurrent connections at {{limit}}; requests beyond that wait for a free one).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const limit = options.maxConnections;

    function setLimit(fixer: TSESLint.RuleFixer, call: PoolFinding['call'], site: LimitSite, option: string): TSESLint.RuleFix | null {
      if (site.kind === 'object') return addProperty(fixer, sourceCode, site.object, `${option}: ${limit}`);
      if (site.kind === 'property') return replaceValue(fixer, site.property, option);
      if (call.arguments.length !== site.index) return null;
      return appendArguments(fixer, sourceCode, call, site.index, `{ ${option}: ${limit} }`);
    }

    function replaceValue(fixer: TSESLint.RuleFixer, property: TSESTree.Property, option: string): TSESLint.RuleFix | null {
      if (property.method || property.kind !== 'init') return null;
      if (property.shorthand) return fixer.replaceText(property, `${option}: ${limit}`);
      return fixer.replaceText(property.value, String(limit));
    }

    function replaceParameter(fixer: TSESLint.RuleFixer, finding: Extract<PoolFinding, { kind: 'unlimitedInUri' }>): TSESLint.RuleFix | null {
      if (!finding.literal) return null;
      const text = sourceCode.getText(finding.literal);
      const offset = text.indexOf(finding.parameter);
      if (offset < 0 || text.indexOf(finding.parameter, offset + 1) >= 0) return null;
      const start = finding.literal.range[0] + offset;
      return fixer.replaceTextRange([start, start + finding.parameter.length], `${finding.option}=${limit}`);
    }

    function report(finding: PoolFinding): void {
      const call = calleeText(sourceCode, finding.call);
      if (finding.kind === 'unlimited') {
        context.report({
          node: finding.property,
          messageId: 'unlimited',
          data: { option: finding.option, value: sourceCode.getText(finding.property.value), call },
          suggest: [
            {
              messageId: 'suggestLimit',
              data: { setting: `${finding.option}: ${limit}`, limit },
              fix: (fixer) => replaceValue(fixer, finding.property, finding.option),
            },
          ],
        });
        return;
      }
      if (finding.kind === 'unlimitedInUri') {
        context.report({
          node: finding.argument,
          messageId: 'unlimitedInUri',
          data: { parameter: finding.parameter, call },
          suggest: [
            {
              messageId: 'suggestLimit',
              data: { setting: `${finding.option}=${limit}`, limit },
              fix: (fixer) => replaceParameter(fixer, finding),
            },
          ],
        });
        return;
      }
      context.report({
        node: finding.call.callee,
        messageId: finding.kind,
        data: { call, option: finding.option },
        suggest: [
          {
            messageId: 'suggestLimit',
            data: { setting: `${finding.option}: ${limit}`, limit },
            fix: (fixer) => setLimit(fixer, finding.call, finding.site, finding.option),
          },
        ],
      });
    }

    return {
      Program() {
        for (const finding of analyzePools(sourceCode, { checkUnlimitedDefaults: options.checkUnlimitedDefaults })) report(finding);
      },
    };
  },
});
