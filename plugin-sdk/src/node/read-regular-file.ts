import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { PluginBundleError } from './bundle-error.js';

/**
 * Reads a regular file without following a symlink at its last component, refusing anything larger
 * than `maxBytes`. Throws `symlink-present`, `unsupported-file` or `limit-exceeded`; other fs errors pass through.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new PluginBundleError('symlink-present', 'A symlink is not allowed in a bundle.', { path });
    }
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new PluginBundleError('unsupported-file', 'Only regular files are allowed in a bundle.', { path });
    if (stat.size > maxBytes) throw new PluginBundleError('limit-exceeded', `A file is larger than ${maxBytes} bytes.`, { path });
    const content = await handle.readFile();
    if (content.length > maxBytes) throw new PluginBundleError('limit-exceeded', `A file is larger than ${maxBytes} bytes.`, { path });
    return content;
  } finally {
    await handle.close();
  }
}
