// SARIF from the scanner and from ESLint with the SARIF formatter: both are valid SARIF 2.1.0 and
// point code scanning at the right rule docs, files and lines.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { configRules } from '../../dist/src/configs.js';
import plugin from '../../dist/src/index.js';
import { docsDir, fixturesDir, rootDir } from '../support/paths.js';

const require = createRequire(import.meta.url);

/**
 * The SARIF 2.1.0 schema in the revision @microsoft/eslint-formatter-sarif names in `$schema`
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
interface SarifResult {
  ruleId?: string;
  message: { text: string };
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string; index?: number }; region?: SarifRegion } }[];
}
interface SarifLog {
  version: string;
  $schema?: string;
  runs: {
    tool: { driver: { name: string; rules?: { id: string; helpUri?: string; shortDescription?: { text: string } }[] } };
    artifacts?: { location: { uri: string } }[];
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

/** `file:line:column rule message` for each result, from its first physical location. */
function findings(log: SarifLog): string[] {
  return (log.runs[0]?.results ?? [])
    .map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      const file = fileURLToPath(location?.artifactLocation?.uri ?? 'file:///missing');
      return `${relative(rootDir, file)}:${location?.region?.startLine}:${location?.region?.startColumn} ${result.ruleId} ${result.message.text}`;
    })
    .sort();
}

describe('SARIF output', () => {
  let scratch = '';
  const logs: Record<'scanner' | 'eslint', SarifLog> = {} as Record<'scanner' | 'eslint', SarifLog>;

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
    expect(scanner.stderr).toBe('');
    expect(scanner.status).toBe(1);
    logs.scanner = JSON.parse(scanner.stdout) as SarifLog;

    const eslint = run(eslintBin, ['--no-config-lookup', '-c', configFile, '-f', '@microsoft/eslint-formatter-sarif', 'fixtures/leaky-service']);
    expect(eslint.stderr).toBe('');
    expect(eslint.status).toBe(1);
    logs.eslint = JSON.parse(eslint.stdout) as SarifLog;
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

  describe.each(['scanner', 'eslint'] as const)('%s', (tool) => {
    it('is valid SARIF 2.1.0', () => {
      const log = logs[tool];
      const valid = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(log.version).toBe('2.1.0');
      expect(log.$schema).toBe(SCHEMA_URI);
      expect(log.runs).toHaveLength(1);
      expect(log.runs[0]?.tool.driver.name).toBe('ESLint');
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
      const run0 = logs[tool].runs[0];
      const expected = markers();
      expect(expected.length).toBeGreaterThan(0);
      for (const result of run0?.results ?? []) {
        const location = result.locations?.[0]?.physicalLocation;
        const uri = location?.artifactLocation?.uri ?? '';
        const file = fileURLToPath(uri);
        expect(file.startsWith(`${leaky}/`)).toBe(true);
        expect(uri.endsWith(`/fixtures/${relative(fixturesDir, file)}`)).toBe(true);
        expect(run0?.artifacts?.[location?.artifactLocation?.index ?? -1]?.location.uri).toBe(uri);
        const rule = result.ruleId?.slice('steady-state/'.length);
        expect(expected).toContain(`${relative(fixturesDir, file)}:${location?.region?.startLine} ${rule}`);
      }
    });
  });

  it('the scanner and ESLint with the SARIF formatter report the same findings', () => {
    expect(findings(logs.scanner)).toEqual(findings(logs.eslint));
  });
});
