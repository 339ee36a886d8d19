// A fixture's backend is kept as source (backend-source.mjs, importing the SDK's backend entry) and bundled
// into the one file its manifest names when the suite stages it, the way an author's build would.
import { access, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleBackend } from '../../test/support/bundle-backend';

/** Bundles `backend-source.mjs` of a staged fixture into `backend.mjs`; nothing for a fixture without one. */
export async function bundleFixtureBackend(stagedDir: string): Promise<void> {
  const source = join(stagedDir, 'backend-source.mjs');
  const present = await access(source).then(
    () => true,
    () => false,
  );
  if (!present) return;
  await writeFile(join(stagedDir, 'backend.mjs'), await bundleBackend(await readFile(source, 'utf8')));
  await rm(source);
}
