// The scanner as a Git pre-commit hook run by husky + lint-staged (the pre-commit framework's
// tests are in pre-commit-framework.test.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { commit, commitCount, fetchFinding, gitRepository, leaky, must, run, steady, write } from '../support/git-hooks.js';
import { rootDir } from '../support/paths.js';

describe('husky + lint-staged hook', () => {
  let scratch = '';
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'steady-state-lint-staged-'));
  });
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('runs steady-state on the staged files, refuses a commit with a finding and accepts the fixed file', () => {
    const project = join(scratch, 'project');
    gitRepository(project);
    write(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'service', private: true, type: 'module', 'lint-staged': { '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'steady-state' } }, null, 2)}\n`,
    );
    write(join(project, '.gitignore'), 'node_modules/\n');
    // Installed as npm would: the packages in node_modules, their bins linked in node_modules/.bin.
    const modules = join(project, 'node_modules');
    mkdirSync(join(modules, '.bin'), { recursive: true });
    symlinkSync(rootDir, join(modules, 'eslint-plugin-steady-state'), 'dir');
    symlinkSync(join(rootDir, 'node_modules', 'husky'), join(modules, 'husky'), 'dir');
    symlinkSync(join(rootDir, 'node_modules', 'lint-staged'), join(modules, 'lint-staged'), 'dir');
    symlinkSync('../eslint-plugin-steady-state/bin/steady-state.js', join(modules, '.bin', 'steady-state'));
    symlinkSync('../husky/bin.js', join(modules, '.bin', 'husky'));
    symlinkSync('../lint-staged/bin/lint-staged.js', join(modules, '.bin', 'lint-staged'));

    const init = run(join(modules, '.bin', 'husky'), ['init'], project);
    expect(init.output).toBe('');
    expect(init.code).toBe(0);
    expect(must('git', ['config', 'core.hooksPath'], project).trim()).toBe('.husky/_');
    expect((JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts).toEqual({ prepare: 'husky' });
    write(join(project, '.husky', 'pre-commit'), 'lint-staged\n');

    must('git', ['add', '.gitignore', 'package.json', '.husky/pre-commit'], project);
    const setup = commit(project, 'Set up the hook');
    expect(setup.output).toContain('lint-staged could not find any staged files matching configured tasks.');
    expect(setup.code).toBe(0);
    expect(commitCount(project)).toBe(1);

    write(join(project, 'src', 'client.ts'), leaky);
    must('git', ['add', 'src/client.ts'], project);
    const refused = commit(project, 'Add the client');
    expect(refused.output).toContain(fetchFinding);
    expect(refused.output).toMatch(/^ {2}2:17 {2}error {2}.+ {2}steady-state\/require-fetch-timeout$/m);
    expect(refused.output).toContain('[FAILED] steady-state');
    expect(refused.output).toContain('husky - pre-commit script failed (code 1)');
    expect(refused.code).toBe(1);
    expect(commitCount(project)).toBe(1);

    // Fixed, and with a leaky file left unstaged: only the staged files are linted.
    write(join(project, 'src', 'client.ts'), steady);
    write(join(project, 'src', 'draft.ts'), leaky);
    must('git', ['add', 'src/client.ts'], project);
    const accepted = commit(project, 'Add the client');
    expect(accepted.output).not.toContain('steady-state/');
    expect(accepted.output).toContain('[COMPLETED] steady-state');
    expect(accepted.output).not.toContain('husky - pre-commit script failed');
    expect(accepted.code).toBe(0);
    expect(commitCount(project)).toBe(2);
    expect(must('git', ['show', '--format=%s', '--name-only', 'HEAD'], project).trim()).toBe('Add the client\n\nsrc/client.ts');
  }, 120_000);
});
