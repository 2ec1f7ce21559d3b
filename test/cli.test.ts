import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { main } from '../src/cli.js';
import { fixturesDir, rootDir } from './support/paths.js';

async function run(args: string[], cwd = rootDir): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

const leaky = join(fixturesDir, 'leaky-service');
const steady = join(fixturesDir, 'steady-service');

describe('steady-state CLI', () => {
  const scratch = join(rootDir, 'test', '.tmp', 'cli');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reports the leaky service in stylish format, then a summary by failure mode, and exits 1', async () => {
    const { code, stdout, stderr } = await run([leaky]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain('steady-state/require-fetch-timeout');
    expect(stdout).toMatch(/steady-state: \d+ findings in \d+ of \d+ files, by failure mode:/);
    expect(stdout).toMatch(/deadline drift\s+[1-9]\d*\s+require-fetch-timeout/);
  });

  it('exits 0 on the steady service, with a zero summary', async () => {
    const { code, stdout } = await run([steady]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/deadline drift\s+0\s+require-fetch-timeout/);
  });

  it('lints the current directory by default, skipping node_modules, dist and tests', async () => {
    const project = join(scratch, 'default-path');
    mkdirSync(join(project, 'node_modules', 'dep'), { recursive: true });
    mkdirSync(join(project, 'dist'), { recursive: true });
    writeFileSync(join(project, 'node_modules', 'dep', 'index.js'), 'fetch(url);\n');
    writeFileSync(join(project, 'dist', 'index.js'), 'fetch(url);\n');
    mkdirSync(join(project, '__tests__'), { recursive: true });
    writeFileSync(join(project, '__tests__', 'index.ts'), 'fetch(url);\n');
    writeFileSync(join(project, 'index.test.ts'), 'fetch(url);\n');
    writeFileSync(join(project, 'index.ts'), 'export const get = (url: string) => fetch(url);\n');
    const { code, stdout } = await run(['--format', 'json'], project);
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as { filePath: string }[];
    expect(results.map((result) => result.filePath)).toEqual([join(project, 'index.ts')]);
  });

  it("ignores inline comments about other plugins' rules, and honours its own", async () => {
    const project = join(scratch, 'inline-comments');
    mkdirSync(project, { recursive: true });
    writeFileSync(
      join(project, 'client.ts'),
      [
        '// eslint-disable-next-line @typescript-eslint/no-explicit-any -- legacy payloads',
        'export const parse = (body: any) => body;',
        '// eslint-disable-next-line steady-state/require-fetch-timeout -- health probe, bounded by the orchestrator',
        "export const probe = () => fetch('http://127.0.0.1:8080/health');",
        '/* eslint no-console: "error" */',
        "export const load = (url: string) => fetch(url);",
        '',
      ].join('\n'),
    );
    const { code, stdout } = await run(['--format', 'json', project]);
    expect(code).toBe(1);
    const [result] = JSON.parse(stdout) as { messages: { ruleId: string | null; line: number }[]; errorCount: number }[];
    expect(result?.messages.map((message) => `${message.line} ${message.ruleId}`)).toEqual(['6 steady-state/require-fetch-timeout']);
    expect(result?.errorCount).toBe(1);
    const before = readFileSync(join(project, 'client.ts'), 'utf8');
    await run(['--fix', project]);
    expect(readFileSync(join(project, 'client.ts'), 'utf8'), '--fix leaves other tools\' comments alone').toBe(before);
  });

  it('prints machine formats alone: json', async () => {
    const { code, stdout } = await run(['--format', 'json', leaky]);
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as { messages: { ruleId: string }[] }[];
    expect(results.flatMap((result) => result.messages.map((message) => message.ruleId))).toContain(
      'steady-state/require-fetch-timeout',
    );
  });

  it('prints SARIF 2.1.0 with rule ids, help URIs and locations', async () => {
    const { code, stdout } = await run(['--format', 'sarif', leaky]);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; locations: unknown[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0];
    const rule = run0?.tool.driver.rules.find((entry) => entry.id === 'steady-state/require-fetch-timeout');
    expect(rule?.helpUri).toMatch(/docs\/rules\/require-fetch-timeout\.md$/);
    expect(run0?.results.length).toBeGreaterThan(0);
    expect(run0?.results[0]?.locations.length).toBe(1);
  });

  it('--rule and --config pick the rule set; unknown ones are usage errors', async () => {
    expect((await run(['--rule', 'steady-state/require-fetch-timeout', leaky])).code).toBe(1);
    expect((await run(['--config', 'all', steady])).code).toBe(0);
    const unknownRule = await run(['--rule', 'no-such-rule', leaky]);
    expect(unknownRule.code).toBe(2);
    expect(unknownRule.stderr).toMatch(/^steady-state: unknown rule "no-such-rule"/);
    expect(unknownRule.stderr.trim().split('\n')).toHaveLength(1);
    expect((await run(['--config', 'lenient', leaky])).code).toBe(2);
  });

  it('exits 2 with one line on an unknown flag, a missing path or a bad value', async () => {
    for (const args of [['--bogus'], ['does/not/exist'], ['--max-warnings', 'many', steady], ['--format', 'nope', steady]]) {
      const { code, stderr, stdout } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(stdout).toBe('');
    }
  });

  it('--help and --version', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: steady-state');
    const version = await run(['--version']);
    const pkg = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it('--fix applies only fixes that keep behaviour: adding a timeout stays a suggestion', async () => {
    const copy = join(scratch, 'fix');
    cpSync(leaky, copy, { recursive: true });
    const before = readFileSync(join(copy, 'src', 'upstream-client.ts'), 'utf8');
    const { code } = await run(['--fix', copy]);
    expect(code).toBe(1);
    expect(readFileSync(join(copy, 'src', 'upstream-client.ts'), 'utf8')).toBe(before);
  });

  it('--concurrency lints in worker threads with the same findings, and rejects bad values', async () => {
    // Worker threads load the built plugin, so this runs the installed bin.
    const bin = (args: string[]) => spawnSync(process.execPath, [join(rootDir, 'bin', 'steady-state.js'), ...args], { encoding: 'utf8' });
    const findings = (stdout: string) =>
      (JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; message: string }[] }[])
        .flatMap((result) => result.messages.map((message) => `${result.filePath}:${message.line}:${message.column} ${message.ruleId} ${message.message}`))
        .sort();
    const single = bin(['--config', 'all', '--format', 'json', leaky, steady]);
    const threaded = bin(['--config', 'all', '--concurrency', '2', '--format', 'json', leaky, steady]);
    expect(threaded.status).toBe(1);
    expect(findings(threaded.stdout)).toEqual(findings(single.stdout));
    expect(findings(threaded.stdout).length).toBeGreaterThan(40);
    for (const value of ['0', 'two', '1.5']) {
      const { code, stderr } = await run(['--concurrency', value, steady]);
      expect(code).toBe(2);
      expect(stderr).toBe(`steady-state: --concurrency expects a positive integer, auto or off, got "${value}"\n`);
    }
  });

  it('runs as the installed bin', () => {
    const result = spawnSync(process.execPath, [join(rootDir, 'bin', 'steady-state.js'), steady], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('deadline drift');
  });
});
