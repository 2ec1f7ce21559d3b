import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { createPathRecorder, isLoopNode, mergeListeners, type PathEnd } from '../../src/analysis/paths.js';
import { runProbeRule } from '../support/lint.js';

/**
 * Probes the code-path queries on a snippet: `open()` is where paths start, `close()` calls are
 * stops. Returns, for each `open()` in source order, where a path that passes no `close()` can go.
 */
function leaks(code: string): string[] {
  const lines: string[] = [];
  const rule = ESLintUtils.RuleCreator.withoutDocs({
    meta: { type: 'problem', schema: [], messages: { probe: '{{text}}' } },
    create() {
      const recorder = createPathRecorder({ track: (root) => root.type !== AST_NODE_TYPES.Program });
      const opens: TSESTree.CallExpression[] = [];
      const closes: TSESTree.CallExpression[] = [];
      return mergeListeners(recorder.listeners, {
        'CallExpression[callee.name="open"]'(node: TSESTree.CallExpression) {
          opens.push(node);
        },
        'CallExpression[callee.name="close"]'(node: TSESTree.CallExpression) {
          closes.push(node);
        },
        'Program:exit'() {
          for (const node of opens) {
            const ends = (['returned', 'thrown'] as PathEnd[]).filter((to) => recorder.pathAvoiding(node, closes, { to }));
            lines.push(`line ${node.loc.start.line}: ${ends.length > 0 ? ends.join(', ') : 'closed'}`);
          }
        },
      });
    },
  });
  expect(runProbeRule(code, rule)).toEqual([]);
  return lines;
}

/**
 * Probes `everyPathReaches` from each `catch` clause: does every path through it reach a
 * `throw`, `return` or `break` before it loops back to the head of the loop around it?
 */
function catchesLeave(code: string): string[] {
  const lines: string[] = [];
  const rule = ESLintUtils.RuleCreator.withoutDocs({
    meta: { type: 'problem', schema: [], messages: { probe: '{{text}}' } },
    create() {
      const recorder = createPathRecorder({ track: () => true });
      const catches: TSESTree.CatchClause[] = [];
      const exits: TSESTree.Node[] = [];
      return mergeListeners(recorder.listeners, {
        CatchClause(node: TSESTree.CatchClause) {
          catches.push(node);
        },
        'ThrowStatement, ReturnStatement, BreakStatement'(node: TSESTree.Node) {
          exits.push(node);
        },
        'Program:exit'() {
          for (const clause of catches) {
            let loop: TSESTree.Node | undefined = clause.parent;
            while (loop && !isLoopNode(loop)) loop = loop.parent;
            if (!loop || !isLoopNode(loop)) {
              lines.push(`line ${clause.loc.start.line}: no loop`);
              continue;
            }
            const heads = recorder.loopHeads(loop).length;
            const byEdge = recorder.everyPathReaches(clause, exits, { beforeLoopBack: loop, orEnd: 'final' });
            const byHead = recorder.everyPathReaches(clause, exits, { before: recorder.loopHeads(loop), orEnd: 'final' });
            lines.push(
              `line ${clause.loc.start.line}: ${byEdge ? 'leaves' : 'loops'}${byEdge === byHead ? '' : ' (heads disagree)'}${heads > 0 ? '' : ' (no loop-back)'}`,
            );
          }
        },
      });
    },
  });
  expect(runProbeRule(code, rule)).toEqual([]);
  return lines;
}

