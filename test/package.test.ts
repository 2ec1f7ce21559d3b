// The package as npm ships it, installed the way a user installs it: `npm pack`, then the tarball
// installed from the npm registry's dependencies into new projects (TypeScript with
// typescript-eslint, JavaScript-only, and ESLint 9), linted with `npx eslint` and type-checked.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { scratchEnv } from './support/env.js';
import { rootDir } from './support/paths.js';

const run = promisify(execFile);

/**
 * Upper bounds on what the plugin adds to node_modules, compared with the same project installed
 * without it. Measured with the packages of December 2026 (the README states these numbers): a
 * JavaScript-only project with ESLint 10 gets 5 more packages and 2.22 MB; a TypeScript project
 * with typescript-eslint 8.72.0 gets 14 and 3.74 MB, because npm resolves the plugin's
 * `@typescript-eslint/*` ranges to the newest 8.x while typescript-eslint pins its own copies,
 * and 2 packages and 1.63 MB after `npm dedupe`. About 1.5 MB of each is the plugin itself (twelve
 * rules with their remedies and their code-path, value and reference analyses, and their docs). The bounds leave room for dependency updates and
 * some growth of the plugin, not for a new dependency tree.
 */
const budget = {
  js: { packages: 7, bytes: 2_600_000 },
  ts: { packages: 16, bytes: 4_300_000 },
  tsDeduped: { packages: 3, bytes: 1_900_000 },
};

/** A bare `fetch` in a per-request handler: the recommended config reports it. */
const leakyJs = 'export async function get(url) {\n  return (await fetch(url)).json();\n}\n';
const leakyTs = 'export async function get(url: string): Promise<unknown> {\n  return (await fetch(url)).json();\n}\n';

/** A user's flat config: the recommended config spread into the exported array. */
const eslintConfigJs = "import steadyState from 'eslint-plugin-steady-state';\n\nexport default [...steadyState.configs.recommended];\n";
/** The README's flat config: `defineConfig` from ESLint, with the recommended config spread into it. */
const eslintConfigDefined =
  "import { defineConfig } from 'eslint/config';\nimport steadyState from 'eslint-plugin-steady-state';\n\nexport default defineConfig([\n  ...steadyState.configs.recommended,\n]);\n";

/** A user's `eslint.config.ts`: `defineConfig` with the config array nested and the plugin registered again. */
const eslintConfigTs = `import { defineConfig } from 'eslint/config';
import steadyState from 'eslint-plugin-steady-state';

export default defineConfig([steadyState.configs.recommended], {
  plugins: { 'steady-state': steadyState },
  rules: { 'steady-state/require-fetch-timeout': 'error' },
});
`;

/** The spread form, typed as ESLint's own config array, and a check that the types are not \`any\`. */
const spreadConfigTs = `import type { Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import steadyState from 'eslint-plugin-steady-state';

export const spread: Linter.Config[] = [...steadyState.configs.recommended, ...steadyState.configs.strict, ...steadyState.configs.all];
export const defined = defineConfig([...steadyState.configs.recommended], { extends: [steadyState.configs.strict] });

// @ts-expect-error A config is an array of config objects: were the plugin typed \`any\`, this would compile.
export const notAString: string = steadyState.configs.recommended;
`;

interface Installed {
  readonly name: string;
  /** Relative to the project, with forward slashes: `node_modules/a/node_modules/b`. */
  readonly path: string;
}

interface Project {
  readonly dir: string;
  readonly packages: readonly Installed[];
  /** The apparent size of node_modules, as `du --apparent-size --bytes` reports it. */
  readonly bytes: number;
}

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment for npm and ESLint in the scratch projects. */
const projectEnv = (): NodeJS.ProcessEnv => scratchEnv();

