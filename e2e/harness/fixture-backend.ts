// A fixture's backend is kept as source (backend-source.mjs, importing the SDK's backend entry) and bundled
// into the one file its manifest names when the suite stages it, the way an author's build would.
import { access, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles `backend-source.mjs` of a staged fixture into `backend.mjs`; nothing for a fixture without one. */
export async function bundleFixtureBackend(stagedDir: string): Promise<void> {
  const source = join(stagedDir, 'backend-source.mjs');
  if (
    !(await access(source).then(
      () => true,
      () => false,
    ))
  )
    return;
  const result = await build({
    // Resolved from the repository, where the SDK is, not from the staged copy in a temp folder.
    stdin: { contents: await readFile(source, 'utf8'), resolveDir: repoRoot, loader: 'js', sourcefile: 'backend-source.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    // vscode-jsonrpc is CommonJS: give it a require for Node's built-ins.
    banner: {
      js: "import { createRequire as __gatehouseRequire } from 'node:module'; const require = __gatehouseRequire(import.meta.url);",
    },
    target: 'node20',
    conditions: ['@gatehouse/source'],
    write: false,
    logLevel: 'silent',
  });
  await writeFile(join(stagedDir, 'backend.mjs'), result.outputFiles[0]?.text ?? '');
  await rm(source);
}
