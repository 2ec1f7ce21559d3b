import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { configRules } from '../src/configs.js';
import { applyEdit, fixedWithRule, lintAsRecommended, lintWithRule } from './support/lint.js';
import { snippetTypeErrors } from './support/type-check.js';
import { docsDir, rootDir } from './support/paths.js';

interface Example {
  readonly kind: 'incorrect' | 'correct';
  readonly code: string;
  readonly line: number;
  readonly options: readonly unknown[];
  /** The lines (in the block) the rule reports, from `<!-- findings: 3, 7 -->` before it; a line reported twice is written twice. */
  readonly findings: readonly number[] | null;
  readonly language: 'ts' | 'tsx' | 'js';
}

/**
 * A before/after pair in a doc's "Fixes and suggestions" section: `<!-- before-after: fix -->` (what
 * `--fix` writes) or `<!-- before-after: suggestion <messageId> -->` (what applying that editor
 * suggestion writes), followed by the code block before and the code block after.
 */
interface BeforeAfter {
  readonly remedy: { readonly kind: 'fix' } | { readonly kind: 'suggestion'; readonly messageId: string };
  readonly before: string;
  readonly after: string;
  readonly line: number;
  readonly options: readonly unknown[];
}

/**
 * The code blocks under the doc's "❌ Incorrect" and "✅ Correct" headings. A block may be preceded
 * by `<!-- options: [...] -->` to be linted with those rule options, and an incorrect one is
 * preceded by `<!-- findings: … -->`, the lines the rule reports in it.
 */
function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  let kind: Example['kind'] | null = null;
  let options: readonly unknown[] = [];
  let findings: number[] | null = null;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const findingsComment = /^<!-- findings: ([\d, ]+) -->$/.exec(line);
    if (findingsComment?.[1]) {
      findings = findingsComment[1].split(',').map((entry) => Number(entry.trim()));
      continue;
    }
    if (/^#{1,6} /.test(line)) {
      kind = line.includes('❌') ? 'incorrect' : line.includes('✅') ? 'correct' : null;
      continue;
    }
    const optionsComment = /^<!-- options: (.*) -->$/.exec(line);
    if (optionsComment?.[1]) {
      options = JSON.parse(optionsComment[1]) as unknown[];
      continue;
    }
    const fence = /^```(ts|js|typescript|javascript|tsx)$/.exec(line);
    // Options apply to the next block only, whichever section it is in.
    if (fence && !kind) {
      options = [];
      findings = null;
    }
    if (fence?.[1] && kind) {
      const start = index + 1;
      let end = start;
      while (end < lines.length && lines[end] !== '```') end += 1;
      const language = fence[1] === 'tsx' ? 'tsx' : fence[1].startsWith('t') ? 'ts' : 'js';
      examples.push({ kind, code: lines.slice(start, end).join('\n'), line: start + 1, options, findings, language });
      options = [];
      findings = null;
      index = end;
    }
  }
  return examples;
}

