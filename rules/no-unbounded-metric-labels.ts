import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { createMetricLabelAnalysis, type LabelFinding, type LabelKind } from '../src/analysis/metrics.js';
import { createRule } from '../src/util/create-rule.js';
import { namedFunctionsSchema, namesSchema } from '../src/util/schemas.js';
import type { NamedFunction } from '../src/util/references.js';
import { getTypeInfo } from '../src/util/types.js';

export type Options = [
  {
    normalizers?: NamedFunction[];
    idNames?: string[];
    boundedNames?: string[];
    checkAllIds?: boolean;
  },
];

export type MessageIds = 'rawPathLabel' | 'clientValueLabel' | 'idLabel' | 'errorTextLabel' | 'suggestRouteTemplate' | 'suggestErrorName';

const messageIdOf: Record<LabelKind, MessageIds> = {
  rawPath: 'rawPathLabel',
  clientValue: 'clientValueLabel',
  id: 'idLabel',
  errorText: 'errorTextLabel',
};

/** Longest source text a message quotes. */
const MAX_QUOTED = 40;

function quote(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode
    .getText(node)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\s+/g, ' ');
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 3)}...` : text;
}

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-metric-labels',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow metric label values from unbounded sets (raw URLs and paths, query, params and headers, ids, error messages) on prom-client and ' +
        'OpenTelemetry metrics',
      recommended: 'strict',
      failureMode: 'memory-drift',
      strictOptions: { checkAllIds: true },
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          normalizers: namedFunctionsSchema(
            'Functions that map a raw value to a fixed set of values (`routeLabel(req.path)`): a label value passed through one is not reported, even when ' +
              'the rule can see into the function.',
          ),
          idNames: namesSchema(
            'More names of values with one value per user or entity (compared without case, `_` or `-`), added to the built-in `userId`, `email`, ' +
              '`tenantId`, `sessionId`, `requestId`, `traceId`, `orderId`, ….',
          ),
          boundedNames: namesSchema(
            'Names from the built-in id list that take few values in this code base (for example `tenantId` with a handful of tenants): not reported.',
          ),
          checkAllIds: {
            type: 'boolean',
            description: 'Also report any name that looks like an id: `id`, `uuid`, or ending in `Id`, `ID` or `_id` (`jobId`, `row.id`, `device_id`).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ normalizers: [], idNames: [], boundedNames: [], checkAllIds: false }],
    messages: {
      rawPathLabel:
        "`{{metric}}` label `{{label}}` takes the raw path or URL `{{source}}`: each distinct path is a new series kept in memory; use the route's template.",
      clientValueLabel:
        '`{{metric}}` label `{{label}}` takes `{{source}}`, which the client chooses: each new value is a series kept in memory; map it to a fixed set.',
      idLabel: '`{{metric}}` label `{{label}}` takes `{{source}}`, one value per user or entity: each is a series kept in memory; put ids in logs or traces.',
      errorTextLabel:
        "`{{metric}}` label `{{label}}` takes `{{source}}`, free error text: each distinct message is a series kept in memory; use the error's code or class.",
      suggestRouteTemplate:
        'Label with the route template `{{replacement}}` (changes the series: requests to one route share one, requests that match no route share one).',
      suggestErrorName: "Label with the error's class `{{replacement}}` (changes the series: errors of one class share one, whatever their message).",
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const reported = new Set<TSESTree.Node>();

    function report(finding: LabelFinding): void {
      if (reported.has(finding.value)) return;
      reported.add(finding.value);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const { routeTemplate, errorName } = finding;
      if (routeTemplate !== null) {
        suggest.push({
          messageId: 'suggestRouteTemplate',
          data: { replacement: routeTemplate },
          fix: (fixer) => fixer.replaceText(finding.value, routeTemplate),
        });
      }
      if (errorName !== null) {
        suggest.push({
          messageId: 'suggestErrorName',
          data: { replacement: errorName.replacement },
          fix: (fixer) => fixer.replaceText(errorName.property, 'name'),
        });
      }
      context.report({
        node: finding.value,
        messageId: messageIdOf[finding.kind],
        data: { metric: quote(sourceCode, finding.metric), label: finding.label, source: quote(sourceCode, finding.source) },
        suggest,
      });
    }

    // The metric APIs are found before traversal: a file that uses none needs no listener at all.
    const analysis = createMetricLabelAnalysis(
      sourceCode,
      {
        normalizers: options.normalizers,
        idNames: options.idNames,
        boundedNames: options.boundedNames,
        checkAllIds: options.checkAllIds,
      },
      () => getTypeInfo(context),
    );
    if (!analysis.active) return {};
    return {
      CallExpression(node) {
        for (const finding of analysis.analyze(node)) report(finding);
      },
    };
  },
});
