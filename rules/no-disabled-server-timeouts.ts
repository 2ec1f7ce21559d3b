import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';

import { acceptedFiniteValue, ServerTimeoutCollector, type DisabledTimeout } from '../src/analysis/server-timeouts.js';
import type { ServerTimeoutLimit } from '../src/catalog/index.js';
import { createRule } from '../src/util/create-rule.js';
import { getTypeInfo } from '../src/util/types.js';
import { truncate } from '../src/util/text.js';

export type Options = [
  {
    timeoutMs?: number;
    assumeServers?: boolean;
  },
];

export type MessageIds = 'timeoutDisabled' | 'timeoutDisabledAssumed' | 'suggestFiniteTimeout' | 'suggestDefaultTimeout';

/** What each limit bounds, and what a client can do once it is off. */
const limitText: Record<ServerTimeoutLimit, { what: string; consequence: string }> = {
  inactivity: {
    what: 'the socket inactivity timeout',
    consequence: 'a client that stops sending or reading holds its socket forever',
  },
  request: {
    what: 'the deadline for receiving a request',
    consequence: 'a client that sends its request slowly holds its socket as long as it likes',
  },
  headers: {
    what: 'the deadline for receiving request headers',
    consequence: 'a client that trickles its headers (Slowloris) holds its socket as long as other limits allow',
  },
  'keep-alive': {
    what: 'the idle timeout of keep-alive connections',
    consequence: 'idle clients hold their sockets forever',
  },
};

function shortText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  return truncate(sourceCode.getText(node).replace(/\s+/g, ' '), 48);
}

/** The range from the start of `node`'s first line to the start of the line after its last, when the node is alone on those lines. */
function wholeLines(sourceCode: Readonly<TSESLint.SourceCode>, start: number, end: number): [number, number] | null {
  const text = sourceCode.text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (text.slice(lineStart, start).trim() !== '') return null;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  if (text.slice(end, lineEnd).trim() !== '') return null;
  return [lineStart, lineEnd];
}

/** The range that removes `server.x = 0;`, a statement of a block, or `null` when that would not parse or would drop a comment. */
function statementRemoval(sourceCode: Readonly<TSESLint.SourceCode>, assignment: TSESTree.AssignmentExpression): [number, number] | null {
  const statement = assignment.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression !== assignment) return null;
  const container = statement.parent;
  if (container.type !== AST_NODE_TYPES.BlockStatement && container.type !== AST_NODE_TYPES.Program && container.type !== AST_NODE_TYPES.StaticBlock)
    return null;
  if (sourceCode.getCommentsInside(statement).length > 0) return null;
  const lines = wholeLines(sourceCode, statement.range[0], statement.range[1]);
  if (lines) return lines;
  // A comment after it on the same line stays, where the statement began.
  const spaces = /^[ \t]*/.exec(sourceCode.text.slice(statement.range[1]))?.[0].length ?? 0;
  return [statement.range[0], statement.range[1] + spaces];
}

const isComment = (token: TSESTree.Token): boolean => token.type === AST_TOKEN_TYPES.Block || token.type === AST_TOKEN_TYPES.Line;

/** The range that removes a property and its comma from an object literal, or `null` when that would drop a comment. */
function propertyRemoval(sourceCode: Readonly<TSESLint.SourceCode>, property: TSESTree.Property): [number, number] | null {
  if (sourceCode.getCommentsInside(property).length > 0) return null;
  const after = sourceCode.getTokenAfter(property, { includeComments: true });
  const before = sourceCode.getTokenBefore(property, { includeComments: true });
  if (!after || !before || isComment(after) || isComment(before)) return null;
  const end = after.value === ',' ? after.range[1] : property.range[1];
  const lines = wholeLines(sourceCode, property.range[0], end);
  if (lines) return lines;
  if (after.value === ',') {
    const next = sourceCode.getTokenAfter(after, { includeComments: true });
    return next ? [property.range[0], next.range[0]] : null;
  }
  // The last property, without a trailing comma: take the comma before it.
  if (before.value === ',') return [before.range[0], property.range[1]];
  return [before.range[1], property.range[1]];
}