async function exec(command: string, args: readonly string[], cwd: string): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(command, [...args], { cwd, env: projectEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string; message: string };
    if (typeof failed.code !== 'number') throw new Error(`could not run ${command}: ${failed.message}`);
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Every package under `node_modules`, nested ones included, by walking the folders npm wrote. */
function installedPackages(projectDir: string): Installed[] {
  const found: Installed[] = [];
  const visitPackage = (dir: string): void => {
    if (!lstatSync(dir).isDirectory() || !existsSync(join(dir, 'package.json'))) return;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
    found.push({ name: manifest.name ?? '', path: relative(projectDir, dir).split(sep).join('/') });
    visitModules(join(dir, 'node_modules'));
  };
  const visitModules = (modules: string): void => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('.')) continue;
      const full = join(modules, entry);
      if (entry.startsWith('@') && lstatSync(full).isDirectory()) {
        for (const scoped of readdirSync(full)) visitPackage(join(full, scoped));
      } else {
        visitPackage(full);
      }
    }
  };
  visitModules(join(projectDir, 'node_modules'));
  return found;
}

/** The apparent size of `dir` and everything under it, as `du --apparent-size --bytes` adds it up (links not followed). */
function apparentSize(dir: string): number {
  let total = lstatSync(dir).size;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    total += entry.isDirectory() ? apparentSize(full) : lstatSync(full).size;
  }
  return total;
}

function named(project: Project, name: string): string[] {
  return project.packages.filter((entry) => entry.name === name).map((entry) => entry.path);
}

/**
 * A new project with these devDependencies, installed with npm from the registry (through the
 * normal npm cache). `plugin` adds the packed tarball to them.
 */
async function installProject(dir: string, devDependencies: Record<string, string>, plugin: string | null): Promise<Project> {
  const dependencies = plugin ? { ...devDependencies, 'eslint-plugin-steady-state': `file:${plugin}` } : devDependencies;
  write(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'service', version: '1.0.0', private: true, type: 'module', devDependencies: dependencies }, null, 2)}\n`,
  );
  const install = await exec('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], dir);
  if (install.code !== 0) {
    throw new Error(
      `npm install failed in ${dir} (exit ${install.code}). This test installs ESLint and the plugin's dependencies from the npm registry: check that it is reachable.\n${install.stdout}${install.stderr}`,
    );
  }
  return { dir, packages: installedPackages(dir), bytes: apparentSize(join(dir, 'node_modules')) };
}

/** Every file under `dir`, relative to it, with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full).map((file) => `${entry.name}/${file}`) : [entry.name];
  });
}

/** Fails with a clear message when dist/ is missing or older than a source file (run the build first). */
function assertBuilt(): void {
  const sources = ['src', 'rules']
    .flatMap((folder) => filesUnder(join(rootDir, folder)).map((file) => `${folder}/${file}`))
    .filter((file) => file.endsWith('.ts'));
  const stale = sources.filter((source) => {
    const built = join(rootDir, 'dist', source.replace(/\.ts$/, '.js'));
    return !existsSync(built) || statSync(built).mtimeMs < statSync(join(rootDir, source)).mtimeMs;
  });
  if (stale.length > 0)
    throw new Error(`dist/ is not built from the current sources (${stale.slice(0, 3).join(', ')}…): run \`npm run build\` (\`npm test\` does) first.`);
}

interface LintResult {
  readonly filePath: string;
  readonly messages: readonly { readonly ruleId: string | null; readonly line: number; readonly fatal?: boolean; readonly message: string }[];
}

/** `npx eslint --format json src` in the project: the exit code and each file's findings, by relative path. */
async function lintProject(dir: string): Promise<{ code: number; findings: Record<string, string[]>; output: string }> {
  const result = await exec('npx', ['--no-install', 'eslint', '--format', 'json', 'src'], dir);
  let parsed: LintResult[];
  try {
    parsed = JSON.parse(result.stdout) as LintResult[];
  } catch {
    throw new Error(`npx eslint did not print JSON (exit ${result.code}):\n${result.stdout}${result.stderr}`);
  }
  const findings = Object.fromEntries(
    parsed.map((file) => [
      relative(dir, file.filePath).split(sep).join('/'),
      file.messages.map((message) => (message.fatal ? `fatal: ${message.message}` : `${String(message.line)} ${message.ruleId ?? ''}`)),
    ]),
  );
  return { code: result.code, findings, output: `${result.stdout}${result.stderr}` };
}

/**
 * Type-checks a user's `eslint.config.ts` and the spread form against the project's installed
 * ESLint and plugin, with this checkout's TypeScript, strict and with library checks on. They are
 * written to a folder of their own, so ESLint keeps loading the project's `eslint.config.js`.
 */
