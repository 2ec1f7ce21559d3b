#!/usr/bin/env node
// npm run review [-- options] — read the rules' findings on real service code, to judge precision.
//
// Lints the pinned service corpus (tools/corpus/services.sh: servers, daemons, bots and workers
// from npm, fetched on demand) with the built plugin, then writes to the output folder:
//   findings.json  every finding: rule, package, path (relative to the corpus), line, column, message
//   review.md      per rule: the count and a seeded sample of findings, each with the code around
//                  it, the function it is in and the lines of the same file that name that function
//   verdicts.tsv   id, location, verdict, reason: one row per sampled finding, for the reader to
//                  fill in with true, debatable or false (verdicts already there are kept)
// and prints the count of findings per rule. `--library` does the same on the library corpus
// (tools/corpus/corpus.sh). `--table` runs both corpora and prints the rows of the table in
// docs/precision.md, with the judged columns taken from the verdicts filled in so far.
//
// This module also exports the reader of docs/precision.md and the checks its table must pass;
// the command runs only when the file is executed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The sample size per rule, and below it every finding is judged. */
export const SAMPLE_SIZE = 20;
/** The share of true findings a rule needs to be in `recommended`. */
export const PRECISION_GATE = 0.9;
/** The judgments a reader can give a finding. */
export const VERDICTS = /** @type {const} */ (['true', 'debatable', 'false']);
/** The columns of the precision table, in order. */
export const TABLE_COLUMNS = ['rule', 'config', 'library findings', 'service findings', 'sampled', 'true', 'debatable', 'false', 'precision'];

// ---------------------------------------------------------------------------------------------
// The service corpus
// ---------------------------------------------------------------------------------------------

/** Where the service corpus lives: `$STEADY_STATE_SERVICES`, else `~/.cache/steady-state-services`. */
export function servicesDir() {
  return process.env.STEADY_STATE_SERVICES ?? join(homedir(), '.cache', 'steady-state-services');
}