export default createRule<Options, MessageIds>({
  name: 'no-disabled-server-timeouts',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow switching off the timeouts of HTTP servers (requestTimeout, headersTimeout, keepAliveTimeout, timeout)',
      recommended: 'recommended',
      failureMode: 'fd-exhaustion',
      strictOptions: { assumeServers: true },
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          timeoutMs: {
            type: 'integer',
            minimum: 1,
            description: 'Timeout, in milliseconds, that the "set a finite value" suggestion puts in place of `0` or `Infinity`.',
          },
          assumeServers: {
            type: 'boolean',
            description:
              'Also report `requestTimeout`, `headersTimeout` and `keepAliveTimeout` set to `0` or `Infinity` on a receiver named as a server (`server`, ' +
              '`httpServer`, `this.srv`) that the file does not show to be one (a parameter, an import, a property set elsewhere).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ timeoutMs: 60000, assumeServers: false }],
    messages: {
      timeoutDisabled: '`{{code}}` turns off {{what}}, so {{consequence}}; set a finite timeout.',
      timeoutDisabledAssumed: '`{{code}}` turns off {{what}} if this is an HTTP server, so {{consequence}}; set a finite timeout.',
      suggestFiniteTimeout: 'Set `{{setting}}` to {{ms}} ms (changes behaviour: the server closes connections that exceed it).',
      suggestDefaultTimeout: 'Remove this setting to restore the default of {{ms}} ms (changes behaviour: the server closes connections that exceed it).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const timeoutMs = options.timeoutMs;
    const collector = new ServerTimeoutCollector(sourceCode, { assumeServers: options.assumeServers }, () => getTypeInfo(context));
    if (!collector.active) return {};

    function finiteFix(finding: DisabledTimeout, ms: number): TSESLint.ReportFixFunction {
      return (fixer) => {
        if (finding.form !== 'option') return fixer.replaceText(finding.value, String(ms));
        const property = finding.node;
        if (property.shorthand) return fixer.replaceText(property, `${sourceCode.getText(property.key)}: ${ms}`);
        return fixer.replaceText(property.value, String(ms));
      };
    }

    function report(finding: DisabledTimeout): void {
      const ms = acceptedFiniteValue(sourceCode, finding, timeoutMs);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [
        { messageId: 'suggestFiniteTimeout', data: { setting: finding.setting.name, ms }, fix: finiteFix(finding, ms) },
      ];
      const defaultMs = finding.setting.defaultMs;
      if (defaultMs !== undefined && finding.form !== 'method') {
        const range = finding.form === 'assignment' ? statementRemoval(sourceCode, finding.node) : propertyRemoval(sourceCode, finding.node);
        if (range) suggest.push({ messageId: 'suggestDefaultTimeout', data: { ms: defaultMs }, fix: (fixer) => fixer.removeRange(range) });
      }
      const { what, consequence } = limitText[finding.setting.limit];
      context.report({
        node: finding.node,
        messageId: finding.assumed ? 'timeoutDisabledAssumed' : 'timeoutDisabled',
        data: { code: shortText(sourceCode, finding.node), what, consequence },
        suggest,
      });
    }

    return {
      "AssignmentExpression[operator='='][left.type='MemberExpression']"(node: TSESTree.AssignmentExpression) {
        collector.assignment(node);
      },
      'PropertyDefinition[value]'(node: TSESTree.PropertyDefinition) {
        collector.field(node);
      },
      "CallExpression[callee.property.name='setTimeout']"(node: TSESTree.CallExpression) {
        collector.call(node);
      },
      'Program:exit'() {
        for (const finding of collector.findings()) report(finding);
      },
    };
  },
});
