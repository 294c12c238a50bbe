/** Paths of the repository, from the compiled test files in dist/tests/. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const FIXTURES = path.join(ROOT, 'fixtures');
export const DOCS = path.join(ROOT, 'docs', 'rules');
