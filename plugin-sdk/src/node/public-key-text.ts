import { createPublicKey } from 'node:crypto';
import { PluginBundleError } from './bundle-error.js';
import { describePublicKey, isPublicKeyBase64, publicKeyToBase64 } from './keys.js';

/**
 * The base64 raw ed25519 public key in the text of a key file, in every form this project hands out:
 * - the bare base64 key (one line);
 * - a JSON object with `publicKey`: the shipped `examples/dev-signing-key/development-key.json`,
 *   `gatehouse-plugin keygen --json` output, a stored key file (only its public half is read); a `keyId`
 *   next to it must match the key;
 * - the text `keygen` prints (its `public key:` line);
 * - a `-----BEGIN PUBLIC KEY-----` PEM (SPKI) of an ed25519 key.
 * A private key PEM is refused with a message naming what to pass instead. Throws `key-invalid`.
 * @example readPublicKeyText(await readFile('examples/dev-signing-key/development-key.json', 'utf8'))
 */
export function readPublicKeyText(text: string): string {
  const trimmed = text.trim();
  // Checked through a copy: the type guard would otherwise narrow `trimmed` to never below.
  const bare: unknown = trimmed;
  if (isPublicKeyBase64(bare)) return bare;
  if (trimmed.startsWith('{')) return fromJson(trimmed);
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(trimmed)) {
    throw new PluginBundleError(
      'key-invalid',
      'This is a private key. Pass the public half instead: the "public key:" line keygen printed, its --json output, or a file such as development-key.json.',
    );
  }
  if (trimmed.startsWith('-----BEGIN PUBLIC KEY-----')) return fromPem(trimmed);
  const printed = /^public key:\s*(\S+)\s*$/m.exec(trimmed)?.[1];
  if (printed !== undefined && isPublicKeyBase64(printed)) return printed;
  throw new PluginBundleError(
    'key-invalid',
    'No ed25519 public key found: expected base64 of the raw 32-byte key, a JSON file with "publicKey" (keygen --json, development-key.json), keygen output, or a PUBLIC KEY PEM.',
  );
}

function fromJson(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PluginBundleError('key-invalid', 'The key file starts like JSON but is not valid JSON.');
  }
  const record = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const publicKey = record.publicKey;
  if (!isPublicKeyBase64(publicKey))
    throw new PluginBundleError('key-invalid', 'The JSON key file has no "publicKey" holding base64 of a raw 32-byte ed25519 key.');
  // A key id that names another key means the file was edited or mixed up: trusting either half would be a guess.
  if (record.keyId !== undefined && record.keyId !== describePublicKey(publicKey).keyId) {
    throw new PluginBundleError('key-invalid', 'The JSON key file\'s "keyId" does not belong to its "publicKey".');
  }
  return publicKey;
}

function fromPem(pem: string): string {
  try {
    return publicKeyToBase64(createPublicKey({ key: pem, format: 'pem' }));
  } catch (error) {
    if (error instanceof PluginBundleError) throw error;
    throw new PluginBundleError('key-invalid', 'The PUBLIC KEY PEM could not be read as an ed25519 key.');
  }
}
