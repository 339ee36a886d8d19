import { CliUsageError } from './usage-error.js';

/**
 * Runs a strict `parseArgs` call and turns its errors into usage errors with stable codes.
 * @example parseCommandArgs('pack', () => parseArgs({ args, options, strict: true, allowPositionals: true }))
 */
export function parseCommandArgs<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = `${command}: ${(error as Error).message}`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CliUsageError('usage-unknown-option', message);
    throw new CliUsageError('usage-invalid-value', message);
  }
}

/** Exactly one positional argument, named `what` in the error. */
export function onePositional(command: string, positionals: string[], what: string): string {
  if (positionals.length === 0) throw new CliUsageError('usage-missing-argument', `${command} needs ${what}.`);
  if (positionals.length > 1)
    throw new CliUsageError('usage-extra-argument', `${command} takes one ${what}, got ${positionals.length} arguments.`);
  return positionals[0]!;
}

/** A required string option. */
export function requiredOption(command: string, value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new CliUsageError('usage-missing-argument', `${command} needs ${flag}.`);
  return value;
}
