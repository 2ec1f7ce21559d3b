// SARIF from the scanner: valid SARIF 2.1.0 that points code scanning at the right rule docs,
// files and lines (file URIs relative to the lint root), with exactly the findings ESLint reports
// through the same config.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { configRules } from '../../dist/src/configs.js';
import plugin from '../../dist/src/index.js';
import { artifactLocation, folderUri, toSarif } from '../../src/sarif.js';
import { docsDir, fixturesDir, rootDir } from '../support/paths.js';

const require = createRequire(import.meta.url);

/**
 * The SARIF 2.1.0 schema in the revision the scanner names in `$schema`
 * (2.1.0-rtm.5, JSON Schema draft-04), as shipped by Microsoft's SARIF SDK for JavaScript.
 */
const schemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const SCHEMA_URI = 'http://json.schemastore.org/sarif-2.1.0-rtm.5';
const REPOSITORY = 'https://github.com/steady-state-dev/eslint-plugin-steady-state';
const leaky = join(fixturesDir, 'leaky-service');
const eslintBin = join(rootDir, 'node_modules', '.bin', 'eslint');

interface SarifRegion {
  startLine: number;
  startColumn?: number;
}
interface SarifArtifactLocation {
  uri?: string;
  uriBaseId?: string;
  index?: number;
}
interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  level?: string;
  message: { text: string };
  locations?: { physicalLocation?: { artifactLocation?: SarifArtifactLocation; region?: SarifRegion & { endLine?: number; endColumn?: number } } }[];
}
interface SarifLog {
  version: string;
  $schema?: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version?: string;
        informationUri?: string;
        rules?: { id: string; helpUri?: string; shortDescription?: { text: string } }[];
      };
    };
    originalUriBaseIds?: Record<string, { uri: string }>;
    artifacts?: { location: SarifArtifactLocation }[];
    results: SarifResult[];
  }[];
}

const recommendedRuleIds = Object.keys(configRules(plugin.configs.recommended)).sort();
const ruleNames = new Set(Object.keys(plugin.rules));

/** `leaky-service/…/file.ts:line rule` for every `// expect: rule-a, rule-b` marker in the leaky service. */
function markers(): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(leaky, { recursive: true, encoding: 'utf8' })) {
    const file = join(leaky, entry);
    if (!file.endsWith('.ts')) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const marker = /\/\/ expect: (.+)$/.exec(line);
        for (const rule of marker?.[1]?.split(',').map((name) => name.trim()) ?? []) {
          found.push(`${relative(fixturesDir, file)}:${index + 1} ${rule}`);
        }
      });
  }
  return found;
}

function run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [command, ...args], { cwd: rootDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The absolute file an artifact location names, resolving a relative URI against its base (§3.4.4). */
function fileOf(log: SarifLog, location: SarifArtifactLocation | undefined): string {
  const uri = location?.uri ?? 'file:///missing';
  const base = location?.uriBaseId === undefined ? undefined : log.runs[0]?.originalUriBaseIds?.[location.uriBaseId]?.uri;
  if (location?.uriBaseId !== undefined && base === undefined) throw new Error(`no originalUriBaseIds entry for ${location.uriBaseId}`);
  return fileURLToPath(new URL(uri, base));
}

/** `file:line:column-endLine:endColumn rule level message` for each result, from its first physical location. */
function findings(log: SarifLog): string[] {
  return (log.runs[0]?.results ?? [])
    .map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      const file = fileOf(log, location?.artifactLocation);
      const region = location?.region;
      return `${relative(rootDir, file)}:${region?.startLine}:${region?.startColumn}-${region?.endLine}:${region?.endColumn} ${result.ruleId} ${result.level} ${result.message.text}`;
    })
    .sort();
}

