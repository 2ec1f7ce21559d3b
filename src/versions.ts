// The versions of ESLint and TypeScript the scanner can run with, checked before it lints. This
// module loads neither, so it still runs when loading the parser fails on an unsupported TypeScript.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: readonly string[];
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parse(text: string): { version: Version; parts: number } | null {
  const match = VERSION.exec(text.trim());
  if (!match) return null;
  const [, major = '0', minor, patch, prerelease] = match;
  return {
    version: { major: Number(major), minor: Number(minor ?? 0), patch: Number(patch ?? 0), prerelease: prerelease?.split('.') ?? [] },
    parts: patch !== undefined ? 3 : minor !== undefined ? 2 : 1,
  };
}

/** A full `major.minor.patch[-prerelease]` version, or `null` when `text` is not one. */
export function parseVersion(text: string): Version | null {
  const parsed = parse(text);
  return parsed?.parts === 3 ? parsed.version : null;
}

function compareIdentifiers(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
  if (numeric.test(a)) return -1;
  if (numeric.test(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Semver precedence: negative when `a` comes first. A prerelease comes before its release. */
export function compareVersions(a: Version, b: Version): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  for (let index = 0; index < Math.min(a.prerelease.length, b.prerelease.length); index += 1) {
    const order = compareIdentifiers(a.prerelease[index] ?? '', b.prerelease[index] ?? '');
    if (order !== 0) return order;
  }
  return a.prerelease.length - b.prerelease.length;
}

type Test = (version: Version) => boolean;

const COMPARATOR = /^(<=|>=|<|>|=|\^|~)?(.+)$/;

function comparator(text: string): Test {
  const [, operator = '=', operand = ''] = COMPARATOR.exec(text) ?? [];
  const parsed = parse(operand);
  if (!parsed) throw new Error(`unsupported version range "${text}"`);
  const { version: bound, parts } = parsed;
  const at = (version: Version): number => compareVersions(version, bound);
  /** Below `major.minor.patch` and its prereleases. */
  const below =
    (major: number, minor: number, patch = 0): Test =>
    (version) =>
      compareVersions(version, { major, minor, patch, prerelease: ['0'] }) < 0;
  switch (operator) {
    case '>=':
      return (version) => at(version) >= 0;
    case '>':
      return (version) => at(version) > 0;
    case '<':
      // <6.1.0 leaves out 6.1.0's prereleases (a nightly of the next version) as well.
      return bound.prerelease.length === 0 ? below(bound.major, bound.minor, bound.patch) : (version) => at(version) < 0;
    case '<=':
      return (version) => at(version) <= 0;
    case '^': {
      // ^1.2.3 := >=1.2.3 <2.0.0; ^0.2.3 := >=0.2.3 <0.3.0; ^0.0.3 := >=0.0.3 <0.0.4
      const upper: Test =
        bound.major > 0 || parts === 1 ? below(bound.major + 1, 0) : bound.minor > 0 || parts === 2 ? below(0, bound.minor + 1) : below(0, 0, bound.patch + 1);
      return (version) => at(version) >= 0 && upper(version);
    }
    case '~': {
      // ~1.2.3 := >=1.2.3 <1.3.0; ~1 := >=1.0.0 <2.0.0
      const upper = parts === 1 ? below(bound.major + 1, 0) : below(bound.major, bound.minor + 1);
      return (version) => at(version) >= 0 && upper(version);
    }
    default:
      if (parts === 3) return (version) => at(version) === 0;
      // =1.2 := >=1.2.0 <1.3.0; =1 := >=1.0.0 <2.0.0
      return comparator(`~${operand}`);
  }
}

/**
 * Whether `version` is in `range`: comparators (`>=`, `>`, `<`, `<=`, `=`, `^`, `~`, a bare
 * version) joined by spaces (all must hold) and `||` (any set may hold), as in package.json
 * ranges. A prerelease sorts before its release, and an upper bound leaves out its own
 * prereleases (`<6.1.0` does not admit `6.1.0-dev`). Anything else (`1.x`, `1 - 2`) throws.
 */
export function satisfies(version: string, range: string): boolean {
  const parsed = parseVersion(version);
  if (!parsed) throw new Error(`not a version: "${version}"`);
  return range.split('||').some((set) => {
    const comparators = set
      .trim()
      .split(/\s+/)
      .filter((part) => part !== '' && part !== '*');
    return comparators.map(comparator).every((test) => test(parsed));
  });
}

/** The newest release line a range allows, as an npm spec: `>=4.8.4 <6.1.0` → `~6.0`, `^9.0.0 || ^10.0.0` → `^10`. */
export function newestLine(range: string): string | null {
  let best: { spec: string; major: number; minor: number } | null = null;
  for (const part of range.split(/\s+|\|\|/).filter((entry) => entry !== '')) {
    const [, operator = '', operand = ''] = COMPARATOR.exec(part) ?? [];
    const bound = parse(operand)?.version;
    if (!bound) continue;
    let candidate: { spec: string; major: number; minor: number } | null = null;
    if (operator === '^' || operator === '') candidate = { spec: `^${bound.major}`, major: bound.major, minor: Number.MAX_SAFE_INTEGER };
    else if (operator === '~') candidate = { spec: `~${bound.major}.${bound.minor}`, major: bound.major, minor: bound.minor };
    else if (operator === '<' && bound.patch > 0) candidate = { spec: `~${bound.major}.${bound.minor}`, major: bound.major, minor: bound.minor };
    else if (operator === '<' && bound.minor > 0) candidate = { spec: `~${bound.major}.${bound.minor - 1}`, major: bound.major, minor: bound.minor - 1 };
    else if (operator === '<' && bound.major > 0) candidate = { spec: `^${bound.major - 1}`, major: bound.major - 1, minor: Number.MAX_SAFE_INTEGER };
    else if (operator === '<=') candidate = { spec: `~${bound.major}.${bound.minor}`, major: bound.major, minor: bound.minor };
    if (candidate && (!best || candidate.major > best.major || (candidate.major === best.major && candidate.minor > best.minor))) best = candidate;
  }
  return best?.spec ?? null;
}

const require = createRequire(import.meta.url);

/** This package's `peerDependencies`, read from its package.json when the scanner runs. */
export function peerRanges(): Readonly<Record<string, string>> {
  const manifest = require('eslint-plugin-steady-state/package.json') as { peerDependencies?: Record<string, string> };
  return manifest.peerDependencies ?? {};
}

/** ESLint 9 brought flat config, which the scanner builds its run from. */
export const ESLINT_RANGE = '>=9.0.0';

function unsupported(name: string, version: string, range: string, packageName: string, installRange: string): string {
  const line = newestLine(installRange);
  return `${name} ${version} is not supported (supported: ${range})${line ? `; install ${packageName}@${line}` : ''}`;
}

/** Why this ESLint cannot run the scanner, or `null` when it can (or its version is unknown). */
export function checkEslintVersion(version: string | undefined, peerRange = peerRanges().eslint ?? ESLINT_RANGE): string | null {
  if (version === undefined || parseVersion(version) === null || satisfies(version, ESLINT_RANGE)) return null;
  return unsupported('ESLint', version, ESLINT_RANGE, 'eslint', peerRange);
}

/** Why this TypeScript cannot parse the project's files, or `null` when it can. */
export function checkTypescriptVersion(version: string, range = peerRanges().typescript ?? '*'): string | null {
  if (parseVersion(version) === null || satisfies(version, range)) return null;
  return unsupported('TypeScript', version, range, 'typescript', range);
}

/** The package.json of `name` as Node would find it from `fromFile`: the first `node_modules/<name>` up the tree. */
function findManifest(name: string, fromFile: string): string | null {
  for (const folder of createRequire(fromFile).resolve.paths(name) ?? []) {
    const file = join(folder, name, 'package.json');
    if (existsSync(file)) return file;
  }
  return null;
}

/** Where typescript-eslint's parser loads `typescript` from: the parser, through typescript-estree. */
function parserBase(): string {
  let base = fileURLToPath(import.meta.url);
  for (const name of ['@typescript-eslint/parser', '@typescript-eslint/typescript-estree']) {
    try {
      base = createRequire(base).resolve(name);
    } catch {
      return base;
    }
  }
  return base;
}

/**
 * The version of the `typescript` the parser will load, or `null` when none is installed.
 * `resolveFrom` (a folder) looks it up from there instead, as from a project's own files.
 */
export function installedTypescriptVersion(resolveFrom?: string): string | null {
  const manifest = findManifest('typescript', resolveFrom === undefined ? parserBase() : join(resolveFrom, 'package.json'));
  if (manifest === null) return null;
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown };
  return typeof version === 'string' ? version : null;
}