/** `name@version` of every pinned service package, from tools/corpus/services.integrity. */
function pinnedServices() {
  return readFileSync(join(root, 'tools', 'corpus', 'services.integrity'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t')[0] ?? '');
}

/**
 * The packages of the service corpus, from its manifest.
 * @param {string} dir
 * @returns {{ name: string, version: string, dir: string, files: number, lines: number }[]}
 */
export function servicePackages(dir) {
  const rows = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  const packages = [];
  for (const row of rows) {
    const [name, version, files, lines] = row.split('\t');
    if (name === undefined || version === undefined || name === 'TOTAL') continue;
    packages.push({ name, version, dir: join(dir, name), files: Number(files), lines: Number(lines) });
  }
  return packages;
}

/** Whether `dir` holds every pinned service package at its pinned version. */
function servicesComplete(dir) {
  const manifest = join(dir, 'MANIFEST.tsv');
  if (!existsSync(manifest) || !/^TOTAL\t/m.test(readFileSync(manifest, 'utf8'))) return false;
  const present = new Set(servicePackages(dir).map((pkg) => `${pkg.name}@${pkg.version}`));
  return pinnedServices().every((spec) => present.has(spec) && existsSync(join(dir, spec.slice(0, spec.lastIndexOf('@')), 'package.json')));
}

/**
 * Returns the service corpus folder, building it first with tools/corpus/services.sh (about
 * 20 s from npm, under 10 s from its tarball cache) when a pinned package is missing.
 * @param {(line: string) => void} [log]
 */
export function ensureServices(log = (line) => process.stderr.write(`${line}\n`)) {
  const dir = servicesDir();
  if (!servicesComplete(dir)) {
    log(`fetching the service corpus into ${dir} (16 pinned npm packages) …`);
    mkdirSync(dirname(dir), { recursive: true });
    const script = join(root, 'tools', 'corpus', 'services.sh');
    execFileSync('flock', [`${dir}.lock`, 'bash', script, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (!servicesComplete(dir)) throw new Error(`${script} ran, but ${dir} still lacks a pinned package`);
  }
  return dir;
}

/**
 * Flat-config objects that give each service package's `.js` files the module system its
 * package.json declares (`"type": "module"` or CommonJS), as Node runs them. The service corpus
 * keeps each package in `<corpus>/<name>/` (scoped names nest), with its own package.json.
 * Globs are relative to `base`, the `cwd` of the ESLint instance: the corpus or an ancestor.
 * @param {string} base
 * @param {string} corpus
 * @returns {import('eslint').Linter.Config[]}
 */
export function serviceModuleTypeConfigs(base, corpus) {
  return packageFolders(corpus).map((folder) => ({
    files: [`${relative(base, folder).split(sep).join('/')}/**/*.js`],
    languageOptions: { sourceType: packageType(folder) },
  }));
}

/** Every folder under `top` with a package.json, shallow first so nested ones override. */
function packageFolders(top) {
  /** @type {string[]} */
  const folders = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(join(folder, entry.name));
      else if (entry.name === 'package.json' && folder !== top) folders.push(folder);
    }
  };
  walk(top);
  return folders.sort((a, b) => a.split(sep).length - b.split(sep).length);
}

/** @returns {'module' | 'commonjs'} */
function packageType(folder) {
  const type = /** @type {{ type?: unknown }} */ (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'))).type;
  return type === 'module' ? 'module' : 'commonjs';
}

/** The module system Node gives a file: by extension, else by its nearest package.json. */
function sourceTypeOf(file, top) {
  const extension = extname(file);
  if (extension === '.cjs' || extension === '.cts') return 'commonjs';
  if (extension !== '.js') return 'module';
  for (let folder = dirname(file); folder.startsWith(top) && folder !== top; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return packageType(folder);
  }
  return 'commonjs';
}

// ---------------------------------------------------------------------------------------------
// Sampling
// ---------------------------------------------------------------------------------------------

/** A 32-bit FNV-1a hash of a string: turns a seed and a rule name into a PRNG state. */
function hash(text) {
  let state = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    state ^= text.charCodeAt(index);
    state = Math.imul(state, 0x01000193) >>> 0;
  }
  return state;
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param {{ path: string, line: number, column: number, message: string }} a
 * @param {{ path: string, line: number, column: number, message: string }} b
 */
function byLocation(a, b) {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/**
 * `size` findings drawn without replacement, the same ones for the same findings, seed and rule
 * whatever order they come in and whatever other rules are reviewed; in file order. All of them
 * when there are no more than `size`.
 * @template {{ path: string, line: number, column: number, message: string }} F
 * @param {readonly F[]} findings
 * @param {number} size
 * @param {string} seed
 * @param {string} rule
 * @returns {F[]}
 */
export function sampleFindings(findings, size, seed, rule) {
  const pool = [...findings].sort(byLocation);
  if (pool.length <= size) return pool;
  const next = random(hash(`${seed}\u0000${rule}`));
  for (let index = 0; index < size; index += 1) {
    const pick = index + Math.floor(next() * (pool.length - index));
    [pool[index], pool[pick]] = [/** @type {F} */ (pool[pick]), /** @type {F} */ (pool[index])];
  }
  return pool.slice(0, size).sort(byLocation);
}

// ---------------------------------------------------------------------------------------------
// docs/precision.md: reading it and checking it
// ---------------------------------------------------------------------------------------------

const normalize = (cell) => cell.replaceAll('`', '').replaceAll('*', '').trim().toLowerCase().replace(/\s+/g, ' ');

/** The cells of a Markdown table line, or null when the line is not one. */
function cells(line) {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|')) return null;
  const inner = trimmed.endsWith('|') && trimmed.length > 1 ? trimmed.slice(1, -1) : trimmed.slice(1);
  return inner.split('|').map((cell) => cell.trim());
}

/** A whole number (commas allowed: 1,234), or null for a placeholder such as "—" or "". */
function count(cell) {
  const text = cell.replaceAll('`', '').replaceAll('*', '').trim();
  return /^\d{1,3}(,\d{3})*$|^\d+$/.test(text) ? Number(text.replaceAll(',', '')) : null;
}

/** The rule name in a cell or heading: backticks, links and a `steady-state/` prefix dropped. */
function ruleName(text) {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replaceAll('`', '')
    .trim()
    .replace(/^steady-state\//, '');
}

/** @typedef {{ line: number, location: string, verdict: 'true' | 'debatable' | 'false', reason: string }} Verdict */
/**
 * @typedef {{ rule: string, line: number, config: string, library: number | null, service: number | null, sampled: number | null,
 *   true: number | null, debatable: number | null, false: number | null, precision: string }} PrecisionRow
 * @typedef {{ rows: Map<string, PrecisionRow>, verdicts: Map<string, Verdict[]>, date: string | null, version: string | null, errors: string[] }} PrecisionDoc
 */

const VERDICT_LINE = /^[-*]\s+`?(\S+?:\d+(?::\d+)?)`?\s+[—–]\s+(true|debatable|false)\s+[—–]\s+(\S.*)$/;

/**
 * Reads docs/precision.md: the rows of its precision table, the date and plugin version lines,
 * and under "Verdicts" each rule's list of judged findings. Problems with the document's shape
 * (no table, a row with the wrong number of cells, a list item that is not a verdict line) go to
 * `errors`; the rules the table must satisfy are checked by `checkPrecision`.
 * @param {string} text
 * @returns {PrecisionDoc}
 */
export function parsePrecision(text) {
  const lines = text.split(/\r?\n/);
  /** @type {PrecisionDoc} */
  const doc = { rows: new Map(), verdicts: new Map(), date: null, version: null, errors: [] };
  const header = lines.findIndex((line) => {
    const row = cells(line);
    return row !== null && row.length === TABLE_COLUMNS.length && row.every((cell, index) => normalize(cell) === TABLE_COLUMNS[index]);
  });
  if (header === -1) {
    doc.errors.push(`no precision table: a header row | ${TABLE_COLUMNS.join(' | ')} |`);
  } else {
    const separator = cells(lines[header + 1] ?? '');
    if (!separator?.every((cell) => /^:?-+:?$/.test(cell))) doc.errors.push(`line ${header + 2}: the table's header is not followed by its separator row`);
    for (let index = header + 2; index < lines.length; index += 1) {
      const row = cells(/** @type {string} */ (lines[index]));
      if (row === null) break;
      if (row.length !== TABLE_COLUMNS.length) {
        doc.errors.push(`line ${index + 1}: a table row has ${row.length} cells, not ${TABLE_COLUMNS.length}`);
        continue;
      }
      const [rule, config, library, service, sampled, judgedTrue, debatable, judgedFalse, precision] = /** @type {string[]} */ (row);
      const name = ruleName(/** @type {string} */ (rule));
      if (doc.rows.has(name)) doc.errors.push(`line ${index + 1}: a second row for ${name}`);
      doc.rows.set(name, {
        rule: name,
        line: index + 1,
        config: normalize(/** @type {string} */ (config)),
        library: count(/** @type {string} */ (library)),
        service: count(/** @type {string} */ (service)),
        sampled: count(/** @type {string} */ (sampled)),
        true: count(/** @type {string} */ (judgedTrue)),
        debatable: count(/** @type {string} */ (debatable)),
        false: count(/** @type {string} */ (judgedFalse)),
        precision: /** @type {string} */ (precision),
      });
    }
  }
  for (const line of lines) {
    const date = /^(?:[-*]\s+)?\**date\**:?\**\s*:?\s*(\d{4}-\d{2}-\d{2})\b/i.exec(line.trim());
    if (date && doc.date === null) doc.date = date[1] ?? null;
    const version = /^(?:[-*]\s+)?\**plugin version\**:?\**\s*:?\s*`?v?(\d+\.\d+\.\d+[^\s`]*)`?/i.exec(line.trim());
    if (version && doc.version === null) doc.version = version[1] ?? null;
  }

  // ## Verdicts, then ### <rule>, then one list item per judged finding.
  const start = lines.findIndex((line) => /^##\s+verdicts\s*$/i.test(line.trim()));
  if (start === -1) {
    doc.errors.push('no "## Verdicts" section');
    return doc;
  }
  /** @type {Verdict[] | null} */
  let current = null;
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = /** @type {string} */ (lines[index]).trim();
    if (/^##\s/.test(line)) break;
    const heading = /^###\s+(.+)$/.exec(line);
    if (heading) {
      const name = ruleName(/** @type {string} */ (heading[1]));
      if (doc.verdicts.has(name)) doc.errors.push(`line ${index + 1}: a second verdicts heading for ${name}`);
      current = doc.verdicts.get(name) ?? [];
      doc.verdicts.set(name, current);
      continue;
    }
    if (!/^[-*]\s/.test(line)) continue;
    const verdict = VERDICT_LINE.exec(line);
    if (!verdict) {
      doc.errors.push(`line ${index + 1}: not a verdict line (- package/path:line — true|debatable|false — reason): ${line}`);
    } else if (current === null) {
      doc.errors.push(`line ${index + 1}: a verdict line before any ### <rule> heading`);
    } else {
      current.push({
        line: index + 1,
        location: /** @type {string} */ (verdict[1]),
        verdict: /** @type {'true' | 'debatable' | 'false'} */ (verdict[2]),
        reason: /** @type {string} */ (verdict[3]).trim(),
      });
    }
  }
  return doc;
}

/**
 * What is wrong with a precision document, as messages (empty when it passes): every rule of
 * the plugin has a row and no other rule does; each judged row adds up (sampled = true +
 * debatable + false, its verdict lines match those counts, its precision cell matches); and
 * every rule of `recommended` is judged: every finding when there are fewer than 20 on service
 * code, else a sample of at least 20, with at least 90% true (debatable counts as false).
 * @param {PrecisionDoc} doc
 * @param {{ rules: readonly string[], recommended: readonly string[] }} plugin
 * @returns {string[]}
 */
export function checkPrecision(doc, plugin) {
  const problems = [...doc.errors];
  if (doc.date === null) problems.push('no "Date: YYYY-MM-DD" line');
  if (doc.version === null) problems.push('no "Plugin version: x.y.z" line');
  for (const rule of plugin.rules) if (!doc.rows.has(rule)) problems.push(`${rule}: no row in the precision table`);
  for (const rule of doc.rows.keys()) if (!plugin.rules.includes(rule)) problems.push(`${rule}: a row for a rule the plugin does not have`);
  for (const rule of doc.verdicts.keys()) if (!plugin.rules.includes(rule)) problems.push(`${rule}: verdicts for a rule the plugin does not have`);

  for (const [rule, row] of doc.rows) {
    const recommended = plugin.recommended.includes(rule);
    const verdicts = doc.verdicts.get(rule) ?? [];
    const judged = [row.sampled, row.true, row.debatable, row.false];
    if (judged.some((value) => value === null)) {
      if (recommended) problems.push(`${rule}: in recommended but not yet judged (sampled, true, debatable and false must be numbers)`);
      if (verdicts.length > 0) problems.push(`${rule}: ${verdicts.length} verdict lines, but the row has no judged counts`);
      continue;
    }
    const [sampled, judgedTrue, debatable, judgedFalse] = /** @type {number[]} */ (judged);
    if (sampled !== judgedTrue + debatable + judgedFalse) {
      problems.push(`${rule}: sampled is ${sampled}, but true + debatable + false is ${judgedTrue + debatable + judgedFalse}`);
    }
    if (verdicts.length !== sampled) problems.push(`${rule}: sampled is ${sampled}, but ${verdicts.length} verdict lines are listed`);
    for (const [verdict, expected] of /** @type {const} */ ([
      ['true', judgedTrue],
      ['debatable', debatable],
      ['false', judgedFalse],
    ])) {
      const listed = verdicts.filter((entry) => entry.verdict === verdict).length;
      if (listed !== expected) problems.push(`${rule}: the table says ${expected} ${verdict}, the verdict lines say ${listed}`);
    }
    const seen = new Set();
    for (const entry of verdicts) {
      if (seen.has(entry.location)) problems.push(`${rule}: ${entry.location} is judged twice`);
      seen.add(entry.location);
    }
    if (row.service !== null && sampled > row.service) problems.push(`${rule}: sampled is ${sampled}, more than its ${row.service} service findings`);
    const percent = /(\d+(?:\.\d+)?)\s*%/.exec(row.precision);
    if (sampled > 0 && percent && Math.abs(Number(percent[1]) - (100 * judgedTrue) / sampled) >= 1) {
      problems.push(`${rule}: the precision cell says ${percent[1]}%, but ${judgedTrue} of ${sampled} is ${((100 * judgedTrue) / sampled).toFixed(1)}%`);
    }
    if (!recommended) continue;
    if (row.config !== 'recommended') problems.push(`${rule}: in recommended, but its row says config ${row.config}`);
    if (row.service === null) {
      problems.push(`${rule}: no count of service findings`);
      continue;
    }
    if (row.service < SAMPLE_SIZE && sampled !== row.service) {
      problems.push(`${rule}: ${row.service} service findings, fewer than ${SAMPLE_SIZE}, so all must be judged, but ${sampled} were`);
    }
    if (row.service >= SAMPLE_SIZE && sampled < SAMPLE_SIZE)
      problems.push(`${rule}: sampled ${sampled} of ${row.service} service findings, fewer than ${SAMPLE_SIZE}`);
    if (sampled > 0 && judgedTrue / sampled < PRECISION_GATE) {
      problems.push(
        `${rule}: ${judgedTrue} of ${sampled} true (${((100 * judgedTrue) / sampled).toFixed(1)}%), under the ${PRECISION_GATE * 100}% that recommended needs`,
      );
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------------------------

const USAGE = `npm run review -- [options]

  --rule <name>        review only this rule (repeatable); default every rule of the config
  --config <name>      recommended, strict or all (default): whose rules, with whose options
  --per-rule <n>       findings sampled per rule for the review sheet (default ${SAMPLE_SIZE})
  --seed <s>           sampling seed (default 1): the same seed gives the same sample
  --out <dir>          output folder (default ~/.cache/steady-state-review); each corpus
                       writes to <dir>/services or <dir>/library
  --library            review the library corpus instead of the service corpus
  --table              review both corpora and print the rows of docs/precision.md's table
  --json               print the summary as JSON (npm run -s review -- --json keeps
                       npm's own lines out of the output)
  -h, --help           this text`;

/** One finding, as findings.json lists it. */
/** @typedef {{ rule: string, package: string, path: string, line: number, column: number, message: string }} Finding */

/**
 * @param {string[]} argv
 */
function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      rule: { type: 'string', multiple: true },
      config: { type: 'string', default: 'all' },
      'per-rule': { type: 'string', default: String(SAMPLE_SIZE) },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: join(homedir(), '.cache', 'steady-state-review') },
      library: { type: 'boolean', default: false },
      table: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const perRule = Number(values['per-rule']);
  if (!Number.isInteger(perRule) || perRule < 0) throw new UsageError(`--per-rule expects a whole number, got "${values['per-rule']}"`);
  if (!['recommended', 'strict', 'all'].includes(values.config)) throw new UsageError(`--config expects recommended, strict or all, got "${values.config}"`);
  if (values.library && values.table) throw new UsageError('--table already reviews both corpora; leave out --library');
  return {
    rules: (values.rule ?? []).map(ruleName),
    config: /** @type {'recommended' | 'strict' | 'all'} */ (values.config),
    perRule,
    seed: values.seed,
    out: resolve(values.out),
    library: values.library,
    table: values.table,
    json: values.json,
    help: values.help,
  };
}

class UsageError extends Error {}

/** Loads the built plugin: the review measures what ships. */
async function loadPlugin() {
  const entry = join(root, 'dist', 'src', 'index.js');
  if (!existsSync(entry)) throw new UsageError('dist/ is missing: run `npm run build` first (npm run review does)');
  const [{ default: plugin }, { configRules }] = await Promise.all([
    import(pathToFileURL(entry).href),
    import(pathToFileURL(join(root, 'dist', 'src', 'configs.js')).href),
  ]);
  return { plugin, configRules };
}

/**
 * The packages and the ESLint setup of one corpus.
 * @param {'services' | 'library'} corpus
 */
async function corpusSetup(corpus) {
  if (corpus === 'services') {
    const dir = ensureServices();
    return {
      dir,
      packages: servicePackages(dir).map((pkg) => ({ name: pkg.name, version: pkg.version, pattern: pkg.name })),
      moduleTypes: serviceModuleTypeConfigs(dir, dir),
      sourceTop: dir,
    };
  }
  const { corpusPackages, ensureCorpus, moduleTypeConfigs } = await import('./corpus.js');
  const dir = ensureCorpus();
  return {
    dir,
    packages: corpusPackages(dir).map((pkg) => {
      const at = pkg.spec.lastIndexOf('@');
      return { name: pkg.spec.slice(0, at), version: pkg.spec.slice(at + 1), pattern: relative(dir, pkg.dir).split(sep).join('/') };
    }),
    moduleTypes: moduleTypeConfigs(dir, dir),
    sourceTop: join(dir, 'js'),
  };
}

/**
 * Lints one corpus with the chosen rules and returns every finding, the files linted, the
 * files the parser rejected and the files a rule crashed on (each of those is linted again
 * alone, so one crash costs one file, not its package).
 * @param {'services' | 'library'} corpus
 * @param {{ plugin: any, rules: string[], config: 'recommended' | 'strict' | 'all' }} setup
 */
async function lintCorpus(corpus, { plugin, rules, config }) {
  const { ESLint } = await import('eslint');
  const { dir, packages, moduleTypes, sourceTop } = await corpusSetup(corpus);
  const namespace = `${plugin.meta.namespace}/`;
  const chosen = new Set(rules.map((rule) => namespace + rule));
  const off = Object.keys(plugin.rules)
    .map((rule) => namespace + rule)
    .filter((rule) => !chosen.has(rule));
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      ...plugin.configs[config],
      { rules: Object.fromEntries(off.map((rule) => [rule, 'off'])), linterOptions: { reportUnusedDisableDirectives: 'off' } },
      ...moduleTypes,
    ],
    allowInlineConfig: false,
    errorOnUnmatchedPattern: false,
  });

  /** @type {Finding[]} */
  const findings = [];
  /** @type {{ path: string, line: number, message: string }[]} */
  const parseErrors = [];
  /** @type {{ path: string, message: string }[]} */
  const crashes = [];
  let files = 0;
  const collect = (pkg, results) => {
    for (const result of results) {
      files += 1;
      const path = relative(dir, result.filePath).split(sep).join('/');
      for (const message of result.messages) {
        if (message.fatal) parseErrors.push({ path, line: message.line, message: message.message });
        else if (message.ruleId?.startsWith(namespace)) {
          findings.push({
            rule: message.ruleId.slice(namespace.length),
            package: pkg.name,
            path,
            line: message.line,
            column: message.column,
            message: message.message,
          });
        }
      }
    }
  };
  for (const pkg of packages) {
    process.stderr.write(`  ${pkg.name} …\n`);
    try {
      collect(pkg, await eslint.lintFiles([pkg.pattern]));
    } catch {
      // A rule threw on some file: lint the package's files one by one to find which.
      for (const file of listFiles(join(dir, pkg.pattern))) {
        try {
          collect(pkg, await eslint.lintFiles([file]));
        } catch (error) {
          files += 1;
          const message = (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 3).join(' ');
          crashes.push({ path: relative(dir, file).split(sep).join('/'), message });
        }
      }
    }
  }
  findings.sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : byLocation(a, b)));
  return { dir, sourceTop, packages, files, findings, parseErrors, crashes };
}

