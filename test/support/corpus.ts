import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import { Project } from 'ts-morph';

import { moduleTypeConfigs } from '../../tools/corpus.js';
import { serviceModuleTypeConfigs } from '../../tools/review.js';
import type { ServicePackage } from '../../tools/review.js';
import type { CorpusPackage } from '../../tools/corpus.js';
import { configRules } from '../../src/configs.js';
import plugin from '../../src/index.js';
import { applyEdit } from './lint.js';
import { diagnosticsAdded } from './type-check.js';

export { corpusPackages, ensureCorpus } from '../../tools/corpus.js';
export type { CorpusPackage } from '../../tools/corpus.js';
export { ensureServices, servicePackages } from '../../tools/review.js';
export type { ServicePackage } from '../../tools/review.js';

/** What linting one package of the corpus found and checked. */
export interface PackageReport {
  readonly files: number;
  /** Files the parser rejected (not failures: the corpus is what was published). */
  readonly parseRejected: string[];
  readonly findings: Map<string, number>;
  /** Files whose autofix output was checked, and suggestions checked. */
  fixedFiles: number;
  suggestions: number;
  /** What went wrong with a fix or a suggestion: each one is a test failure. */
  readonly problems: string[];
}

const ours = 'steady-state/';
const all = plugin.configs.all;
const allRules = configRules(all);

/**
 * Every rule of the plugin, with its strict variants and with the options that turn its
 * suggestions into autofixes (`meta.docs.fixOptions`), so that the fix paths run on real code too.
 */
function allRulesWithFixes(): Linter.RulesRecord {
  const rules: Linter.RulesRecord = { ...allRules };
  for (const [name, rule] of Object.entries(plugin.rules)) {
    const fixOptions = (rule.meta?.docs as { fixOptions?: Record<string, unknown> } | undefined)?.fixOptions;
    const id = `${ours}${name}`;
    const current = rules[id];
    if (!fixOptions || current === undefined) continue;
    const options = Array.isArray(current) && typeof current[1] === 'object' ? (current[1] as object) : {};
    rules[id] = ['error', { ...options, ...fixOptions }];
  }
  return rules;
}

/** What to lint: files under `cwd`, with the configs that tell the parser each file's module type (and types, when typed). */
interface LintTarget {
  readonly cwd: string;
  readonly patterns: readonly string[];
  readonly configs: readonly Linter.Config[];
  /** The tsconfig.json whose program type-checks every changed file, for type-aware runs. */
  readonly tsconfig?: string;
}

function configFor(target: LintTarget, rules: Linter.RulesRecord): Linter.Config[] {
  return [...all, { rules, linterOptions: { reportUnusedDisableDirectives: 'off' } }, ...target.configs];
}

/** One package of the library corpus (tools/corpus/corpus.sh), untyped or type-aware. */
export function lintPackage(corpus: string, pkg: CorpusPackage, typed: boolean): Promise<PackageReport> {
  const files = `ts/${pkg.name}/**/*.{ts,mts,cts,tsx}`;
  return lintTarget({
    cwd: corpus,
    patterns: typed ? [files] : [relative(corpus, pkg.dir)],
    configs: [
      ...moduleTypeConfigs(corpus, corpus),
      ...(typed ? [{ files: [files], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: pkg.dir } } }] : []),
    ],
    ...(typed ? { tsconfig: join(pkg.dir, 'tsconfig.json') } : {}),
  });
}

/** One package of the service corpus (tools/corpus/services.sh), untyped. */
export function lintServicePackage(dir: string, pkg: ServicePackage): Promise<PackageReport> {
  return lintTarget({ cwd: dir, patterns: [relative(dir, pkg.dir)], configs: serviceModuleTypeConfigs(dir, dir) });
}

/**
 * Lints every file of one target with every rule on (inline config comments off, so the
 * project's own disable comments do not hide code from the rules), then checks every autofix and
 * every suggestion: the output parses with the same parser, an autofix output is stable under a
 * second `--fix` pass, a suggestion removes a finding of its rule, and (typed) no output adds a
 * type error. A rule that throws rejects the promise with the file and the rule in the message.
 */
