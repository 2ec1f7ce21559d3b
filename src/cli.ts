import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { ESLint, type Linter } from 'eslint';

import plugin from './index.js';
import { namespace } from './package-meta.js';
import type { ConfigName } from './configs.js';
import { lintedFiles } from './configs.js';
import { failureModeIds, failureModes, type FailureModeId } from './failure-modes.js';

const usage = `Usage: steady-state [options] [paths...]

Lints the given files and folders (default: the current directory) with the
eslint-plugin-steady-state rules, ignoring the project's own ESLint config.
JavaScript and TypeScript (.js .cjs .mjs .jsx .ts .tsx .mts .cts). Folders are
walked without node_modules, dist, coverage, hidden folders and test files
(*.test.*, *.spec.*, __tests__); a file named on the command line is always linted.

Options:
  -c, --config <name>      rule set: recommended (default), strict, all
  -r, --rule <name>        run only this rule (repeatable, or comma-separated)
  -f, --format <name>      output format: stylish (default), json, sarif, or any ESLint formatter
      --fix                apply the fixes that keep behaviour (and those your options opt in to)
      --max-warnings <n>   exit 1 when there are more than n warnings
      --concurrency <n>    lint in n worker threads: a number, auto, or off (default)
  -q, --quiet              report errors only
  -h, --help               show this help
  -v, --version            print the version

Exit codes: 0 no findings, 1 findings (or too many warnings), 2 usage or configuration error.`;

const configNames: readonly ConfigName[] = ['recommended', 'strict', 'all'];
const machineFormats = new Set(['json', 'json-with-metadata', 'sarif']);
const skippedDirectories = new Set(['node_modules', 'dist', 'coverage', '__tests__', '__mocks__']);
/** Test files: a slow leak in a test does not page anyone. Named explicitly, they are linted. */
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
const lintedExtensions = new Set(lintedFiles.map((pattern) => pattern.slice(pattern.lastIndexOf('.'))));
const CHUNK = 50;

/** A problem with how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly cwd: string;
}

interface CliOptions {
  readonly paths: string[];
  readonly config: ConfigName;
  readonly rules: string[];
  readonly format: string;
  readonly fix: boolean;
  readonly maxWarnings: number;
  readonly quiet: boolean;
  readonly concurrency: number | 'auto' | 'off';
}

type Parsed = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: CliOptions };

export function parseCommandLine(argv: readonly string[]): Parsed {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        rule: { type: 'string', short: 'r', multiple: true },
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        concurrency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const config = values.config ?? 'recommended';
  if (!configNames.includes(config as ConfigName)) {
    throw new UsageError(`unknown config "${config}" (expected one of: ${configNames.join(', ')})`);
  }
  const known = Object.keys(plugin.rules);
  const rules = (values.rule ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim().replace(new RegExp(`^${namespace}/`), ''))
    .filter((value) => value !== '');
  for (const rule of rules) {
    if (!known.includes(rule)) throw new UsageError(`unknown rule "${rule}" (known rules: ${known.join(', ')})`);
  }
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      throw new UsageError(`--max-warnings expects a non-negative integer, got "${values['max-warnings']}"`);
    }
  }
  const concurrencyValue = values.concurrency ?? 'off';
  let concurrency: CliOptions['concurrency'];
  if (concurrencyValue === 'auto' || concurrencyValue === 'off') concurrency = concurrencyValue;
  else {
    concurrency = Number(concurrencyValue);
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new UsageError(`--concurrency expects a positive integer, auto or off, got "${concurrencyValue}"`);
    }
  }
  return {
    kind: 'run',
    options: {
      paths: positionals.length > 0 ? positionals : ['.'],
      config: config as ConfigName,
      rules,
      format: values.format ?? 'stylish',
      fix: values.fix ?? false,
      maxWarnings,
      quiet: values.quiet ?? false,
      concurrency: concurrency === 1 ? 'off' : concurrency,
    },
  };
}

function isLintable(file: string): boolean {
  if (file.endsWith('.d.ts') || file.endsWith('.d.mts') || file.endsWith('.d.cts') || /\.min\.[cm]?js$/.test(file)) return false;
  return lintedExtensions.has(extname(file));
}

/**
 * The files under the given paths, walking folders and skipping node_modules, dist, coverage,
 * hidden folders and test files; a file named on the command line is always linted.
 */