/** Every lintable source file under a folder (what the shipped configs lint). */
function listFiles(folder) {
  /** @type {string[]} */
  const found = [];
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) found.push(path);
    }
  };
  walk(folder);
  return found.sort();
}

// ---------------------------------------------------------------------------------------------
// The review sheet
// ---------------------------------------------------------------------------------------------

const CONTEXT_LINES = 12;
const LONG_LINE = 160;

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * Parses a file as the review's ESLint run did and returns its SourceCode, or null when the
 * parser rejects it.
 */
async function parseFile(absolute, top) {
  const { Linter } = await import('eslint');
  const text = readFileSync(absolute, 'utf8');
  const typescript = /\.[cm]?tsx?$/.test(absolute);
  /** @type {import('eslint').Linter.LanguageOptions} */
  const languageOptions = { sourceType: sourceTypeOf(absolute, top) };
  if (typescript) {
    const { loadTypeScriptParser } = await import(pathToFileURL(join(root, 'dist', 'src', 'configs.js')).href);
    languageOptions.parser = loadTypeScriptParser();
  }
  /** @type {import('eslint').SourceCode | null} */
  let captured = null;
  /** @type {import('eslint').Rule.RuleModule} */
  const capture = {
    meta: { type: 'problem', schema: [] },
    create(context) {
      return {
        Program() {
          captured = context.sourceCode;
        },
      };
    },
  };
  new Linter({ cwd: dirname(absolute) }).verify(
    text,
    [{ files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'], languageOptions, plugins: { review: { rules: { capture } } }, rules: { 'review/capture': 'error' } }],
    absolute,
  );
  return { text, sourceCode: /** @type {import('eslint').SourceCode | null} */ (captured) };
}

/** The nodes from the Program down to the innermost one whose range holds `index`. */
function pathTo(sourceCode, index) {
  const keys = sourceCode.visitorKeys;
  /** @type {any[]} */
  const path = [sourceCode.ast];
  for (;;) {
    const node = path.at(-1);
    let next = null;
    for (const key of keys[node.type] ?? []) {
      const value = node[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child.type === 'string' && child.range && child.range[0] <= index && index < child.range[1]) next = child;
      }
      if (next) break;
    }
    if (!next) return path;
    path.push(next);
  }
}

/** One line of at most `length` characters: runs of white space collapsed, the rest cut off with an ellipsis. */
const clip = (text, length = 60) => {
  const line = text.replace(/\s+/g, ' ');
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
};

/** A property or method key as written, when it is a plain name or a string. */
function keyName(key, computed) {
  if (!key) return null;
  if (!computed && (key.type === 'Identifier' || key.type === 'PrivateIdentifier')) return key.type === 'PrivateIdentifier' ? `#${key.name}` : key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return null;
}

/**
 * What the function at `path[depth]` is called and how a reader finds its callers: its name
 * (and the identifier node that declares it) when it has one, else what it is passed to. A
 * constructor goes by its class's name, which is what `new` calls name.
 * @returns {{ label: string, name: string | null, nameNode: any, exported?: boolean, member?: boolean }}
 */
function describeFunction(path, depth, sourceCode) {
  const fn = path[depth];
  const parent = path[depth - 1];
  const grandparent = path[depth - 2];
  const lines = `lines ${fn.loc.start.line}–${fn.loc.end.line}`;
  const isExport = (node) =>
    node?.type === 'ExportNamedDeclaration' ||
    node?.type === 'ExportDefaultDeclaration' ||
    (node?.type === 'AssignmentExpression' && /^(?:module\.)?exports\b/.test(sourceCode.getText(node.left)));
  if (fn.id) {
    const kind = fn.type === 'FunctionDeclaration' ? 'function' : 'named function expression';
    return { label: `\`${fn.id.name}\` (${kind}, ${lines})`, name: fn.id.name, nameNode: fn.id, exported: isExport(parent) };
  }
  if (parent?.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier') {
    return { label: `\`${parent.id.name}\` (${lines})`, name: parent.id.name, nameNode: parent.id };
  }
  if (parent?.type === 'AssignmentExpression' && parent.right === fn) {
    const left = parent.left;
    const name = left.type === 'Identifier' ? left.name : left.type === 'MemberExpression' ? keyName(left.property, left.computed) : null;
    const member = left.type === 'MemberExpression';
    return { label: `\`${clip(sourceCode.getText(left))} = …\` (${lines})`, name, nameNode: member ? left.property : left, member, exported: isExport(parent) };
  }
  if ((parent?.type === 'MethodDefinition' || parent?.type === 'Property' || parent?.type === 'PropertyDefinition') && parent.value === fn) {
    const classNode = grandparent?.type === 'ClassBody' ? path[depth - 3] : null;
    const className = classNode?.id?.name ?? (path[depth - 4]?.type === 'VariableDeclarator' ? path[depth - 4].id?.name : undefined) ?? null;
    if (parent.kind === 'constructor') {
      const exported = isExport(path[depth - 4]);
      return { label: `constructor of class \`${className ?? '(anonymous)'}\` (${lines})`, name: className, nameNode: classNode?.id ?? null, exported };
    }
    const name = keyName(parent.key, parent.computed);
    const kind = parent.kind === 'get' || parent.kind === 'set' ? `${parent.kind}ter` : classNode ? 'method' : 'object method';
    const owner = classNode ? ` of class \`${className ?? '(anonymous)'}\`` : '';
    return { label: `\`${name ?? clip(sourceCode.getText(parent.key))}\` (${kind}${owner}, ${lines})`, name, nameNode: parent.key, member: true };
  }
  if ((parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments.includes(fn)) {
    const first = parent.arguments[0];
    const event = first && first !== fn && first.type === 'Literal' && typeof first.value === 'string' ? `${JSON.stringify(first.value)}, ` : '';
    const callee = `${parent.type === 'NewExpression' ? 'new ' : ''}${clip(sourceCode.getText(parent.callee))}`;
    return { label: `callback passed to \`${callee}(${event}…)\` (${lines})`, name: null, nameNode: null };
  }
  return { label: `anonymous ${fn.type === 'ArrowFunctionExpression' ? 'arrow function' : 'function'} (${lines})`, name: null, nameNode: null };
}

/**
 * Lines of the file where `name` is written as an identifier, except where `nameNode` declares
 * it; for a method (`member`), only where it follows a `.` (`this.start()`, `server.start`).
 */
function mentions(sourceCode, name, nameNode, member) {
  const bare = name.startsWith('#') ? name.slice(1) : name;
  const lines = new Set();
  const tokens = sourceCode.ast.tokens;
  for (const [index, token] of tokens.entries()) {
    if ((token.type !== 'Identifier' && token.type !== 'PrivateIdentifier') || token.value !== bare) continue;
    if (nameNode && token.range[0] >= nameNode.range[0] && token.range[1] <= nameNode.range[1]) continue;
    if (member && token.type === 'Identifier' && !['.', '?.'].includes(tokens[index - 1]?.value ?? '')) continue;
    lines.add(token.loc.start.line);
  }
  return [...lines].sort((a, b) => a - b);
}

/** A fence longer than any run of backticks in `text`. */
function fenceFor(text) {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(longest + 1);
}

/**
 * The review sheet's entry for one finding: where it is, the message, the function it is in and
 * the lines of the file that name that function (or the nearest named one around it), and the
 * code around it with its line marked.
 */
function sheetEntry(id, finding, parsed) {
  const out = [`### ${id} · \`${finding.path}:${finding.line}:${finding.column}\``, '', `> ${finding.message.replaceAll('\n', ' ')}`, ''];
  const fileLines = parsed.text.split(/\r?\n/);
  if (parsed.sourceCode) {
    const sourceCode = parsed.sourceCode;
    const index = sourceCode.getIndexFromLoc({ line: finding.line, column: Math.max(0, finding.column - 1) });
    const path = pathTo(sourceCode, index);
    const functions = [];
    for (let depth = path.length - 1; depth >= 0; depth -= 1) {
      if (FUNCTION_TYPES.has(path[depth].type)) functions.push(describeFunction(path, depth, sourceCode));
    }
    if (functions.length === 0) out.push('In: the module top level (runs once, when the module loads).');
    else {
      const named = functions.findIndex((fn) => fn.name !== null);
      const shown = functions.slice(0, named === -1 ? Math.min(functions.length, 3) : named + 1);
      const more = functions.length - shown.length;
      out.push(`In: ${shown.map((fn) => fn.label).join(', inside ')}${more > 0 ? ` (inside ${more} more function${more === 1 ? '' : 's'})` : ''}.`);
      const target = named === -1 ? null : functions[named];
      if (target?.name) {
        const where = mentions(sourceCode, target.name, target.nameNode, target.member);
        const exported = target.exported ? ' It is exported: its callers are in other files.' : '';
        const shownName = target.member ? `.${target.name.replace(/^#/, '')}` : target.name;
        if (where.length === 0) out.push(`\`${shownName}\` is named nowhere else in this file.${exported}`);
        else {
          out.push(`\`${shownName}\` elsewhere in this file (${where.length} line${where.length === 1 ? '' : 's'}):${exported}`, '');
          const listed = where.slice(0, 15).map((line) => `${String(line).padStart(5)} | ${clip((fileLines[line - 1] ?? '').trim(), 120)}`);
          if (where.length > 15) listed.push(`      … and ${where.length - 15} more`);
          const fence = fenceFor(listed.join('\n'));
          out.push(fence, ...listed, fence);
        }
      }
    }
  } else {
    out.push('In: (the file did not parse again for the sheet)');
  }
  const first = Math.max(1, finding.line - CONTEXT_LINES);
  const last = Math.min(fileLines.length, finding.line + CONTEXT_LINES);
  const excerpt = [];
  for (let line = first; line <= last; line += 1) {
    const code = fileLines[line - 1] ?? '';
    excerpt.push(`${line === finding.line ? '>' : ' '}${String(line).padStart(5)} | ${code.length > LONG_LINE ? `${code.slice(0, LONG_LINE - 1)}…` : code}`);
    if (line === finding.line && finding.column - 1 < LONG_LINE) excerpt.push(`       | ${' '.repeat(Math.max(0, finding.column - 1))}^`);
  }
  const fence = fenceFor(excerpt.join('\n'));
  const language = /\.[cm]?tsx?$/.test(finding.path) ? 'ts' : 'js';
  out.push('', `${fence}${language}`, ...excerpt, fence, '');
  return out.join('\n');
}

/** The rows of an existing verdicts.tsv. */
function readVerdicts(file) {
  /** @type {{ id: string, rule: string, location: string, verdict: string, reason: string }[]} */
  const rows = [];
  if (!existsSync(file)) return rows;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/).slice(1)) {
    const [id = '', location = '', verdict = '', ...reason] = line.split('\t');
    if (id.trim() === '') continue;
    rows.push({ id, rule: id.split('#')[0] ?? '', location, verdict: verdict.trim().toLowerCase(), reason: reason.join(' ').trim() });
  }
  return rows;
}