async function lintTarget(target: LintTarget): Promise<PackageReport> {
  const options: ESLint.Options = {
    cwd: target.cwd,
    overrideConfigFile: true,
    overrideConfig: configFor(target, allRules),
    allowInlineConfig: false,
    errorOnUnmatchedPattern: false,
  };
  // The configs as shipped (behaviour-changing rewrites are suggestions), and a second instance
  // with every autofix the options can turn on, for the files where a fixable rule reports.
  const checker = new ESLint(options);
  const fixer = new ESLint({
    ...options,
    overrideConfig: configFor(target, allRulesWithFixes()),
    fix: (message) => message.ruleId?.startsWith(ours) ?? false,
  });

  let results: ESLint.LintResult[];
  try {
    results = await checker.lintFiles([...target.patterns]);
  } catch (error) {
    throw new Error(`${target.patterns.join(' ')}: a rule crashed\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  const report: PackageReport = { files: results.length, parseRejected: [], findings: new Map(), fixedFiles: 0, suggestions: 0, problems: [] };
  const typePairs: { file: string; what: string; after: string }[] = [];
  const relint = async (text: string, filePath: string): Promise<Linter.LintMessage[]> => (await checker.lintText(text, { filePath }))[0]?.messages ?? [];
  const parseErrorIn = (messages: readonly Linter.LintMessage[]): string | undefined => messages.find((message) => message.fatal)?.message;

  for (const result of results) {
    const file = relative(target.cwd, result.filePath);
    const fatal = result.messages.find((message) => message.fatal);
    if (fatal) report.parseRejected.push(`${file}:${fatal.line}: ${fatal.message}`);
    const own = result.messages.filter((message) => message.ruleId?.startsWith(ours));
    for (const message of own) report.findings.set(message.ruleId!, (report.findings.get(message.ruleId!) ?? 0) + 1);
    if (!own.some((message) => message.fix ?? message.suggestions?.length)) continue;

    const source = readFileSync(result.filePath, 'utf8');
    const [fixed] = await fixer.lintText(source, { filePath: result.filePath });
    if (fixed?.output !== undefined) {
      report.fixedFiles += 1;
      const output = fixed.output;
      const parseError = parseErrorIn(await relint(output, result.filePath));
      if (parseError) report.problems.push(`${file}: the autofix output does not parse: ${parseError}`);
      const [again] = await fixer.lintText(output, { filePath: result.filePath });
      if (again?.output !== undefined && again.output !== output) report.problems.push(`${file}: a second --fix pass changes the output again`);
      typePairs.push({ file: result.filePath, what: 'autofix', after: output });
    }
    const countOf = (messages: readonly Linter.LintMessage[], ruleId: string | null): number => messages.filter((message) => message.ruleId === ruleId).length;
    for (const message of own) {
      for (const suggestion of message.suggestions ?? []) {
        report.suggestions += 1;
        const after = applyEdit(source, suggestion.fix);
        const where = `${file}:${message.line}:${message.column} ${message.ruleId} suggestion "${suggestion.desc}"`;
        const messagesAfter = await relint(after, result.filePath);
        const parseError = parseErrorIn(messagesAfter);
        if (parseError) report.problems.push(`${where}: the output does not parse: ${parseError}`);
        else if (countOf(messagesAfter, message.ruleId) >= countOf(result.messages, message.ruleId))
          report.problems.push(`${where}: the output still has as many findings of the rule`);
        typePairs.push({ file: result.filePath, what: where, after });
      }
    }
  }

  if (target.tsconfig && typePairs.length > 0) report.problems.push(...typeErrorsAdded(target.tsconfig, typePairs));
  return report;
}

/**
 * Type-checks each changed file in its package's program, before and after the change, and
 * returns the diagnostics the change adds.
 */
export function typeErrorsAdded(tsconfig: string, pairs: readonly { file: string; what: string; after: string }[]): string[] {
  const project = new Project({ tsConfigFilePath: tsconfig });
  const added: string[] = [];
  for (const { file, what, after } of pairs) {
    const sourceFile = project.getSourceFileOrThrow(file);
    const before = sourceFile.getFullText();
    const diagnostics = sourceFile.getPreEmitDiagnostics();
    sourceFile.replaceWithText(after);
    for (const key of diagnosticsAdded(diagnostics, sourceFile.getPreEmitDiagnostics())) added.push(`${what}: adds ${key}`);
    sourceFile.replaceWithText(before);
  }
  return added;
}

/** One line per package run, and the totals, for the test log. */
export function summarize(label: string, reports: readonly (readonly [string, PackageReport])[]): string {
  const findings = new Map<string, number>();
  let files = 0;
  let fixed = 0;
  let suggestions = 0;
  const rejected: string[] = [];
  for (const [, report] of reports) {
    files += report.files;
    fixed += report.fixedFiles;
    suggestions += report.suggestions;
    rejected.push(...report.parseRejected);
    for (const [rule, count] of report.findings) findings.set(rule, (findings.get(rule) ?? 0) + count);
  }
  const byRule = [...findings].sort((a, b) => b[1] - a[1]).map(([rule, count]) => `${rule.slice(ours.length)} ${count}`);
  return [
    `${label}: ${reports.length} packages, ${files} files; findings: ${byRule.join(', ') || 'none'}; autofixed files checked: ${fixed}; suggestions checked: ${suggestions}; files the parser rejected: ${rejected.length}`,
    ...rejected.map((line) => `  parser rejected ${line}`),
  ].join('\n');
}
