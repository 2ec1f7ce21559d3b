// The real-code corpus: pinned published server packages, fetched on demand by
// tools/corpus/corpus.sh into a cache folder outside the repository, and the ESLint config that
// lints them the way their own projects would (sourceType from the nearest package.json).
// Used by the real-code tests (test/corpus/) and by the benchmark (tools/bench.js).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the corpus lives: `$STEADY_STATE_CORPUS`, else `~/.cache/steady-state-corpus`. */
export function corpusDir() {
  return process.env.STEADY_STATE_CORPUS ?? join(homedir(), '.cache', 'steady-state-corpus');
}

/**
 * Returns the corpus folder, fetching the corpus first (about a minute) when it is not there yet.
 * @param {(line: string) => void} [log]
 */
export function ensureCorpus(log = (line) => process.stderr.write(`${line}\n`)) {
  const dir = corpusDir();
  if (!isComplete(dir)) {
    log(`fetching the real-code corpus into ${dir} (pinned npm packages, about a minute) …`);
    mkdirSync(dirname(dir), { recursive: true });
    // Under a lock, and checked again inside it: test files running in parallel workers may all
    // ask for the corpus on a fresh machine, and only one of them must build it.
    const script = join(root, 'tools', 'corpus', 'corpus.sh');
    const check = `[ -f "$1/MANIFEST.tsv" ] && grep -q '^ts\tTOTAL' "$1/MANIFEST.tsv" && [ -d "$1/ts/node_modules/@types/node" ]`;
    execFileSync('flock', [`${dir}.lock`, 'bash', '-c', `${check} || bash "$2" "$1"`, 'corpus', dir, script], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return dir;
}

/** @param {string} dir */
function isComplete(dir) {
  const manifest = join(dir, 'MANIFEST.tsv');
  return existsSync(manifest) && /^ts\tTOTAL/m.test(readFileSync(manifest, 'utf8')) && existsSync(join(dir, 'ts', 'node_modules', '@types', 'node'));
}

/**
 * The packages of the corpus, from its manifest.
 * @param {string} dir
 * @returns {{ kind: 'js' | 'ts', spec: string, name: string, dir: string, files: number, lines: number }[]}
 */
export function corpusPackages(dir) {
  const rows = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  const packages = [];
  for (const row of rows) {
    const [kind, spec, , files, lines] = row.split('\t');
    if ((kind !== 'js' && kind !== 'ts') || spec === 'TOTAL' || spec === undefined) continue;
    const bare = spec.slice(0, spec.lastIndexOf('@')).replace(/^@/, '').replaceAll('/', '__');
    packages.push({ kind, spec, name: bare, dir: join(dir, kind, bare), files: Number(files), lines: Number(lines) });
  }
  return packages;
}

/**
 * Flat-config objects that give `.js` files the module system their nearest package.json
 * declares (`"type": "module"` or CommonJS), as Node runs them. `.cjs` is always CommonJS and
 * `.mjs` always a module, which is ESLint's default already. Globs are relative to `base`, the
 * `cwd` the ESLint instance is given, the corpus folder or one of its ancestors.
 * @param {string} base
 * @param {string} corpus
 * @returns {import('eslint').Linter.Config[]}
 */
export function moduleTypeConfigs(base, corpus) {
  /** @type {string[]} */
  const manifests = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'package.json') manifests.push(folder);
    }
  };
  walk(join(corpus, 'js'));
  // Shallow folders first, so a nested package.json overrides its parent's.
  manifests.sort((a, b) => a.split(sep).length - b.split(sep).length);
  return manifests.map((folder) => {
    const type = /** @type {{ type?: string }} */ (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'))).type;
    const glob = relative(base, folder).split(sep).join('/');
    return {
      files: [`${glob}/**/*.js`],
      languageOptions: { sourceType: type === 'module' ? 'module' : 'commonjs' },
    };
  });
}