/** The code block that starts at `lines[index]` (a fence line), and the index of its closing fence. */
function codeBlockAt(lines: readonly string[], index: number): { code: string; end: number } | null {
  if (!/^```(ts|js|typescript|javascript|tsx)$/.test(lines[index] ?? '')) return null;
  let end = index + 1;
  while (end < lines.length && lines[end] !== '```') end += 1;
  return { code: lines.slice(index + 1, end).join('\n'), end };
}

/** The before/after pairs of a doc (see `BeforeAfter`); a marker without two code blocks is an error. */
function beforeAftersOf(markdown: string): BeforeAfter[] {
  const pairs: BeforeAfter[] = [];
  const lines = markdown.split('\n');
  let options: readonly unknown[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const optionsComment = /^<!-- options: (.*) -->$/.exec(line);
    if (optionsComment?.[1]) {
      options = JSON.parse(optionsComment[1]) as unknown[];
      continue;
    }
    const marker = /^<!-- before-after: (fix|suggestion (\w+)) -->$/.exec(line);
    if (!marker) {
      if (/^```/.test(line)) options = [];
      continue;
    }
    let next = index + 1;
    while ((lines[next] ?? '') === '') next += 1;
    const before = codeBlockAt(lines, next);
    let afterStart = (before?.end ?? next) + 1;
    while ((lines[afterStart] ?? '') === '') afterStart += 1;
    const after = before ? codeBlockAt(lines, afterStart) : null;
    if (!before || !after) throw new Error(`before-after marker at line ${index + 1} is not followed by two code blocks`);
    const remedy = marker[2] ? { kind: 'suggestion' as const, messageId: marker[2] } : { kind: 'fix' as const };
    pairs.push({ remedy, before: before.code, after: after.code, line: index + 1, options });
    options = [];
    index = after.end;
  }
  return pairs;
}

/** Orders `rule:line` entries by line, then by rule. */
function byLine(a: string, b: string): number {
  const [ruleA = '', lineA = '0'] = a.split(':');
  const [ruleB = '', lineB = '0'] = b.split(':');
  return Number(lineA) - Number(lineB) || ruleA.localeCompare(ruleB);
}

const docFiles = readdirSync(docsDir).filter((file) => file.endsWith('.md'));

describe.each(docFiles)('docs/rules/%s', (file) => {
  const name = file.slice(0, -'.md'.length);
  const markdown = readFileSync(join(docsDir, file), 'utf8');
  const examples = examplesOf(markdown);
  const beforeAfters = beforeAftersOf(markdown);

  it('documents a rule of the plugin', () => {
    expect(Object.keys(plugin.rules)).toContain(name);
  });

  it('has incorrect and correct examples', () => {
    expect(examples.filter((example) => example.kind === 'incorrect').length).toBeGreaterThan(0);
    expect(examples.filter((example) => example.kind === 'correct').length).toBeGreaterThan(0);
  });

  it('has a "Fixes and suggestions" section, with a before/after example of each remedy the rule offers', () => {
    expect(markdown).toMatch(/^## Fixes and suggestions$/m);
    const rule = (plugin.rules as Record<string, { meta?: { fixable?: unknown; hasSuggestions?: unknown } }>)[name];
    if (rule?.meta?.fixable || rule?.meta?.hasSuggestions) expect(beforeAfters.length).toBeGreaterThan(0);
  });

  it.each(beforeAfters.map((pair) => [`${pair.remedy.kind === 'fix' ? 'fix' : `suggestion ${pair.remedy.messageId}`} at line ${pair.line}`, pair] as const))(
    'before/after: %s writes the "after" block',
    (_, pair) => {
      const filename = pair.before.includes('</') ? 'file.tsx' : 'file.ts';
      if (pair.remedy.kind === 'fix') {
        expect(fixedWithRule(pair.before, name, pair.options, filename)).toBe(pair.after);
        return;
      }
      const { messageId } = pair.remedy;
      const suggestion = lintWithRule(pair.before, name, pair.options, filename)
        .filter((message) => message.ruleId === `steady-state/${name}`)
        .flatMap((message) => message.suggestions ?? [])
        .find((candidate) => candidate.messageId === messageId);
      expect(suggestion, `a ${messageId} suggestion on the "before" block`).toBeDefined();
      if (suggestion) expect(applyEdit(pair.before, suggestion.fix)).toBe(pair.after);
    },
  );

  it.each(examples.map((example) => [`${example.kind} example at line ${example.line}`, example] as const))(
    '%s: reports what its findings comment says, and no other rule of recommended reports',
    (_, example) => {
      const filename = example.code.includes('</') ? 'file.tsx' : 'file.ts';
      const messages = lintAsRecommended(example.code, name, example.options, filename);
      expect(messages.filter((message) => message.fatal)).toEqual([]);
      const reported = messages.map((message) => `${message.ruleId ?? 'eslint'}:${message.line}`).sort(byLine);
      if (example.kind === 'incorrect') {
        expect(example.findings, 'an incorrect example says which lines are reported (<!-- findings: … -->)').not.toBeNull();
        expect(example.findings?.length).toBeGreaterThan(0);
      } else {
        expect(example.findings, 'a correct example has no findings comment').toBeNull();
      }
      expect(reported).toEqual((example.findings ?? []).map((line) => `steady-state/${name}:${line}`).sort(byLine));
    },
  );

  const typescriptBlocks = [
    ...examples.filter((example) => example.language !== 'js').map((example) => ({ label: `${example.kind} example at line ${example.line}`, ...example })),
    ...beforeAfters.flatMap((pair) => [
      { label: `before block of the pair at line ${pair.line}`, code: pair.before, language: 'ts' as const },
      { label: `after block of the pair at line ${pair.line}`, code: pair.after, language: 'ts' as const },
    ]),
  ];
  it.each(typescriptBlocks.map((block) => [block.label, block] as const))('%s type-checks, apart from the names it leaves undeclared', (_, block) => {
    expect(snippetTypeErrors(block.code, { tsx: block.language === 'tsx' || block.code.includes('</') })).toEqual([]);
  });
});

describe('README rules table', () => {
  const readme = readFileSync(join(rootDir, 'README.md'), 'utf8').split('\n');
  const shipped = ['recommended', 'strict'] as const;

  /** The messages of the rule on its doc's ❌ examples, with the given rule options. */
  function findings(name: string, options: readonly unknown[]) {
    return examplesOf(readFileSync(join(docsDir, `${name}.md`), 'utf8'))
      .filter((example) => example.kind === 'incorrect' && example.options.length === 0)
      .flatMap((example) => lintWithRule(example.code, name, options, example.code.includes('</') ? 'file.tsx' : 'file.ts'))
      .filter((message) => message.ruleId === `steady-state/${name}`);
  }

  it.each(Object.keys(plugin.rules))('%s: 🔧 and 💡 say what the shipped configs do', (name) => {
    const rowIndex = readme.findIndex((line) => line.startsWith(`| [${name}](`));
    expect(rowIndex, `README row of ${name}`).toBeGreaterThan(0);
    let headerIndex = rowIndex;
    while (headerIndex > 0 && !/^\| Name\s/u.test(readme[headerIndex] ?? '')) headerIndex -= 1;
    const header = (readme[headerIndex] ?? '').split('|').map((cell) => cell.trim());
    const row = (readme[rowIndex] ?? '').split('|').map((cell) => cell.trim());
    const fixCell = row[header.indexOf('🔧')] ?? '';
    const suggestionCell = row[header.indexOf('💡')] ?? '';

    // A rule in neither shipped config yet (only in `all`) is judged with the settings of `all`.
    const configs = shipped.some((config) => configRules(plugin.configs[config])[`steady-state/${name}`] !== undefined) ? shipped : (['all'] as const);
    const messages = configs.flatMap((config) => {
      const setting = configRules(plugin.configs[config])[`steady-state/${name}`];
      return setting === undefined ? [] : findings(name, Array.isArray(setting) ? setting.slice(1) : []);
    });
    expect(messages.length, `${name}: its ❌ examples report`).toBeGreaterThan(0);
    expect(fixCell === '🔧', `${name}: 🔧 in the README`).toBe(messages.some((message) => message.fix !== undefined));
    expect(suggestionCell === '💡', `${name}: 💡 in the README`).toBe(messages.some((message) => (message.suggestions?.length ?? 0) > 0));

    // A footnote in place of 🔧 names the option that turns the suggestion into a fix: with it, `--fix` applies one.
    if (fixCell !== '' && fixCell !== '🔧') {
      const footnote = readme.find((line) => line.startsWith(`${fixCell} \`${name}\`: 🔧 only with its `));
      const option = footnote && /`(\w+): '([\w-]+)'`/.exec(footnote);
      expect(option, `${name}: footnote ${fixCell}`).toBeTruthy();
      const [, key = '', value = ''] = option ?? [];
      expect(findings(name, [{ [key]: value }]).some((message) => message.fix !== undefined)).toBe(true);
    }
  });
});

describe('type-checking a doc block', () => {
  it('leaves undeclared names and unresolved modules to the surroundings', () => {
    expect(snippetTypeErrors(`import { bus } from './bus.js';\nbus.on('order', (order) => charge(order));\nconst quotes = new Map<string, Quote>();`)).toEqual(
      [],
    );
  });

  it('reports what is wrong in the block itself, with its line', () => {
    expect(snippetTypeErrors(`const retries: number = 'three';`)).toEqual([expect.stringMatching(/^line 1: TS2322: /)]);
    expect(snippetTypeErrors(`export class Session {\n  start() {\n    setInterval(() => this.read(), 1000);\n  }\n}`)).toEqual([
      expect.stringMatching(/^line 3: TS2339: Property 'read' does not exist/),
    ]);
  });
});
