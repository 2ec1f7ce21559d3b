import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from '@typescript-eslint/parser';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { rules } from '../rules/index.js';
import plugin from '../src/index.js';
import { failureModes } from '../src/failure-modes.js';
import { ruleDocsUrl } from '../src/util/create-rule.js';
import { docsDir, rootDir, rulesDir } from './support/paths.js';

const pkg = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { name: string; version: string };
const ruleFiles = readdirSync(rulesDir)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.slice(0, -'.ts'.length));

describe('plugin meta', () => {
  it('names the package, its version and the rule namespace', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'steady-state' });
  });

  it('exports exactly the rules in rules/ (the index is generated)', () => {
    expect(Object.keys(rules).sort()).toEqual([...ruleFiles].sort());
    const check = spawnSync(process.execPath, [join(rootDir, 'tools', 'generate.js'), '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('source layout', () => {
  it("keeps src/ and rules/ within the formatter's width (.prettierrc.json), long strings and comments included", () => {
    const { printWidth } = JSON.parse(readFileSync(join(rootDir, '.prettierrc.json'), 'utf8')) as { printWidth: number };
    const generated = new Set(['src/package-meta.ts', 'rules/index.ts']);
    const over: string[] = [];
    for (const folder of ['src', 'rules']) {
      for (const file of readdirSync(join(rootDir, folder), { recursive: true, encoding: 'utf8' })) {
        const path = `${folder}/${file}`;
        if (!file.endsWith('.ts') || generated.has(path)) continue;
        readFileSync(join(rootDir, path), 'utf8')
          .split('\n')
          .forEach((line, index) => {
            if (line.length > printWidth) over.push(`${path}:${index + 1}`);
          });
      }
    }
    expect(over).toEqual([]);
  });

  it('keeps every rule file thin: at most 250 lines, the analysis and fixes live in src/', () => {
    const long = ruleFiles
      .map((name) => ({
        name,
        lines: readFileSync(join(rulesDir, `${name}.ts`), 'utf8')
          .trimEnd()
          .split('\n').length,
      }))
      .filter(({ lines }) => lines > 250);
    expect(long).toEqual([]);
  });
});

describe.each(Object.entries(rules))('rule %s', (name, rule) => {
  const docs = rule.meta.docs;
  if (!docs) throw new Error(`rule ${name} has no meta.docs`);
  const testFile = join(rootDir, 'test', 'rules', `${name}.test.ts`);
  const docFile = join(docsDir, `${name}.md`);

  it('has a name equal to its file name and a docs URL to its doc', () => {
    expect(rule.name).toBe(name);
    expect(docs.url).toBe(ruleDocsUrl(name));
    expect(docs.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
    expect(existsSync(docFile)).toBe(true);
  });

  it('names its failure mode and its config, and describes itself', () => {
    expect(Object.keys(failureModes)).toContain(docs.failureMode);
    expect(['recommended', 'strict', false]).toContain(docs.recommended);
    expect(docs.description).toMatch(/^(Require|Disallow|Enforce|Report) /);
  });

  it('has a test file that exercises every message id', () => {
    expect(existsSync(testFile)).toBe(true);
    const tests = readFileSync(testFile, 'utf8');
    for (const messageId of Object.keys(rule.meta.messages)) {
      expect(tests, `message id ${messageId}`).toMatch(new RegExp(`['"\`]${messageId}['"\`]`));
    }
  });

  it("passes its cases to SteadyStateRuleTester as literal arrays, where eslint-plugin-eslint-plugin's test rules read them", () => {
    const ast = parse(readFileSync(testFile, 'utf8'), { range: true });
    const runs = ast.body.flatMap((statement) => {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.CallExpression) return [];
      const { callee, arguments: args } = statement.expression;
      const tester = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : null;
      const isRun =
        tester?.type === AST_NODE_TYPES.NewExpression && tester.callee.type === AST_NODE_TYPES.Identifier && tester.callee.name === 'SteadyStateRuleTester';
      return isRun && args[0]?.type === AST_NODE_TYPES.Literal && args[0].value === name && args[2]?.type === AST_NODE_TYPES.ObjectExpression ? [args[2]] : [];
    });
    expect(runs).toHaveLength(1);
    const arrays = Object.fromEntries(
      (runs[0]?.properties ?? []).flatMap((property) =>
        property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier ? [[property.key.name, property.value.type]] : [],
      ),
    );
    expect(arrays.valid).toBe(AST_NODE_TYPES.ArrayExpression);
    expect(arrays.invalid).toBe(AST_NODE_TYPES.ArrayExpression);
  });

  it('has messages of at most 160 characters, placeholders counted as their names (the why is in the doc)', () => {
    for (const [messageId, template] of Object.entries(rule.meta.messages)) {
      const length = template.replace(/\{\{\s*(\w+)\s*\}\}/g, '$1').length;
      expect(length, `message ${messageId}`).toBeLessThanOrEqual(160);
    }
  });

  it('documents every option with a default and a description', () => {
    const schema = rule.meta.schema;
    const objects = (Array.isArray(schema) ? schema : [schema]) as { properties?: Record<string, { description?: string }> }[];
    const properties = objects.flatMap((object) => Object.entries(object.properties ?? {}));
    for (const [option, property] of properties) {
      expect(property.description, `option ${option}`).toBeTruthy();
      expect(readFileSync(docFile, 'utf8'), `doc mentions option ${option}`).toContain(`\`${option}\``);
    }
    if (properties.length > 0) expect(rule.meta.defaultOptions).toBeDefined();
  });

  it('has a default for every option its schema names, so create() gets every option set', () => {
    const schema = rule.meta.schema;
    const objects = (Array.isArray(schema) ? schema : [schema]) as { properties?: Record<string, unknown> }[];
    objects.forEach((object, index) => {
      const defaults = (rule.meta.defaultOptions?.[index] ?? {}) as Record<string, unknown>;
      for (const option of Object.keys(object.properties ?? {})) expect(Object.hasOwn(defaults, option), `default for ${option}`).toBe(true);
    });
  });

  it('cites its failure mode in its doc', () => {
    const doc = readFileSync(docFile, 'utf8');
    expect(doc).toMatch(new RegExp(`## Failure mode: ${failureModes[docs.failureMode].label}`, 'i'));
  });
});
