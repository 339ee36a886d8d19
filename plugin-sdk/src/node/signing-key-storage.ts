import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { PluginBundleError } from './bundle-error.js';
import { KEY_ID_PATTERN, describePublicKey, privateKeyFrom, publicKeyToBase64, type SigningKeyPair } from './keys.js';
import { KEYCHAIN_TIMEOUT_MS, loadKeytar, withTimeout } from './keytar-loader.js';

/** Keychain service under which signing keys are kept; the account is the key id. */
export const SIGNING_KEYCHAIN_SERVICE = 'gatehouse-plugin-signing';

const storedSigningKeySchema = z.strictObject({
  format: z.literal(1),
  name: z.string().max(200),
  keyId: z.string().regex(KEY_ID_PATTERN),
  publicKey: z.string(),
  privateKey: z.string().max(4096),
});
type StoredSigningKey = z.infer<typeof storedSigningKeySchema>;

/** Where a signing key ended up: the OS keychain, or a 0600 file because no keychain was available. */
export type SigningKeyLocation = { location: 'keychain' } | { location: 'file'; path: string; keychainError: string };

/** A signing key loaded for use. */
export interface LoadedSigningKey {
  keyId: string;
  name: string;
  publicKey: string;
  privateKey: KeyObject;
  location: 'keychain' | 'file';
}

/** The default folder of signing key files: `~/.config/gatehouse/keys`. */
export function defaultSigningKeyDir(): string {
  return join(homedir(), '.config', 'gatehouse', 'keys');
}

/** File name of a key: the key id with `:` replaced by `-` (portable), plus `.key`. */
export function signingKeyFileName(keyId: string): string {
  return `${keyId.replace(':', '-')}.key`;
}

/**
 * Stores a new signing key in the OS keychain (service `gatehouse-plugin-signing`, account = key id).
 * When keytar is missing or the keychain refuses, writes `<keyDir>/<key file>` with mode 0600 instead
 * and says why in `keychainError`.
 */
export async function storeSigningKey(pair: SigningKeyPair, name: string, options: { keyDir?: string } = {}): Promise<SigningKeyLocation> {
  const record: StoredSigningKey = { format: 1, name, keyId: pair.keyId, publicKey: pair.publicKey, privateKey: pair.privateKeyPem };
  const text = JSON.stringify(record);
  try {
    const keytar = await loadKeytar();
    await withTimeout(keytar.setPassword(SIGNING_KEYCHAIN_SERVICE, pair.keyId, text), KEYCHAIN_TIMEOUT_MS, 'The OS keychain');
    return { location: 'keychain' };
  } catch (error) {
    const keyDir = options.keyDir ?? defaultSigningKeyDir();
    await mkdir(keyDir, { recursive: true, mode: 0o700 });
    const path = join(keyDir, signingKeyFileName(pair.keyId));
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(`${text}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { location: 'file', path, keychainError: describeKeychainError(error) };
  }
}

/**
 * Loads a signing key by id: from the OS keychain first, then from `<keyDir>/<key file>`.
 * A key file readable by group or others is refused (`key-file-permissions`), as is one whose
 * content does not match its id (`key-invalid`). Throws `key-not-found` when neither has it.
 */
export async function loadSigningKey(keyId: string, options: { keyDir?: string } = {}): Promise<LoadedSigningKey> {
  if (!KEY_ID_PATTERN.test(keyId)) throw new PluginBundleError('key-invalid', 'A key id looks like ed25519:<32 hex digits>.');
  let keychainNote = 'not in the OS keychain';
  try {
    const keytar = await loadKeytar();
    const stored = await withTimeout(keytar.getPassword(SIGNING_KEYCHAIN_SERVICE, keyId), KEYCHAIN_TIMEOUT_MS, 'The OS keychain');
    if (stored !== null) return parseStoredKey(stored, keyId, 'keychain');
  } catch (error) {
    keychainNote = `OS keychain unavailable: ${describeKeychainError(error)}`;
  }
  const keyDir = options.keyDir ?? defaultSigningKeyDir();
  const path = join(keyDir, signingKeyFileName(keyId));
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new PluginBundleError('key-not-found', `Key ${keyId} was not found (${keychainNote}; no file ${path}).`, { keyId });
    if (code === 'ELOOP') throw new PluginBundleError('key-file-permissions', `The key file ${path} is a symlink.`, { path });
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new PluginBundleError('key-invalid', `The key file ${path} is not a regular file.`, { path });
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new PluginBundleError('key-file-permissions', `The key file ${path} is readable by others; run chmod 600 on it.`, { path });
    }
    return parseStoredKey((await handle.readFile()).toString('utf8'), keyId, 'file');
  } finally {
    await handle.close();
  }
}

function parseStoredKey(text: string, keyId: string, location: 'keychain' | 'file'): LoadedSigningKey {
  let record: StoredSigningKey;
  try {
    record = storedSigningKeySchema.parse(JSON.parse(text));
  } catch {
    throw new PluginBundleError('key-invalid', `The stored key ${keyId} is not a Gatehouse signing key.`, { keyId });
  }
  const privateKey = privateKeyFrom(record.privateKey);
  const publicKey = publicKeyToBase64(privateKey);
  if (record.keyId !== keyId || describePublicKey(publicKey).keyId !== keyId || record.publicKey !== publicKey) {
    throw new PluginBundleError('key-invalid', `The stored key does not match the key id ${keyId}.`, { keyId });
  }
  return { keyId, name: record.name, publicKey, privateKey, location };
}

function describeKeychainError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND') return 'keytar is not installed';
  return error instanceof Error ? error.message : String(error);
}
