// The same, with type information: projectService over fixtures/tsconfig.json.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import base from './fixtures.eslint.config.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

export default [...base, { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: fixtures } } }];
