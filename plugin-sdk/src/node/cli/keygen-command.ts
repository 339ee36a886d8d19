import { parseArgs } from 'node:util';
import { generateSigningKeyPair } from '../keys.js';
import { SIGNING_KEYCHAIN_SERVICE, storeSigningKey } from '../signing-key-storage.js';
import { EXIT_OK, type CliIo } from './cli-io.js';
import { parseCommandArgs, requiredOption } from './parse-command-args.js';
import { CliUsageError } from './usage-error.js';

/** `keygen --name <label> [--key-dir <dir>] [--json]` */
export async function keygenCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('keygen', () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        'key-dir': { type: 'string' },
        json: { type: 'boolean' },
      },
    }),
  );
  if (positionals.length > 0) throw new CliUsageError('usage-extra-argument', 'keygen takes no positional arguments.');
  const name = requiredOption('keygen', values.name, '--name <label>');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new CliUsageError('usage-invalid-value', 'keygen --name must be at most 100 characters without control characters.');
  }
  const pair = generateSigningKeyPair();
  const stored = await storeSigningKey(pair, name, values['key-dir'] === undefined ? {} : { keyDir: values['key-dir'] });
  if (stored.location === 'file') {
    io.stderr.write(
      `warning: no OS keychain is available (${stored.keychainError}).\n` +
        `warning: the private key was written to ${stored.path} with mode 0600. Anyone who can read that file can sign as you: keep it private and backed up.\n`,
    );
  }
  if (values.json) {
    const where =
      stored.location === 'file' ? { location: 'file', path: stored.path } : { location: 'keychain', service: SIGNING_KEYCHAIN_SERVICE };
    io.stdout.write(`${JSON.stringify({ name, keyId: pair.keyId, fingerprint: pair.fingerprint, publicKey: pair.publicKey, ...where })}\n`);
    return EXIT_OK;
  }
  const where = stored.location === 'file' ? `file ${stored.path} (mode 0600)` : `OS keychain (service ${SIGNING_KEYCHAIN_SERVICE})`;
  io.stdout.write(
    `Created signing key "${name}"\n` +
      `key id:      ${pair.keyId}\n` +
      `fingerprint: ${pair.fingerprint}\n` +
      `public key:  ${pair.publicKey}\n` +
      `stored in:   ${where}\n`,
  );
  return EXIT_OK;
}
