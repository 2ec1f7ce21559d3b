import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { ESLint, type Linter } from 'eslint';

import { rules as ruleModules } from '../rules/index.js';
import plugin from './index.js';
import { namespace, packageMeta } from './package-meta.js';
import type { ConfigName } from './configs.js';
import { configRules, lintedFiles, typescriptFiles } from './configs.js';
import { failureModeIds, failureModes, type FailureModeId } from './failure-modes.js';
import { describeError } from './crash.js';
import { createIgnoreMatcher } from './ignores.js';
import { toSarif, type SarifRule } from './sarif.js';
import { checkEslintVersion, checkTypescriptVersion, installedTypescriptVersion, peerRanges } from './versions.js';
import { plural } from './util/text.js';

const usage = `Usage: steady-state [options] [paths...]

Lints the given files and folders (default: the current directory) with the
eslint-plugin-steady-state rules, ignoring the project's own ESLint config.
JavaScript and TypeScript (.js .cjs .mjs .jsx .ts .tsx .mts .cts). Folders are
walked without node_modules, dist, coverage, hidden folders and test files
(*.test.*, *.spec.*, __tests__); a file named on the command line is linted even so.
The lint root is the current directory: the files its .gitignore and the
--ignore-pattern globs match (paths relative to it) are not linted.

Options:
  -c, --config <name>         rule set: recommended (default), strict, all
  -r, --rule <name>           run only this rule (repeatable, or comma-separated)
  -f, --format <name>         output format: stylish (default), json, sarif, or any ESLint formatter
  -o, --output-file <path>    write the report to this file (parent folders are created)
      --ignore-pattern <glob> do not lint files matching this glob (repeatable), as ESLint's option
      --fix                   apply the fixes that keep behaviour (and those your options opt in to)
      --max-warnings <n>      exit 1 when there are more than n warnings
      --concurrency <n>       lint in n worker threads: a number, auto, or off (default)
  -q, --quiet                 report errors only
  -h, --help                  show this help
  -v, --version               print the version

The report goes to stdout, or to the --output-file. The summary by failure mode
follows a stylish report on stdout; with another format or --output-file, it
goes to stderr.

Exit codes: 0 no findings; 1 findings, files that did not parse, or more warnings
than --max-warnings; 2 usage or configuration error (a bad option, a path with
no files to lint, an unsupported ESLint or TypeScript) or an internal error.`;

const configNames: readonly ConfigName[] = ['recommended', 'strict', 'all'];
const skippedDirectories = new Set(['node_modules', 'dist', 'coverage', '__tests__', '__mocks__']);
/** Test files: a slow leak in a test does not page anyone. Named explicitly, they are linted. */
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
const lintedExtensions = new Set(lintedFiles.map((pattern) => pattern.slice(pattern.lastIndexOf('.'))));
const typescriptExtensions = new Set(typescriptFiles.map((pattern) => pattern.slice(pattern.lastIndexOf('.'))));
const CHUNK = 50;
/** What ESLint 10 reports for a legacy `/* eslint-env *\/` comment: not a finding, not a parse error. */
const ESLINT_ENV_MESSAGE = '/* eslint-env */ comments are no longer supported.';

/** A problem with how the command was called or with what it runs on: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  /** The lint root: paths, .gitignore, --ignore-pattern, --output-file and SARIF URIs are relative to it. */
  readonly cwd: string;
  /**
   * Look `typescript` up from this folder (as from a project's own files) for the version check,
   * instead of from the parser. Defaults to the STEADY_STATE_RESOLVE_FROM environment variable.
   */
  readonly resolveFrom?: string;
}

