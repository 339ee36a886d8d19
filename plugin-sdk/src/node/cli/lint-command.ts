import { parseArgs } from 'node:util';
import { lintPluginFolder } from '../lint/lint-plugin-folder.js';
import { EXIT_FAILURE, EXIT_OK, type CliIo } from './cli-io.js';
import { onePositional, parseCommandArgs } from './parse-command-args.js';

/** `lint <dir> [--source <dir>]... [--json]`: every problem at once; exit 1 when any is an error. */
export async function lintCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('lint', () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, source: { type: 'string', multiple: true } },
    }),
  );
  const dir = onePositional('lint', positionals, 'a plugin folder');
  const report = await lintPluginFolder(dir, values.source === undefined ? {} : { sourceDirs: values.source });
  if (values.json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    for (const finding of report.findings) {
      const where = finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
      io.stdout.write(`${where}: ${finding.severity} ${finding.code}: ${finding.message}\n`);
    }
    io.stdout.write(
      `${dir}: ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}\n`,
    );
  }
  return report.errors > 0 ? EXIT_FAILURE : EXIT_OK;
}
