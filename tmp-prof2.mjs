import { ESLint } from 'eslint';
import plugin from './dist/src/index.js';
const C = process.env.HOME + '/.cache/steady-state-corpus';
const eslint = new ESLint({ cwd: C, overrideConfigFile: true, overrideConfig: [plugin.configs.all], errorOnUnmatchedPattern: false });
await eslint.lintFiles(['js', 'ts']);
