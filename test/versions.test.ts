// The version ranges the scanner checks ESLint and TypeScript against before it lints.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  checkEslintVersion,
  checkTypescriptVersion,
  compareVersions,
  installedTypescriptVersion,
  newestLine,
  parseVersion,
  peerRanges,
  satisfies,
} from '../src/versions.js';
import { rootDir } from './support/paths.js';

const pkg = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };

describe('satisfies', () => {
  it.each([
    ['4.8.4', '>=4.8.4 <6.1.0', true],
    ['4.8.3', '>=4.8.4 <6.1.0', false],
    ['5.9.3', '>=4.8.4 <6.1.0', true],
    ['6.0.3', '>=4.8.4 <6.1.0', true],
    ['6.0.99', '>=4.8.4 <6.1.0', true],
    ['6.1.0', '>=4.8.4 <6.1.0', false],
    ['6.1.0-dev.20260101', '>=4.8.4 <6.1.0', false],
    ['6.0.0-beta', '>=4.8.4 <6.1.0', true],
    ['4.8.4-rc', '>=4.8.4 <6.1.0', false],
    ['7.0.2', '>=4.8.4 <6.1.0', false],
    ['9.0.0', '^9.0.0 || ^10.0.0', true],
    ['9.39.1', '^9.0.0 || ^10.0.0', true],
    ['10.15.0', '^9.0.0 || ^10.0.0', true],
    ['11.0.0', '^9.0.0 || ^10.0.0', false],
    ['10.0.0-alpha.1', '^9.0.0 || ^10.0.0', false],
    ['10.0.0-alpha.1', '>=10.0.0-alpha.0', true],
    ['11.0.0-alpha.1', '^9.0.0 || ^10.0.0', false],
    ['8.57.1', '^9.0.0 || ^10.0.0', false],
    ['0.2.9', '^0.2.3', true],
    ['0.3.0', '^0.2.3', false],
    ['0.0.3', '^0.0.3', true],
    ['0.0.4', '^0.0.3', false],
    ['6.0.9', '~6.0.3', true],
    ['6.0.2', '~6.0.3', false],
    ['6.1.0', '~6.0.3', false],
    ['1.9.0', '~1', true],
    ['2.0.0', '~1', false],
    ['1.2.3', '1.2.3', true],
    ['1.2.4', '=1.2.3', false],
    ['1.2.9', '1.2', true],
    ['1.3.0', '1.2', false],
    ['1.2.3', '>1.2.3', false],
    ['1.2.4', '>1.2.3', true],
    ['1.2.3', '<=1.2.3', true],
    ['1.2.4', '<=1.2.3', false],
    ['3.0.0', '*', true],
    ['3.0.0', '', true],
    ['v6.0.3', '>=4.8.4 <6.1.0', true],
  ])('%s in "%s": %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('rejects what it does not understand rather than guess', () => {
    expect(() => satisfies('1.2.3', '1.x')).toThrow('unsupported version range "1.x"');
    expect(() => satisfies('1.2.3', '1.0.0 - 2.0.0')).toThrow('unsupported version range "-"');
    expect(() => satisfies('one', '>=1.0.0')).toThrow('not a version: "one"');
  });

  it("understands this package's own peer ranges", () => {
    for (const range of Object.values(pkg.peerDependencies)) expect(() => satisfies('1.0.0', range)).not.toThrow();
    expect(peerRanges()).toEqual(pkg.peerDependencies);
  });
});

describe('versions', () => {
  it('parses full versions only', () => {
    expect(parseVersion('7.0.2')).toEqual({ major: 7, minor: 0, patch: 2, prerelease: [] });
    expect(parseVersion('6.1.0-dev.20260101+sha')).toEqual({ major: 6, minor: 1, patch: 0, prerelease: ['dev', '20260101'] });
    expect(parseVersion('6.1')).toBeNull();
    expect(parseVersion('latest')).toBeNull();
  });

  it('orders versions as semver does', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0',
    ];
    for (let index = 1; index < ordered.length; index += 1) {
      const [before, after] = [parseVersion(ordered[index - 1] ?? ''), parseVersion(ordered[index] ?? '')];
      if (!before || !after) throw new Error('unparsed');
      expect(compareVersions(before, after), `${ordered[index - 1]} < ${ordered[index]}`).toBeLessThan(0);
      expect(compareVersions(after, before)).toBeGreaterThan(0);
      expect(compareVersions(after, after)).toBe(0);
    }
  });

  it('names the newest release line a range allows', () => {
    expect(newestLine('>=4.8.4 <6.1.0')).toBe('~6.0');
    expect(newestLine('>=4.8.4 <6.0.0')).toBe('^5');
    expect(newestLine('>=4.8.4 <6.1.3')).toBe('~6.1');
    expect(newestLine('^9.0.0 || ^10.0.0')).toBe('^10');
    expect(newestLine('~5.4.2')).toBe('~5.4');
    expect(newestLine('>=9.0.0')).toBeNull();
  });
});

describe('the checks', () => {
  it('TypeScript outside the supported range: one sentence with the version found, the range and what to install', () => {
    expect(checkTypescriptVersion('7.0.2', '>=4.8.4 <6.1.0')).toBe('TypeScript 7.0.2 is not supported (supported: >=4.8.4 <6.1.0); install typescript@~6.0');
    expect(checkTypescriptVersion('4.7.4', '>=4.8.4 <6.1.0')).toBe('TypeScript 4.7.4 is not supported (supported: >=4.8.4 <6.1.0); install typescript@~6.0');
    expect(checkTypescriptVersion('6.0.3', '>=4.8.4 <6.1.0')).toBeNull();
    expect(checkTypescriptVersion('5.0.2')).toBeNull();
    expect(checkTypescriptVersion('7.0.2')).toBe(`TypeScript 7.0.2 is not supported (supported: ${pkg.peerDependencies.typescript}); install typescript@~6.0`);
  });

  it('ESLint before 9', () => {
    expect(checkEslintVersion('8.57.1', '^9.0.0 || ^10.0.0')).toBe('ESLint 8.57.1 is not supported (supported: >=9.0.0); install eslint@^10');
    expect(checkEslintVersion('9.0.0')).toBeNull();
    expect(checkEslintVersion('10.15.0')).toBeNull();
    expect(checkEslintVersion(undefined)).toBeNull();
  });
});

describe('installedTypescriptVersion', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'steady-state-versions-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds the typescript typescript-eslint loads: here, the one this package is developed with', () => {
    const installed = JSON.parse(readFileSync(join(rootDir, 'node_modules', 'typescript', 'package.json'), 'utf8')) as { version: string };
    expect(installedTypescriptVersion()).toBe(installed.version);
  });

  it('from a folder: the first node_modules/typescript up the tree, or null', () => {
    const project = join(scratch, 'project');
    const nested = join(project, 'packages', 'api');
    mkdirSync(join(project, 'node_modules', 'typescript'), { recursive: true });
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(project, 'node_modules', 'typescript', 'package.json'), JSON.stringify({ name: 'typescript', version: '7.0.2' }));
    expect(installedTypescriptVersion(project)).toBe('7.0.2');
    expect(installedTypescriptVersion(nested)).toBe('7.0.2');
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    expect(installedTypescriptVersion(empty)).toBeNull();
  });
});
