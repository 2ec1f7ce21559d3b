import { analyzeFanOut } from '../src/analysis/fan-out.js';
import { createRule } from '../src/util/create-rule.js';
import type { NamedFunction } from '../src/util/references.js';
import { getTypeInfo } from '../src/util/types.js';

export type Options = [
  {
    maxLiteralItems?: number;
    boundedNames?: string[];
    limiters?: NamedFunction[];
  },
];

export type MessageIds = 'unboundedFanOut';

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
    },
    schema: [
      {
        type: 'object',
        properties: {
          maxLiteralItems: {
            type: 'integer',
            minimum: 0,
            description:
              'Collections the code bounds with a literal at most this large are fine: `[a, b, c]`, `items.slice(0, 10)`, `items.slice(i, i + BATCH)`, a loop to a literal.',
          },
          boundedNames: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Names of collections known to be small (`regions`, `SHARDS`), by variable or property name.',
          },
          limiters: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: { type: 'string', minLength: 1, description: 'Export name (`default` for a default export), or the local name when `from` is absent.' },
                from: { type: 'string', minLength: 1, description: 'The module it is imported from.' },
              },
              required: ['name'],
              additionalProperties: false,
            },
            description: 'Concurrency limiter factories besides the built-in catalog (p-limit, p-queue, bottleneck, …), whose instances bound the work mapped through them.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxLiteralItems: 100, boundedNames: [], limiters: [] }],
    messages: {
      unboundedFanOut:
        '`{{combinator}}` starts one operation per item of `{{items}}`, all at once; limit concurrency with p-map (`{ concurrency: 8 }`) or p-limit.',
    },
  },
  create(context, [options]) {
    return {
      'Program:exit'() {
        const findings = analyzeFanOut(
          context.sourceCode,
          { maxLiteralItems: options.maxLiteralItems ?? 100, boundedNames: options.boundedNames ?? [], limiters: options.limiters ?? [] },
          () => getTypeInfo(context),
        );
        for (const finding of findings) {
          context.report({
            node: finding.call.callee,
            messageId: 'unboundedFanOut',
            data: { combinator: finding.combinator, items: finding.items },
          });
        }
      },
    };
  },
});
