import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { lintWithRule } from './support/lint.js';

const oddInputs = {
  'an empty file': '',
  'a file of blank lines': '\n\n\n',
  'a file of comments only': '// nothing here\n/* nor here */\n',
  'a hashbang only': '#!/usr/bin/env node\n',
  'a directive only': "'use strict';\n",
};

describe.each(Object.keys(plugin.rules))('%s on odd input', (name) => {
  it.each(Object.entries(oddInputs))('reports nothing on %s (JS and TS)', (_, code) => {
    expect(lintWithRule(code, name, [], 'file.js')).toEqual([]);
    expect(lintWithRule(code, name, [], 'file.ts')).toEqual([]);
  });
});
