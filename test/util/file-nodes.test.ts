import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { mergeListeners } from '../../src/analysis/paths.js';
import { fileCallExpressions, fileMemberExpressions } from '../../src/util/file-nodes.js';

const code = 'a.b(c());\nfunction f() { return d.e.f(); }\n';

/** A rule that reads the shared calls at `Program:exit` and records what it saw and whether it collected them. */
function reader(seen: { calls: string[]; collected: boolean }[], options: { readonly throwAt?: string } = {}): unknown {
  return {
    meta: { type: 'problem', schema: [] },
    create(context: TSESLint.RuleContext<never, []>): TSESLint.RuleListener {
      const calls = fileCallExpressions(context.sourceCode);
      const collected = Object.keys(calls.listeners).length > 0;
      return mergeListeners(calls.listeners, {
        CallExpression(node: TSESTree.CallExpression) {
          if (options.throwAt !== undefined && context.sourceCode.getText(node.callee) === options.throwAt) throw new Error('probe failure');
        },
        'Program:exit'() {
          seen.push({ calls: calls.nodes.map((node) => context.sourceCode.getText(node.callee)), collected });
        },
      });
    },
  };
}

function config(rules: Record<string, unknown>): Linter.Config[] {
  return [
    {
      plugins: { test: { rules } } as unknown as Linter.Config['plugins'],
      rules: Object.fromEntries(Object.keys(rules).map((name) => [`test/${name}`, 'error'])),
    },
  ];
}

describe('shared file nodes', () => {
  it('collects the calls once, in traversal order, by the first rule, for every rule', () => {
    const seen: { calls: string[]; collected: boolean }[] = [];
    const messages = new Linter().verify(code, config({ first: reader(seen), second: reader(seen), third: reader(seen) }));
    expect(messages).toEqual([]);
    expect(seen).toEqual([
      { calls: ['a.b', 'c', 'd.e.f'], collected: true },
      { calls: ['a.b', 'c', 'd.e.f'], collected: false },
      { calls: ['a.b', 'c', 'd.e.f'], collected: false },
    ]);
  });

  it('keeps each file its own list', () => {
    const seen: { calls: string[]; collected: boolean }[] = [];
    const linter = new Linter();
    linter.verify(code, config({ first: reader(seen) }));
    linter.verify('g();\n', config({ first: reader(seen) }));
    expect(seen).toEqual([
      { calls: ['a.b', 'c', 'd.e.f'], collected: true },
      { calls: ['g'], collected: true },
    ]);
  });

  it('hands a SourceCode linted again the complete list, collected once', () => {
    const seen: { calls: string[]; collected: boolean }[] = [];
    const linter = new Linter();
    linter.verify(code, config({ first: reader(seen) }));
    const sourceCode = linter.getSourceCode();
    linter.verify(sourceCode, config({ first: reader(seen) }));
    expect(seen).toEqual([
      { calls: ['a.b', 'c', 'd.e.f'], collected: true },
      { calls: ['a.b', 'c', 'd.e.f'], collected: false },
    ]);
  });

  it('collects again, without duplicates, after a traversal of the same SourceCode that did not finish', () => {
    const seen: { calls: string[]; collected: boolean }[] = [];
    const linter = new Linter();
    expect(() => linter.verify(code, config({ failing: reader(seen, { throwAt: 'c' }) }))).toThrow('probe failure');
    const sourceCode = linter.getSourceCode();
    linter.verify(sourceCode, config({ first: reader(seen) }));
    expect(seen).toEqual([{ calls: ['a.b', 'c', 'd.e.f'], collected: true }]);
  });

  it('collects member expressions apart from calls, each claimed by the first rule that asks for it', () => {
    const claims: string[] = [];
    const members: string[][] = [];
    const rule = (name: string, kinds: readonly ('calls' | 'members')[]): unknown => ({
      meta: { type: 'problem', schema: [] },
      create(context: TSESLint.RuleContext<never, []>): TSESLint.RuleListener {
        const shared = kinds.map(
          (kind) => [kind, kind === 'calls' ? fileCallExpressions(context.sourceCode) : fileMemberExpressions(context.sourceCode)] as const,
        );
        for (const [kind, { listeners }] of shared) if (Object.keys(listeners).length > 0) claims.push(`${name}:${kind}`);
        const found = shared.find(([kind]) => kind === 'members')?.[1];
        return mergeListeners(...shared.map(([, { listeners }]) => listeners), {
          'Program:exit'() {
            if (found) members.push(found.nodes.map((node) => context.sourceCode.getText(node)));
          },
        });
      },
    });
    new Linter().verify(code, config({ one: rule('one', ['calls']), two: rule('two', ['calls', 'members']), three: rule('three', ['members']) }));
    expect(claims).toEqual(['one:calls', 'two:members']);
    expect(members).toEqual([
      ['a.b', 'd.e.f', 'd.e'],
      ['a.b', 'd.e.f', 'd.e'],
    ]);
  });
});
