import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { rootDir } from './support/paths.js';

describe('configs', () => {
  const expected = (accept: (level: unknown) => boolean, strict = false): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(plugin.rules)
        .filter(([, rule]) => accept(rule.meta.docs?.recommended))
        .map(([name, rule]) => {
          const strictOptions = rule.meta.docs?.strictOptions;
          return [`steady-state/${name}`, strict && strictOptions ? ['error', strictOptions] : 'error'];
        }),
    );

  it('recommended holds exactly the rules whose meta says recommended', () => {
    expect(plugin.configs.recommended.rules).toEqual(expected((level) => level === 'recommended'));
  });

  it('strict adds the rules whose meta says strict', () => {
    expect(plugin.configs.strict.rules).toEqual(expected((level) => level === 'recommended' || level === 'strict', true));
  });

  it('all holds every rule', () => {
    expect(plugin.configs.all.rules).toEqual(expected(() => true, true));
  });

  it('strict and all turn on the stricter variants rules declare; recommended keeps defaults', () => {
    expect(plugin.configs.recommended.rules?.['steady-state/no-unbounded-cache']).toBe('error');
    expect(plugin.configs.strict.rules?.['steady-state/no-unbounded-cache']).toEqual(['error', { checkQueues: true }]);
  });

  it.each(['recommended', 'strict', 'all'] as const)('%s is a named flat config that registers the plugin on itself', (name) => {
    const config = plugin.configs[name];
    expect(config.name).toBe(`steady-state/${name}`);
    expect(config.plugins?.['steady-state']).toBe(plugin);
    expect(config.files).toEqual(expect.arrayContaining(['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.ts', '**/*.tsx']));
  });
});

describe('a user project that only adds the recommended config', () => {
  // Inside the package, so `eslint-plugin-steady-state` resolves to this package (self-reference).
  const project = join(rootDir, 'test', '.tmp', 'user-project');
  const leaky = 'export async function load(url) {\n  return fetch(url);\n}\n';
  const files: Record<string, string> = {
    'src/a.js': leaky,
    'src/b.cjs': 'module.exports = (url) => fetch(url);\n',
    'src/c.mjs': leaky,
    'src/d.ts': 'export async function load(url: string): Promise<Response> {\n  return fetch(url);\n}\n',
    'src/e.tsx': 'export const view = (url: string) => <img src={url} onLoad={() => fetch(url)} />;\n',
  };

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it.each([
    ['eslint.config.js', `import steadyState from 'eslint-plugin-steady-state';\nexport default [steadyState.configs.recommended];\n`],
    ['eslint.config.cjs', `const steadyState = require('eslint-plugin-steady-state');\nmodule.exports = [steadyState.configs.recommended];\n`],
  ])('lints .js .cjs .mjs .ts .tsx with %s', async (configFile, configText) => {
    rmSync(project, { recursive: true, force: true });
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, configFile), configText);
    for (const [file, text] of Object.entries(files)) writeFileSync(join(project, file), text);
    const eslint = new ESLint({ cwd: project });
    const results = await eslint.lintFiles(['src']);
    const byFile = Object.fromEntries(
      results.map((result) => [result.filePath.slice(project.length + 1), result.messages.map((m) => m.ruleId ?? m.message)]),
    );
    expect(byFile).toEqual(Object.fromEntries(Object.keys(files).map((file) => [file, ['steady-state/require-fetch-timeout']])));
  });
});
