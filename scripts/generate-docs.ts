// Writes the generated documentation pages. Run `npm run docs` after changing a preset, a scope schema or a
// confirmation default; the docs tests fail until the pages are written again.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SCOPE_REFERENCE_PATH, renderScopeReference } from './docs/render-scope-reference';

const root = fileURLToPath(new URL('..', import.meta.url));
await writeFile(`${root}${SCOPE_REFERENCE_PATH}`, renderScopeReference());
process.stdout.write(`wrote ${SCOPE_REFERENCE_PATH}\n`);
