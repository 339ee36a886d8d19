import { parseArgs } from 'node:util';
import { isAbsolute, relative } from 'node:path';
import { PLUGIN_TEMPLATES, scaffoldPlugin, type PluginTemplate } from '../scaffold/scaffold-plugin.js';
import { EXIT_OK, type CliIo } from './cli-io.js';
import { onePositional, parseCommandArgs } from './parse-command-args.js';
import { CliUsageError } from './usage-error.js';

/** `init <dir> [--template ts|html] [--id <id>] [--name <name>] [--publisher <name>]` */
export async function initCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('init', () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        template: { type: 'string' },
        id: { type: 'string' },
        name: { type: 'string' },
        publisher: { type: 'string' },
      },
    }),
  );
  const dir = onePositional('init', positionals, 'a folder to create the plugin in');
  const template = values.template ?? 'ts';
  if (!isTemplate(template)) {
    throw new CliUsageError(
      'usage-invalid-value',
      `init --template must be one of ${PLUGIN_TEMPLATES.join(', ')}, got ${JSON.stringify(template)}.`,
    );
  }
  const made = await scaffoldPlugin(dir, {
    template,
    ...(values.id === undefined ? {} : { id: values.id }),
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values.publisher === undefined ? {} : { publisher: values.publisher }),
  });
  const fromHere = relative(process.cwd(), made.dir);
  const where = fromHere === '' ? '.' : fromHere.startsWith('..') || isAbsolute(fromHere) ? made.dir : fromHere;
  io.stdout.write(
    `Created ${made.id} ("${made.name}", ${made.template} template) in ${where}: ${made.files.length} files.\n\n` +
      `Next:\n` +
      `  cd ${where}\n` +
      `  npm install          # or: npm install /path/to/gatehouse-plugin-sdk-<version>.tgz\n` +
      `  npm run build        # bundles the code into plugin/app.js\n` +
      `  npm test             # unit tests on the SDK's fake host\n` +
      `  npm run lint         # checks plugin/ as Gatehouse will\n` +
      `README.md says how to run it in Gatehouse, sign and pack it.\n`,
  );
  return EXIT_OK;
}

function isTemplate(value: string): value is PluginTemplate {
  return (PLUGIN_TEMPLATES as readonly string[]).includes(value);
}
