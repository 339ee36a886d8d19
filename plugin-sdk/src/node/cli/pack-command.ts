import { parseArgs } from 'node:util';
import { assertFolderManifestValid } from '../bundle-manifest.js';
import { packPluginBundle } from '../bundle-archive.js';
import { EXIT_OK, type CliIo } from './cli-io.js';
import { onePositional, parseCommandArgs, requiredOption } from './parse-command-args.js';

/** `pack <dir> -o <file>` */
export async function packCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('pack', () =>
    parseArgs({ args, strict: true, allowPositionals: true, options: { output: { type: 'string', short: 'o' } } }),
  );
  const dir = onePositional('pack', positionals, 'a plugin folder');
  const output = requiredOption('pack', values.output, '-o <file>');
  await assertFolderManifestValid(dir);
  const packed = await packPluginBundle(dir, output);
  if (!packed.signed) io.stderr.write(`warning: ${dir} has no signature.json; the archive is unsigned and will not verify.\n`);
  io.stdout.write(`packed ${packed.files.length} files (${packed.bytes} bytes) into ${output}\n`);
  return EXIT_OK;
}
