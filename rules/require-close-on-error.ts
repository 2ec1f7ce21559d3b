import type { TSESLint } from '@typescript-eslint/utils';

import { createPathRecorder, mergeListeners } from '../src/analysis/paths.js';
import { analyzeResources, planResources } from '../src/analysis/resources.js';
import { cancelUnreadBody, declareWithAwaitUsing, moveReleaseIntoFinally, pipeChainToPipeline, type Edit } from '../src/fixes/require-close-on-error.js';
import { createRule } from '../src/util/create-rule.js';
import { memoPerValue } from '../src/util/memo.js';
import { namesSchema } from '../src/util/schemas.js';
import { getTypeInfo, type TypeInfo } from '../src/util/types.js';

export type Options = [
  {
    checkErrorBodies?: boolean;
    poolNames?: string[];
  },
];

export type MessageIds =
  | 'neverReleased'
  | 'releasedOnlyOnSuccess'
  | 'bodyNotConsumed'
  | 'errorBodyNotConsumed'
  | 'pipeWithoutErrorHandling'
  | 'pipeIntoWithoutErrorHandling'
  | 'descriptorLeakedInCallback'
  | 'suggestFinally'
  | 'suggestFinallyRest'
  | 'suggestAwaitUsing'
  | 'suggestPipelineAwait'
  | 'suggestPipelineCallback'
  | 'suggestCancelBody'
  | 'suggestCancelBodyAfterCall'
  | 'suggestCancelDiscardedBody';

/** Files TypeScript compiles: `await using` is new syntax that Node runs natively only from version 24. */
const TYPESCRIPT_FILE = /\.[cm]?tsx?$/i;

