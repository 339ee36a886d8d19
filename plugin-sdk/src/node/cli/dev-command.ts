import { spawn } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EXIT_FAILURE, type CliIo } from './cli-io.js';
import { parseCommandArgs } from './parse-command-args.js';
import { CliUsageError } from './usage-error.js';

/** The development host's launcher inside a Gatehouse checkout. */
const LAUNCHER = join('scripts', 'dev-host.mjs');

async function isGatehouseRepo(dir: string): Promise<boolean> {
  try {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    if (pkg.name !== 'gatehouse') return false;
    await access(join(dir, LAUNCHER));
    return true;
  } catch {
    return false;
  }
}

/**
 * The Gatehouse checkout to run the development host from: `$GATEHOUSE_REPO`, else the first folder holding
 * one above any of `starts` (the SDK's own place in the workspace, the current folder, the plugin folder).
 */
export async function findGatehouseRepo(starts: string[], env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const named = env['GATEHOUSE_REPO'];
  if (named) return (await isGatehouseRepo(resolve(named))) ? resolve(named) : null;
  for (const start of starts) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      if (await isGatehouseRepo(dir)) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  return null;
}

const NEEDS_REPO = `gatehouse-plugin: dev-needs-gatehouse: the development host runs from a Gatehouse checkout, and none was found.
  Get one (git clone <the Gatehouse repository>; npm ci; npm run build:sdk && npm run build:app),
  then run this from inside it or set GATEHOUSE_REPO=<path to the checkout>.
`;

/** `dev [<dir>] [--browser <path>] [--headless]`: hands over to the development host of a Gatehouse checkout. */
export async function devCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('dev', () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { browser: { type: 'string' }, headless: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }),
  );
  if (positionals.length > 1)
    throw new CliUsageError('usage-extra-argument', `dev takes one plugin folder, got ${positionals.length} arguments.`);
  const pluginDir = positionals[0] === undefined ? undefined : resolve(positionals[0]);
  const here = dirname(fileURLToPath(import.meta.url));
  const repo = await findGatehouseRepo([here, process.cwd(), ...(pluginDir ? [pluginDir] : [])]);
  if (repo === null) {
    io.stderr.write(NEEDS_REPO);
    return EXIT_FAILURE;
  }
  const forwarded = [
    ...(pluginDir ? [pluginDir] : []),
    ...(values.browser !== undefined ? ['--browser', resolve(values.browser)] : []),
    ...(values.headless ? ['--headless'] : []),
    ...(values.help ? ['--help'] : []),
  ];
  // The host owns the terminal while it runs: its prompts and Ctrl+C reach it directly.
  const child = spawn(process.execPath, [join(repo, LAUNCHER), ...forwarded], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    return await new Promise<number>((done) => {
      child.once('error', (error) => {
        io.stderr.write(`gatehouse-plugin: dev-start-failed: ${error.message}\n`);
        done(EXIT_FAILURE);
      });
      child.once('exit', (code) => done(code ?? EXIT_FAILURE));
    });
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
