import { delimiter, sep } from 'node:path';

/**
 * The environment for tools run in scratch projects: without the variables that describe the npm
 * script running these tests (they would point npm at this checkout) or the test runner, without
 * the extra variables named by `drop`, and without this checkout's node_modules/.bin on PATH, so
 * each project runs its own tools.
 */
export function scratchEnv(drop?: RegExp): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      /^(INIT_CWD|NODE_ENV)$|^VITEST/.test(key) ||
      /^npm_(lifecycle_|package_|command$|execpath$|node_execpath$|config_(local_prefix|global_prefix|prefix)$)/i.test(key) ||
      drop?.test(key) === true
    ) {
      delete env[key];
    }
  }
  env.PATH = (env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.endsWith(`node_modules${sep}.bin`))
    .join(delimiter);
  return env;
}
