'use strict';
// CommonJS entry: `require('eslint-plugin-steady-state')` returns the same plugin object as `import`.
module.exports = require('../dist/src/index.js').default;
