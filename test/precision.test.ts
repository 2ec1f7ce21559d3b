// docs/precision.md publishes each rule's precision on real service code. Every rule has a row;
// every rule in `recommended` must be judged (20 sampled findings, or all of them when there are
// fewer) with at least 90% true, debatable counting as false; and the verdict lines listed for a
// rule must be as many as it sampled, with the same counts of true, debatable and false.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { checkPrecision, parsePrecision, sampleFindings } from '../tools/review.js';
import { configRules } from '../src/configs.js';
import plugin from '../src/index.js';
import { rootDir } from './support/paths.js';

const prefix = `${plugin.meta.namespace}/`;
const rules = Object.keys(plugin.rules).sort();
const recommended = Object.keys(configRules(plugin.configs.recommended))
  .map((rule) => rule.slice(prefix.length))
  .sort();
const doc = parsePrecision(readFileSync(join(rootDir, 'docs', 'precision.md'), 'utf8'));
const problems = checkPrecision(doc, { rules, recommended });
const problemsOf = (rule: string, found: readonly string[] = problems): string[] => found.filter((problem) => problem.startsWith(`${rule}: `));

describe('docs/precision.md', () => {
  it('has the precision table, a date and the plugin version it measured', () => {
    expect(doc.errors).toEqual([]);
    expect(doc.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(doc.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('has one row for every rule of the plugin, and no other', () => {
    expect([...doc.rows.keys()].sort()).toEqual(rules);
  });

  it.each(recommended)('%s (recommended): judged on service code, at least 90% true', (rule) => {
    expect(problemsOf(rule)).toEqual([]);
  });

  it.each(rules.filter((rule) => !recommended.includes(rule)))('%s: a judged row adds up and matches its verdict lines', (rule) => {
    expect(problemsOf(rule)).toEqual([]);
  });
});

/** A precision document with the given table rows and verdicts section. */
function document(rows: string[], verdicts: string): string {
  return [
    '# Precision',
    '',
    'Date: 2026-01-31',
    'Plugin version: 1.2.3',
    '',
    '| rule | config | library findings | service findings | sampled | true | debatable | false | precision |',
    '| :-- | :-- | --: | --: | --: | --: | --: | --: | --: |',
    ...rows,
    '',
    '## Verdicts',
    '',
    verdicts,
  ].join('\n');
}

const trueLines = (count: number, file: string): string[] =>
  Array.from({ length: count }, (_, index) => `- svc/lib/${file}.js:${index + 10} — true — the handler runs per request and adds a listener each time`);

describe('the precision document reader and its checks', () => {
  const plugin = { rules: ['few', 'many', 'optional'], recommended: ['few', 'many'] };

  it('accepts a document where every recommended rule is judged and passes', () => {
    const text = document(
      [
        '| `few` | recommended | 0 | 3 | 3 | 3 | 0 | 0 | 100% |',
        '| [`many`](rules/many.md) | recommended | 1,204 | 1,530 | 20 | 19 | 1 | 0 | 95% |',
        '| steady-state/optional | strict | 4 | 40 | — | — | — | — | not yet judged |',
      ],
      [
        '### few',
        '',
        ...trueLines(3, 'few'),
        '',
        '### `many`',
        '',
        ...trueLines(19, 'many'),
        '- `svc/lib/many.ts:99:4` – debatable – bounded only if the caller is',
        '',
        '### optional',
        '',
        '_Not yet judged._',
      ].join('\n'),
    );
    const parsed = parsePrecision(text);
    expect(parsed.rows.get('many')).toMatchObject({ library: 1204, service: 1530, sampled: 20, true: 19, debatable: 1, false: 0 });
    expect(parsed.rows.get('optional')).toMatchObject({ config: 'strict', sampled: null });
    expect(parsed.verdicts.get('many')?.at(-1)).toMatchObject({
      location: 'svc/lib/many.ts:99:4',
      verdict: 'debatable',
      reason: 'bounded only if the caller is',
    });
    expect(checkPrecision(parsed, plugin)).toEqual([]);
    // The same document with Windows line endings and a table without its outer pipes' padding.
    expect(checkPrecision(parsePrecision(text.replaceAll('\n', '\r\n').replaceAll('| `few` |', '|`few`|')), plugin)).toEqual([]);
  });

  it('rejects unjudged, miscounted and failing rows, with a message naming the rule', () => {
    const text = document(
      [
        '| few | recommended | 0 | 3 | 2 | 2 | 0 | 0 | 100% |',
        '| many | recommended | 9 | 50 | 20 | 17 | 2 | 2 | 85% |',
        '| ghost | all | 0 | 0 | 0 | 0 | 0 | 0 | — |',
      ],
      [
        '### few',
        '',
        ...trueLines(2, 'few'),
        '',
        '### many',
        '',
        ...trueLines(17, 'many'),
        '- svc/lib/x.js:1 — false — never runs per call',
        '- svc/lib/y.js:2 — maybe — unsure',
      ].join('\n'),
    );
    expect(checkPrecision(parsePrecision(text), plugin)).toEqual([
      'line 39: not a verdict line (- package/path:line — true|debatable|false — reason): - svc/lib/y.js:2 — maybe — unsure',
      'optional: no row in the precision table',
      'ghost: a row for a rule the plugin does not have',
      'few: 3 service findings, fewer than 20, so all must be judged, but 2 were',
      'many: sampled is 20, but true + debatable + false is 21',
      'many: sampled is 20, but 18 verdict lines are listed',
      'many: the table says 2 debatable, the verdict lines say 0',
      'many: the table says 2 false, the verdict lines say 1',
      'many: 17 of 20 true (85.0%), under the 90% that recommended needs',
    ]);
  });

  it('fails a recommended rule that is not judged yet, and a document without its parts', () => {
    const unjudged = document(
      [
        '| few | recommended | 0 | 3 | — | — | — | — | not yet judged |',
        '| many | recommended | 0 | 30 | | | | | |',
        '| optional | strict | 0 | 1 | — | — | — | — | — |',
      ],
      '### few\n\n_Not yet judged._',
    );
    expect(checkPrecision(parsePrecision(unjudged), plugin)).toEqual([
      'few: in recommended but not yet judged (sampled, true, debatable and false must be numbers)',
      'many: in recommended but not yet judged (sampled, true, debatable and false must be numbers)',
    ]);
    expect(checkPrecision(parsePrecision('# Precision\n\nNothing measured yet.\n'), plugin)).toEqual([
      'no precision table: a header row | rule | config | library findings | service findings | sampled | true | debatable | false | precision |',
      'no "## Verdicts" section',
      'no "Date: YYYY-MM-DD" line',
      'no "Plugin version: x.y.z" line',
      'few: no row in the precision table',
      'many: no row in the precision table',
      'optional: no row in the precision table',
    ]);
  });

  it('checks the precision cell, the config column and the sample size of a judged row', () => {
    const text = document(
      [
        '| few | strict | 0 | 2 | 2 | 2 | 0 | 0 | 50% |',
        '| many | recommended | 0 | 200 | 10 | 10 | 0 | 0 | 100% |',
        '| optional | strict | 0 | 1 | 1 | 0 | 0 | 1 | 0% |',
        '| optional | strict | 0 | 1 | 1 | 0 | 0 | 1 | 0% |',
      ],
      ['### few', ...trueLines(2, 'few'), '### many', ...trueLines(10, 'many'), '### optional', '- svc/a.js:3 — false — short-lived emitter'].join('\n'),
    );
    expect(checkPrecision(parsePrecision(text), plugin)).toEqual([
      'line 11: a second row for optional',
      'few: the precision cell says 50%, but 2 of 2 is 100.0%',
      'few: in recommended, but its row says config strict',
      'many: sampled 10 of 200 service findings, fewer than 20',
    ]);
  });

  it('counts a row with the wrong number of cells and a verdict outside a rule as errors of the document', () => {
    const parsed = parsePrecision(document(['| few | recommended | 0 | 3 | 3 | 3 | 0 |'], '- svc/a.js:3 — true — before any heading'));
    expect(parsed.errors).toEqual(['line 8: a table row has 7 cells, not 9', 'line 12: a verdict line before any ### <rule> heading']);
  });
});

describe('the review sample', () => {
  const findings = Array.from({ length: 60 }, (_, index) => ({ path: `svc/lib/file-${index % 7}.js`, line: index + 1, column: 3, message: 'm' }));

  it('is the same for the same findings, seed and rule, whatever their order, and in file order', () => {
    const sample = sampleFindings(findings, 20, '1', 'no-listener-leak');
    expect(sample).toHaveLength(20);
    expect(new Set(sample).size).toBe(20);
    expect(sampleFindings([...findings].reverse(), 20, '1', 'no-listener-leak')).toEqual(sample);
    expect(sample).toEqual([...sample].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line));
    expect(sampleFindings(findings, 20, '2', 'no-listener-leak')).not.toEqual(sample);
    expect(sampleFindings(findings, 20, '1', 'no-unbounded-cache')).not.toEqual(sample);
  });

  it('is every finding when there are no more than the sample size', () => {
    expect(sampleFindings(findings.slice(0, 5), 20, '1', 'no-timer-in-loop')).toHaveLength(5);
  });
});
