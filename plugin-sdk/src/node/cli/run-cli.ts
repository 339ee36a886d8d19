import { isPluginBundleError } from '../bundle-error.js';
import { isScaffoldError } from '../scaffold/scaffold-error.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from './cli-io.js';
import { devCommand } from './dev-command.js';
import { indexCommand } from './index-command.js';
import { initCommand } from './init-command.js';
import { keygenCommand } from './keygen-command.js';
import { lintCommand } from './lint-command.js';
import { packCommand } from './pack-command.js';
import { signCommand } from './sign-command.js';
import { CliUsageError, USAGE } from './usage-error.js';
import { verifyCommand } from './verify-command.js';

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  init: initCommand,
  keygen: keygenCommand,
  sign: signCommand,
  pack: packCommand,
  verify: verifyCommand,
  index: indexCommand,
  lint: lintCommand,
  dev: devCommand,
};

/**
 * Runs `gatehouse-plugin <command> ...` and returns the exit code (0 ok, 1 failure, 2 usage).
 * Errors are written as `gatehouse-plugin: <code>: <message>`; key material is never printed.
 * @example process.exitCode = await runCli(process.argv.slice(2), process)
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  try {
    if (command === undefined) throw new CliUsageError('usage-missing-argument', 'A command is needed.');
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new CliUsageError('usage-unknown-command', `Unknown command ${JSON.stringify(command)}.`);
    return await run(args, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`gatehouse-plugin: ${error.code}: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (isPluginBundleError(error)) {
      const path = typeof error.detail.path === 'string' ? ` (${error.detail.path})` : '';
      io.stderr.write(`gatehouse-plugin: ${error.code}: ${error.message}${path}\n`);
      return EXIT_FAILURE;
    }
    if (isScaffoldError(error)) {
      io.stderr.write(`gatehouse-plugin: ${error.code}: ${error.message}\n`);
      // A bad --id, --name or --publisher is a mistake in the call, like any other usage error.
      return error.code === 'scaffold-invalid-option' ? EXIT_USAGE : EXIT_FAILURE;
    }
    const code = (error as NodeJS.ErrnoException).code ?? 'unexpected-error';
    io.stderr.write(`gatehouse-plugin: ${String(code).toLowerCase()}: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
}
