import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const rootDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturesDir = join(rootDir, 'fixtures');
export const docsDir = join(rootDir, 'docs', 'rules');
export const rulesDir = join(rootDir, 'rules');
