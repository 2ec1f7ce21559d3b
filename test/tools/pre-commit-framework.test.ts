// The scanner as a Git pre-commit hook, run by the pre-commit framework: installing this
// repository through .pre-commit-hooks.yaml, and the packed package as a local hook. Each test
// installs the hook's Node environment (about a minute in all), so these run in `npm run test:all`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { commitCount, fanOut, fetchFinding, gitRepository, hookEnv, leaky, must, run, steady, write } from '../support/git-hooks.js';
import { rootDir } from '../support/paths.js';

/** `pre-commit --version`, or null when the command is not on PATH. */
function preCommitVersion(): string | null {
  const result = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * The pre-commit framework is a Python tool the tests do not install: .ci/run installs it on CI,
 * and a developer can (`pipx install pre-commit`, or the distribution's package). Without it, the
 * framework tests are skipped and say why.
 */
const preCommit = preCommitVersion();
const preCommitMissing = 'the `pre-commit` command is not on PATH (install it with `pipx install pre-commit` or `apt-get install pre-commit`; .ci/run does)';
if (preCommit === null) console.warn(`Skipping the pre-commit framework tests: ${preCommitMissing}.`);

/**
 * What the hooks install besides the plugin: the TypeScript parser and TypeScript, optional peer
 * dependencies that npm does not install with the package, without which the scanner cannot
 * parse TypeScript. The same list as `additional_dependencies` in .pre-commit-hooks.yaml.
 */
const typescriptHookDependencies = ['@typescript-eslint/parser@^8.72.0', 'typescript@~6.0.3'];

/**
 * The files that decide how pre-commit installs and runs the hooks from this repository: the
 * manifest, and the npm settings the install runs with (pre-commit reads the tarball name from
 * `npm pack`'s output, which the build's output must stay out of).
 */
const hookInputs = ['.pre-commit-hooks.yaml', '.npmrc'];

/**
 * The repository and revision pre-commit installs the hooks from: this checkout at HEAD. pre-commit
 * clones the revision, so uncommitted changes are not part of it; when one of the hook inputs
 * differs from HEAD, the working-tree versions are tested on top of HEAD in a clone of this checkout.
 */
function hookSource(scratch: string): { repo: string; rev: string } {
  const rev = must('git', ['rev-parse', 'HEAD'], rootDir).trim();
  const changed = hookInputs.filter((file) => {
    const path = join(rootDir, file);
    const committed = spawnSync('git', ['show', `${rev}:${file}`], { cwd: rootDir, env: hookEnv(), encoding: 'utf8' });
    const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
    return current !== (committed.status === 0 ? committed.stdout : null);
  });
  if (changed.length === 0) return { repo: rootDir, rev };
  const clone = join(scratch, 'hook-source');
  must('git', ['clone', '--quiet', '--no-checkout', rootDir, clone], scratch);
  must('git', ['checkout', '--quiet', '--detach', rev], clone);
  for (const file of changed) {
    if (existsSync(join(rootDir, file))) {
      writeFileSync(join(clone, file), readFileSync(join(rootDir, file)));
      must('git', ['add', file], clone);
    } else {
      must('git', ['rm', '--quiet', file], clone);
    }
  }
  must(
    'git',
    [
      '-c',
      'user.name=Steady State',
      '-c',
      'user.email=steady-state@example.com',
      '-c',
      'commit.gpgsign=false',
      'commit',
      '--quiet',
      '--message',
      'Hook inputs from the working tree',
    ],
    clone,
  );
  return { repo: clone, rev: must('git', ['rev-parse', 'HEAD'], clone).trim() };
}

/** A new repository with the given .pre-commit-config.yaml committed and pre-commit's Git hook installed. */
function preCommitProject(dir: string, config: unknown, env: NodeJS.ProcessEnv): void {
  gitRepository(dir);
  // JSON is YAML.
  write(join(dir, '.pre-commit-config.yaml'), `${JSON.stringify(config, null, 2)}\n`);
  must('git', ['add', '.pre-commit-config.yaml'], dir, env);
  must('git', ['commit', '--quiet', '--message', 'pre-commit config'], dir, env);
  const install = run('pre-commit', ['install'], dir, env);
  expect(install.output).toContain('pre-commit installed at .git/hooks/pre-commit');
  expect(install.code).toBe(0);
  expect(commitCount(dir)).toBe(1);
}

/**
 * Commits the leaky client (refused: the first commit also installs the hook's environment), then
 * the fixed client with a leaky draft left unstaged (accepted: only staged files are linted).
 */
function expectPreCommitGate(dir: string, env: NodeJS.ProcessEnv): void {
  write(join(dir, 'src', 'client.ts'), leaky);
  must('git', ['add', 'src/client.ts'], dir, env);
  const refused = run('git', ['commit', '--message', 'Add the client'], dir, env);
  expect(refused.output).toContain('Installing environment for');
  expect(refused.output).toMatch(/^steady-state\.+Failed$/m);
  expect(refused.output).toContain('- hook id: steady-state\n- exit code: 1');
  expect(refused.output).toContain(fetchFinding);
  expect(refused.output).toMatch(/^ {2}2:17 {2}error {2}.+ {2}steady-state\/require-fetch-timeout$/m);
  expect(refused.code).toBe(1);
  expect(commitCount(dir)).toBe(1);

  write(join(dir, 'src', 'client.ts'), steady);
  write(join(dir, 'src', 'draft.ts'), leaky);
  must('git', ['add', 'src/client.ts'], dir, env);
  const accepted = run('git', ['commit', '--message', 'Add the client'], dir, env);
  expect(accepted.output).toMatch(/^steady-state\.+Passed$/m);
  expect(accepted.output).not.toContain('steady-state/');
  expect(accepted.code).toBe(0);
  expect(commitCount(dir)).toBe(2);
  expect(must('git', ['show', '--format=%s', '--name-only', 'HEAD'], dir, env).trim()).toBe('Add the client\n\nsrc/client.ts');

  // Selected by extension: identify has no tag for .mts and .cts files.
  write(join(dir, 'src', 'worker.mts'), leaky);
  const mts = run('pre-commit', ['run', 'steady-state', '--files', 'src/worker.mts'], dir, env);
  expect(mts.output).toMatch(/^steady-state\.+Failed$/m);
  expect(mts.output).toContain(`${realpathSync(join(dir, 'src', 'worker.mts'))}\n  2:17  error  ${fetchFinding}`);
  expect(mts.code).toBe(1);
}

describe.skipIf(preCommit === null)(`pre-commit framework hook${preCommit === null ? ` (skipped: ${preCommitMissing})` : ''}`, () => {
  let scratch = '';

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'steady-state-pre-commit-'));
  });
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('installs the hooks from .pre-commit-hooks.yaml, refuses a commit with a finding and accepts the fixed file', () => {
    const env = hookEnv({ PRE_COMMIT_HOME: join(scratch, 'home-repository') });
    const manifest = run('pre-commit', ['validate-manifest', join(rootDir, '.pre-commit-hooks.yaml')], rootDir, env);
    expect(manifest.output).toBe('');
    expect(manifest.code).toBe(0);
    const listed = `additional_dependencies: [${typescriptHookDependencies.map((entry) => `'${entry}'`).join(', ')}]`;
    expect(
      readFileSync(join(rootDir, '.pre-commit-hooks.yaml'), 'utf8')
        .split('\n')
        .filter((line) => line.trim() === listed),
    ).toHaveLength(2);

    const { repo, rev } = hookSource(scratch);
    const project = join(scratch, 'project-repository');
    // The strict hook runs on demand only (`--hook-stage manual`).
    preCommitProject(project, { repos: [{ repo, rev, hooks: [{ id: 'steady-state' }, { id: 'steady-state-strict', stages: ['manual'] }] }] }, env);
    expectPreCommitGate(project, env);

    // steady-state-strict passes --config strict: the fan-out is a finding there only.
    write(join(project, 'src', 'deliver.ts'), fanOut);
    const recommended = run('pre-commit', ['run', 'steady-state', '--files', 'src/deliver.ts'], project, env);
    expect(recommended.output).toMatch(/^steady-state\.+Passed$/m);
    expect(recommended.code).toBe(0);
    const strict = run('pre-commit', ['run', '--hook-stage', 'manual', 'steady-state-strict', '--files', 'src/deliver.ts'], project, env);
    expect(strict.output).toMatch(/^steady-state \(strict\)\.+Failed$/m);
    expect(strict.output).toMatch(
      /^ {2}2:9 {2}error {2}`Promise\.all` starts one operation per item of `urls`, all at once.+ {2}steady-state\/no-unbounded-concurrency$/m,
    );
    expect(strict.code).toBe(1);
  }, 300_000);

  it('runs the packed package as a local hook (additional_dependencies, no build)', () => {
    const env = hookEnv({ PRE_COMMIT_HOME: join(scratch, 'home-local') });
    // The package as npm publishes it: the built files, packed without running the build again.
    const packed = JSON.parse(must('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], rootDir, env)) as { filename: string }[];
    const tarball = join(scratch, packed[0]?.filename ?? '');
    const hook = {
      id: 'steady-state',
      name: 'steady-state',
      entry: 'steady-state',
      language: 'node',
      additional_dependencies: [tarball, ...typescriptHookDependencies],
      files: '\\.[cm]?[jt]sx?$',
      require_serial: true,
    };
    const project = join(scratch, 'project-local');
    preCommitProject(project, { repos: [{ repo: 'local', hooks: [hook] }] }, env);
    expectPreCommitGate(project, env);
  }, 180_000);
});