export function collectFiles(paths: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skippedDirectories.has(entry.name) && !entry.name.startsWith('.')) walk(full);
      } else if (entry.isFile() && isLintable(entry.name) && !TEST_FILE.test(entry.name)) {
        files.push(full);
      }
    }
  };
  for (const path of paths) {
    const full = resolve(cwd, path);
    if (!existsSync(full)) throw new UsageError(`no such file or directory: ${path}`);
    if (statSync(full).isDirectory()) walk(full);
    else files.push(full);
  }
  return [...new Set(files)];
}

function lintConfig(options: CliOptions): Linter.Config[] {
  const base = plugin.configs[options.config] as unknown as Linter.Config;
  const selected: Linter.Config =
    options.rules.length === 0
      ? base
      : {
          ...base,
          name: `${namespace}/cli-rules`,
          // The chosen config's setting for each rule (strict variants included), else the rule's defaults.
          rules: Object.fromEntries(
            options.rules.map((rule) => [`${namespace}/${rule}`, base.rules?.[`${namespace}/${rule}`] ?? 'error']),
          ),
        };
  return [
    { name: `${namespace}/cli-ignores`, ignores: ['**/node_modules/', '**/dist/'] },
    { ...selected, linterOptions: { reportUnusedDisableDirectives: 'off' } },
  ];
}

type SarifFormatter = (results: ESLint.LintResult[], data: ESLint.LintResultData) => string;

async function format(eslint: ESLint, name: string, results: ESLint.LintResult[], cwd: string): Promise<string> {
  const data: ESLint.LintResultData = { cwd, rulesMeta: eslint.getRulesMetaForResults(results) };
  if (name === 'sarif') {
    // The SARIF formatter ships with this package; resolve it from here, not from the linted project.
    const sarif = createRequire(import.meta.url)('@microsoft/eslint-formatter-sarif') as SarifFormatter;
    return sarif(results, data);
  }
  let formatter: ESLint.LoadedFormatter;
  try {
    formatter = await eslint.loadFormatter(name);
  } catch {
    throw new UsageError(`unknown format "${name}" (try stylish, json or sarif)`);
  }
  return formatter.format(results, data);
}

function ruleFailureMode(ruleId: string | null): FailureModeId | null {
  if (!ruleId?.startsWith(`${namespace}/`)) return null;
  const rule = (plugin.rules as Record<string, { meta: { docs?: { failureMode?: FailureModeId } } }>)[ruleId.slice(namespace.length + 1)];
  return rule?.meta.docs?.failureMode ?? null;
}

/** The findings grouped by the failure mode they lead to, for the rule set that ran. */
export function summarize(results: readonly ESLint.LintResult[], ruleIds: readonly string[]): string {
  const counts = new Map<FailureModeId, number>();
  const rulesByMode = new Map<FailureModeId, string[]>();
  for (const ruleId of ruleIds) {
    const mode = ruleFailureMode(ruleId);
    if (!mode) continue;
    counts.set(mode, 0);
    rulesByMode.set(mode, [...(rulesByMode.get(mode) ?? []), ruleId.slice(namespace.length + 1)]);
  }
  let parseErrors = 0;
  const filesWithFindings = new Set<string>();
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) {
        parseErrors += 1;
        continue;
      }
      const mode = ruleFailureMode(message.ruleId);
      if (!mode) continue;
      counts.set(mode, (counts.get(mode) ?? 0) + 1);
      filesWithFindings.add(result.filePath);
    }
  }
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const lines = [
    `steady-state: ${total} finding${total === 1 ? '' : 's'} in ${filesWithFindings.size} of ${results.length} file${results.length === 1 ? '' : 's'}, by failure mode:`,
  ];
  for (const mode of failureModeIds) {
    const count = counts.get(mode);
    if (count === undefined) continue;
    const label = failureModes[mode].label;
    lines.push(`  ${label.padEnd(28)} ${String(count).padStart(4)}   ${(rulesByMode.get(mode) ?? []).join(', ')}`);
  }
  if (parseErrors > 0) lines.push(`  ${'files that did not parse'.padEnd(28)} ${String(parseErrors).padStart(4)}`);
  return `${lines.join('\n')}\n`;
}

/** The deepest folder that contains every file: ESLint ignores files outside its working directory. */
function commonFolder(files: readonly string[], fallback: string): string {
  if (files.length === 0) return fallback;
  let common = dirname(files[0] ?? fallback);
  for (const file of files) {
    while (common !== dirname(common) && !file.startsWith(common.endsWith(sep) ? common : `${common}${sep}`)) {
      common = dirname(common);
    }
  }
  return common;
}

