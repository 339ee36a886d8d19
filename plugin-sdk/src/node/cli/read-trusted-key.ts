import { readFile, stat } from 'node:fs/promises';
import { isPluginBundleError } from '../bundle-error.js';
import { describePublicKey, isPublicKeyBase64 } from '../keys.js';
import { readPublicKeyText } from '../public-key-text.js';
import { CliUsageError } from './usage-error.js';

const MAX_TRUST_FILE_BYTES = 64 * 1024;

/** `--trust` values (keys, key files, JSON key files) as a map key id → base64 public key. */
export async function readTrustedKeys(values: readonly string[]): Promise<Map<string, string>> {
  const trustedKeys = new Map<string, string>();
  for (const value of values) {
    const key = await readTrustedKey(value);
    trustedKeys.set(describePublicKey(key).keyId, key);
  }
  return trustedKeys;
}

/** One `--trust` value: a base64 public key, or a file in any form the project hands out (see readPublicKeyText). */
export async function readTrustedKey(value: string): Promise<string> {
  if (isPublicKeyBase64(value)) return value;
  const info = await stat(value).catch(() => null);
  if (!info?.isFile() || info.size > MAX_TRUST_FILE_BYTES) {
    throw new CliUsageError(
      'usage-invalid-value',
      `--trust ${JSON.stringify(value)} is neither a base64 ed25519 public key nor a file holding one (the key alone, keygen's output or --json, development-key.json, or a PUBLIC KEY PEM).`,
    );
  }
  try {
    return readPublicKeyText(await readFile(value, 'utf8'));
  } catch (error) {
    if (isPluginBundleError(error, 'key-invalid'))
      throw new CliUsageError('usage-invalid-value', `--trust ${JSON.stringify(value)}: ${error.message}`);
    throw error;
  }
}