async function typeCheck(projectDir: string): Promise<Outcome> {
  const dir = join(projectDir, 'types');
  write(join(dir, 'eslint.config.ts'), eslintConfigTs);
  write(join(dir, 'spread.config.ts'), spreadConfigTs);
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
    },
    files: ['eslint.config.ts', 'spread.config.ts'],
  };
  write(join(dir, 'tsconfig.types.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return exec(process.execPath, [join(rootDir, 'node_modules', 'typescript', 'bin', 'tsc'), '--project', 'tsconfig.types.json', '--pretty', 'false'], dir);
}

describe('the packed package', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'steady-state-package-'));
  const unpacked = join(scratch, 'unpacked', 'package');
  let tarball = '';
  let shipped: string[] = [];
  const projects: Record<'ts' | 'tsBaseline' | 'js' | 'jsBaseline' | 'eslint9', Project | undefined> = {
    ts: undefined,
    tsBaseline: undefined,
    js: undefined,
    jsBaseline: undefined,
    eslint9: undefined,
  };
  const project = (key: keyof typeof projects): Project => {
    const found = projects[key];
    if (!found) throw new Error(`the ${key} project was not installed`);
    return found;
  };

  beforeAll(async () => {
    assertBuilt();
    // The built files as npm publishes them; the build already ran (`npm test` runs it first).
    const pack = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], rootDir);
    if (pack.code !== 0) throw new Error(`npm pack failed (exit ${pack.code}):\n${pack.stdout}${pack.stderr}`);
    const packed = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(scratch, packed[0]?.filename ?? '');
    shipped = (packed[0]?.files ?? []).map((file) => file.path).sort();
    mkdirSync(dirname(unpacked), { recursive: true });
    const untar = spawnSync('tar', ['-xzf', tarball, '-C', dirname(unpacked)], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`tar could not unpack ${tarball}:\n${untar.stderr}`);

    const typescript = { eslint: '10.15.0', typescript: '~6.0.3', 'typescript-eslint': '8.72.0' };
    const javascript = { eslint: '10.15.0' };
    // One at a time would take minutes; npm's cache is safe to share between concurrent installs.
    const [ts, tsBaseline, js, jsBaseline, eslint9] = await Promise.all([
      installProject(join(scratch, 'ts'), typescript, tarball),
      installProject(join(scratch, 'ts-baseline'), typescript, null),
      installProject(join(scratch, 'js'), javascript, tarball),
      installProject(join(scratch, 'js-baseline'), javascript, null),
      installProject(join(scratch, 'eslint9'), { eslint: '~9.39.0' }, tarball),
    ]);
    Object.assign(projects, { ts, tsBaseline, js, jsBaseline, eslint9 });
    for (const dir of [ts.dir, js.dir, eslint9.dir]) write(join(dir, 'src', 'client.js'), leakyJs);
    write(join(js.dir, 'eslint.config.js'), eslintConfigJs);
    write(join(eslint9.dir, 'eslint.config.js'), eslintConfigJs);
    write(join(ts.dir, 'eslint.config.js'), eslintConfigDefined);
    write(join(ts.dir, 'src', 'client.ts'), leakyTs);
  }, 900_000);

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('ships the built entry points, declarations and docs, and no source map that points at a missing file', () => {
    expect(shipped).toEqual(filesUnder(unpacked).sort());
    for (const entry of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'bin/steady-state.js',
      'cjs/index.cjs',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'docs/rules/require-fetch-timeout.md',
    ]) {
      expect(shipped).toContain(entry);
    }
    expect(shipped.filter((file) => /(^|\/)(test|fixtures|tools|bench)\//.test(file))).toEqual([]);

    const dangling: string[] = [];
    for (const file of shipped) {
      if (file.endsWith('.map')) {
        const map = JSON.parse(readFileSync(join(unpacked, file), 'utf8')) as { sourceRoot?: string; sources: string[] };
        for (const source of map.sources) {
          const target = posix.normalize(posix.join(posix.dirname(file), map.sourceRoot ?? '', source));
          if (!shipped.includes(target)) dangling.push(`${file} -> ${target}`);
        }
      }
      if (/\.[cm]?js$|\.d\.[cm]?ts$/.test(file)) {
        const url = /^\/\/# sourceMappingURL=(.+)$/m.exec(readFileSync(join(unpacked, file), 'utf8'))?.[1];
        if (url !== undefined && !url.startsWith('data:')) {
          const target = posix.normalize(posix.join(posix.dirname(file), url.trim()));
          if (!shipped.includes(target)) dangling.push(`${file} -> ${target}`);
        }
      }
    }
    expect(dangling).toEqual([]);
  });

  it('publishes declarations that import nothing but eslint', () => {
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as { types: string; exports: { '.': { types: string } } };
    expect(manifest.exports['.'].types).toBe(`./${posix.normalize(manifest.types)}`);
    // Every declaration file reachable from the types entry, and the packages they name.
    const seen = new Set<string>();
    const packages = new Set<string>();
    const pending = [posix.normalize(manifest.types)];
    while (pending.length > 0) {
      const file = pending.pop() ?? '';
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(join(unpacked, file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)) {
        if (specifier === undefined) continue;
        if (specifier.startsWith('.')) pending.push(posix.normalize(posix.join(posix.dirname(file), specifier.replace(/\.js$/, '.d.ts'))));
        else packages.add(specifier);
      }
    }
    expect(seen).toContain('dist/src/index.d.ts');
    expect([...seen].filter((file) => !shipped.includes(file))).toEqual([]);
    expect([...packages]).toEqual(['eslint']);
  });

  it('installs into a JavaScript-only project without TypeScript or its parser, and reports a bare fetch in a .js file', async () => {
    const js = project('js');
    const tree = await exec('npm', ['ls', '--all'], js.dir);
    expect(tree.stderr).toBe('');
    expect(tree.code).toBe(0);
    expect(named(js, 'eslint')).toEqual(['node_modules/eslint']);
    expect(named(js, 'eslint-plugin-steady-state')).toEqual(['node_modules/eslint-plugin-steady-state']);
    expect(named(js, 'typescript')).toEqual([]);
    expect(named(js, '@typescript-eslint/parser')).toEqual([]);

    const lint = await lintProject(js.dir);
    expect(lint.findings).toEqual({ 'src/client.js': ['2 steady-state/require-fetch-timeout'] });
    expect(lint.code).toBe(1);

    // The scanner says what to install for TypeScript files, instead of reporting parse errors.
    writeFileSync(join(js.dir, 'src', 'types.ts'), 'export const timeoutMs: number = 5_000;\n');
    const scan = await exec('npx', ['--no-install', 'steady-state', 'src'], js.dir);
    expect(scan.stderr).toBe(
      'steady-state: 1 TypeScript file to lint, but @typescript-eslint/parser is not installed: npm install --save-dev @typescript-eslint/parser typescript@~6.0, or name only JavaScript paths\n',
    );
    expect(scan.code).toBe(2);
    const jsOnly = await exec('npx', ['--no-install', 'steady-state', 'src/client.js'], js.dir);
    expect(jsOnly.code).toBe(1);
    rmSync(join(js.dir, 'src', 'types.ts'));

    // CommonJS gets the same plugin, with the configs as arrays.
    const required = await exec(
      process.execPath,
      ['--eval', "const p = require('eslint-plugin-steady-state'); console.log(p.meta.name, Object.keys(p.configs).join(), p.configs.recommended.length)"],
      js.dir,
    );
    expect(required.stdout.trim()).toBe('eslint-plugin-steady-state recommended,strict,all 1');
    expect(required.code).toBe(0);
  }, 180_000);

  it('installs into a TypeScript project next to typescript-eslint, and reports a bare fetch in .js and .ts files', async () => {
    const ts = project('ts');
    const tree = await exec('npm', ['ls', '--all'], ts.dir);
    expect(tree.stderr).toBe('');
    expect(tree.code).toBe(0);
    expect(named(ts, 'eslint')).toEqual(['node_modules/eslint']);
    expect(named(ts, 'typescript')).toEqual(['node_modules/typescript']);

    const lint = await lintProject(ts.dir);
    expect(lint.findings).toEqual({
      'src/client.js': ['2 steady-state/require-fetch-timeout'],
      'src/client.ts': ['2 steady-state/require-fetch-timeout'],
    });
    expect(lint.code).toBe(1);
  }, 180_000);

  it('runs on ESLint 9', async () => {
    const eslint9 = project('eslint9');
    const tree = await exec('npm', ['ls', '--all'], eslint9.dir);
    expect(tree.stderr).toBe('');
    expect(tree.code).toBe(0);
    expect(named(eslint9, 'eslint')).toEqual(['node_modules/eslint']);
    const version = JSON.parse(readFileSync(join(eslint9.dir, 'node_modules', 'eslint', 'package.json'), 'utf8')) as { version: string };
    expect(version.version).toMatch(/^9\.39\./);

    const lint = await lintProject(eslint9.dir);
    expect(lint.findings).toEqual({ 'src/client.js': ['2 steady-state/require-fetch-timeout'] });
    expect(lint.code).toBe(1);
  }, 180_000);

  it("type-checks a user's eslint.config.ts with defineConfig and the spread configs on ESLint 10's types", async () => {
    const check = await typeCheck(project('ts').dir);
    expect(`${check.stdout}${check.stderr}`).toBe('');
    expect(check.code).toBe(0);
  }, 180_000);

  it("type-checks the same files on ESLint 9's types", async () => {
    const check = await typeCheck(project('eslint9').dir);
    expect(`${check.stdout}${check.stderr}`).toBe('');
    expect(check.code).toBe(0);
  }, 180_000);

  it('adds few packages and little disk to a project', async () => {
    const added = (withPlugin: Project, without: Project): { packages: string[]; count: number; bytes: number } => {
      const before = new Set(without.packages.map((entry) => entry.path));
      const packages = withPlugin.packages.filter((entry) => !before.has(entry.path)).map((entry) => entry.name);
      return { packages, count: withPlugin.packages.length - without.packages.length, bytes: withPlugin.bytes - without.bytes };
    };
    const describeAdded = (label: string, baseline: Project, plugin: { packages: string[]; count: number; bytes: number }): string =>
      `${label}: ${baseline.packages.length} packages (${(baseline.bytes / 1e6).toFixed(2)} MB) without the plugin; it adds ${plugin.count} (${(plugin.bytes / 1e6).toFixed(2)} MB): ${plugin.packages.join(', ')}`;
    const js = added(project('js'), project('jsBaseline'));
    const ts = added(project('ts'), project('tsBaseline'));
    // typescript-eslint pins its own @typescript-eslint packages exactly, while npm resolves the
    // plugin's caret ranges to the newest 8.x; `npm dedupe` then settles both on one version.
    const ts0 = project('ts');
    const dedupe = await exec('npm', ['dedupe', '--no-audit', '--no-fund', '--prefer-offline'], ts0.dir);
    expect(dedupe.code).toBe(0);
    const deduped = added({ dir: ts0.dir, packages: installedPackages(ts0.dir), bytes: apparentSize(join(ts0.dir, 'node_modules')) }, project('tsBaseline'));
    console.log(
      [
        describeAdded('JavaScript project (eslint)', project('jsBaseline'), js),
        describeAdded('TypeScript project (eslint, typescript, typescript-eslint 8.72.0)', project('tsBaseline'), ts),
        describeAdded('The same after npm dedupe', project('tsBaseline'), deduped),
      ].join('\n'),
    );
    expect(js.packages).toContain('eslint-plugin-steady-state');
    expect(js.count).toBeLessThanOrEqual(budget.js.packages);
    expect(js.bytes).toBeLessThanOrEqual(budget.js.bytes);
    expect(ts.packages).toContain('eslint-plugin-steady-state');
    expect(ts.count).toBeLessThanOrEqual(budget.ts.packages);
    expect(ts.bytes).toBeLessThanOrEqual(budget.ts.bytes);
    expect(deduped.packages).toContain('eslint-plugin-steady-state');
    expect(deduped.count).toBeLessThanOrEqual(budget.tsDeduped.packages);
    expect(deduped.bytes).toBeLessThanOrEqual(budget.tsDeduped.bytes);
  }, 180_000);
});
