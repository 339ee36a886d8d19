/** Stable codes of command-line mistakes; all exit with code 2. */
export type CliUsageCode =
  'usage-unknown-command' | 'usage-unknown-option' | 'usage-missing-argument' | 'usage-extra-argument' | 'usage-invalid-value';

/** A mistake in how the CLI was called. */
export class CliUsageError extends Error {
  readonly code: CliUsageCode;
  constructor(code: CliUsageCode, message: string) {
    super(message);
    this.name = 'CliUsageError';
    this.code = code;
  }
}

export const USAGE = `Usage: gatehouse-plugin <command> [options]

Commands:
  init <dir> [--template ts|html] [--id <id>] [--name <name>] [--publisher <name>]
      Create a working plugin project in a new or empty folder: manifest, page with the host's CSP, source,
      an esbuild build, a unit test on @gatehouse/plugin-sdk/testing and a README. Templates: ts (TypeScript,
      the default) or html (plain JavaScript behind one script tag). The id defaults to the folder's name.
  keygen --name <label> [--key-dir <dir>] [--json]
      Create an ed25519 signing key. The private key goes to the OS keychain; where there is none,
      to <key-dir>/ed25519-<hex>.key with mode 0600 (default ~/.config/gatehouse/keys).
  lint <dir> [--source <dir>]... [--json]
      Check a plugin folder as the host will: manifest, files, pages and scripts against the frame's CSP
      and sandbox, capabilities declared but unused or used but undeclared. Reports every problem at once;
      exit 1 when any is an error. For a bundled plugin, --source names the code the bundle is built from:
      the capability check then reads that code instead of the bundle.
  sign <dir> --key <key id> [--key-dir <dir>]
      Hash every file of the plugin folder and write signature.json (refuses an invalid manifest).
  pack <dir> -o <file>
      Pack the plugin folder (with its signature.json) into one archive file (refuses an invalid manifest).
  verify <dir|file> --trust <public key|file> [--trust ...] [--plugin-id <id>] [--previous-version <v>] [--json]
      Check a plugin folder or archive against trusted publisher keys. --trust takes a base64 key or a
      file: development-key.json, saved keygen output (text or --json), or a PUBLIC KEY PEM.
  index <archive>... -o <plugins.json> --key <key id> --trust <public key|file> [--trust ...]
        [--risk <plugin id>=low|medium|high]... [--url-base <https url/>] [--key-dir <dir>]
      Make a signed marketplace index from packed plugins: each archive must verify against a --trust key.
      Users add the index in Gatehouse with the public key of --key.
  dev [<dir>] [--browser <path>] [--headless]
      Run the plugin in <dir> unsigned in the development host: Gatehouse in developer mode on a throwaway
      profile, in a Chromium-family browser found on this machine (or --browser), reloading on every change.
      Without <dir>, the bundled examples. Needs a Gatehouse checkout (found above this folder, or
      GATEHOUSE_REPO); stops when the browser window closes or on Ctrl+C.
  help
      Show this text.

Exit codes: 0 ok, 1 failure, 2 usage error.
`;
