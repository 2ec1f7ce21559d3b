import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import type { FunctionNode } from '../src/analysis/lifetimes.js';
import { errorParameterNames } from '../src/catalog/index.js';
import { createPathRecorder, mergeListeners } from '../src/analysis/paths.js';
import {
  candidateRetryLoops,
  codePathOwner,
  endlessRetryOptions,
  failureStatusBranch,
  RETRY_OPTION_NAMES,
  uncappedInterceptorRetries,
  FileCalls,
  uncappedRecursion,
  uncappedRetryTries,
  type RetryLibraryOption,
} from '../src/analysis/retries.js';
import { capRecursiveRetry, capRejectedRetry, capRetryLoop, capStatusRetry, finiteRetries } from '../src/fixes/require-retry-cap.js';
import { calleePropertyName, isFunctionNode, nameOf, staticKeyName } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { fileCallExpressions, fileMemberExpressions } from '../src/util/file-nodes.js';
import { memoPerValue } from '../src/util/memo.js';
import { fixModeSchema, namesSchema, retryLibrariesSchema, type FixMode } from '../src/util/schemas.js';

export type Options = [
  {
    maxRetries?: number;
    fix?: FixMode;
    retryLibraries?: RetryLibraryOption[];
    errorNames?: string[];
  },
];

export type MessageIds =
  | 'retryLoopWithoutCap'
  | 'recursiveRetryWithoutCap'
  | 'retryForever'
  | 'interceptorRetryWithoutCap'
  | 'suggestFiniteRetries'
  | 'suggestAttemptCounter'
  | 'suggestAttemptParameter'
  | 'suggestAttemptParameterRejection'
  | 'suggestAttemptParameterStatus';

/** Where a failure is handled: `.catch()`, `.then(ok, fail)`, an `'error'` listener, `if (err)`, a response status. */
const FAILURE_CALLBACKS = new Set(['catch', 'then', 'on', 'once', 'addListener', 'addEventListener']);
const STATUS_PROPERTIES = new Set(['status', 'statusCode', 'ok']);

