import { lstat, mkdir, open, readdir, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write.js';
import { PluginBundleError, isPluginBundleError } from './bundle-error.js';
import { BUNDLE_LIMITS } from './bundle-limits.js';
import { SIGNATURE_FILE_NAME, isSafeBundlePath } from './bundle-path.js';
import { SHA256_DIGEST_PATTERN, sha256Digest, type Sha256Digest } from './hash.js';
import { readRegularFile } from './read-regular-file.js';
import { walkBundle } from './walk-bundle.js';

// Layout: 8-byte magic, uint32 big-endian header length, UTF-8 JSON header, then each file's bytes in header order.
const MAGIC = Buffer.from('GHBNDL01', 'ascii');
const PREFIX_BYTES = MAGIC.length + 4;
export const BUNDLE_ARCHIVE_EXTENSION = '.ghplugin';

const archiveHeaderSchema = z.strictObject({
  format: z.literal(1),
  files: z
    .array(
      z.strictObject({
        path: z.string(),
        size: z.number().int().min(0).max(BUNDLE_LIMITS.fileBytes),
        digest: z.string().regex(SHA256_DIGEST_PATTERN),
      }),
    )
    .max(BUNDLE_LIMITS.files + 1),
});
type ArchiveHeader = z.infer<typeof archiveHeaderSchema>;

/** One file of an archive: bundle path and the sha256 digest of its content. */
export interface ArchivedFile {
  path: string;
  digest: Sha256Digest;
}

/**
 * Packs the bundle folder `srcDir` (signature.json included when present) into one archive file.
 * Regular files only: a symlink or special file is refused, as is an output path inside the bundle.
 * @example await packPluginBundle('./my-plugin', './my-plugin-1.0.0.ghplugin')
 */
export async function packPluginBundle(
  srcDir: string,
  outFile: string,
): Promise<{ files: ArchivedFile[]; signed: boolean; bytes: number }> {
  const entries = await walkBundle(srcDir);
  await refuseOutputInside(srcDir, outFile);
  const paths = entries.map((entry) => entry.path);
  const signaturePath = join(srcDir, SIGNATURE_FILE_NAME);
  const signed = (await lstat(signaturePath).catch(() => null)) !== null;
  if (signed) paths.push(SIGNATURE_FILE_NAME);
  const header: ArchiveHeader = { format: 1, files: [] };
  const contents: Buffer[] = [];
  for (const path of paths.sort()) {
    if (!isSafeBundlePath(path))
      throw new PluginBundleError('unsafe-path', 'A file name cannot be packed: it has a backslash, colon or control character.', { path });
    const content = await readRegularFile(
      join(srcDir, path),
      path === SIGNATURE_FILE_NAME ? BUNDLE_LIMITS.signatureFileBytes : BUNDLE_LIMITS.fileBytes,
    );
    header.files.push({ path, size: content.length, digest: sha256Digest(content) });
    contents.push(content);
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  if (headerBytes.length > BUNDLE_LIMITS.archiveHeaderBytes)
    throw new PluginBundleError('limit-exceeded', 'The archive header is too large.');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const archive = Buffer.concat([MAGIC, length, headerBytes, ...contents]);
  await writeFileAtomic(outFile, archive);
  return { files: header.files.map(({ path, digest }) => ({ path, digest: digest as Sha256Digest })), signed, bytes: archive.length };
}

/**
 * Unpacks an archive made by packPluginBundle into `destDir`, which must be missing or an empty folder.
 * Every name is checked (no `..`, absolute path, backslash, NUL) and every digest verified before
 * anything is written; only regular files and folders are created. Throws PluginBundleError
 * (`archive-malformed`, `path-escape`, `digest-mismatch`, `destination-not-empty`, `limit-exceeded`).
 * The unpacked folder still has to pass verifyPluginBundle.
 */
export async function unpackPluginBundle(file: string, destDir: string): Promise<{ files: ArchivedFile[] }> {
  const maxArchiveBytes = PREFIX_BYTES + BUNDLE_LIMITS.archiveHeaderBytes + BUNDLE_LIMITS.totalBytes + BUNDLE_LIMITS.signatureFileBytes;
  let archive: Buffer;
  try {
    archive = await readRegularFile(file, maxArchiveBytes);
  } catch (error) {
    if (isPluginBundleError(error))
      throw new PluginBundleError(
        error.code === 'limit-exceeded' ? 'limit-exceeded' : 'archive-malformed',
        `The archive cannot be read: ${error.message}`,
      );
    throw error;
  }
  const header = parseHeader(archive);
  let offset = PREFIX_BYTES + archive.readUInt32BE(MAGIC.length);
  const slices: Buffer[] = [];
  for (const entry of header.files) {
    const content = archive.subarray(offset, offset + entry.size);
    if (sha256Digest(content) !== entry.digest)
      throw new PluginBundleError('digest-mismatch', 'An archived file differs from its digest.', { path: entry.path });
    slices.push(content);
    offset += entry.size;
  }
  await prepareDestination(destDir);
  const created = new Set<string>(['']);
  for (const [index, entry] of header.files.entries()) {
    await ensureParents(destDir, entry.path, created);
    const handle = await open(join(destDir, entry.path), 'wx', 0o644);
    try {
      await handle.writeFile(slices[index]!);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  return { files: header.files.map(({ path, digest }) => ({ path, digest: digest as Sha256Digest })) };
}

function parseHeader(archive: Buffer): ArchiveHeader {
  if (archive.length < PREFIX_BYTES || !archive.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new PluginBundleError('archive-malformed', 'The file is not a Gatehouse plugin archive.');
  }
  const headerLength = archive.readUInt32BE(MAGIC.length);
  if (headerLength > BUNDLE_LIMITS.archiveHeaderBytes || PREFIX_BYTES + headerLength > archive.length) {
    throw new PluginBundleError('archive-malformed', 'The archive header length is out of range.');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(archive.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength).toString('utf8'));
  } catch {
    throw new PluginBundleError('archive-malformed', 'The archive header is not valid JSON.');
  }
  const parsed = archiveHeaderSchema.safeParse(raw);
  if (!parsed.success)
    throw new PluginBundleError(
      'archive-malformed',
      'The archive header is malformed (only regular files with path, size and digest are allowed).',
    );
  const header = parsed.data;
  const seen = new Set<string>();
  let total = 0;
  for (const entry of header.files) {
    if (!isSafeBundlePath(entry.path))
      throw new PluginBundleError('path-escape', 'An archived name leaves the bundle or is not a plain relative path.', {
        path: entry.path,
      });
    if (seen.has(entry.path)) throw new PluginBundleError('archive-malformed', 'An archived name appears twice.', { path: entry.path });
    seen.add(entry.path);
    total += entry.size;
  }
  for (const path of seen) {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i += 1) {
      const parent = segments.slice(0, i).join('/');
      if (seen.has(parent))
        throw new PluginBundleError('archive-malformed', 'An archived name is both a file and a folder.', { path: parent });
    }
  }
  if (total > BUNDLE_LIMITS.totalBytes + BUNDLE_LIMITS.signatureFileBytes)
    throw new PluginBundleError('limit-exceeded', 'The archive holds too many bytes.');
  if (PREFIX_BYTES + headerLength + total !== archive.length) {
    throw new PluginBundleError('archive-malformed', 'The archive length does not match its header (truncated or with trailing data).');
  }
  return header;
}

async function prepareDestination(destDir: string): Promise<void> {
  const stat = await lstat(destDir).catch(() => null);
  if (!stat) {
    await mkdir(destDir, { recursive: true, mode: 0o755 });
    return;
  }
  if (!stat.isDirectory())
    throw new PluginBundleError('destination-not-empty', 'The destination exists and is not a folder.', { path: destDir });
  if ((await readdir(destDir)).length > 0)
    throw new PluginBundleError('destination-not-empty', 'The destination folder is not empty.', { path: destDir });
}

async function ensureParents(destDir: string, path: string, created: Set<string>): Promise<void> {
  const segments = path.split('/').slice(0, -1);
  for (let i = 1; i <= segments.length; i += 1) {
    const parent = segments.slice(0, i).join('/');
    if (created.has(parent)) continue;
    // Exclusive mkdir: a folder that already exists was not made by us, so it is refused.
    await mkdir(join(destDir, parent), { mode: 0o755 });
    created.add(parent);
  }
}

async function refuseOutputInside(srcDir: string, outFile: string): Promise<void> {
  const bundleRoot = await realpath(srcDir);
  const outParent = await realpath(dirname(resolve(outFile))).catch(() => dirname(resolve(outFile)));
  const rel = relative(bundleRoot, join(outParent, basename(outFile)));
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (!outside)
    throw new PluginBundleError('output-inside-bundle', 'The archive may not be written inside the bundle folder it packs.', {
      path: outFile,
    });
}
