#!/usr/bin/env node
// The zero-config scanner: `steady-state [paths...]`. See `steady-state --help`.
let cli;
try {
  cli = await import('../dist/src/cli.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist')) {
    process.stderr.write('steady-state: the plugin is not built; run `npm run build` first\n');
    process.exit(2);
  }
  throw error;
}
process.exitCode = await cli.main(process.argv.slice(2));
