import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { lintWithRule } from './support/lint.js';
import { docsDir } from './support/paths.js';

interface Example {
  readonly kind: 'incorrect' | 'correct';
  readonly code: string;
  readonly line: number;
  readonly options: readonly unknown[];
}

/**
 * The code blocks under the doc's "❌ Incorrect" and "✅ Correct" headings. A block may be preceded
 * by `<!-- options: [...] -->` to be linted with those rule options.
 */
function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  let kind: Example['kind'] | null = null;
  let options: readonly unknown[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
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
    if (fence && kind) {
      const start = index + 1;
      let end = start;
      while (end < lines.length && lines[end] !== '```') end += 1;
      examples.push({ kind, code: lines.slice(start, end).join('\n'), line: start + 1, options });
      options = [];
      index = end;
    }
  }
  return examples;
}

const docFiles = readdirSync(docsDir).filter((file) => file.endsWith('.md'));

describe.each(docFiles)('docs/rules/%s', (file) => {
  const name = file.slice(0, -'.md'.length);
  const markdown = readFileSync(join(docsDir, file), 'utf8');
  const examples = examplesOf(markdown);

  it('documents a rule of the plugin', () => {
    expect(Object.keys(plugin.rules)).toContain(name);
  });

  it('has incorrect and correct examples', () => {
    expect(examples.filter((example) => example.kind === 'incorrect').length).toBeGreaterThan(0);
    expect(examples.filter((example) => example.kind === 'correct').length).toBeGreaterThan(0);
  });

  it.each(examples.map((example) => [`${example.kind} example at line ${example.line}`, example] as const))('%s', (_, example) => {
    const filename = example.code.includes('</') ? 'file.tsx' : 'file.ts';
    const messages = lintWithRule(example.code, name, example.options, filename);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    const reports = messages.filter((message) => message.ruleId === `steady-state/${name}`);
    if (example.kind === 'incorrect') expect(reports.length).toBeGreaterThan(0);
    else expect(reports).toEqual([]);
  });
});
