import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { analyzeFanOut } from '../src/analysis/fan-out.js';
import { importResolves } from '../src/fixes/edits.js';
import { batchFix, concurrencyFix, mappedFanOut, pLimitMapFix, pLimitPushFix, pMapFix } from '../src/fixes/no-unbounded-concurrency.js';
import { createRule } from '../src/util/create-rule.js';
import { fixModeSchema, namedFunctionsSchema, namesSchema, type FixMode } from '../src/util/schemas.js';
import type { NamedFunction } from '../src/util/references.js';
import { getTypeInfo } from '../src/util/types.js';

export type Options = [
  {
    maxLiteralItems?: number;
    boundedNames?: string[];
    limiters?: NamedFunction[];
    limiter?: Limiter;
    concurrency?: number;
    fix?: FixMode;
  },
];

/** How the remedies bound a fan-out: batches with no dependency, or the p-map / p-limit package. */
export type Limiter = 'none' | 'p-map' | 'p-limit';

export type MessageIds = 'unboundedFanOut' | 'unlimitedConcurrency' | 'suggestBatches' | 'suggestPMap' | 'suggestPLimit' | 'suggestConcurrency';

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-concurrency',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Promise.all over one concurrent operation per item of data-sized input',
      // On real code most fan-outs are over collections sized by configuration, not by a request:
      // a review aid for teams that want it, not a default.
      recommended: 'strict',
      failureMode: 'load-amplification',
      fixOptions: { fix: 'autofix' },
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          maxLiteralItems: {
            type: 'integer',
            minimum: 0,
            description:
              'Collections the code bounds with a literal at most this large are fine: `[a, b, c]`, `items.slice(0, 10)`, a loop to a literal, a query ' +
              'with `.limit(20)`. Batches run one after another (`items.slice(i, i + BATCH)`, `chunk(items, n)`, `splice(0, n)`) are fine at any finite ' +
              'size.',
          },
          boundedNames: namesSchema('Names of collections known to be small (`regions`, `SHARDS`), by variable or property name.'),
          limiters: namedFunctionsSchema(
            'Concurrency limiter factories besides the built-in catalog (p-limit, p-queue, bottleneck, …), whose instances bound the work mapped through them.',
          ),
          limiter: {
            type: 'string',
            enum: ['none', 'p-map', 'p-limit'],
            description:
              'How the remedy bounds the fan-out: `none` runs the items in batches of `concurrency` with no dependency; `p-map` and `p-limit` use that ' +
              'package (added as an import).',
          },
          concurrency: {
            type: 'integer',
            minimum: 1,
            description: 'How many operations the remedy lets run at once (the batch size, or the limit given to p-map / p-limit).',
          },
          fix: fixModeSchema(
            '`suggest` offers the remedy as an editor suggestion; `autofix` lets `--fix` apply the one for `limiter` at `concurrency`, for teams that have ' +
              'settled on both.',
          ),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxLiteralItems: 100, boundedNames: [], limiters: [], limiter: 'none', concurrency: 10, fix: 'suggest' }],
    messages: {
      unboundedFanOut:
        '`{{combinator}}` starts one operation per item of `{{items}}`, all at once; limit concurrency with p-map (`{ concurrency: 8 }`) or p-limit.',
      unlimitedConcurrency: '`{{combinator}}` runs every item of `{{items}}` at once, with {{unlimited}}; give it a finite concurrency (`{ concurrency: 8 }`).',
      suggestBatches: 'Run `{{items}}` in batches of {{size}}, one batch after another (changes behaviour: at most {{size}} at once, in more time).',
      suggestPMap: 'Map `{{items}}` with p-map at `{ concurrency: {{size}} }` (adds the p-map dependency; at most {{size}} run at once).',
      suggestPLimit: 'Queue each operation through p-limit({{size}}) (adds the p-limit dependency; at most {{size}} run at once).',
      suggestConcurrency: 'Set the concurrency to {{size}} (changes behaviour: at most {{size}} run at once, in more time).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const limiter = options.limiter;
    const size = options.concurrency;
    // The team chose how to bound fan-outs: the remedy for that choice becomes an autofix.
    const decided = options.fix === 'autofix';
    const canImport = (name: string): boolean => importResolves(sourceCode, context.filename, getTypeInfo(context), name);
    type Remedy = {
      messageId: Exclude<MessageIds, 'unboundedFanOut' | 'unlimitedConcurrency' | 'suggestConcurrency'>;
      fix: TSESLint.ReportFixFunction;
      chosen: boolean;
    };

    /** The remedies for one fan-out: first the one for the chosen limiter, then a p-limit fallback. */
    function remedies(call: TSESTree.CallExpression): Remedy[] {
      const callee = call.callee;
      const method = callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : '';
      if (method !== 'all' && method !== 'allSettled') return [];
      const mapped = mappedFanOut(call);
      const found: Remedy[] = [];
      if (mapped && limiter === 'none') {
        const fix = batchFix(sourceCode, mapped, size);
        if (fix) found.push({ messageId: 'suggestBatches', fix, chosen: true });
      }
      if (mapped && limiter === 'p-map' && method === 'all') {
        const fix = pMapFix(sourceCode, mapped, size, canImport);
        if (fix) found.push({ messageId: 'suggestPMap', fix, chosen: true });
      }
      const limited = mapped ? pLimitMapFix(sourceCode, mapped, size, canImport) : pLimitPushFix(sourceCode, call, size, canImport);
      if (limited && (limiter === 'p-limit' || found.length === 0)) found.push({ messageId: 'suggestPLimit', fix: limited, chosen: limiter === 'p-limit' });
      return found;
    }

    return {
      'Program:exit'() {
        const findings = analyzeFanOut(
          context.sourceCode,
          { maxLiteralItems: options.maxLiteralItems, boundedNames: options.boundedNames, limiters: options.limiters },
          () => getTypeInfo(context),
        );
        for (const finding of findings) {
          if (finding.unlimited !== undefined) {
            const fix = finding.concurrencySite ? concurrencyFix(sourceCode, finding.concurrencySite, size) : null;
            context.report({
              node: finding.call.callee,
              messageId: 'unlimitedConcurrency',
              data: { combinator: finding.combinator, items: finding.items, unlimited: finding.unlimited },
              // The team chose the size: `--fix` may set it.
              ...(fix && decided ? { fix } : {}),
              suggest: fix && !decided ? [{ messageId: 'suggestConcurrency', data: { size }, fix }] : [],
            });
            continue;
          }
          const found = remedies(finding.call);
          const autofix = decided ? found.find((remedy) => remedy.chosen) : undefined;
          context.report({
            node: finding.call.callee,
            messageId: 'unboundedFanOut',
            data: { combinator: finding.combinator, items: finding.items },
            ...(autofix ? { fix: autofix.fix } : {}),
            suggest: found
              .filter((remedy) => remedy !== autofix)
              .map((remedy) => ({ messageId: remedy.messageId, data: { items: finding.items, size }, fix: remedy.fix })),
          });
        }
      },
    };
  },
});
