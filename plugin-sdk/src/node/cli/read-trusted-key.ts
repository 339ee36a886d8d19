import { readFile, stat } from 'node:fs/promises';
import { describePublicKey, isPublicKeyBase64 } from '../keys.js';
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

/** One `--trust` value: a base64 public key, a file holding one, or a JSON key file with `publicKey`. */
export async function readTrustedKey(value: string): Promise<string> {
  if (isPublicKeyBase64(value)) return value;
  const info = await stat(value).catch(() => null);
  if (info?.isFile() && info.size <= MAX_TRUST_FILE_BYTES) {
    const content = (await readFile(value, 'utf8')).trim();
    if (isPublicKeyBase64(content)) return content;
    const described = publicKeyFromJson(content);
    if (described === 'key-id-mismatch') {
      throw new CliUsageError('usage-invalid-value', `--trust ${JSON.stringify(value)}: its keyId does not belong to its publicKey; the file is damaged or altered.`);
    }
    if (described !== null) return described;
  }
  throw new CliUsageError(
    'usage-invalid-value',
    `--trust ${JSON.stringify(value)} is neither a base64 ed25519 public key nor a file holding one (the key alone, or JSON with "publicKey" as keygen --json prints it).`,
  );
}

/**
 * The public key of a JSON key description (`{ publicKey, keyId?, ... }`: what `keygen --json` prints and
 * the form the project ships its development key in), or null when the text is not one. A `keyId` that
 * does not match the key is refused rather than ignored.
 */
function publicKeyFromJson(text: string): string | 'key-id-mismatch' | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { publicKey, keyId } = parsed as { publicKey?: unknown; keyId?: unknown };
  if (!isPublicKeyBase64(publicKey)) return null;
  if (keyId !== undefined && keyId !== describePublicKey(publicKey).keyId) return 'key-id-mismatch';
  return publicKey;
}