describe('pathAvoiding: a path from an acquisition to the end that passes no release', () => {
  it('straight line: closed; closed before an early return or not', () => {
    expect(
      leaks(`function a() { const h = open(); use(h); close(h); }
function b() { const h = open(); if (bad) return; close(h); }
function c() { const h = open(); if (bad) { close(h); return; } close(h); }`),
    ).toEqual(['line 1: closed', 'line 2: returned', 'line 3: closed']);
  });

  it('if/else: closed in one arm only, in both arms, in nested ifs', () => {
    expect(
      leaks(`function a() { const h = open(); if (flag) close(h); }
function b() { const h = open(); if (flag) close(h); else close(h); }
function c() { const h = open(); if (x) { if (y) close(h); else close(h); } else { close(h); } }
function d() { const h = open(); if (x) { if (y) close(h); } else { close(h); } }
function e() { const h = open(); flag ? close(h) : close(h); }
function f() { const h = open(); flag && close(h); }`),
    ).toEqual(['line 1: returned', 'line 2: closed', 'line 3: closed', 'line 4: returned', 'line 5: closed', 'line 6: returned']);
  });

  it('throw: before the close, after it, and inside a check', () => {
    expect(
      leaks(`function a() { const h = open(); if (bad) throw new Error('x'); close(h); }
function b() { const h = open(); close(h); if (bad) throw new Error('x'); }
function c() { const h = open(); if (bad) { close(h); throw new Error('x'); } close(h); }`),
    ).toEqual(['line 1: thrown', 'line 2: closed', 'line 3: closed']);
  });

  it('order within a segment: a close before the open does not count', () => {
    expect(leaks(`function a(h) { close(h); const g = open(); use(g); }`)).toEqual(['line 1: returned']);
  });

  it('try/catch/finally: closed in the catch and after the try, in the finally, only in the try', () => {
    expect(
      leaks(`function a() { const h = open(); try { if (bad) throw new Error('x'); } catch (e) { close(h); throw e; } close(h); }
function b() { const h = open(); try { if (bad) throw new Error('x'); work(); } finally { close(h); } }
function c() { const h = open(); try { if (bad) throw new Error('x'); close(h); } catch (e) { log(e); } }
function d() { const h = open(); try { if (bad) return 1; } finally { close(h); } return 2; }
function e() { const h = open(); try { work(); } catch (e) { log(e); } close(h); }`),
    ).toEqual(['line 1: closed', 'line 2: closed', 'line 3: returned', 'line 4: closed', 'line 5: closed']);
  });

  it('switch: every case closes, a case that returns without closing, a missing default', () => {
    expect(
      leaks(`function a(k) { const h = open(); switch (k) { case 1: close(h); break; default: close(h); } }
function b(k) { const h = open(); switch (k) { case 1: return; default: close(h); } }
function c(k) { const h = open(); switch (k) { case 1: close(h); break; case 2: close(h); } }
function d(k) { const h = open(); switch (k) { case 1: case 2: close(h); return; default: close(h); } }`),
    ).toEqual(['line 1: closed', 'line 2: returned', 'line 3: returned', 'line 4: closed']);
  });

  it('loops: a break before the close, a continue that skips it, a close after the loop', () => {
    expect(
      leaks(`function a(xs) { const h = open(); for (const x of xs) { if (x) break; } close(h); }
function b(xs) { for (const x of xs) { const h = open(); if (x) continue; close(h); } }
function c(xs) { for (const x of xs) { const h = open(); if (x) return; close(h); } }
function d() { const h = open(); while (true) { if (done()) { close(h); break; } } }
function e() { const h = open(); while (more()) { if (done()) { close(h); break; } } }`),
    ).toEqual(['line 1: closed', 'line 2: returned', 'line 3: returned', 'line 4: closed', 'line 5: returned']);
  });

  it('nested functions have their own code paths: a close in a callback does not close the outer path', () => {
    expect(
      leaks(`function a() { const h = open(); later(() => close(h)); }
function b() { const h = open(); const done = () => { close(h); }; if (x) return; done(); }
function c() { later(() => { const h = open(); close(h); }); }`),
    ).toEqual(['line 1: returned', 'line 2: returned', 'line 3: closed']);
  });

  it('unreachable code: an open after a return has no path at all', () => {
    expect(leaks(`function a() { return; const h = open(); }`)).toEqual(['line 1: closed']);
  });

  it('untracked code paths (here the program) have no places', () => {
    expect(leaks(`const h = open(); if (x) close(h);`)).toEqual(['line 1: closed']);
  });
});

describe('everyPathReaches: does every path through a catch leave the loop before it loops back', () => {
  it('a catch that throws from both arms of an if/else, from one arm only, or breaks', () => {
    expect(
      catchesLeave(`async function a() { for (;;) { try { return await work(); } catch (e) { if (e.fatal) { throw e; } else { throw new Error('x'); } } } }
async function b() { for (;;) { try { return await work(); } catch (e) { if (e.fatal) throw e; log(e); } } }
async function c() { while (true) { try { await work(); } catch (e) { log(e); break; } } }
async function d(xs) { for (const x of xs) { try { await work(x); } catch (e) { log(e); } } }`),
    ).toEqual(['line 1: leaves (no loop-back)', 'line 2: loops', 'line 3: leaves', 'line 4: loops']);
  });

  it('a continue in the catch loops back; a return leaves; a catch outside any loop', () => {
    expect(
      catchesLeave(`async function a() { do { try { await work(); } catch { continue; } } while (more()); }
async function b() { while (more()) { try { await work(); } catch { return null; } } }
async function c() { try { await work(); } catch { return null; } }`),
    ).toEqual(['line 1: loops', 'line 2: leaves', 'line 3: no loop']);
  });

  it('an inner loop in the catch: its own loop-back is not the outer one', () => {
    expect(catchesLeave(`async function a() { for (;;) { try { await work(); } catch (e) { for (const r of rs) { log(r); } throw e; } } }`)).toEqual([
      'line 1: leaves',
    ]);
  });
});