export default createRule<Options, MessageIds>({
  name: 'require-retry-cap',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a cap on retries: retry loops, recursive retries and retry-library options',
      recommended: 'recommended',
      failureMode: 'retry-storms',
      fixOptions: { fix: 'autofix' },
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          maxRetries: {
            type: 'integer',
            minimum: 0,
            description: 'The number of retries that suggestions and fixes allow before the error reaches the caller.',
          },
          fix: fixModeSchema(
            '`suggest` offers the finite retry count for a retry library set to retry forever as an editor suggestion; `autofix` lets `--fix` write it, ' +
              'for teams that have settled on `maxRetries`.',
          ),
          retryLibraries: retryLibrariesSchema(
            "Retry functions to judge like the catalog's (`p-retry`, `async-retry`, `cockatiel`, …): a wrapper of your own or a library the rule does not " +
              'know, whose options retry forever when a count is endless or a flag is `true`.',
          ),
          errorNames: namesSchema(
            'Names the error parameter of an error-first callback goes by, besides `err`, `error` and `e`: a call made again in its `if (<name>)` branch ' +
              'retries on failure.',
          ),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxRetries: 5, fix: 'suggest', retryLibraries: [], errorNames: [] }],
    messages: {
      retryLoopWithoutCap:
        'This loop retries its `try` block for as long as it fails, with no attempt cap or deadline; count attempts and stop (or rethrow) after a maximum.',
      recursiveRetryWithoutCap:
        '`{{name}}` calls itself again on failure with no attempt limit, so it retries forever; pass an attempt count and stop after a maximum.',
      interceptorRetryWithoutCap:
        'This interceptor resends the failed request through `{{name}}`, which runs it again on failure, forever; mark the request as retried and retry once.',
      retryForever: '`{{option}}` makes this retry policy retry forever, so callers never see the error; set a finite number of attempts.',
      suggestFiniteRetries: 'Retry at most {{max}} times (changes behaviour: the error reaches the caller after {{max}} retries).',
      suggestAttemptCounter: 'Count attempts and rethrow after {{max}} retries (changes behaviour: the error reaches the caller after {{max}} retries).',
      suggestAttemptParameter:
        'Pass an attempt count and rethrow after {{max}} retries (changes behaviour: the error reaches the caller after {{max}} retries).',
      suggestAttemptParameterStatus:
        'Pass an attempt count and retry at most {{max}} times (changes behaviour: then the response takes the path after this branch).',
      suggestAttemptParameterRejection:
        'Pass an attempt count and rethrow after {{max}} retries (changes behaviour: the rejection is unhandled, so by default the process exits on Node ≥ ' +
        '15).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const maxRetries = options.maxRetries;
    const errorNames = memoPerValue(options.errorNames, 'error-names', () => new Set([...errorParameterNames, ...options.errorNames]));
    const typescript = /\.[cm]?tsx?$/.test(context.filename);
    const data = { max: maxRetries };
    /** Functions that contain a failure path (a catch, a `.catch()`, an `if (err)`, a response status), the only ones that can retry from one. */
    const candidates = new Set<FunctionNode>();
    /** Properties named like a retry option (`retries`, `maxAttempts`, `limit`, `forever`). */
    const retryOptions: TSESTree.Property[] = [];
    // The file's calls (which the recursion check also reads, instead of walking functions) and member
    // expressions, collected once for every rule that reads them.
    const calls = fileCallExpressions(sourceCode);
    const members = fileMemberExpressions(sourceCode);
    const fileCalls = new FileCalls(calls.nodes);

    // Retry loops are decided on ESLint's code paths, recorded only for the functions that hold a candidate loop.
    const loops = candidateRetryLoops(sourceCode);
    const owners = new Set(loops.map(codePathOwner));
    const starts = loops.map((loop) => loop.range[0]);
    const ends = loops.map((loop) => loop.range[1]);
    const recorder =
      loops.length > 0
        ? createPathRecorder({
            track: (root) => owners.has(root),
            interesting: (node) => starts.some((start, index) => node.range[0] >= start && node.range[1] <= (ends[index] ?? start)),
          })
        : null;

    function checkLoop(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): void {
      if (!recorder) return;
      const tries = uncappedRetryTries(sourceCode, loop, recorder);
      if (tries.length === 0) return;
      const keyword = sourceCode.getFirstToken(loop);
      const [attempt] = tries;
      // one retrying `try` is the mechanical shape: one counter, one place to give up
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] =
        tries.length === 1 && attempt
          ? [{ messageId: 'suggestAttemptCounter', data, fix: (fixer) => capRetryLoop(fixer, sourceCode, loop, attempt, maxRetries) }]
          : [];
      context.report({ loc: keyword?.loc ?? loop.loc, messageId: 'retryLoopWithoutCap', suggest });
    }

    function checkFunction(fn: FunctionNode): void {
      const retries = uncappedRecursion(sourceCode, fn, fileCalls, errorNames);
      const calls = retries.flatMap((retry) => (retry.call ? [retry.call] : []));
      // an attempt count can be passed only when every retry is a call of the function itself
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] =
        calls.length === retries.length
          ? [
              { messageId: 'suggestAttemptParameter', data, fix: (fixer) => capRecursiveRetry(fixer, sourceCode, fn, calls, maxRetries) },
              // a retry from a `.catch()` handler whose promise nobody holds: giving up there ends the process
              { messageId: 'suggestAttemptParameterRejection', data, fix: (fixer) => capRejectedRetry(fixer, sourceCode, fn, calls, maxRetries, typescript) },
              // a retry from the branch of a failed status: the branch is skipped once the count is spent
              {
                messageId: 'suggestAttemptParameterStatus',
                data,
                fix: (fixer) => {
                  const branches = calls.map((call) => failureStatusBranch(sourceCode, call, fn));
                  return branches.every((branch) => branch !== null)
                    ? capStatusRetry(
                        fixer,
                        sourceCode,
                        fn,
                        calls,
                        branches.filter((branch) => branch !== null),
                        maxRetries,
                      )
                    : null;
                },
              },
            ]
          : [];
      for (const retry of retries) {
        const name = sourceCode.getText(retry.call ? retry.call.callee : retry.node);
        context.report({ node: retry.node, messageId: 'recursiveRetryWithoutCap', data: { name }, suggest });
      }
    }

    /** A catch, a `.catch()`, an `if (err)` or a status read: every function around it can retry from it. */
    function addCandidates(node: TSESTree.Node): void {
      for (let current = node.parent; current; current = current.parent) {
        if (isFunctionNode(current)) candidates.add(current);
      }
    }

    return mergeListeners(recorder?.listeners ?? {}, calls.listeners, members.listeners, {
      CatchClause: addCandidates,
      IfStatement(node) {
        if (errorNames.has(nameOf(node.test) ?? '')) addCandidates(node);
      },
      Property(node) {
        const key = staticKeyName(node);
        if (key !== null && RETRY_OPTION_NAMES.has(key)) retryOptions.push(node);
      },
      'Program:exit'() {
        for (const node of members.nodes) {
          if (STATUS_PROPERTIES.has(nameOf(node.property) ?? '')) addCandidates(node);
        }
        for (const node of calls.nodes) {
          const method = calleePropertyName(node);
          if (method !== null && FAILURE_CALLBACKS.has(method)) addCandidates(node);
          // `axios.interceptors.response.use(…)`
          if (
            method === 'use' &&
            node.callee.type === AST_NODE_TYPES.MemberExpression &&
            node.callee.object.type === AST_NODE_TYPES.MemberExpression &&
            nameOf(node.callee.object.property) === 'response'
          ) {
            for (const resend of uncappedInterceptorRetries(sourceCode, node)) {
              context.report({ node: resend.callee, messageId: 'interceptorRetryWithoutCap', data: { name: sourceCode.getText(resend.callee) } });
            }
          }
        }
        for (const loop of loops) checkLoop(loop);
        for (const fn of candidates) checkFunction(fn);
        for (const finding of endlessRetryOptions(sourceCode, retryOptions, options.retryLibraries)) {
          const fix: TSESLint.ReportFixFunction = (fixer) => finiteRetries(fixer, sourceCode, finding, maxRetries);
          const remedy = options.fix === 'autofix' ? { fix } : { suggest: [{ messageId: 'suggestFiniteRetries' as const, data, fix }] };
          context.report({ node: finding.property, messageId: 'retryForever', data: { option: finding.option }, ...remedy });
        }
      },
    });
  },
});
