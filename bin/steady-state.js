#!/usr/bin/env node
// The zero-config scanner: `steady-state [paths...]`. See `steady-state --help`.
// Exit codes: 0 clean, 1 findings, 2 anything that stopped the run (never 1 for a crash).
import { inspect } from 'node:util';

/** A crash: printed in full (the stack and its causes'), exit code 2. */
async function crash(error) {
  let text;
  try {
    text = (await import('../dist/src/crash.js')).describeError(error);
  } catch {
    text = inspect(error);
  }
  process.stderr.write(`steady-state: internal error: ${text}\n`);
  process.exit(2);
}

let cli;
try {
  cli = await import('../dist/src/cli.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist')) {
    process.stderr.write('steady-state: the plugin is not built; run `npm run build` first\n');
    process.exit(2);
  }
  // Loading the plugin loads typescript-eslint's parser, which may fail on a TypeScript it does
  // not support: say so in one line when that is the case.
  try {
    const versions = await import('../dist/src/versions.js');
    const version = versions.installedTypescriptVersion(process.env.STEADY_STATE_RESOLVE_FROM || undefined);
    const problem = version === null ? null : versions.checkTypescriptVersion(version);
    if (problem !== null) {
      process.stderr.write(`steady-state: ${problem}\n`);
      process.exit(2);
    }
  } catch {
    // Report the first error, not this one.
  }
  await crash(error);
}
try {
  process.exitCode = await cli.main(process.argv.slice(2));
} catch (error) {
  await crash(error);
}