describe('throwTarget and the accessors', () => {
  /** For each `work()` call: where an exception there goes, and whether it has a reachable place in a recorded code path. */
  function targets(code: string): string[] {
    const lines: string[] = [];
    const rule = ESLintUtils.RuleCreator.withoutDocs({
      meta: { type: 'problem', schema: [], messages: { probe: '{{text}}' } },
      create() {
        const recorder = createPathRecorder({ track: (root) => root.type !== AST_NODE_TYPES.Program });
        const calls: TSESTree.CallExpression[] = [];
        return mergeListeners(recorder.listeners, {
          'CallExpression[callee.name="work"]'(node: TSESTree.CallExpression) {
            calls.push(node);
          },
          'Program:exit'() {
            for (const node of calls) {
              const target = recorder.throwTarget(node);
              const where =
                target === null ? 'leaves' : target.type === AST_NODE_TYPES.CatchClause ? `catch@${target.loc.start.line}` : `finally@${target.loc.start.line}`;
              const path = recorder.codePathAt(node);
              lines.push(
                `line ${node.loc.start.line}: ${where}, ${recorder.isReachable(node) ? 'reachable' : 'no place'}, ${path ? 'in a recorded path' : 'no path'}`,
              );
            }
          },
        });
      },
    });
    expect(runProbeRule(code, rule)).toEqual([]);
    return lines;
  }

  it('follows the lexical nesting of try statements, within one function', () => {
    expect(
      targets(`function a() {
  work();
  try {
    work();
  } catch {
    work();
  }
  try {
    try { work(); } finally { work(); }
  } catch (e) {
    try { work(); } catch { return; } finally { work(); }
  }
  try { later(() => work()); } catch {}
}
work();`),
    ).toEqual([
      'line 2: leaves, reachable, in a recorded path',
      'line 4: catch@5, reachable, in a recorded path',
      'line 6: leaves, reachable, in a recorded path',
      'line 9: finally@9, reachable, in a recorded path',
      'line 9: catch@10, reachable, in a recorded path',
      'line 11: catch@11, reachable, in a recorded path',
      'line 11: leaves, reachable, in a recorded path',
      'line 13: leaves, reachable, in a recorded path',
      'line 15: leaves, no place, no path',
    ]);
  });
});

describe('reachedAvoiding: the targets some path reaches before a stop, in one search', () => {
  it('answers as pathAvoiding does for each target', () => {
    const lines: string[] = [];
    const rule = ESLintUtils.RuleCreator.withoutDocs({
      meta: { type: 'problem', schema: [], messages: { probe: '{{text}}' } },
      create() {
        const recorder = createPathRecorder({ track: (root) => root.type !== AST_NODE_TYPES.Program });
        let from: TSESTree.Node | null = null;
        const steps: TSESTree.CallExpression[] = [];
        const closes: TSESTree.CallExpression[] = [];
        return mergeListeners(recorder.listeners, {
          'CallExpression[callee.name="open"]'(node: TSESTree.CallExpression) {
            from = node;
          },
          'CallExpression[callee.name="step"]'(node: TSESTree.CallExpression) {
            steps.push(node);
          },
          'CallExpression[callee.name="close"]'(node: TSESTree.CallExpression) {
            closes.push(node);
          },
          'Program:exit'() {
            if (!from) return;
            const reached = recorder.reachedAvoiding(from, closes, steps);
            for (const step of steps) {
              const one = recorder.pathAvoiding(from, closes, { to: [step] });
              lines.push(
                `${String(step.arguments.length)}: ${reached.has(step) ? 'reached' : 'not reached'}${one === reached.has(step) ? '' : ' (disagrees)'}`,
              );
            }
          },
        });
      },
    });
    expect(
      runProbeRule(
        `function a(xs) { step(); const h = open(); if (x) { close(h); step(1, 1); } else { step(1); } for (const x of xs) { step(1, 1, 1); if (x) break; close(h); } step(1, 1, 1, 1); }`,
        rule,
      ),
    ).toEqual([]);
    expect(lines).toEqual(['0: not reached', '2: not reached', '1: reached', '3: reached', '4: reached']);
  });
});