/**
 * Writes findings.json, review.md and verdicts.tsv for one corpus and returns the sample, with
 * each sampled finding's id and any verdict already given for it.
 */
async function writeReview(run, options, meta) {
  const folder = join(options.out, run.corpus);
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'findings.json'),
    `${JSON.stringify({ corpus: run.corpus, ...meta, files: run.files, parseErrors: run.parseErrors, crashes: run.crashes, findings: run.findings }, null, 2)}\n`,
  );

  const verdictFile = join(folder, 'verdicts.tsv');
  const reviewed = new Set(meta.rules);
  const rows = readVerdicts(verdictFile);
  // Verdicts given so far, by rule and location: a finding keeps its verdict while it stays sampled.
  const previous = new Map(rows.filter((row) => reviewed.has(row.rule) && row.verdict !== '').map((row) => [`${row.rule}\t${row.location}`, row]));
  const sheet = [
    `# Review sheet: ${run.corpus === 'services' ? 'service' : 'library'} corpus`,
    '',
    `eslint-plugin-steady-state ${meta.version}, config \`${meta.config}\`, ${meta.date}. ${run.files} files linted, ${run.findings.length} findings.`,
    `Sample: up to ${options.perRule} findings per rule, seed \`${options.seed}\` (\`npm run review -- --seed ${options.seed}${options.library ? ' --library' : ''}\` gives the same sample for the same findings).`,
    '',
    'Read each finding in its file and write a verdict in verdicts.tsv next to this sheet: `true` (the code drifts as the message says, on a path that really runs),',
    '`debatable` (it could, depending on something the file does not show) or `false` (it does not), with a one-line reason. Debatable counts as false.',
    '',
  ];
  /** @type {Map<string, { id: string, location: string, verdict: string, reason: string }[]>} */
  const sampled = new Map();
  const tsv = ['id\tlocation\tverdict\treason'];
  /** @type {Map<string, { text: string, sourceCode: any }>} */
  const parsedFiles = new Map();
  for (const rule of meta.rules) {
    const mine = run.findings.filter((finding) => finding.rule === rule);
    const sample = sampleFindings(mine, options.perRule, options.seed, rule);
    const perPackage = new Map();
    for (const finding of mine) perPackage.set(finding.package, (perPackage.get(finding.package) ?? 0) + 1);
    sheet.push(`## ${rule}: ${mine.length} finding${mine.length === 1 ? '' : 's'}, ${sample.length} sampled`, '');
    if (perPackage.size > 0) {
      sheet.push(
        `By package: ${[...perPackage]
          .sort((a, b) => b[1] - a[1])
          .map(([name, n]) => `${name} ${n}`)
          .join(', ')}.`,
        '',
      );
    }
    const entries = [];
    for (const [index, finding] of sample.entries()) {
      const id = `${rule}#${index + 1}`;
      const location = `${finding.path}:${finding.line}:${finding.column}`;
      const absolute = join(run.dir, finding.path);
      if (!parsedFiles.has(absolute)) parsedFiles.set(absolute, await parseFile(absolute, run.sourceTop));
      sheet.push(sheetEntry(id, finding, parsedFiles.get(absolute)));
      const before = previous.get(`${rule}\t${location}`);
      previous.delete(`${rule}\t${location}`);
      entries.push({ id, location, verdict: before?.verdict ?? '', reason: before?.reason ?? '' });
      tsv.push([id, location, before?.verdict ?? '', before?.reason ?? ''].join('\t'));
    }
    sampled.set(rule, entries);
  }
  // The rows of rules this run did not review (`--rule`) stay as they were.
  for (const row of rows) if (!reviewed.has(row.rule)) tsv.push([row.id, row.location, row.verdict, row.reason].join('\t'));
  // Verdicts of findings no longer in the sample (the code or the seed changed) are not lost.
  const dropped = [...previous.values()];
  if (dropped.length > 0) {
    const backup = join(folder, `verdicts.${new Date().toISOString().replace(/[:.]/g, '-')}.tsv`);
    renameSync(verdictFile, backup);
    process.stderr.write(`${dropped.length} verdicts in verdicts.tsv are for findings no longer sampled; the old file is kept as ${backup}\n`);
  }
  writeFileSync(join(folder, 'review.md'), `${sheet.join('\n')}\n`);
  writeFileSync(verdictFile, `${tsv.join('\n')}\n`);
  return { folder, sampled };
}