interface CliOptions {
  readonly paths: string[];
  readonly config: ConfigName;
  readonly rules: string[];
  readonly format: string;
  readonly outputFile: string | null;
  readonly ignorePatterns: string[];
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
        'output-file': { type: 'string', short: 'o' },
        'ignore-pattern': { type: 'string', multiple: true },
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
  const outputFile = values['output-file'] ?? null;
  if (outputFile === '') throw new UsageError('--output-file expects a path');
  const ignorePatterns = values['ignore-pattern'] ?? [];
  if (ignorePatterns.some((pattern) => pattern.trim() === '')) throw new UsageError('--ignore-pattern expects a glob, got ""');
  return {
    kind: 'run',
    options: {
      paths: positionals.length > 0 ? positionals : ['.'],
      config: config as ConfigName,
      rules,
      format: values.format ?? 'stylish',
      outputFile,
      ignorePatterns,
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

export interface CollectOptions {
  /** Globs of files not to lint, relative to the lint root, as ESLint's `--ignore-pattern`. */
  readonly ignorePatterns?: readonly string[];
  /** Told about each file named on the command line that the ignores leave out. */
  readonly onIgnoredFile?: (path: string) => void;
}

/**
 * The files to lint under the given paths, relative to `cwd`, the lint root. Folders are walked
 * without node_modules, dist, coverage, hidden folders and test files, and without the files
 * `cwd/.gitignore` or `ignorePatterns` ignore. A file named on the command line is linted
 * even when it is a test file or in such a folder, but not when the ignores match it (ESLint
 * warns and skips it too). A path that leads to no file to lint is a usage error, as in ESLint.
 */
export function collectFiles(paths: readonly string[], cwd: string, options: CollectOptions = {}): string[] {
  const isIgnored = createIgnoreMatcher(cwd, options.ignorePatterns);
  const files: string[] = [];
  const walk = (dir: string, found: string[]): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skippedDirectories.has(entry.name) && !entry.name.startsWith('.')) walk(full, found);
      } else if (entry.isFile() && isLintable(entry.name) && !TEST_FILE.test(entry.name)) {
        found.push(full);
      }
    }
  };
  for (const path of paths) {
    const full = resolve(cwd, path);
    const noFiles = new UsageError(`No files matching the pattern "${path}" were found.`);
    if (!existsSync(full)) throw noFiles;
    if (statSync(full).isDirectory()) {
      const found: string[] = [];
      walk(full, found);
      const kept = found.filter((file) => !isIgnored(file));
      if (found.length === 0) throw noFiles;
      if (kept.length === 0) throw new UsageError(`All files matched by "${path}" are ignored (by .gitignore or --ignore-pattern).`);
      files.push(...kept);
    } else {
      if (!lintedExtensions.has(extname(full))) throw noFiles;
      if (isIgnored(full)) options.onIgnoredFile?.(path);
      else files.push(full);
    }
  }
  return [...new Set(files)];
}

function lintConfig(options: CliOptions): Linter.Config[] {
  const base = plugin.configs[options.config];
  const baseRules = configRules(base);
  const selected =
    options.rules.length === 0
      ? base
      : base.map((entry) =>
          entry.rules === undefined
            ? entry
            : {
                ...entry,
                name: `${namespace}/cli-rules`,
                // The chosen config's setting for each rule (strict variants included), else the rule's defaults.
                rules: Object.fromEntries(options.rules.map((rule) => [`${namespace}/${rule}`, baseRules[`${namespace}/${rule}`] ?? 'error'])),
              },
        );
  return [
    { name: `${namespace}/cli-ignores`, ignores: ['**/node_modules/', '**/dist/'] },
    ...selected,
    { name: `${namespace}/cli-options`, linterOptions: { reportUnusedDisableDirectives: 'off' } },
  ];
}

/** The plugin's rules by name, with their own docs type (ESLint's plugin type knows no `failureMode`). */
const rulesByName = new Map(Object.entries(ruleModules));

/** The rules a run turns on, with their settings and docs, in config order. */
function ranRules(options: CliOptions): SarifRule[] {
  return Object.entries(configRules(lintConfig(options))).map(([id, entry]) => ({
    id,
    entry: entry ?? 'error',
    docs: rulesByName.get(id.slice(namespace.length + 1))?.meta.docs,
  }));
}

/**
 * The report in the chosen format. `cwd` is the lint root; `eslint` ran with the folder that holds
 * every file as its cwd, which may be another, so formatters load from the lint root (a path
 * relative to it, or a package installed for it).
 */
