// What the Git hook tests share: the files they commit, the environment for the temporary
// repositories, and running commands in them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

import { scratchEnv } from './env.js';

/** A file the recommended rules reject: a fetch with no deadline. */
export const leaky = 'export async function get(url: string): Promise<unknown> {\n  return (await fetch(url)).json();\n}\n';
/** The same call with a deadline. */
export const steady =
  'export async function get(url: string): Promise<unknown> {\n  return (await fetch(url, { signal: AbortSignal.timeout(5000) })).json();\n}\n';
/** Clean for the recommended rules; the strict rules report the fan-out. */
export const fanOut =
  'export async function deliver(urls: string[]): Promise<void> {\n' +
  "  await Promise.all(urls.map((url) => fetch(url, { method: 'POST', signal: AbortSignal.timeout(5000) })));\n" +
  '}\n';
export const fetchFinding = '`fetch` has no deadline, so a stalled upstream stalls this call';

export interface Result {
  readonly code: number | null;
  /** stdout then stderr, without colours. */
  readonly output: string;
}

/**
 * The environment for the temporary repositories: without the variables that point Git at another
 * repository (set when the tests themselves run inside a Git hook), that skip hooks, that
 * describe the npm script running the tests (pre-commit runs npm in its own prefix), or that
 * change how the tools print (lint-staged prints its test renderer's events when NODE_ENV is test).
 */
export function hookEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = scratchEnv(
    /^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|PREFIX)$|^(HUSKY|SKIP|PRE_COMMIT_HOME|TEST|FORCE_COLOR)$/,
  );
  return { ...env, ...extra };
}

export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = hookEnv()): Result {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { code: result.status, output: stripVTControlCharacters(`${result.stdout}${result.stderr}`) };
}

/** Runs a command that must succeed; returns its stdout. */
export function must(command: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { cwd, env: env ?? hookEnv(), encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${String(result.status)}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

export function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A new Git repository with a local identity, so commits work on a machine with no Git config. */
export function gitRepository(dir: string): void {
  mkdirSync(dir, { recursive: true });
  must('git', ['init', '--quiet'], dir);
  must('git', ['config', 'user.name', 'Steady State'], dir);
  must('git', ['config', 'user.email', 'steady-state@example.com'], dir);
  must('git', ['config', 'commit.gpgsign', 'false'], dir);
}

export function commitCount(dir: string): number {
  const result = run('git', ['rev-list', '--count', 'HEAD'], dir);
  return result.code === 0 ? Number(result.output.trim()) : 0;
}

export function commit(dir: string, message: string): Result {
  return run('git', ['commit', '--message', message], dir);
}
