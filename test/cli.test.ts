import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { ESLint } from 'eslint';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import { collectFiles, main } from '../src/cli.js';
import { fixturesDir, rootDir } from './support/paths.js';

async function run(args: string[], cwd = rootDir, resolveFrom?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    ...(resolveFrom === undefined ? {} : { resolveFrom }),
  });
  return { code, stdout, stderr };
}

const binPath = join(rootDir, 'bin', 'steady-state.js');
/** The installed bin, as a shell runs it. */
function bin(args: string[], cwd = rootDir, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [binPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const leaky = join(fixturesDir, 'leaky-service');
const steady = join(fixturesDir, 'steady-service');
/** The whole summary and nothing else: a header, then one line per failure mode. */
const SUMMARY = /^steady-state: \d+ findings? in \d+ of \d+ files?, by failure mode:\n( {2}.+\n)+$/;
const LEAKY = 'export const get = (url: string) => fetch(url);\n';
const CLEAN = 'export const answer = 42;\n';

/** Scratch projects live outside the repository: its own .gitignore would apply to them. */
const scratch = mkdtempSync(join(tmpdir(), 'steady-state-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A project in the scratch folder with these files (relative path → content). */
function project(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The linted files of a `--format json` report, relative to `dir`. */
function linted(stdout: string, dir: string): string[] {
  return (JSON.parse(stdout) as { filePath: string }[]).map((result) => result.filePath.slice(dir.length + 1)).sort();
}

/**
 * Checks that `text` is one well-formed XML document (declaration, one root element, balanced
 * tags, quoted attributes, escaped text) and returns the names of its elements in order.
 */
function xmlElements(text: string): string[] {
  const token =
    /<\?xml[^?]*\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|[^<]+/y;
  const stack: string[] = [];
  const names: string[] = [];
  let roots = 0;
  let index = 0;
  while (index < text.length) {
    token.lastIndex = index;
    const match = token.exec(text);
    if (!match) throw new Error(`not XML at offset ${index}: ${JSON.stringify(text.slice(index, index + 40))}`);
    const [whole, closing, name, , selfClosing] = match;
    if (name === undefined) {
      if (!whole.startsWith('<') && stack.length === 0 && whole.trim() !== '') throw new Error(`text outside the root element: ${whole}`);
      if (!whole.startsWith('<') && /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/.test(whole)) throw new Error(`unescaped & in ${whole}`);
      if (whole.startsWith('<?xml') && index !== 0) throw new Error('the XML declaration must come first');
    } else if (closing) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes nothing open`);
    } else {
      if (stack.length === 0 && (roots += 1) > 1) throw new Error('more than one root element');
      names.push(name);
      if (!selfClosing) stack.push(name);
    }
    index += whole.length;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) throw new Error('no root element');
  return names;
}

/** A JUnit formatter as eslint-formatter-junit writes it (ESLint 9 took it out of core). */
const JUNIT_FORMATTER = `
const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
module.exports = (results) => {
  const suites = results.map((result) => {
    const cases = result.messages.map((message) =>
      \`<testcase time="0" name="\${escape(message.ruleId)}" classname="\${escape(result.filePath)}"><failure message="\${escape(message.message)}"><![CDATA[line \${message.line}, col \${message.column}]]></failure></testcase>\`);
    return \`<testsuite package="org.eslint" time="0" tests="\${cases.length}" errors="\${cases.length}" name="\${escape(result.filePath)}">\${cases.join('')}</testsuite>\`;
  });
  return \`<?xml version="1.0" encoding="utf-8"?>\\n<testsuites>\${suites.join('')}</testsuites>\\n\`;
};
`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('steady-state CLI', () => {
  it('reports the leaky service in stylish format, then a summary by failure mode, and exits 1', async () => {
    const { code, stdout, stderr } = await run([leaky]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain('steady-state/require-fetch-timeout');
    expect(stdout).toMatch(/\n\nsteady-state: \d+ findings in \d+ of \d+ files, by failure mode:\n( {2}.+\n)+$/);
    expect(stdout).toMatch(/deadline drift\s+[1-9]\d*\s+require-fetch-timeout/);
  });

  it('exits 0 on the steady service, with a zero summary', async () => {
    const { code, stdout } = await run([steady]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/deadline drift\s+0\s+require-fetch-timeout/);
  });

  it('lints the current directory by default, skipping node_modules, dist and tests', async () => {
    const dir = project('default-path', {
      'node_modules/dep/index.js': 'fetch(url);\n',
      'dist/index.js': 'fetch(url);\n',
      '__tests__/index.ts': 'fetch(url);\n',
      'index.test.ts': 'fetch(url);\n',
      'index.ts': LEAKY,
    });
    const { code, stdout } = await run(['--format', 'json'], dir);
    expect(code).toBe(1);
    expect(linted(stdout, dir)).toEqual(['index.ts']);
  });

  it("ignores inline comments about other plugins' rules, and honours its own", async () => {
    const dir = project('inline-comments', {
      'client.ts': [
        '// eslint-disable-next-line @typescript-eslint/no-explicit-any -- legacy payloads',
        'export const parse = (body: any) => body;',
        '// eslint-disable-next-line steady-state/require-fetch-timeout -- health probe, bounded by the orchestrator',
        "export const probe = () => fetch('http://127.0.0.1:8080/health');",
        '/* eslint no-console: "error" */',
        'export const load = (url: string) => fetch(url);',
        '',
      ].join('\n'),
    });
    const { code, stdout } = await run(['--format', 'json', dir]);
    expect(code).toBe(1);
    const [result] = JSON.parse(stdout) as { messages: { ruleId: string | null; line: number }[]; errorCount: number }[];
    expect(result?.messages.map((message) => `${message.line} ${message.ruleId}`)).toEqual(['6 steady-state/require-fetch-timeout']);
    expect(result?.errorCount).toBe(1);
    const before = readFileSync(join(dir, 'client.ts'), 'utf8');
    await run(['--fix', dir]);
    expect(readFileSync(join(dir, 'client.ts'), 'utf8'), "--fix leaves other tools' comments alone").toBe(before);
  });

  it('prints machine formats alone: json on stdout, the summary on stderr', async () => {
    const { code, stdout, stderr } = await run(['--format', 'json', leaky]);
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as { messages: { ruleId: string }[] }[];
    expect(results.flatMap((result) => result.messages.map((message) => message.ruleId))).toContain('steady-state/require-fetch-timeout');
    expect(stderr).toMatch(SUMMARY);
  });

  it('prints SARIF 2.1.0 with rule ids, help URIs and locations', async () => {
    const { code, stdout, stderr } = await run(['--format', 'sarif', leaky]);
    expect(code).toBe(1);
    expect(stderr).toMatch(SUMMARY);
    const sarif = JSON.parse(stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string; helpUri: string }[] } };
        results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0];
    expect(run0?.tool.driver.name).toBe('steady-state');
    const rule = run0?.tool.driver.rules.find((entry) => entry.id === 'steady-state/require-fetch-timeout');
    expect(rule?.helpUri).toMatch(/docs\/rules\/require-fetch-timeout\.md$/);
    expect(run0?.results.length).toBeGreaterThan(0);
    expect(run0?.results[0]?.locations).toHaveLength(1);
    expect(run0?.results[0]?.locations[0]?.physicalLocation.artifactLocation).toMatchObject({
      uri: expect.stringMatching(/^fixtures\/leaky-service\/src\//) as unknown,
      uriBaseId: '%SRCROOT%',
    });
  });

  it('--rule and --config pick the rule set; unknown ones are usage errors', async () => {
    const one = await run(['--rule', 'steady-state/require-fetch-timeout', '--format', 'json', leaky]);
    expect(one.code).toBe(1);
    const ruleIds = new Set(
      (JSON.parse(one.stdout) as { messages: { ruleId: string }[] }[]).flatMap((result) => result.messages.map((message) => message.ruleId)),
    );
    expect([...ruleIds]).toEqual(['steady-state/require-fetch-timeout']);
    expect(one.stderr).toMatch(/^steady-state: \d+ findings in \d+ of \d+ files, by failure mode:\n {2}deadline drift\s+[1-9]\d*\s+require-fetch-timeout\n$/);
    expect((await run(['--config', 'all', steady])).code).toBe(0);
    const unknownRule = await run(['--rule', 'no-such-rule', leaky]);
    expect(unknownRule.code).toBe(2);
    expect(unknownRule.stderr).toMatch(/^steady-state: unknown rule "no-such-rule"/);
    expect(unknownRule.stderr.trim().split('\n')).toHaveLength(1);
    expect((await run(['--config', 'lenient', leaky])).code).toBe(2);
  });

  it('exits 2 with one line on an unknown flag, a missing path or a bad value', async () => {
    for (const args of [
      ['--bogus'],
      ['does/not/exist'],
      ['--max-warnings', 'many', steady],
      ['--format', 'nope', steady],
      ['--ignore-pattern', '', steady],
      ['-o', '', steady],
    ]) {
      const { code, stderr, stdout } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(stderr, args.join(' ')).toMatch(/^steady-state: /);
      expect(stdout).toBe('');
    }
  });

  it('--help and --version', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: steady-state');
    expect(help.stdout).toMatch(/^ {2}-o, --output-file <path> {4}write the report to this file/m);
    expect(help.stdout).toMatch(/^ {6}--ignore-pattern <glob> do not lint files matching this glob \(repeatable\)/m);
    expect(help.stdout).toContain('The lint root is the current directory');
    expect(help.stdout).toContain('follows a stylish report on stdout; with another format or --output-file, it\ngoes to stderr.');
    expect(help.stdout).toMatch(
      /Exit codes: 0 no findings; 1 findings, files that did not parse, or more warnings\nthan --max-warnings; 2 usage or configuration error/,
    );
    const version = await run(['--version']);
    const pkg = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it('--fix applies only fixes that keep behaviour: adding a timeout stays a suggestion, clearing a raced timer is fixed', async () => {
    const copy = join(scratch, 'fix');
    cpSync(leaky, copy, { recursive: true });
    const before = readFileSync(join(copy, 'src', 'upstream-client.ts'), 'utf8');
    const { code } = await run(['--fix', copy]);
    expect(code).toBe(1);
    // The race's timer only rejects the raced promise, so clearing it once the race settles changes
    // nothing observable (no-leaked-timer's autofix); every call without a deadline is left as it was.
    const raced = '  return Promise.race([\n    work,\n    new Promise<never>((_, reject) => {\n      setTimeout(';
    expect(before).toContain(raced);
    const expected = before
      .replace(raced, `  let timer: ReturnType<typeof setTimeout> | undefined;\n${raced.replace('setTimeout(', 'timer = setTimeout(')}`)
      .replace('    }),\n  ]);\n}\n\nexport class UpstreamClient', '    }),\n  ]).finally(() => clearTimeout(timer));\n}\n\nexport class UpstreamClient');
    expect(expected).not.toBe(before);
    expect(readFileSync(join(copy, 'src', 'upstream-client.ts'), 'utf8')).toBe(expected);
  });

  it('--concurrency lints in worker threads with the same findings, and rejects bad values', async () => {
    // Worker threads load the built plugin, so this runs the installed bin.
    const findings = (stdout: string) =>
      (JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; message: string }[] }[])
        .flatMap((result) => result.messages.map((message) => `${result.filePath}:${message.line}:${message.column} ${message.ruleId} ${message.message}`))
        .sort();
    const single = bin(['--config', 'all', '--format', 'json', leaky, steady]);
    const threaded = bin(['--config', 'all', '--concurrency', '2', '--format', 'json', leaky, steady]);
    expect(threaded.status).toBe(1);
    expect(findings(threaded.stdout)).toEqual(findings(single.stdout));
    expect(findings(threaded.stdout).length).toBeGreaterThan(40);
    // The same summary (ESLint may add a warning that the run was too small for threads).
    expect(single.stderr).toMatch(SUMMARY);
    expect(threaded.stderr.startsWith(single.stderr)).toBe(true);
    for (const value of ['0', 'two', '1.5']) {
      const { code, stderr } = await run(['--concurrency', value, steady]);
      expect(code).toBe(2);
      expect(stderr).toBe(`steady-state: --concurrency expects a positive integer, auto or off, got "${value}"\n`);
    }
  });

  it('runs as the installed bin', () => {
    const result = bin([steady]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('deadline drift');
  });
});

describe('report and summary', () => {
  const dir = project('formats', {
    'src/client.ts': LEAKY,
    'src/ok.ts': CLEAN,
    'junit.cjs': JUNIT_FORMATTER,
    'boom.cjs': "module.exports = () => { throw new Error('formatter exploded'); };\n",
  });

  it('any other formatter: its output alone on stdout (JUnit parses as XML), the summary on stderr', async () => {
    // The path is relative to the lint root even though ESLint runs from src/, the folder of every file.
    const { code, stdout, stderr } = await run(['--format', './junit.cjs', 'src'], dir);
    expect(code).toBe(1);
    expect(xmlElements(stdout)).toEqual(['testsuites', 'testsuite', 'testcase', 'failure', 'testsuite']);
    expect(stdout).toContain('name="steady-state/require-fetch-timeout"');
    expect(stdout).not.toContain('steady-state: ');
    expect(stdout.endsWith('</testsuites>\n')).toBe(true);
    expect(stderr).toMatch(SUMMARY);
    expect(stderr).toMatch(/^steady-state: 1 finding in 1 of 2 files, by failure mode:\n/);
  });

  it('the XML check rejects what is not XML', () => {
    expect(() => xmlElements('<?xml version="1.0"?>\n<a><b></a>')).toThrow('</a> closes nothing open');
    expect(() => xmlElements('<a></a>\nsteady-state: 1 finding')).toThrow('text outside the root element');
    expect(() => xmlElements('<a>fish & chips</a>')).toThrow('unescaped &');
  });

  it('-o writes the report to a file, creating its folders; stdout stays empty and the summary goes to stderr', async () => {
    const sarif = await run(['--format', 'sarif', '-o', 'reports/scan/steady-state.sarif', 'src'], dir);
    expect(sarif.code).toBe(1);
    expect(sarif.stdout).toBe('');
    expect(sarif.stderr).toMatch(SUMMARY);
    const log = JSON.parse(readFileSync(join(dir, 'reports', 'scan', 'steady-state.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(log.runs[0]?.results).toHaveLength(1);

    const stylish = await run(['--output-file', 'out/report.txt', 'src'], dir);
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toBe('');
    expect(stylish.stderr).toMatch(SUMMARY);
    const report = readFileSync(join(dir, 'out', 'report.txt'), 'utf8');
    expect(report).toContain('steady-state/require-fetch-timeout');
    expect(report).not.toContain('by failure mode');

    const junit = await run(['-f', './junit.cjs', '-o', 'out/junit.xml', 'src'], dir);
    expect(junit.stdout).toBe('');
    expect(xmlElements(readFileSync(join(dir, 'out', 'junit.xml'), 'utf8'))).toContain('failure');
  });

  it('-o writes the file even when there is nothing to report, and overwrites an old one', async () => {
    writeFileSync(join(dir, 'clean.txt'), 'an old report');
    const { code, stdout } = await run(['-o', 'clean.txt', 'src/ok.ts'], dir);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(join(dir, 'clean.txt'), 'utf8')).toBe('');
  });

  it('-o to a folder: exit 2, one line', async () => {
    const { code, stdout, stderr } = await run(['-o', 'src', 'src'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('steady-state: cannot write the report to "src": it is a folder\n');
  });

  it('a formatter that throws is an internal error: the full stack, exit 2', () => {
    const { status, stdout, stderr } = bin(['-f', './boom.cjs', 'src'], dir);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^steady-state: internal error: Error: formatter exploded\n {4}at .*boom\.cjs:1:/);
  });
});

describe('ignores', () => {
  const dir = project('ignores', {
    '.gitignore': ['# build output', 'build/', '/out', '*.generated.ts', 'vendor/*', '!vendor/kept/', ''].join('\n'),
    'src/server.ts': LEAKY,
    'src/api.generated.ts': LEAKY,
    'src/keep.generated.ts': LEAKY,
    'src/legacy/old.ts': LEAKY,
    'src/build/inner.ts': LEAKY,
    'src/out/routes.ts': LEAKY,
    'build/server.js': 'fetch(url);\n',
    'out/server.js': 'fetch(url);\n',
    'vendor/lib.js': 'fetch(url);\n',
    'vendor/kept/lib.js': 'fetch(url);\n',
    'packages/api/.gitignore': 'handler.ts\n',
    'packages/api/handler.ts': LEAKY,
  });

  it("the lint root's .gitignore: build output and generated files are not linted", async () => {
    const { code, stdout, stderr } = await run(['--format', 'json'], dir);
    expect(code).toBe(1);
    // .gitignore of a subfolder is not read; /out is anchored to the root, build/ is not.
    expect(linted(stdout, dir)).toEqual(['packages/api/handler.ts', 'src/legacy/old.ts', 'src/out/routes.ts', 'src/server.ts', 'vendor/kept/lib.js']);
    expect(stderr).toMatch(/^steady-state: \d+ findings in 5 of 5 files, by failure mode:\n/);
  });

  it('--ignore-pattern, repeatable, relative to the lint root; a negated pattern brings a file back', async () => {
    const { code, stdout } = await run(
      ['--format', 'json', '--ignore-pattern', 'src/legacy/**', '--ignore-pattern', 'packages/', '--ignore-pattern', '!**/keep.generated.ts'],
      dir,
    );
    expect(code).toBe(1);
    expect(linted(stdout, dir)).toEqual(['src/keep.generated.ts', 'src/out/routes.ts', 'src/server.ts', 'vendor/kept/lib.js']);
  });

  it('collectFiles returns no ignored file', () => {
    const files = collectFiles(['.'], dir, { ignorePatterns: ['src/legacy/'] }).map((file) => file.slice(dir.length + 1));
    expect(files).toEqual(['packages/api/handler.ts', 'src/out/routes.ts', 'src/server.ts', 'vendor/kept/lib.js']);
    expect(collectFiles(['src'], dir).map((file) => file.slice(dir.length + 1))).toEqual(['src/legacy/old.ts', 'src/out/routes.ts', 'src/server.ts']);
  });

  it('the lint root is the current directory: run from a parent folder, the project .gitignore does not apply', async () => {
    const { stdout } = await run(['--format', 'json', 'ignores/build', 'ignores/src/build'], scratch);
    expect(linted(stdout, scratch)).toEqual(['ignores/build/server.js', 'ignores/src/build/inner.ts']);
  });

  it('a folder whose files are all ignored: exit 2 with one line', async () => {
    for (const [args, path] of [
      [['build'], 'build'],
      [['--ignore-pattern', 'src/**', 'src'], 'src'],
    ] as const) {
      const { code, stdout, stderr } = await run([...args], dir);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`steady-state: All files matched by "${path}" are ignored (by .gitignore or --ignore-pattern).\n`);
    }
  });

  it('an ignored file named on the command line is skipped with a note, as ESLint warns and skips it', async () => {
    const { code, stdout, stderr } = await run(['--format', 'json', 'build/server.js', 'src/server.ts'], dir);
    expect(code).toBe(1);
    expect(linted(stdout, dir)).toEqual(['src/server.ts']);
    expect(stderr.split('\n')[0]).toBe('steady-state: "build/server.js" is ignored (by .gitignore or --ignore-pattern), not linted');
  });
});

describe('paths with nothing to lint', () => {
  const dir = project('nothing', { 'README.md': '# service\n', 'docs/guide.md': 'fetch(url)\n', 'test/a.test.ts': LEAKY, 'src/index.ts': CLEAN });

  it('exit 2 with the one line ESLint prints', async () => {
    for (const path of ['docs', 'README.md', 'test', 'missing', 'src/missing.ts']) {
      const { code, stdout, stderr } = await run([path], dir);
      expect(code, path).toBe(2);
      expect(stdout, path).toBe('');
      expect(stderr, path).toBe(`steady-state: No files matching the pattern "${path}" were found.\n`);
    }
  });

  it('an empty current directory too', async () => {
    const empty = project('empty', {});
    expect(await run([], empty)).toEqual({ code: 2, stdout: '', stderr: 'steady-state: No files matching the pattern "." were found.\n' });
  });

  it('one such path among others still stops the run', async () => {
    const { code, stderr } = await run(['src', 'docs'], dir);
    expect(code).toBe(2);
    expect(stderr).toBe('steady-state: No files matching the pattern "docs" were found.\n');
  });
});

describe('legacy /* eslint-env */ comments', () => {
  const dir = project('eslint-env', {
    'clean.js': '/* eslint-env node, mocha */\nexport const answer = 42;\n',
    'leaky.js': '/* eslint-env browser */\n// eslint-env node\nexport const get = (url) => fetch(url);\n',
    'broken.js': '/* eslint-env node */\nexport const = ;\n',
  });

  it('are neither findings nor parse errors', async () => {
    const { code, stdout } = await run(['--format', 'json', 'clean.js', 'leaky.js'], dir);
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as {
      filePath: string;
      messages: { ruleId: string | null; line: number }[];
      errorCount: number;
      fatalErrorCount: number;
    }[];
    expect(
      results.map((result) => [
        result.filePath.slice(dir.length + 1),
        result.messages.map((message) => `${message.line} ${message.ruleId}`),
        result.errorCount,
        result.fatalErrorCount,
      ]),
    ).toEqual([
      ['clean.js', [], 0, 0],
      ['leaky.js', ['3 steady-state/require-fetch-timeout'], 1, 0],
    ]);
    const clean = await run(['clean.js'], dir);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^steady-state: 0 findings in 0 of 1 file, by failure mode:\n/);
    expect(clean.stdout).not.toContain('did not parse');
    expect(clean.stdout).not.toContain('no longer supported');
  });

  it('a real syntax error in the same file still counts', async () => {
    const { code, stdout } = await run(['broken.js'], dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/files that did not parse\s+1\n$/);
    expect(stdout).toContain('2:14  error  Parsing error: Unexpected token =');
    expect(stdout).not.toContain('no longer supported');
  });
});

describe('supported versions', () => {
  const fake = (name: string, version: string): string =>
    project(name, { 'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version }), 'src/client.ts': LEAKY, 'src/plain.js': CLEAN });
  const unsupported = fake('typescript-7', '7.0.2');
  const range = (JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { peerDependencies: { typescript: string } }).peerDependencies.typescript;
  const line = `steady-state: TypeScript 7.0.2 is not supported (supported: ${range}); install typescript@~6.0\n`;

  it('TypeScript 7 in the project: the installed bin exits 2 with one line before linting', () => {
    expect(range).toBe('>=4.8.4 <6.1.0');
    const result = bin([], unsupported, { STEADY_STATE_RESOLVE_FROM: unsupported });
    expect(result).toEqual({ status: 2, stdout: '', stderr: line });
  });

  it('the same with --format sarif and an output file: nothing is written', async () => {
    const result = await run(['--format', 'sarif', '-o', 'scan.sarif'], unsupported, unsupported);
    expect(result).toEqual({ code: 2, stdout: '', stderr: line });
    expect(existsSync(join(unsupported, 'scan.sarif'))).toBe(false);
  });

  it('only when TypeScript files are to be linted', async () => {
    const result = await run(['--format', 'json', 'src/plain.js'], unsupported, unsupported);
    expect(result.code).toBe(0);
    expect(linted(result.stdout, unsupported)).toEqual(['src/plain.js']);
  });

  it('a supported TypeScript, or none installed, lints', async () => {
    expect((await run(['src'], fake('typescript-6', '6.0.3'), fake('typescript-6', '6.0.3'))).code).toBe(1);
    const none = project('no-typescript', { 'src/client.ts': LEAKY });
    expect((await run(['src'], none, none)).code).toBe(1);
  });

  it('ESLint before 9: exit 2 with one line', async () => {
    vi.spyOn(ESLint, 'version', 'get').mockReturnValue('8.57.1');
    const result = await run([steady]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'steady-state: ESLint 8.57.1 is not supported (supported: >=9.0.0); install eslint@^10\n' });
  });

  it('a parser that crashes anyway: exit 2 (not 1), naming the file and the TypeScript in use', async () => {
    const dir = fake('parser-crash', '6.0.3');
    vi.spyOn(ESLint.prototype, 'lintFiles').mockImplementation((patterns) =>
      Promise.resolve(
        [patterns].flat().map((filePath) => ({
          filePath,
          messages: filePath.endsWith('.ts')
            ? [{ ruleId: null, fatal: true as const, severity: 2 as const, message: 'Parsing error: ts.createSourceFile is not a function' }]
            : [],
          suppressedMessages: [],
          errorCount: filePath.endsWith('.ts') ? 1 : 0,
          fatalErrorCount: filePath.endsWith('.ts') ? 1 : 0,
          warningCount: 0,
          fixableErrorCount: 0,
          fixableWarningCount: 0,
          usedDeprecatedRules: [],
        })) as unknown as ESLint.LintResult[],
      ),
    );
    const result = await run(['src'], dir, dir);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `steady-state: the parser crashed on src/client.ts: Parsing error: ts.createSourceFile is not a function (TypeScript 6.0.3; supported: ${range})\n`,
    });
  });
});

describe('internal errors', () => {
  it('print the full stack on stderr and exit 2, never 1', async () => {
    vi.spyOn(ESLint.prototype, 'lintFiles').mockRejectedValue(new TypeError('cannot read properties of undefined', { cause: new Error('the root cause') }));
    const { code, stdout, stderr } = await run([steady]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^steady-state: internal error: TypeError: cannot read properties of undefined\n {4}at /);
    expect(stderr).toMatch(/\nCaused by: Error: the root cause\n {4}at /);
    expect(stderr.split('\n').length).toBeGreaterThan(5);
  });
});