async function format(eslint: ESLint, options: CliOptions, results: ESLint.LintResult[], cwd: string, eslintCwd: string): Promise<string> {
  const name = options.format;
  if (name === 'sarif') {
    const log = toSarif(results, {
      root: cwd,
      rules: ranRules(options),
      tool: { name: namespace, version: packageMeta.version, informationUri: packageMeta.repository },
    });
    return `${JSON.stringify(log, null, 2)}\n`;
  }
  const data: ESLint.LintResultData = { cwd, rulesMeta: eslint.getRulesMetaForResults(results) };
  let formatter: ESLint.LoadedFormatter;
  try {
    formatter = await (eslintCwd === cwd ? eslint : new ESLint({ cwd, overrideConfigFile: true })).loadFormatter(name);
  } catch {
    throw new UsageError(`unknown format "${name}" (try stylish, json or sarif)`);
  }
  return formatter.format(results, data);
}

function ruleFailureMode(ruleId: string | null): FailureModeId | null {
  if (!ruleId?.startsWith(`${namespace}/`)) return null;
  return rulesByName.get(ruleId.slice(namespace.length + 1))?.meta.docs?.failureMode ?? null;
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
  const filesNotParsed = new Set<string>();
  const filesWithFindings = new Set<string>();
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) {
        filesNotParsed.add(result.filePath);
        continue;
      }
      const mode = ruleFailureMode(message.ruleId);
      if (!mode) continue;
      counts.set(mode, (counts.get(mode) ?? 0) + 1);
      filesWithFindings.add(result.filePath);
    }
  }
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const lines = [`steady-state: ${plural(total, 'finding')} in ${filesWithFindings.size} of ${plural(results.length, 'file')}, by failure mode:`];
  for (const mode of failureModeIds) {
    const count = counts.get(mode);
    if (count === undefined) continue;
    const label = failureModes[mode].label;
    lines.push(`  ${label.padEnd(28)} ${String(count).padStart(4)}   ${(rulesByMode.get(mode) ?? []).join(', ')}`);
  }
  if (filesNotParsed.size > 0) lines.push(`  ${'files that did not parse'.padEnd(28)} ${String(filesNotParsed.size).padStart(4)}`);
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

/** ESLint 10's report of a legacy `/* eslint-env *\/` comment (ESLint 9 only warned on stderr). */
function isEslintEnvComment(message: Linter.LintMessage): boolean {
  return message.ruleId === null && message.message === ESLINT_ENV_MESSAGE;
}

/**
 * Keeps this plugin's findings and parse errors only. The scanner runs without the project's own
 * config, so its inline comments name rules that are not loaded here (`eslint-disable-next-line
 * @typescript-eslint/no-explicit-any`); ESLint reports those as missing definitions, which are not
 * the project's problem. Nor are legacy `/* eslint-env *\/` comments, which ESLint 10 reports as
 * fatal: the file was parsed and checked all the same.
 */
export function ownFindings(result: ESLint.LintResult): ESLint.LintResult {
  const messages = result.messages.filter((message) => (message.fatal === true && !isEslintEnvComment(message)) || message.ruleId?.startsWith(`${namespace}/`));
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

/**
 * A file the parser crashed on rather than rejected. ESLint turns both into a fatal "Parsing
 * error", but a syntax error carries the line it is on and a crash (a parser that does not fit
 * the installed TypeScript, say) does not. A crash is not a finding: the scanner stops with exit 2.
 */
export function parserCrash(results: readonly ESLint.LintResult[]): { filePath: string; message: string } | null {
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal === true && !((message.line as number | undefined) !== undefined && message.line > 0)) {
        return { filePath: result.filePath, message: message.message };
      }
    }
  }
  return null;
}

function isTypeScript(file: string): boolean {
  return typescriptExtensions.has(extname(file));
}

/** Stops with one line, before anything else, when this ESLint cannot run the scanner. */
function checkEslint(): void {
  const problem = checkEslintVersion(ESLint.version);
  if (problem !== null) throw new UsageError(problem);
}

