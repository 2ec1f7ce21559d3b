// The plugin's rules under Oxlint, loaded as a JavaScript plugin (`jsPlugins` in .oxlintrc.json):
// same findings, messages and ranges as under ESLint, fixes and suggestions, disable comments.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import { configRules } from '../../dist/src/configs.js';
import plugin from '../../dist/src/index.js';
import { rootDir } from '../support/paths.js';

const OXLINT_VERSION = '1.94.0';

/**
 * Oxlint, installed on first use into a cache folder outside the repository. It is not a
 * devDependency: its native binary comes in per-platform optional packages, which a lockfile
 * written on one platform does not record for the others, and `npm ci` then refuses the lockfile.
 */
function installOxlint(): string {
  const dir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'steady-state-tools', `oxlint-${OXLINT_VERSION}`);
  const bin = join(dir, 'node_modules', 'oxlint', 'bin', 'oxlint');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `oxlint@${OXLINT_VERSION}`], { cwd: dir, stdio: 'pipe' });
  }
  return bin;
}

const oxlintBin = installOxlint();
const pluginEntry = join(rootDir, 'dist', 'src', 'index.js');
const scratch = mkdtempSync(join(tmpdir(), 'steady-state-oxlint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Run {
  const result = spawnSync(process.execPath, [command, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let configs = 0;
/** An .oxlintrc.json that loads the built plugin and enables only `rules`. */
function oxlintConfig(rules: Record<string, unknown>): string {
  configs += 1;
  const file = join(scratch, `oxlintrc-${configs}.json`);
  writeFileSync(file, JSON.stringify({ jsPlugins: [pluginEntry], categories: { correctness: 'off' }, rules }, null, 2));
  return file;
}

interface OxlintReport {
  diagnostics: {
    message: string;
    code?: string;
    severity: string;
    filename: string;
    labels: { span: { offset: number; length: number; line: number; column: number } }[];
  }[];
  number_of_files: number;
  number_of_rules: number;
}

/**
 * `file:line:column-endLine:endColumn rule message` for each diagnostic, with `file` relative to
 * the repository (Oxlint spans are UTF-8 byte offsets).
 */
function oxlintFindings(report: OxlintReport, cwd: string): string[] {
  return report.diagnostics
    .map((diagnostic) => {
      const span = diagnostic.labels[0]?.span;
      const file = resolve(cwd, diagnostic.filename);
      const bytes = readFileSync(file);
      const before = bytes
        .subarray(0, (span?.offset ?? 0) + (span?.length ?? 0))
        .toString('utf8')
        .split('\n');
      const end = `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
      const rule = /^steady-state\((.+)\)$/.exec(diagnostic.code ?? '')?.[1] ?? `${diagnostic.code}`;
      return `${relative(rootDir, file)}:${span?.line}:${span?.column}-${end} ${rule} ${diagnostic.message}`;
    })
    .sort();
}

interface EslintJson {
  filePath: string;
  messages: { ruleId: string | null; message: string; line: number; column: number; endLine?: number; endColumn?: number }[];
}

function eslintFindings(results: EslintJson[]): string[] {
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) =>
          `${relative(rootDir, result.filePath)}:${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.ruleId?.replace('steady-state/', '') ?? 'FATAL'} ${message.message}`,
      ),
    )
    .sort();
}

describe('Oxlint, with the plugin as a JavaScript plugin', () => {
  it('reports on the fixtures exactly what the scanner reports with the all config', () => {
    const config = oxlintConfig(configRules(plugin.configs.all));
    const paths = ['fixtures/leaky-service', 'fixtures/steady-service'];
    const oxlint = run(oxlintBin, ['-c', config, '-f', 'json', ...paths], rootDir);
    expect(oxlint.stderr).toBe('');
    expect(oxlint.status).toBe(1);
    const report = JSON.parse(oxlint.stdout) as OxlintReport;
    expect(report.number_of_rules).toBe(Object.keys(plugin.rules).length);
    const files = paths.flatMap((path) => readdirSync(join(rootDir, path), { recursive: true, encoding: 'utf8' }).filter((entry) => entry.endsWith('.ts')));
    expect(report.number_of_files).toBe(files.length);

    const scanner = run(join(rootDir, 'bin', 'steady-state.js'), ['--config', 'all', '--format', 'json', ...paths], rootDir);
    expect(scanner.status).toBe(1);
    const expected = eslintFindings(JSON.parse(scanner.stdout) as EslintJson[]);

    const found = oxlintFindings(report, rootDir);
    expect(found).toEqual(expected);
    expect(found.filter((finding) => finding.startsWith('fixtures/steady-service/'))).toEqual([]);
    const rules = new Set(found.map((finding) => finding.split(' ')[1]));
    expect([...rules].sort()).toEqual(Object.keys(plugin.rules).sort());
  });

  it('loads the plugin by package name from .oxlintrc.json and, with the recommended rules, reports what the scanner reports', () => {
    const dir = join(scratch, 'project');
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(rootDir, join(dir, 'node_modules', 'eslint-plugin-steady-state'), 'dir');
    writeFileSync(
      join(dir, '.oxlintrc.json'),
      JSON.stringify({ jsPlugins: ['eslint-plugin-steady-state'], rules: configRules(plugin.configs.recommended) }, null, 2),
    );
    const leaky = join(rootDir, 'fixtures', 'leaky-service');
    const oxlint = run(oxlintBin, ['-f', 'json', leaky], dir);
    expect(oxlint.stderr).toBe('');
    expect(oxlint.status).toBe(1);
    const scanner = run(join(rootDir, 'bin', 'steady-state.js'), ['--format', 'json', leaky], rootDir);
    expect(scanner.status).toBe(1);
    const expected = eslintFindings(JSON.parse(scanner.stdout) as EslintJson[]);
    expect(expected.length).toBeGreaterThan(0);
    expect(oxlintFindings(JSON.parse(oxlint.stdout) as OxlintReport, dir)).toEqual(expected);
  });

  describe('fixes and suggestions', () => {
    const code = [
      'export const getUser = (url: string) => fetch(url);',
      "export const postOrder = (url: string, body: string) => fetch(url, { method: 'POST', body });",
      '',
    ].join('\n');

    async function eslintFix(options: Record<string, unknown>): Promise<string | undefined> {
      const eslint = new ESLint({
        cwd: scratch,
        overrideConfigFile: true,
        fix: true,
        // The `all` config with only this rule on.
        overrideConfig: plugin.configs.all.map((entry) =>
          entry.rules ? { ...entry, rules: { 'steady-state/require-fetch-timeout': ['error', options] } } : entry,
        ),
      });
      const [result] = await eslint.lintText(code, { filePath: join(scratch, 'client.ts') });
      return result?.output;
    }

    function oxlintFix(flag: '--fix' | '--fix-suggestions', options: Record<string, unknown>): string {
      const dir = join(scratch, `fix-${flag.slice(2)}-${JSON.stringify(options).replace(/\W/g, '')}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'client.ts'), code);
      const config = oxlintConfig({ 'steady-state/require-fetch-timeout': ['error', options] });
      const result = run(oxlintBin, ['-c', config, flag, 'client.ts'], dir);
      expect(result.stderr).toBe('');
      return readFileSync(join(dir, 'client.ts'), 'utf8');
    }

    it('--fix applies the timeout that `fix: "autofix"` opts in to, as ESLint --fix does', async () => {
      const options = { fix: 'autofix', timeoutMs: 10_000 };
      const fixed = oxlintFix('--fix', options);
      expect(fixed).toBe(
        [
          'export const getUser = (url: string) => fetch(url, { signal: AbortSignal.timeout(10000) });',
          "export const postOrder = (url: string, body: string) => fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(10000) });",
          '',
        ].join('\n'),
      );
      expect(await eslintFix(options)).toBe(fixed);
    });

    it('--fix leaves the code alone by default, and --fix-suggestions applies the suggestion', () => {
      expect(oxlintFix('--fix', {})).toBe(code);
      expect(oxlintFix('--fix-suggestions', {})).toBe(
        [
          'export const getUser = (url: string) => fetch(url, { signal: AbortSignal.timeout(30000) });',
          "export const postOrder = (url: string, body: string) => fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(30000) });",
          '',
        ].join('\n'),
      );
    });
  });

  it('gives the rules no type information: code that types prove correct is reported as without types', () => {
    const dir = join(scratch, 'untyped');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, lib: ['ES2023', 'DOM'] } }));
    // A `Request` carries its own signal; with type information `require-fetch-timeout` stays quiet here.
    writeFileSync(join(dir, 'forward.ts'), 'export function forward(input: Request) {\n  return fetch(input);\n}\n');
    const config = oxlintConfig({ 'steady-state/require-fetch-timeout': 'error' });
    const result = run(oxlintBin, ['-c', config, '-f', 'json', 'forward.ts'], dir);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as OxlintReport;
    expect(report.diagnostics.map((diagnostic) => `${diagnostic.labels[0]?.span.line}:${diagnostic.labels[0]?.span.column} ${diagnostic.code}`)).toEqual([
      '2:10 steady-state(require-fetch-timeout)',
    ]);
  });

  it('honours eslint-disable comments with a reason and reports unused ones', () => {
    const dir = join(scratch, 'directives');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'client.ts'),
      [
        'export const load = (url: string) => fetch(url);',
        '// eslint-disable-next-line steady-state/require-fetch-timeout -- upstream is local and bounded',
        'export const probe = (url: string) => fetch(url);',
        '// eslint-disable-next-line steady-state/require-fetch-timeout -- no longer needed',
        'export const bounded = (url: string) => fetch(url, { signal: AbortSignal.timeout(1_000) });',
        '',
      ].join('\n'),
    );
    const config = oxlintConfig({ 'steady-state/require-fetch-timeout': 'error' });
    const result = run(oxlintBin, ['-c', config, '-f', 'json', '--report-unused-disable-directives', 'client.ts'], dir);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as OxlintReport;
    expect(
      report.diagnostics.map((diagnostic) => `${diagnostic.labels[0]?.span.line} ${diagnostic.severity} ${diagnostic.code ?? ''} ${diagnostic.message}`),
    ).toEqual([
      '1 error steady-state(require-fetch-timeout) `fetch` has no deadline, so a stalled upstream stalls this call and whatever waits on it; pass `signal: AbortSignal.timeout(ms)`.',
      '4 warning  Unused eslint-disable directive (no problems were reported).',
    ]);
  });
});
