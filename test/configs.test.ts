import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import { rules } from '../rules/index.js';
import { configRules, typescriptFiles } from '../src/configs.js';
import plugin from '../src/index.js';
import { rootDir } from './support/paths.js';

describe('configs', () => {
  const expected = (accept: (level: unknown) => boolean, strict = false): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(rules)
        .filter(([, rule]) => accept(rule.meta.docs?.recommended))
        .map(([name, rule]) => {
          const strictOptions = rule.meta.docs?.strictOptions;
          return [`steady-state/${name}`, strict && strictOptions ? ['error', strictOptions] : 'error'];
        }),
    );

  it('recommended holds exactly the rules whose meta says recommended', () => {
    expect(configRules(plugin.configs.recommended)).toEqual(expected((level) => level === 'recommended'));
  });

  it('strict adds the rules whose meta says strict', () => {
    expect(configRules(plugin.configs.strict)).toEqual(expected((level) => level === 'recommended' || level === 'strict', true));
  });

  it('all holds every rule', () => {
    expect(configRules(plugin.configs.all)).toEqual(expected(() => true, true));
  });

  it('strict and all turn on the stricter variants rules declare; recommended keeps defaults', () => {
    expect(configRules(plugin.configs.recommended)['steady-state/no-unbounded-cache']).toBe('error');
    expect(configRules(plugin.configs.strict)['steady-state/no-unbounded-cache']).toEqual([
      'error',
      { checkQueues: true, assumeRepeats: true, checkAllClasses: true },
    ]);
  });

  it.each(['recommended', 'strict', 'all'] as const)('%s registers the plugin on its rules object, for JavaScript and TypeScript files', (name) => {
    const [rulesObject] = plugin.configs[name];
    expect(rulesObject?.name).toBe(`steady-state/${name}`);
    expect(rulesObject?.plugins?.['steady-state']).toBe(plugin);
    expect(rulesObject?.languageOptions).toBeUndefined();
    expect(rulesObject?.files).toEqual(expect.arrayContaining(['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx', '**/*.ts', '**/*.tsx']));
  });

  it.each(['recommended', 'strict', 'all'] as const)('%s sets the TypeScript parser for TypeScript files only', (name) => {
    const withParser = plugin.configs[name].filter((entry) => entry.languageOptions?.parser !== undefined);
    expect(withParser).toHaveLength(1);
    expect(withParser[0]?.name).toBe(`steady-state/${name}/typescript`);
    expect(withParser[0]?.files).toEqual(typescriptFiles);
    expect(withParser[0]?.rules).toBeUndefined();
  });

  it('leaves JavaScript to the parser the project chose', async () => {
    type Resolved = { languageOptions: { parser?: { meta?: { name?: string } } } };
    const withOurs = new ESLint({ cwd: rootDir, overrideConfigFile: true, overrideConfig: [...plugin.configs.recommended] });
    const withNothing = new ESLint({ cwd: rootDir, overrideConfigFile: true, overrideConfig: [{ files: ['**/*.js'] }] });
    const eslintDefault = ((await withNothing.calculateConfigForFile('src/example.js')) as Resolved).languageOptions.parser;
    const js = (await withOurs.calculateConfigForFile('src/example.js')) as Resolved;
    const ts = (await withOurs.calculateConfigForFile('src/example.ts')) as Resolved;
    expect(eslintDefault).toBeDefined();
    expect(js.languageOptions.parser).toBe(eslintDefault);
    expect(ts.languageOptions.parser?.meta?.name).toBe('typescript-eslint/parser');
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
    ['eslint.config.js', `import steadyState from 'eslint-plugin-steady-state';\nexport default [...steadyState.configs.recommended];\n`],
    ['eslint.config.cjs', `const steadyState = require('eslint-plugin-steady-state');\nmodule.exports = [...steadyState.configs.recommended];\n`],
  ])('lints .js .cjs .mjs .ts .tsx with %s', async (configFile, configText) => {
    rmSync(project, { recursive: true, force: true });
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, configFile), configText);
    for (const [file, text] of Object.entries(files)) writeFileSync(join(project, file), text);
    const eslint = new ESLint({ cwd: project });
    const results = await eslint.lintFiles(['src']);
    const byFile = Object.fromEntries(results.map((result) => [result.filePath.slice(project.length + 1), result.messages.map((m) => m.ruleId ?? m.message)]));
    expect(byFile).toEqual(Object.fromEntries(Object.keys(files).map((file) => [file, ['steady-state/require-fetch-timeout']])));
  });
});
