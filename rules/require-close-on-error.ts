import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../src/util/eslint-utils.js';

import { analyzeResources } from '../src/analysis/resources.js';
import { poolCheckouts } from '../src/util/catalog.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [
  {
    checkErrorBodies?: boolean;
  },
];

export type MessageIds = 'neverReleased' | 'releasedOnlyOnSuccess' | 'bodyNotConsumed' | 'errorBodyNotConsumed' | 'pipeWithoutErrorHandling';

const POOL_NAME = /pool/i;
const checkoutSelector = `CallExpression[arguments.length=0][callee.type="MemberExpression"][callee.property.name=/^(${poolCheckouts.map((entry) => entry.method).join('|')})$/]`;

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
    schema: [
      {
        type: 'object',
        properties: {
          checkErrorBodies: {
            type: 'boolean',
            description:
              'Also report fetch responses whose body is left unread only on error-status paths (`if (!res.ok) throw …`). undici reads a small body to its end and reuses the connection; only an error body larger than its buffer (about 64 KiB) holds the connection.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkErrorBodies: false }],
    messages: {
      neverReleased:
        '`{{name}}` ({{resource}}) is acquired here and never released in this function, so each call leaks one; release it in a `finally`, or use `await using`.',
      releasedOnlyOnSuccess:
        '`{{name}}` is released by `{{release}}` only on success, so an error or early return before it leaks it; move the release into a `finally`.',
      bodyNotConsumed:
        'The body of `{{name}}` is not read or cancelled on every path, so it can hold its connection; read it or `await {{name}}.body?.cancel()` before leaving.',
      errorBodyNotConsumed:
        'The body of `{{name}}` is left unread on an error status, so a large body holds its connection; `await {{name}}.body?.cancel()` before leaving.',
      pipeWithoutErrorHandling:
        '`{{source}}.pipe()` leaves the source open when the destination fails; use `pipeline(source, destination)` from `node:stream/promises`.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const checkouts: TSESTree.CallExpression[] = [];
    return {
      [checkoutSelector](node: TSESTree.CallExpression & { callee: TSESTree.MemberExpression }) {
        const owner = node.callee.object;
        const ownerName =
          owner.type === AST_NODE_TYPES.Identifier ? owner.name : owner.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(owner) : null;
        if (ownerName !== null && POOL_NAME.test(ownerName)) checkouts.push(node);
      },
      'Program:exit'() {
        for (const finding of analyzeResources(sourceCode, checkouts, { checkErrorBodies: options.checkErrorBodies === true })) {
          switch (finding.kind) {
            case 'neverReleased':
              context.report({ node: finding.node, messageId: 'neverReleased', data: { name: finding.name, resource: finding.resource } });
              break;
            case 'releasedOnlyOnSuccess':
              context.report({
                node: finding.node,
                messageId: 'releasedOnlyOnSuccess',
                data: { name: finding.name, release: finding.release },
              });
              break;
            case 'bodyNotConsumed':
            case 'errorBodyNotConsumed':
              context.report({ node: finding.node, messageId: finding.kind, data: { name: finding.name } });
              break;
            case 'pipeWithoutErrorHandling':
              context.report({ node: finding.node, messageId: 'pipeWithoutErrorHandling', data: { source: finding.source } });
              break;
          }
        }
      },
    };
  },
});
