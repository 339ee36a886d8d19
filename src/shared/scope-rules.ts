// The rules of a scope that both the host's schemas (src/core/policy) and the Settings forms check, in one
// place: the forms give early, friendly errors; the host's zod schemas decide. Same numbers, same patterns.

/** The tools whose argument grammar the host understands; `ssh-keygen` has two fixed forms; `none` means exact argv patterns only. */
export const PROCESS_TOOLS = ['docker', 'kubectl', 'helm', 'terraform', 'git', 'ssh-keygen', 'none'] as const;
export type ProcessTool = (typeof PROCESS_TOOLS)[number];

/** The largest single write any filesystem scope may allow. */
export const FS_SCOPE_MAX_WRITE_BYTES = 1024 * 1024 * 1024;
/** The largest output a process scope may let a child return, per stream. */
export const PROCESS_SCOPE_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** The longest confirmation memory a per-command scope may ask for. */
export const PROCESS_SCOPE_MAX_REMEMBER_MS = 24 * 60 * 60 * 1000;

/** Subcommand words separated by single spaces, or '' for none. */
export const SUBCOMMAND_PATTERN = /^([a-z0-9][a-z0-9._-]*( [a-z0-9][a-z0-9._-]*)*)?$/;
/** A flag such as `-v` or `--mount`. */
export const FLAG_PATTERN = /^--?[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** A keychain secret's name: what a scope's `secretEnv` maps an environment variable to. */
export const SECRET_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
/** An executable pin: lowercase hex sha256. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