describe('SARIF output', () => {
  let scratch = '';
  const logs: Record<'scanner', SarifLog> = {} as Record<'scanner', SarifLog>;
  /** ESLint's own findings through the same config, as `eslint -f json` prints them. */
  let eslintFindings: string[] = [];

  // 2.1.0-rtm.5's `language` pattern, `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, is not a valid
  // Unicode-mode regular expression, hence `unicodeRegExp: false`.
  const ajv = new AjvDraft04.default({ allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'steady-state-sarif-'));
    const configFile = join(scratch, 'eslint.config.js');
    writeFileSync(
      configFile,
      [
        `import steadyState from ${JSON.stringify(pathToFileURL(join(rootDir, 'dist', 'src', 'index.js')).href)};`,
        'export default [...steadyState.configs.recommended];',
        '',
      ].join('\n'),
    );

    const scanner = run(join(rootDir, 'bin', 'steady-state.js'), ['--format', 'sarif', 'fixtures/leaky-service']);
    // The summary goes to stderr, so stdout is the SARIF log and nothing else.
    expect(scanner.stderr).toMatch(/^steady-state: \d+ findings in \d+ of \d+ files, by failure mode:\n(  .+\n)+$/);
    expect(scanner.status).toBe(1);
    logs.scanner = JSON.parse(scanner.stdout) as SarifLog;

    const eslint = run(eslintBin, ['--no-config-lookup', '-c', configFile, '-f', 'json', 'fixtures/leaky-service']);
    expect(eslint.stderr).toBe('');
    expect(eslint.status).toBe(1);
    const severity = ['none', 'warning', 'error'];
    eslintFindings = (JSON.parse(eslint.stdout) as ESLint.LintResult[])
      .flatMap((result) =>
        result.messages.map(
          (message) =>
            `${relative(rootDir, result.filePath)}:${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.ruleId} ${severity[message.severity]} ${message.message}`,
        ),
      )
      .sort();
  });

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('the validator rejects a log that breaks the schema', () => {
    const broken = structuredClone(logs.scanner);
    const [result] = broken.runs[0]?.results ?? [];
    (result as unknown as { level: string }).level = 'fatal';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((error) => `${error.instancePath} ${error.message}`)).toContain(
      '/runs/0/results/0/level must be equal to one of the allowed values',
    );
  });

  describe.each(['scanner'] as const)('%s', (tool) => {
    it('is valid SARIF 2.1.0', () => {
      const log = logs[tool];
      const valid = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(log.version).toBe('2.1.0');
      expect(log.$schema).toBe(SCHEMA_URI);
      expect(log.runs).toHaveLength(1);
      expect(log.runs[0]?.tool.driver.name).toBe(tool === 'scanner' ? 'steady-state' : 'ESLint');
    });

    it('files every result under steady-state/<rule>, with results for every rule of the recommended config', () => {
      const results = logs[tool].runs[0]?.results ?? [];
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) {
        expect(result.ruleId).toMatch(/^steady-state\/[a-z-]+$/);
        expect(ruleNames.has(result.ruleId?.slice('steady-state/'.length) ?? '')).toBe(true);
      }
      expect([...new Set(results.map((result) => result.ruleId))].sort()).toEqual(recommendedRuleIds);
    });

    it("describes each of the plugin's rules with its docs page and description", () => {
      const rules = logs[tool].runs[0]?.tool.driver.rules ?? [];
      expect(rules.map((rule) => rule.id).sort()).toEqual(recommendedRuleIds);
      for (const rule of rules) {
        const name = rule.id.slice('steady-state/'.length);
        expect(rule.helpUri).toBe(`${REPOSITORY}/blob/main/docs/rules/${name}.md`);
        expect(existsSync(join(docsDir, `${name}.md`))).toBe(true);
        expect(rule.shortDescription?.text).toBe(plugin.rules[name as keyof typeof plugin.rules].meta?.docs?.description);
      }
    });

    it('locates each result on a line of a fixture file that carries its `// expect:` marker', () => {
      const log = logs[tool];
      const run0 = log.runs[0];
      const expected = markers();
      expect(expected.length).toBeGreaterThan(0);
      for (const result of run0?.results ?? []) {
        const location = result.locations?.[0]?.physicalLocation;
        const file = fileOf(log, location?.artifactLocation);
        expect(file.startsWith(`${leaky}/`)).toBe(true);
        const artifact = run0?.artifacts?.[location?.artifactLocation?.index ?? -1]?.location;
        expect(artifact?.uri).toBe(location?.artifactLocation?.uri);
        expect(artifact?.uriBaseId).toBe(location?.artifactLocation?.uriBaseId);
        const rule = result.ruleId?.slice('steady-state/'.length);
        expect(expected).toContain(`${relative(fixturesDir, file)}:${location?.region?.startLine} ${rule}`);
      }
    });
  });

  it('holds exactly the findings ESLint reports through the same config', () => {
    expect(findings(logs.scanner).length).toBeGreaterThan(0);
    expect(findings(logs.scanner)).toEqual(eslintFindings);
  });

  it('the scanner names itself, with this version and its repository', () => {
    const pkg = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { version: string };
    const driver = logs.scanner.runs[0]?.tool.driver;
    expect(driver?.name).toBe('steady-state');
    expect(driver?.version).toBe(pkg.version);
    expect(driver?.informationUri).toBe(REPOSITORY);
  });

  it('the scanner gives files relative to the lint root, based on %SRCROOT%', () => {
    const run0 = logs.scanner.runs[0];
    expect(run0?.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(rootDir).href}/` } });
    const artifacts = (run0?.artifacts ?? []).map((artifact) => artifact.location);
    const files = readdirSync(leaky, { recursive: true, encoding: 'utf8' }).filter((entry) => entry.endsWith('.ts'));
    expect(artifacts.map((location) => location.uri).sort()).toEqual(files.map((entry) => `fixtures/leaky-service/${entry.split('\\').join('/')}`).sort());
    for (const location of artifacts) expect(location.uriBaseId).toBe('%SRCROOT%');
    for (const result of run0?.results ?? []) {
      const artifactLocation = result.locations?.[0]?.physicalLocation?.artifactLocation;
      expect(artifactLocation?.uri).toMatch(/^fixtures\/leaky-service\/src\/[\w/-]+\.ts$/);
      expect(artifactLocation?.uriBaseId).toBe('%SRCROOT%');
      expect(run0?.tool.driver.rules?.[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
      expect(result.level).toBe('error');
    }
  });

  describe('the SARIF writer', () => {
    const root = join(tmpdir(), 'lint root');
    const rules = [
      { id: 'steady-state/require-fetch-timeout', entry: 'error' as const, docs: { description: 'Require a deadline.', url: 'https://example.com/r.md' } },
      { id: 'steady-state/no-unbounded-cache', entry: 'warn' as const, docs: { description: 'Disallow caches that only grow.' } },
    ];
    const tool = { name: 'steady-state', version: '1.2.3', informationUri: REPOSITORY };
    const message = (over: object) => ({
      ruleId: 'steady-state/require-fetch-timeout',
      severity: 2 as const,
      message: 'No deadline.',
      line: 3,
      column: 5,
      endLine: 3,
      endColumn: 10,
      ...over,
    });
    const result = (filePath: string, messages: object[], suppressedMessages: object[] = []) =>
      ({
        filePath,
        messages,
        suppressedMessages,
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      }) as unknown as Parameters<typeof toSarif>[0][number];

    it('percent-encodes relative URIs with forward slashes, and resolves them back to the file', () => {
      const cases: [string, string][] = [
        [join(root, 'src', 'server.ts'), 'src/server.ts'],
        [join(root, 'dir with space', 'a#b%c?.ts'), 'dir%20with%20space/a%23b%25c%3F.ts'],
        [join(root, '@scope', 'pkg', 'x:y.ts'), '@scope/pkg/x%3Ay.ts'],
        [join(root, 'café', 'naïve.mts'), 'caf%C3%A9/na%C3%AFve.mts'],
      ];
      for (const [file, uri] of cases) {
        expect(artifactLocation(file, root)).toEqual({ uri, uriBaseId: '%SRCROOT%' });
        expect(fileURLToPath(new URL(uri, folderUri(root)))).toBe(file);
      }
      expect(folderUri(root)).toBe(`${pathToFileURL(root).href}/`);
      expect(folderUri(root)).toMatch(/^file:\/\/\/.*\/lint%20root\/$/);
    });

    it('gives a file outside the lint root an absolute file: URI', () => {
      const outside = join(tmpdir(), 'elsewhere', 'a.ts');
      expect(artifactLocation(outside, root)).toEqual({ uri: pathToFileURL(outside).href });
    });

    it('writes levels, rule indices, regions, suppressions and parse errors as valid SARIF', () => {
      const log = toSarif(
        [
          result(
            join(root, 'a b', 'client.ts'),
            [message({}), message({ ruleId: 'steady-state/no-unbounded-cache', severity: 1, message: 'Grows.' })],
            [{ ...message({ line: 9 }), suppressions: [{ kind: 'directive', justification: 'bounded by the caller' }] }],
          ),
          result(join(root, 'broken.js'), [{ ruleId: null, fatal: true, severity: 2, message: 'Parsing error: Unexpected token', line: 2, column: 7 }]),
        ],
        { root, rules, tool },
      );
      expect(validate(log)).toBe(true);
      expect(validate.errors ?? []).toEqual([]);
      const [run0] = log.runs;
      expect(run0.tool.driver.rules).toEqual([
        {
          id: 'steady-state/require-fetch-timeout',
          shortDescription: { text: 'Require a deadline.' },
          helpUri: 'https://example.com/r.md',
          defaultConfiguration: { level: 'error' },
        },
        { id: 'steady-state/no-unbounded-cache', shortDescription: { text: 'Disallow caches that only grow.' }, defaultConfiguration: { level: 'warning' } },
      ]);
      const location = (index: number, uri: string, region: object) => [
        { physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%', index }, region } },
      ];
      expect(run0.results).toEqual([
        {
          ruleId: 'steady-state/require-fetch-timeout',
          ruleIndex: 0,
          level: 'error',
          message: { text: 'No deadline.' },
          locations: location(0, 'a%20b/client.ts', { startLine: 3, startColumn: 5, endLine: 3, endColumn: 10 }),
        },
        {
          ruleId: 'steady-state/no-unbounded-cache',
          ruleIndex: 1,
          level: 'warning',
          message: { text: 'Grows.' },
          locations: location(0, 'a%20b/client.ts', { startLine: 3, startColumn: 5, endLine: 3, endColumn: 10 }),
        },
        {
          ruleId: 'steady-state/require-fetch-timeout',
          ruleIndex: 0,
          level: 'error',
          message: { text: 'No deadline.' },
          locations: location(0, 'a%20b/client.ts', { startLine: 9, startColumn: 5, endLine: 3, endColumn: 10 }),
          suppressions: [{ kind: 'inSource', justification: 'bounded by the caller' }],
        },
      ]);
      expect(run0.invocations).toEqual([
        {
          executionSuccessful: true,
          toolExecutionNotifications: [
            {
              level: 'error',
              message: { text: 'Parsing error: Unexpected token' },
              descriptor: { id: 'parse-error', index: 0 },
              locations: location(1, 'broken.js', { startLine: 2, startColumn: 7 }),
            },
          ],
        },
      ]);
      expect(run0.tool.driver.notifications?.map((notification) => notification.id)).toEqual(['parse-error']);
      expect(run0.artifacts).toEqual([
        { location: { uri: 'a%20b/client.ts', uriBaseId: '%SRCROOT%' } },
        { location: { uri: 'broken.js', uriBaseId: '%SRCROOT%' } },
      ]);
    });

    it('writes an empty run when nothing was found, still valid', () => {
      const log = toSarif([result(join(root, 'ok.ts'), [])], { root, rules, tool });
      expect(validate(log)).toBe(true);
      expect(log.runs[0].results).toEqual([]);
      expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
    });
  });
});
