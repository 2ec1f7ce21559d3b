// `npm run new-rule`: the scaffold writes a rule that works, with its test, doc and fixtures, and
// a stub in every other place a rule must appear, in a scratch copy of the places it edits.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { check, resolveConfig } from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ANCHORS, PLACEHOLDER, scaffoldRule } from '../../tools/new-rule.js';
import { checkPrecision, parsePrecision } from '../../tools/review.js';
import plugin from '../../src/index.js';
import { rootDir } from '../support/paths.js';

const copied = ['src', 'rules', 'docs', 'fixtures', 'CHANGELOG.md', 'test/support/fuzz.ts', 'test/robustness/pathological.test.ts'];
let root = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'steady-state-new-rule-'));
  for (const path of copied) cpSync(join(rootDir, path), join(root, path), { recursive: true });
  symlinkSync(join(rootDir, 'node_modules'), join(root, 'node_modules'), 'dir');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const read = (path: string): string => readFileSync(join(root, path), 'utf8');

/** The `## [Unreleased]` part of the changelog. */
function unreleased(changelog: string): string {
  const start = changelog.indexOf(ANCHORS.changelog);
  const next = changelog.indexOf('\n## [', start + 1);
  return changelog.slice(start, next === -1 ? undefined : next);
}

describe('npm run new-rule', () => {
  it('writes a rule, its test, doc and fixtures, and stubs where a rule must also appear', () => {
    const written = scaffoldRule({
      root,
      name: 'no-unbounded-queue',
      failureMode: 'memory-drift',
      description: 'Disallow in-process queues with no bound on their length',
    });
    expect(written).toEqual([
      'rules/no-unbounded-queue.ts',
      'test/rules/no-unbounded-queue.test.ts',
      'docs/rules/no-unbounded-queue.md',
      'fixtures/leaky-service/src/no-unbounded-queue.ts',
      'fixtures/steady-service/src/no-unbounded-queue.ts',
      'test/support/fuzz.ts',
      'test/robustness/pathological.test.ts',
      'docs/precision.md',
      'CHANGELOG.md',
    ]);
    expect(read('rules/no-unbounded-queue.ts')).toContain("failureMode: 'memory-drift'");
    expect(read('docs/rules/no-unbounded-queue.md')).toContain('## Failure mode: memory drift');
    expect(read('fixtures/leaky-service/src/no-unbounded-queue.ts')).toContain(`${PLACEHOLDER}(id); // expect: no-unbounded-queue`);
    expect(read('fixtures/steady-service/src/no-unbounded-queue.ts')).not.toContain('// expect:');

    // The stubs go above their anchors, which stay for the next rule.
    const fuzz = read('test/support/fuzz.ts');
    expect(fuzz.indexOf(`  noUnboundedQueue: [\n    { text: '${PLACEHOLDER}($V);' },`)).toBeLessThan(fuzz.indexOf(ANCHORS.fuzz));
    const pathological = read('test/robustness/pathological.test.ts');
    expect(pathological.indexOf("reports: [rule('no-unbounded-queue')]")).toBeGreaterThan(0);
    expect(pathological.indexOf("reports: [rule('no-unbounded-queue')]")).toBeLessThan(pathological.indexOf(ANCHORS.pathological));
  });

  it('writes code that is formatted as the project formats it (Prettier, which npm test checks)', async () => {
    const options = await resolveConfig(join(rootDir, 'package.json'));
    for (const path of [
      'rules/no-unbounded-queue.ts',
      'test/rules/no-unbounded-queue.test.ts',
      'test/support/fuzz.ts',
      'test/robustness/pathological.test.ts',
    ]) {
      expect(await check(read(path), { ...options, filepath: join(root, path) }), path).toBe(true);
    }
  });

  it('adds the rule to the precision table and verdicts in name order, as a document the precision check accepts', () => {
    const doc = parsePrecision(read('docs/precision.md'));
    const rules = [...doc.rows.keys()];
    expect(rules).toContain('no-unbounded-queue');
    expect(rules).toEqual([...rules].sort());
    expect(doc.rows.get('no-unbounded-queue')).toMatchObject({ config: 'all', service: 0, sampled: 0, precision: 'no findings' });
    const headings = read('docs/precision.md')
      .split('\n')
      .filter((line) => line.startsWith('### '));
    expect(headings.indexOf('### no-unbounded-queue')).toBe(headings.indexOf('### no-unbounded-pool') + 1);
    const names = [...Object.keys(plugin.rules), 'no-unbounded-queue'];
    const recommended = Object.entries(plugin.rules)
      .filter(([, rule]) => rule.meta?.docs?.recommended === 'recommended')
      .map(([name]) => name);
    expect(checkPrecision(doc, { rules: names, recommended })).toEqual([]);
  });

  it('writes a rule that reports its placeholder shape, in its invalid case and its doc example, and nothing else', async () => {
    const module = (await import(pathToFileURL(join(root, 'rules', 'no-unbounded-queue.ts')).href)) as { default: unknown };
    const linter = new Linter({ configType: 'flat' });
    const lint = (code: string): string[] =>
      linter
        .verify(
          code,
          [
            {
              files: ['**/*.ts'],
              plugins: { scaffold: { rules: { rule: module.default } } } as unknown as Linter.Config['plugins'],
              languageOptions: { parser: tsParser },
              rules: { 'scaffold/rule': 'error' },
            },
          ],
          'file.ts',
        )
        .map((message) => `${message.line}:${message.column} ${message.ruleId ?? 'fatal'} ${message.message}`);
    const fixture = read('fixtures/leaky-service/src/no-unbounded-queue.ts');
    expect(lint(fixture)).toEqual([`5:10 scaffold/rule \`${PLACEHOLDER}()\` is the placeholder shape of this rule; replace it with what the rule reports.`]);
    expect(lint(read('fixtures/steady-service/src/no-unbounded-queue.ts'))).toEqual([]);
    // the doc's incorrect example is reported on the line its findings comment names
    const [, line = '', incorrect = ''] =
      /### ❌ Incorrect\n\n<!-- findings: (\d+) -->\n```js\n([\s\S]*?)```/.exec(read('docs/rules/no-unbounded-queue.md')) ?? [];
    expect(lint(incorrect).map((message) => message.split(':')[0])).toEqual([line]);
  });

  it('adds a second rule under the same "Added" heading of the changelog', () => {
    scaffoldRule({ root, name: 'require-drain', failureMode: 'lost-work', description: 'Require queues to drain before the process exits' });
    const section = unreleased(read('CHANGELOG.md'));
    expect(section.match(/^### Added$/gm)).toHaveLength(1);
    expect(section).toContain('- `require-drain`: require queues to drain before the process exits.\n- `no-unbounded-queue`: disallow in-process queues');
  });

  it('adds a new failure mode when given its label and symptom', () => {
    scaffoldRule({
      root,
      name: 'no-unbounded-spool',
      failureMode: 'disk-drift',
      failureLabel: 'disk drift',
      failureSymptom: "the disk fills with files nobody's code deletes",
      description: 'Disallow spool folders that are never cleaned',
    });
    const modes = read('src/failure-modes.ts');
    expect(modes).toContain("  'disk-drift': {\n    label: 'disk drift',\n    symptom: 'the disk fills with files nobody\\'s code deletes',\n  },\n");
    expect(modes.indexOf("'disk-drift'")).toBeLessThan(modes.indexOf(ANCHORS.failureModes));
    expect(read('docs/rules/no-unbounded-spool.md')).toContain('## Failure mode: disk drift');
  });

  it.each([
    [{ name: 'NoQueue' }, '"NoQueue" is not a rule name'],
    [{ name: 'queue' }, '"queue" is not a rule name'],
    [{ name: 'no-unbounded-queue' }, 'rules/no-unbounded-queue.ts already exists'],
    [{ failureMode: 'slowness' }, 'unknown failure mode "slowness" (known: memory-drift, '],
    [{ description: 'Queues with no bound' }, '--description must start with "Disallow", "Require", "Enforce" or "Report"'],
  ])('refuses %o with a message saying why', (change, message) => {
    const input = { root, name: 'no-other-queue', failureMode: 'memory-drift', description: 'Disallow other queues', ...change };
    expect(() => scaffoldRule(input)).toThrow(message);
  });
});
