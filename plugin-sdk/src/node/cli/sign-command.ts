import { parseArgs } from 'node:util';
import { assertFolderManifestValid } from '../bundle-manifest.js';
import { signPluginBundle } from '../sign-bundle.js';
import { loadSigningKey } from '../signing-key-storage.js';
import { EXIT_OK, type CliIo } from './cli-io.js';
import { onePositional, parseCommandArgs, requiredOption } from './parse-command-args.js';

/** `sign <dir> --key <key id> [--key-dir <dir>]` */
export async function signCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('sign', () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        key: { type: 'string' },
        'key-dir': { type: 'string' },
      },
    }),
  );
  const dir = onePositional('sign', positionals, 'a plugin folder');
  const keyId = requiredOption('sign', values.key, '--key <key id>');
  await assertFolderManifestValid(dir);
  const key = await loadSigningKey(keyId, values['key-dir'] === undefined ? {} : { keyDir: values['key-dir'] });
  const { signature, digest } = await signPluginBundle(dir, key.privateKey, key.publicKey);
  io.stdout.write(
    `signed ${signature.pluginId}@${signature.version} with ${key.keyId} (key from ${key.location === 'keychain' ? 'OS keychain' : 'file'})\n` +
      `files:  ${Object.keys(signature.files).length}\n` +
      `digest: ${digest}\n`,
  );
  return EXIT_OK;
}
