// "Install from file": a packed .ghplugin is unpacked into a private folder of its own before the normal
// inspection, so the install flow only ever sees a plain folder it can check and copy.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { isPluginBundleError, unpackPluginBundle } from '@gatehouse/plugin-sdk/node';
import { HostError } from '../core/host-error';

/**
 * Unpacks `file` into a fresh 0700 folder under `parentDir` and answers its path. The SDK's unpacker does
 * the safety work: size limits, every digest checked before anything is written, no `..`, absolute or
 * backslash names, only regular files and folders (an archive cannot carry a link). A refused archive
 * leaves nothing behind and throws BUNDLE_INVALID with the unpacker's reason code.
 */
export async function stageArchive(file: string, parentDir: string = tmpdir()): Promise<string> {
  await mkdir(parentDir, { recursive: true, mode: 0o700 });
  const staging = await mkdtemp(join(parentDir, 'gatehouse-archive-'));
  const bundleDir = join(staging, 'bundle');
  try {
    await unpackPluginBundle(file, bundleDir);
    return bundleDir;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (isPluginBundleError(error)) {
      throw new HostError('BUNDLE_INVALID', `${error.code}: ${error.message}`, { reason: error.code });
    }
    throw new HostError('BUNDLE_INVALID', 'unpack-failed: the archive could not be read.', { reason: 'unpack-failed' });
  }
}

/** Removes a folder stageArchive made (its private parent included); never throws. */
export async function removeStagedArchive(bundleDir: string): Promise<void> {
  const parent = dirname(bundleDir);
  // Only ever a folder this module made: never widen a removal to a path it did not create.
  if (basename(bundleDir) !== 'bundle' || !basename(parent).startsWith('gatehouse-archive-')) return;
  await rm(parent, { recursive: true, force: true }).catch(() => undefined);
}