/**
 * Keeps this plugin's findings and parse errors only. The scanner runs without the project's own
 * config, so its inline comments name rules that are not loaded here (`eslint-disable-next-line
 * @typescript-eslint/no-explicit-any`); ESLint reports those as missing definitions, which are not
 * the project's problem.
 */
function ownFindings(result: ESLint.LintResult): ESLint.LintResult {
  const messages = result.messages.filter((message) => message.fatal === true || message.ruleId?.startsWith(`${namespace}/`));
  if (messages.length === result.messages.length) return result;
  const count = (severity: number, fixable: boolean): number =>
    messages.filter((message) => message.severity === severity && !message.fatal && (!fixable || message.fix !== undefined)).length;
  return {
    ...result,
    messages,
    errorCount: messages.filter((message) => message.severity === 2).length,
    fatalErrorCount: messages.filter((message) => message.fatal).length,
    warningCount: count(1, false),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
  };
}

/**
 * The ESLint options for a run. Exported for the options module that `--concurrency` hands to
 * ESLint's worker threads, which cannot receive the plugin object itself.
 */
export function eslintOptions(options: CliOptions, cwd: string): ESLint.Options {
  return {
    cwd,
    overrideConfigFile: true,
    overrideConfig: lintConfig(options),
    fix: options.fix,
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
  };
}

/** Lints in worker threads, through an options module that rebuilds the options in each thread. */
async function lintConcurrently(options: CliOptions, cwd: string, files: string[]): Promise<{ eslint: ESLint; results: ESLint.LintResult[] }> {
  const fromOptionsModule = (ESLint as Partial<Pick<typeof ESLint, 'fromOptionsModule'>>).fromOptionsModule;
  if (fromOptionsModule === undefined) throw new UsageError('--concurrency needs ESLint 9.34 or later');
  const folder = mkdtempSync(join(tmpdir(), 'steady-state-'));
  try {
    const file = join(folder, 'eslint-options.mjs');
    writeFileSync(
      file,
      [
        `import { eslintOptions } from ${JSON.stringify(import.meta.url)};`,
        `export default { ...eslintOptions(${JSON.stringify(options)}, ${JSON.stringify(cwd)}), concurrency: ${JSON.stringify(options.concurrency)} };`,
        '',
      ].join('\n'),
    );
    const eslint = await fromOptionsModule.call(ESLint, pathToFileURL(file));
    return { eslint, results: (await eslint.lintFiles(files)).map(ownFindings) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function run(options: CliOptions, io: CliIo): Promise<number> {
  const files = collectFiles(options.paths, io.cwd);
  const cwd = commonFolder(files, io.cwd);
  let eslint = new ESLint(eslintOptions(options, cwd));
  const results: ESLint.LintResult[] = [];
  if (options.concurrency !== 'off') {
    const run = await lintConcurrently(options, cwd, files);
    eslint = run.eslint;
    results.push(...run.results);
  } else {
    // In chunks, so a terminal can show progress on a large project.
    const progress = io.stderr.isTTY === true && files.length > CHUNK;
    for (let start = 0; start < files.length; start += CHUNK) {
      results.push(...(await eslint.lintFiles(files.slice(start, start + CHUNK))).map(ownFindings));
      if (progress) io.stderr.write(`\rsteady-state: ${Math.min(start + CHUNK, files.length)}/${files.length} files`);
    }
    if (progress) io.stderr.write('\n');
  }
  if (options.fix) await ESLint.outputFixes(results);
  const shown = options.quiet ? ESLint.getErrorResults(results) : results;
  const output = await format(eslint, options.format, shown, io.cwd);
  if (output) io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  if (!machineFormats.has(options.format)) {
    const ruleIds = Object.keys(lintConfig(options).at(-1)?.rules ?? {});
    io.stdout.write(`${output.trim() === '' ? '' : '\n'}${summarize(results, ruleIds)}`);
  }
  const errors = results.reduce((sum, result) => sum + result.errorCount + result.fatalErrorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (errors > 0) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) return 1;
  return 0;
}

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    if (parsed.kind === 'version') {
      io.stdout.write(`${plugin.meta.version}\n`);
      return 0;
    }
    return await run(parsed.options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`steady-state: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.stderr.write(`steady-state: ${message}\n`);
    return 2;
  }
}