/**
 * Stops with one line, before linting, when the TypeScript that would parse `files` is outside
 * the range this package supports; returns its version (`null`: no TypeScript file, or none installed).
 */
function checkTypescript(files: readonly string[], io: CliIo): string | null {
  const typescriptFileCount = files.filter(isTypeScript).length;
  if (typescriptFileCount === 0) return null;
  // The configs set a parser for TypeScript files only when @typescript-eslint/parser (and the
  // typescript it loads) is installed; without it, ESLint's default parser would fail on every
  // type annotation and the run would show parse errors instead of findings.
  if (!plugin.configs.recommended.some((config) => config.languageOptions?.parser !== undefined)) {
    const what = plural(typescriptFileCount, 'TypeScript file');
    throw new UsageError(
      `${what} to lint, but @typescript-eslint/parser is not installed: ` +
        'npm install --save-dev @typescript-eslint/parser typescript@~6.0, or name only JavaScript paths',
    );
  }
  const version = installedTypescriptVersion(io.resolveFrom);
  if (version === null) return null;
  const typescript = checkTypescriptVersion(version);
  if (typescript !== null) throw new UsageError(typescript);
  return version;
}

/** Writes the report where it belongs: the --output-file (creating its folders), else stdout. */
function writeReport(output: string, options: CliOptions, io: CliIo): void {
  if (options.outputFile === null) {
    if (output) io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    return;
  }
  const file = resolve(io.cwd, options.outputFile);
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new UsageError(`cannot write the report to "${options.outputFile}": it is a folder`);
  }
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, output);
  } catch (error) {
    throw new UsageError(`cannot write the report to "${options.outputFile}": ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function run(options: CliOptions, io: CliIo): Promise<number> {
  checkEslint();
  const files = collectFiles(options.paths, io.cwd, {
    ignorePatterns: options.ignorePatterns,
    onIgnoredFile: (path) => io.stderr.write(`steady-state: "${path}" is ignored (by .gitignore or --ignore-pattern), not linted\n`),
  });
  const typescriptVersion = checkTypescript(files, io);
  const cwd = commonFolder(files, io.cwd);
  let eslint = new ESLint(eslintOptions(options, cwd));
  const results: ESLint.LintResult[] = [];
  if (files.length === 0) {
    // Every file named was ignored: nothing to lint, as with ESLint.
  } else if (options.concurrency !== 'off') {
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
  const crash = parserCrash(results);
  if (crash !== null) {
    const typescript =
      isTypeScript(crash.filePath) && typescriptVersion !== null ? ` (TypeScript ${typescriptVersion}; supported: ${peerRanges().typescript ?? 'any'})` : '';
    throw new UsageError(`the parser crashed on ${relative(io.cwd, crash.filePath)}: ${crash.message}${typescript}`);
  }
  if (options.fix) await ESLint.outputFixes(results);
  const shown = options.quiet ? ESLint.getErrorResults(results) : results;
  const output = await format(eslint, options, shown, io.cwd, cwd);
  writeReport(output, options, io);
  const summary = summarize(
    results,
    ranRules(options).map((rule) => rule.id),
  );
  // The summary is for people: after the stylish report on a terminal, else on stderr, so a
  // JSON, SARIF, JUnit or HTML report stays exactly what its format says.
  if (options.format === 'stylish' && options.outputFile === null) io.stdout.write(`${output.trim() === '' ? '' : '\n'}${summary}`);
  else io.stderr.write(summary);
  const errors = results.reduce((sum, result) => sum + result.errorCount + result.fatalErrorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (errors > 0) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) return 1;
  return 0;
}

const defaultIo: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  ...(process.env.STEADY_STATE_RESOLVE_FROM ? { resolveFrom: process.env.STEADY_STATE_RESOLVE_FROM } : {}),
};

/**
 * Runs the command line; returns the exit code: 0 clean, 1 findings, 2 anything that stopped the
 * run. A usage or configuration error is one line on stderr; any other error is a bug, printed in
 * full (its stack and its causes' stacks) so it can be reported.
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
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
    io.stderr.write(`steady-state: internal error: ${describeError(error)}\n`);
    return 2;
  }
}
