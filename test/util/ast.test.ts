import { AST_NODE_TYPES, ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { forEachDescendant, matchOffsets, nodesStartingAt, thisExpressionsIn } from '../../src/util/ast.js';
import { runProbeRule } from '../support/lint.js';

/** Runs `inspect` on the file's source code after ESLint's traversal (parents are set then). */
function withSourceCode<T>(code: string, inspect: (sourceCode: Readonly<TSESLint.SourceCode>) => T): T {
  let result: T | undefined;
  const rule = ESLintUtils.RuleCreator.withoutDocs({
    meta: { type: 'problem', schema: [], messages: {} },
    create(context) {
      return {
        'Program:exit'() {
          result = inspect(context.sourceCode);
        },
      };
    },
  });
  const messages = runProbeRule(code, rule);
  expect(messages).toEqual([]);
  if (result === undefined) throw new Error('the probe did not run');
  return result;
}

function texts(sourceCode: Readonly<TSESLint.SourceCode>, nodes: readonly TSESTree.Node[]): string[] {
  return nodes.map((node) => sourceCode.getText(node));
}

const isCall = (node: TSESTree.Node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression;

describe('nodesStartingAt', () => {
  const code = ['const a = f(1);', 'function g() { return h(2) + f(3); }', 'class C { m() { return f(k(4)); } }'].join('\n');

  it('finds exactly the nodes that start at the positions and pass the test, in source order', () => {
    const found = withSourceCode(code, (sourceCode) =>
      texts(sourceCode, nodesStartingAt(sourceCode.ast, sourceCode.visitorKeys, matchOffsets(sourceCode.text, /\bf\b/g), isCall)),
    );
    expect(found).toEqual(['f(1)', 'f(3)', 'f(k(4))']);
  });

  it('agrees with a walk of the whole tree for every position of the text', () => {
    const [walked, searched] = withSourceCode(code, (sourceCode) => {
      const all: TSESTree.CallExpression[] = [];
      forEachDescendant(sourceCode.ast, sourceCode.visitorKeys, (node) => {
        if (isCall(node)) all.push(node);
      });
      const positions = Array.from({ length: sourceCode.text.length }, (_, index) => index);
      return [texts(sourceCode, all), texts(sourceCode, nodesStartingAt(sourceCode.ast, sourceCode.visitorKeys, positions, isCall))];
    });
    expect(searched).toEqual(walked);
    expect(searched).toHaveLength(5);
  });

  it('finds nothing without positions, or where no node starts', () => {
    const found = withSourceCode(code, (sourceCode) => [
      nodesStartingAt(sourceCode.ast, sourceCode.visitorKeys, [], isCall).length,
      nodesStartingAt(sourceCode.ast, sourceCode.visitorKeys, [sourceCode.text.indexOf('(1)')], isCall).length,
    ]);
    expect(found).toEqual([0, 0]);
  });
});

describe('thisExpressionsIn', () => {
  const code = [
    'class A {',
    '  start() { this.timer = setInterval(() => this.tick(), 10); register(this); new Watcher(this, 1); }',
    '  // this in a comment, and in a string:',
    "  name() { return 'this'; }",
    '  arg() { use(this /* self */); use(this',
    '    ); }',
    '}',
    'const outside = this;',
  ].join('\n');

  it('finds the `this` expressions below the node, not those in comments and strings or outside it', () => {
    const found = withSourceCode(code, (sourceCode) => {
      const body = sourceCode.ast.body[0];
      if (body?.type !== AST_NODE_TYPES.ClassDeclaration) throw new Error('expected the class');
      return thisExpressionsIn(sourceCode, body.body).map((node) => `${node.loc.start.line}:${node.loc.start.column}`);
    });
    expect(found).toEqual(['2:12', '2:43', '2:70', '2:89', '5:14', '5:36']);
  });

  it('with asArgument, keeps those that can be arguments, whatever the spacing or comments after them', () => {
    const found = withSourceCode(code, (sourceCode) => {
      const body = sourceCode.ast.body[0];
      if (body?.type !== AST_NODE_TYPES.ClassDeclaration) throw new Error('expected the class');
      return thisExpressionsIn(sourceCode, body.body, { asArgument: true }).map((node) => sourceCode.getText(node.parent));
    });
    expect(found).toEqual(['register(this)', 'new Watcher(this, 1)', 'use(this /* self */)', 'use(this\n    )']);
  });
});
