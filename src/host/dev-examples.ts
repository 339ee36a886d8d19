// A development build offers the example plugins out of the box, signed with the development key.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostCore } from '../core/host-core-types';

/** The development publisher key the examples are signed with, read from the repository (the browser suite's host); null when the file is not there. The app takes it from the build (build-constants.ts). */
export async function readDevelopmentPublisher(examplesDir: string): Promise<{ publicKey: string; name: string } | null> {
  try {
    const key = JSON.parse(await readFile(join(examplesDir, 'dev-signing-key', 'development-key.json'), 'utf8')) as {
      publicKey?: unknown;
      name?: unknown;
    };
    return typeof key.publicKey === 'string' && typeof key.name === 'string' ? { publicKey: key.publicKey, name: key.name } : null;
  } catch {
    return null;
  }
}

/** Installs every built example (`examples/<name>/plugin`) that is not installed yet; problems are reported, not fatal. */
export async function installDevExamples(core: HostCore, examplesDir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(examplesDir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const dir = join(examplesDir, name, 'plugin');
    let id: unknown;
    try {
      id = (JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { id?: unknown }).id;
    } catch {
      continue;
    }
    if (typeof id !== 'string' || core.plugins.get(id)) continue;
    try {
      await core.plugins.install(dir);
    } catch (error) {
      console.warn(
        `Example "${name}" was not installed: ${error instanceof Error ? error.message : String(error)} (run npm run build:examples)`,
      );
    }
  }
}
