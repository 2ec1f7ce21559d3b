// Which files the scanner leaves out because the project says so: the lint root's `.gitignore`
// and `--ignore-pattern` globs, matched exactly as ESLint matches a config's `ignores`.
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

import { includeIgnoreFile } from '@eslint/compat';
import { Linter } from 'eslint';

import { lintedFiles } from './configs.js';

/** Thrown by the probe parser: a file that reaches the parser is not ignored. */
const NOT_IGNORED = new Error('not ignored');
const probeParser: Linter.Parser = {
  parse() {
    throw NOT_IGNORED;
  },
};

/** The `.gitignore` that applies: the one in the lint root, and only that one. */
export function gitignoreFile(root: string): string | null {
  const file = join(root, '.gitignore');
  return existsSync(file) ? file : null;
}

/**
 * `(file) => whether it is ignored`, for files inside `root`. The patterns are ESLint's global
 * ignores relative to `root`: the lines of `root/.gitignore` (converted as `includeIgnoreFile`
 * does) and then `ignorePatterns`, so `--ignore-pattern '!keep.js'` can bring back a file
 * .gitignore leaves out. A file outside `root` is never ignored by them.
 *
 * ESLint answers this for a file with an async method; the walker needs the answer at once, so
 * this asks a `Linter`: a file whose config lookup finds a config reaches the parser (here one that
 * throws, so nothing is parsed), an ignored file does not.
 */
export function createIgnoreMatcher(root: string, ignorePatterns: readonly string[] = []): (file: string) => boolean {
  const gitignore = gitignoreFile(root);
  const ignores: Linter.Config[] = [
    // ESLint's own default ignores (node_modules, .git) are the walker's business, not these patterns'.
    { name: 'steady-state/defaults-off', ignores: ['!**/node_modules/', '!.git/'] },
    // `eslint/config` has this function only from ESLint 9.24 on; the supported range starts at 9.0.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    ...(gitignore === null ? [] : [includeIgnoreFile(gitignore, 'steady-state/gitignore') as Linter.Config]),
    ...(ignorePatterns.length > 0 ? [{ name: 'steady-state/ignore-pattern', ignores: [...ignorePatterns] }] : []),
  ];
  if (ignores.length === 1) return () => false;
  const config: Linter.Config[] = [...ignores, { name: 'steady-state/probe', files: lintedFiles, languageOptions: { parser: probeParser } }];
  const linter = new Linter({ cwd: root });
  return (file) => {
    const path = relative(root, file);
    if (path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return false;
    return !linter.verify('', config, file).some((message) => message.fatal === true);
  };
}
