// Adopting the plugin on code that already has findings: ESLint's bulk suppressions
// (`eslint-suppressions.json`), inline disable comments with a reason, and messages that do not
// change when unrelated code changes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import { rules } from '../../rules/index.js';
import { configRules } from '../../dist/src/configs.js';
import plugin from '../../dist/src/index.js';
import { fixturesDir, rootDir } from '../support/paths.js';

const eslintBin = join(rootDir, 'node_modules', '.bin', 'eslint');
const pluginUrl = pathToFileURL(join(rootDir, 'dist', 'src', 'index.js')).href;
const scratch = mkdtempSync(join(tmpdir(), 'steady-state-suppressions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const LEGACY = `const seen = new Map<string, number>();

export function remember(req: { query: { key: string } }, res: unknown): void {
  seen.set(req.query.key, Date.now());
}

export async function loadUser(url: string): Promise<unknown> {
  const response = await fetch(url);
  return response.json();
}

export async function loadOrder(url: string): Promise<unknown> {
  const response = await fetch(url);
  return response.json();
}
`;

/** Code that has nothing to do with any finding, to put above the code that has them. */
const UNRELATED = `// Build information.
export const buildInfo = { commit: '0000000', builtAt: '1970-01-01T00:00:00Z' } as const;
export function describeBuild(): string {
  return \`\${buildInfo.commit} @ \${buildInfo.builtAt}\`;
}
`;
const UNRELATED_LINES = UNRELATED.split('\n').length - 1;

let projects = 0;
/** A project that uses the recommended config of the built plugin, with the given files. */
function project(files: Record<string, string>): string {
  projects += 1;
  const dir = join(scratch, `project-${projects}`);
  const all: Record<string, string> = {
    'eslint.config.js': `import steadyState from ${JSON.stringify(pluginUrl)};\n\nexport default [...steadyState.configs.recommended];\n`,
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, script: string, args: string[]): Run {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const eslint = (cwd: string, ...args: string[]): Run => run(cwd, eslintBin, args);
const scanner = (cwd: string, ...args: string[]): Run => run(cwd, join(rootDir, 'bin', 'steady-state.js'), args);

interface JsonMessage {
  ruleId: string | null;
  message: string;
  line: number;
  column: number;
  severity: number;
  suppressions?: { kind: string; justification: string }[];
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
}

/** `file:line:column rule` for every reported message of an `eslint -f json` run. */
function reported(cwd: string, run: Run): string[] {
  return (JSON.parse(run.stdout) as JsonResult[]).flatMap((result) =>
    result.messages.map((message) => `${relative(cwd, result.filePath)}:${message.line}:${message.column} ${message.ruleId}`),
  );
}

/** The result for `file` (relative to `cwd`) of an `eslint -f json` run. */
function resultFor(cwd: string, run: Run, file: string): JsonResult | undefined {
  return (JSON.parse(run.stdout) as JsonResult[]).find((result) => result.filePath === join(cwd, file));
}

function suppressionsFile(dir: string): unknown {
  return JSON.parse(readFileSync(join(dir, 'eslint-suppressions.json'), 'utf8'));
}

describe('bulk suppressions', () => {
  it('eslint --suppress-all records our findings by file, rule and count, and the next run is clean', () => {
    const dir = project({ 'src/legacy.ts': LEGACY });
    const before = eslint(dir, '-f', 'json', '.');
    expect(before.status).toBe(1);
    expect(reported(dir, before)).toEqual([
      'src/legacy.ts:1:7 steady-state/no-unbounded-cache',
      'src/legacy.ts:8:26 steady-state/require-fetch-timeout',
      'src/legacy.ts:13:26 steady-state/require-fetch-timeout',
    ]);

    const suppress = eslint(dir, '--suppress-all', '.');
    expect(suppress.status).toBe(0);
    expect(suppressionsFile(dir)).toEqual({
      'src/legacy.ts': {
        'steady-state/no-unbounded-cache': { count: 1 },
        'steady-state/require-fetch-timeout': { count: 2 },
      },
    });

    const after = eslint(dir, '.');
    expect(after).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('applies to the eslint command only: the steady-state scanner does not read eslint-suppressions.json', () => {
    const dir = project({ 'src/legacy.ts': LEGACY });
    expect(eslint(dir, '--suppress-all', '.').status).toBe(0);
    const result = scanner(dir, '--format', 'json', '.');
    expect(result.status).toBe(1);
    expect(reported(dir, result)).toEqual([
      'src/legacy.ts:1:7 steady-state/no-unbounded-cache',
      'src/legacy.ts:8:26 steady-state/require-fetch-timeout',
      'src/legacy.ts:13:26 steady-state/require-fetch-timeout',
    ]);
  });

  it('stays clean when unrelated code is added above the suppressed findings', () => {
    const dir = project({ 'src/legacy.ts': LEGACY });
    expect(eslint(dir, '--suppress-all', '.').status).toBe(0);
    writeFileSync(join(dir, 'src', 'legacy.ts'), UNRELATED + LEGACY);
    expect(eslint(dir, '.')).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('reports a new finding in a file that has no suppressions, and only that one', () => {
    const dir = project({ 'src/legacy.ts': LEGACY });
    expect(eslint(dir, '--suppress-all', '.').status).toBe(0);
    writeFileSync(join(dir, 'src', 'ping.ts'), 'export const ping = (url: string) => fetch(url);\n');
    const run = eslint(dir, '-f', 'json', '.');
    expect(run.status).toBe(1);
    expect(reported(dir, run)).toEqual(['src/ping.ts:1:38 steady-state/require-fetch-timeout']);
  });

  it('one finding more of a suppressed rule in the same file reports all of that rule in that file', () => {
    const dir = project({ 'src/legacy.ts': LEGACY });
    expect(eslint(dir, '--suppress-all', '.').status).toBe(0);
    writeFileSync(join(dir, 'src', 'legacy.ts'), `${LEGACY}\nexport const ping = (url: string) => fetch(url);\n`);
    const run = eslint(dir, '-f', 'json', '.');
    expect(run.status).toBe(1);
    expect(reported(dir, run)).toEqual([
      'src/legacy.ts:8:26 steady-state/require-fetch-timeout',
      'src/legacy.ts:13:26 steady-state/require-fetch-timeout',
      'src/legacy.ts:17:38 steady-state/require-fetch-timeout',
    ]);
  });

  it('after a fix, the stale suppression fails the run until --prune-suppressions lowers the count', () => {
    const dir = project({ 'src/legacy.ts': LEGACY });
    expect(eslint(dir, '--suppress-all', '.').status).toBe(0);
    const fixed = LEGACY.replace(/(loadOrder[^]*?)fetch\(url\)/, '$1fetch(url, { signal: AbortSignal.timeout(5_000) })');
    expect(fixed).not.toBe(LEGACY);
    writeFileSync(join(dir, 'src', 'legacy.ts'), fixed);

    const stale = eslint(dir, '.');
    expect(stale.status).toBe(2);
    expect(stale.stderr).toContain('There are suppressions left that do not occur anymore');

    const prune = eslint(dir, '--prune-suppressions', '.');
    expect(prune.status).toBe(0);
    expect(suppressionsFile(dir)).toEqual({
      'src/legacy.ts': {
        'steady-state/no-unbounded-cache': { count: 1 },
        'steady-state/require-fetch-timeout': { count: 1 },
      },
    });
    expect(eslint(dir, '.')).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('inline disable comments', () => {
  const DISABLE = '// eslint-disable-next-line steady-state/require-fetch-timeout -- upstream is local and bounded';

  it('a disable comment with a reason suppresses our finding and keeps the reason', () => {
    const dir = project({ 'src/probe.ts': `${DISABLE}\nexport const probe = (url: string) => fetch(url);\n` });
    const run = eslint(dir, '-f', 'json', '--report-unused-disable-directives', '.');
    expect(run.status).toBe(0);
    const result = resultFor(dir, run, 'src/probe.ts');
    expect(result?.messages).toEqual([]);
    expect(result?.suppressedMessages.map((message) => [message.ruleId, message.line, message.suppressions])).toEqual([
      ['steady-state/require-fetch-timeout', 2, [{ kind: 'directive', justification: 'upstream is local and bounded' }]],
    ]);
  });

  it('--report-unused-disable-directives reports a disable comment that no longer suppresses anything', () => {
    const dir = project({
      'src/probe.ts': `${DISABLE}\nexport const probe = (url: string) => fetch(url, { signal: AbortSignal.timeout(1_000) });\n`,
    });
    const run = eslint(dir, '-f', 'json', '--report-unused-disable-directives', '.');
    expect(run.status).toBe(1);
    const result = resultFor(dir, run, 'src/probe.ts');
    expect(result?.messages.map((message) => [message.ruleId, message.line, message.severity, message.message])).toEqual([
      [null, 1, 2, "Unused eslint-disable directive (no problems were reported from 'steady-state/require-fetch-timeout')."],
    ]);
  });
});

describe('messages', () => {
  const leaky = join(fixturesDir, 'leaky-service');
  const fixtureFiles = readdirSync(leaky, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('.ts'))
    .map((entry) => join(leaky, entry))
    .sort();
  const allRules = configRules(plugin.configs.all);

  /** Lints `code` as `filePath` with one rule, configured as in the `all` config. */
  async function lint(ruleId: string, filePath: string, code: string): Promise<Linter.LintMessage[]> {
    const eslintApi = new ESLint({
      cwd: rootDir,
      overrideConfigFile: true,
      // The `all` config with only this rule on.
      overrideConfig: plugin.configs.all.map((entry) => (entry.rules ? { ...entry, rules: { [ruleId]: allRules[ruleId] } } : entry)),
    });
    const [result] = await eslintApi.lintText(code, { filePath });
    return result?.messages ?? [];
  }

  /** A RegExp matching exactly the texts the template can produce, whatever the data. */
  function templatePattern(template: string): RegExp {
    const parts = template.split(/\{\{\s*\w+\s*\}\}/);
    return new RegExp(`^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^]*?')}$`);
  }

  it.each(Object.keys(rules))('%s: messages come from meta.messages and stay the same when unrelated code is added above', async (name) => {
    const ruleId = `steady-state/${name}`;
    const rule = rules[name as keyof typeof rules];
    const templates: Readonly<Record<string, string>> = rule.meta.messages;
    const marker = new RegExp(`// expect: (.*, )?${name}(,|$)`, 'm');
    const files = fixtureFiles.filter((file) => marker.test(readFileSync(file, 'utf8')));
    expect(files.length).toBeGreaterThan(0);

    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      const before = await lint(ruleId, file, code);
      const after = await lint(ruleId, file, UNRELATED + code);
      expect(before.length).toBeGreaterThan(0);
      expect(before.every((message) => message.ruleId === ruleId)).toBe(true);

      for (const message of before) {
        const template = templates[message.messageId ?? ''];
        expect(template, `${name}: messageId ${message.messageId}`).toBeDefined();
        expect(message.message).toMatch(templatePattern(template ?? ''));
        expect(message.message).not.toContain(rootDir);
        expect(message.message).not.toContain(relative(leaky, file));
      }
      expect(after.map((message) => ({ line: message.line - UNRELATED_LINES, column: message.column, text: message.message }))).toEqual(
        before.map((message) => ({ line: message.line, column: message.column, text: message.message })),
      );
    }
  });
});