/** The lowest shipped config that turns a rule on. */
function ruleConfig(rule) {
  const level = rule.meta.docs?.recommended;
  return level === 'recommended' || level === 'strict' ? level : 'all';
}

/** Per-rule counts of a run: findings, files and packages with findings. */
function counts(run, rules) {
  return rules.map((rule) => {
    const mine = run.findings.filter((finding) => finding.rule === rule);
    return {
      rule,
      findings: mine.length,
      files: new Set(mine.map((finding) => finding.path)).size,
      packages: new Set(mine.map((finding) => finding.package)).size,
    };
  });
}

function printSummary(run, rules, plugin, sampled, seconds) {
  const rows = counts(run, rules).map((row) => [
    row.rule,
    ruleConfig(plugin.rules[row.rule]),
    row.findings,
    row.files,
    row.packages,
    sampled.get(row.rule)?.length ?? 0,
  ]);
  rows.push([
    'total',
    '',
    run.findings.length,
    new Set(run.findings.map((finding) => finding.path)).size,
    new Set(run.findings.map((finding) => finding.package)).size,
    [...sampled.values()].reduce((sum, list) => sum + list.length, 0),
  ]);
  const header = ['rule', 'config', 'findings', 'files', 'packages', 'sampled'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  const format = (row) =>
    row.map((cell, column) => (column < 2 ? String(cell).padEnd(widths[column] ?? 0) : String(cell).padStart(widths[column] ?? 0))).join('  ');
  const lines = [`${run.corpus} corpus: ${run.packages.length} packages, ${run.files} files, ${seconds.toFixed(1)} s`, format(header), ...rows.map(format)];
  if (run.parseErrors.length > 0)
    lines.push(`${run.parseErrors.length} files the parser rejected: ${run.parseErrors.map((error) => `${error.path}:${error.line}`).join(', ')}`);
  for (const crash of run.crashes) lines.push(`CRASH ${crash.path}: ${crash.message}`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** The table rows of docs/precision.md, and the verdict lines of every fully judged rule. */
function precisionRows(plugin, rules, library, services, sampled) {
  const libraryCounts = new Map(counts(library, rules).map((row) => [row.rule, row.findings]));
  const serviceCounts = new Map(counts(services, rules).map((row) => [row.rule, row.findings]));
  const table = [`| ${TABLE_COLUMNS.join(' | ')} |`, '| :-- | :-- | --: | --: | --: | --: | --: | --: | --: |'];
  const verdictLines = ['## Verdicts', ''];
  for (const rule of rules) {
    const entries = sampled.get(rule) ?? [];
    const judged = entries.filter((entry) => VERDICTS.includes(/** @type {any} */ (entry.verdict)));
    const done = judged.length === entries.length;
    const tally = (verdict) => judged.filter((entry) => entry.verdict === verdict).length;
    const judgedCells = done
      ? [
          entries.length,
          tally('true'),
          tally('debatable'),
          tally('false'),
          entries.length === 0 ? 'no findings' : `${Math.floor((100 * tally('true')) / entries.length)}%`,
        ]
      : ['—', '—', '—', '—', judged.length === 0 ? 'not yet judged' : `${judged.length} of ${entries.length} judged`];
    table.push(
      `| \`${rule}\` | ${ruleConfig(plugin.rules[rule])} | ${libraryCounts.get(rule) ?? 0} | ${serviceCounts.get(rule) ?? 0} | ${judgedCells.join(' | ')} |`,
    );
    verdictLines.push(`### ${rule}`, '');
    if (done && entries.length > 0) {
      for (const entry of entries) verdictLines.push(`- ${entry.location.replace(/:\d+$/, '')} — ${entry.verdict} — ${entry.reason || '(no reason given)'}`);
    } else verdictLines.push('_Not yet judged._');
    verdictLines.push('');
  }
  return `${table.join('\n')}\n\n${verdictLines.join('\n')}`;
}

async function main(argv) {
  const options = readOptions(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { plugin, configRules } = await loadPlugin();
  const namespace = `${plugin.meta.namespace}/`;
  const inConfig = Object.keys(configRules(plugin.configs[options.config])).map((rule) => rule.slice(namespace.length));
  for (const rule of options.rules) {
    if (!(rule in plugin.rules)) throw new UsageError(`no rule named ${rule}; the rules are ${Object.keys(plugin.rules).join(', ')}`);
    if (!inConfig.includes(rule)) throw new UsageError(`${rule} is not in the ${options.config} config; add --config all`);
  }
  const rules = (options.rules.length > 0 ? inConfig.filter((rule) => options.rules.includes(rule)) : inConfig).sort();
  const meta = {
    version: plugin.meta.version,
    date: new Date().toISOString().slice(0, 10),
    config: options.config,
    rules,
    seed: options.seed,
    perRule: options.perRule,
  };

  /** @type {('services' | 'library')[]} */
  const corpora = options.table ? ['services', 'library'] : [options.library ? 'library' : 'services'];
  const runs = [];
  let crashed = false;
  for (const corpus of corpora) {
    const start = performance.now();
    process.stderr.write(`linting the ${corpus} corpus …\n`);
    const run = { corpus, ...(await lintCorpus(corpus, { plugin, rules, config: options.config })) };
    const { folder, sampled } = await writeReview(run, options, meta);
    const seconds = (performance.now() - start) / 1000;
    crashed ||= run.crashes.length > 0;
    runs.push({ run, folder, sampled, seconds });
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({ corpus, ...meta, out: folder, seconds: Number(seconds.toFixed(1)), files: run.files, parseErrors: run.parseErrors.length, crashes: run.crashes, counts: counts(run, rules) })}\n`,
      );
    } else {
      printSummary(run, rules, plugin, sampled, seconds);
      process.stderr.write(`written: ${join(folder, 'findings.json')}, ${join(folder, 'review.md')}, ${join(folder, 'verdicts.tsv')}\n\n`);
    }
  }
  if (options.table) {
    const [services, library] = runs;
    process.stdout.write(`Date: ${meta.date}\nPlugin version: ${meta.version}\n\n${precisionRows(plugin, rules, library.run, services.run, services.sampled)}`);
  }
  if (crashed) {
    process.stderr.write('a rule crashed on some files (listed above as CRASH); the counts leave those files out\n');
    return 1;
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(
        `${error instanceof UsageError || error?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? error.message : (error?.stack ?? String(error))}\n`,
      );
      if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
      process.exitCode = 2;
    },
  );
}