export default createRule<Options, MessageIds>({
  name: 'require-close-on-error',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require resources (files, sockets, pool clients, fetch bodies, streams) to be released on every path, errors included',
      recommended: 'strict',
      failureMode: 'fd-exhaustion',
      strictOptions: { checkErrorBodies: true },
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          checkErrorBodies: {
            type: 'boolean',
            description:
              'Also report fetch responses whose body is left unread only on error-status paths (`if (!res.ok) throw …`). undici reads a small body to its ' +
              'end and reuses the connection; only an error body larger than its buffer (about 64 KiB) holds the connection.',
          },
          poolNames: namesSchema(
            'Names of the variables or properties that hold a connection pool, besides any name that says `pool`: `db` makes `await db.connect()` and ' +
              '`this.db.getConnection()` pool checkouts that must be released on every path.',
          ),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkErrorBodies: false, poolNames: [] }],
    messages: {
      neverReleased:
        '`{{name}}` ({{resource}}) is acquired here and never released in this function, so each call leaks one; release it in a `finally`, or use `await ' +
        'using`.',
      releasedOnlyOnSuccess:
        '`{{name}}` is released by `{{release}}` only on success, so an error or early return before it leaks it; move the release into a `finally`.',
      bodyNotConsumed:
        'The body of `{{name}}` is not read or cancelled on every path, so it can hold its connection; read it or `await {{name}}.body?.cancel()` before ' +
        'leaving.',
      errorBodyNotConsumed:
        'The body of `{{name}}` is left unread on an error status, so a large body holds its connection; `await {{name}}.body?.cancel()` before leaving.',
      pipeWithoutErrorHandling:
        '`{{source}}.pipe()` leaves the source open when the destination fails; use `pipeline(source, destination)` from `node:stream/promises`.',
      descriptorLeakedInCallback:
        '`{{name}}` from `{{open}}()` is not closed on every path of the callback at line {{line}}, so each early exit leaks a descriptor; call ' +
        '`{{release}}` before every exit.',
      pipeIntoWithoutErrorHandling:
        '`{{source}}.pipe()` leaves `{{destination}}` open when the source fails or aborts; use `pipeline(source, destination)` from `node:stream/promises`.',
      suggestFinally:
        'Move `{{release}}` into a `finally` (changes behaviour: an early `return` that still uses `{{name}}` now releases it before the caller is done).',
      suggestFinallyRest: 'Move `{{release}}` into a `finally` around the rest of the block (changes behaviour: it now runs after the code that followed it).',
      suggestAwaitUsing:
        'Declare `{{name}}` with `await using` (changes behaviour: it closes when its block ends, on every path; needs TypeScript 5.2+ or Node 24+).',
      suggestPipelineAwait:
        'Use `await pipeline(…)` from `node:stream/promises` (changes behaviour: waits for the streams to finish; an error destroys them all and reaches ' +
        'the caller).',
      suggestPipelineCallback:
        'Use `pipeline(…).catch({{callback}})` from `node:stream/promises` (changes behaviour: an error destroys every stream and is passed to ' +
        '`{{callback}}`).',
      suggestCancelBody:
        'Add `{{code}}` before each exit that leaves the body unread (changes behaviour: the unread body is discarded, freeing its connection).',
      suggestCancelBodyAfterCall:
        'Add `{{code}}` right after the call, as nothing reads the body (changes behaviour: the body is discarded, freeing its connection).',
      suggestCancelDiscardedBody: 'Cancel the body of the discarded response: `{{code}}` (changes behaviour: the body is discarded, freeing its connection).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const checkErrorBodies = options.checkErrorBodies === true;
    const typeScript = TYPESCRIPT_FILE.test(context.filename);
    const sourceType = context.languageOptions.sourceType;
    let types: TypeInfo | null | undefined;
    const typeInfo = (): TypeInfo | null => (types === undefined ? (types = getTypeInfo(context)) : types);
    const apply =
      (edits: readonly Edit[]): TSESLint.ReportFixFunction =>
      (fixer) =>
        edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text));
    // Acquisitions are found before traversal, so that only their functions' code paths are recorded.
    const plan = planResources(sourceCode, { poolNames: memoPerValue(options.poolNames, 'names', () => new Set(options.poolNames)) });
    if (plan.acquisitions.length === 0 && plan.callbackAcquisitions.length === 0) return {};
    const paths = createPathRecorder({ track: (root) => plan.roots.has(root) });
    return mergeListeners(paths.listeners, {
      'Program:exit'() {
        for (const finding of analyzeResources(sourceCode, plan, paths, { checkErrorBodies })) {
          const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
          switch (finding.kind) {
            case 'neverReleased': {
              const usingEdits = typeScript ? declareWithAwaitUsing(sourceCode, finding, typeInfo()) : null;
              if (usingEdits) suggest.push({ messageId: 'suggestAwaitUsing', data: { name: finding.name }, fix: apply(usingEdits) });
              context.report({ node: finding.node, messageId: 'neverReleased', data: { name: finding.name, resource: finding.resource }, suggest });
              break;
            }
            case 'releasedOnlyOnSuccess': {
              const data = { name: finding.name, release: finding.release };
              const remedy = moveReleaseIntoFinally(sourceCode, finding);
              if (remedy && remedy.kind !== 'fix') suggest.push({ messageId: remedy.kind, data, fix: apply(remedy.edits) });
              const usingEdits = typeScript ? declareWithAwaitUsing(sourceCode, finding, typeInfo()) : null;
              if (usingEdits) suggest.push({ messageId: 'suggestAwaitUsing', data: { name: finding.name }, fix: apply(usingEdits) });
              context.report({
                node: finding.node,
                messageId: 'releasedOnlyOnSuccess',
                data,
                ...(remedy?.kind === 'fix' ? { fix: apply(remedy.edits) } : {}),
                suggest,
              });
              break;
            }
            case 'bodyNotConsumed':
            case 'errorBodyNotConsumed': {
              const remedy = cancelUnreadBody(sourceCode, finding, checkErrorBodies);
              if (remedy) {
                const messageId =
                  remedy.where === 'exits' ? 'suggestCancelBody' : remedy.where === 'after-call' ? 'suggestCancelBodyAfterCall' : 'suggestCancelDiscardedBody';
                suggest.push({ messageId, data: { code: remedy.code }, fix: apply(remedy.edits) });
              }
              context.report({ node: finding.node, messageId: finding.kind, data: { name: finding.name }, suggest });
              break;
            }
            case 'pipeWithoutErrorHandling': {
              const remedy = pipeChainToPipeline(sourceCode, finding, sourceType);
              if (remedy) suggest.push({ messageId: remedy.kind, data: { callback: remedy.callback }, fix: apply(remedy.edits) });
              context.report({ node: finding.node, messageId: 'pipeWithoutErrorHandling', data: { source: finding.source }, suggest });
              break;
            }
            case 'descriptorLeakedInCallback': {
              context.report({
                node: finding.node,
                messageId: 'descriptorLeakedInCallback',
                data: { name: finding.name, open: finding.open, release: finding.release, line: finding.line },
              });
              break;
            }
            case 'pipeIntoWithoutErrorHandling': {
              const remedy = pipeChainToPipeline(sourceCode, finding, sourceType);
              if (remedy) suggest.push({ messageId: remedy.kind, data: { callback: remedy.callback }, fix: apply(remedy.edits) });
              context.report({
                node: finding.node,
                messageId: 'pipeIntoWithoutErrorHandling',
                data: { source: finding.source, destination: finding.destination },
                suggest,
              });
              break;
            }
          }
        }
      },
    });
  },
});
