import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../atomic-write.js';
import { buildMarketplaceIndex, type RiskTier } from '../build-marketplace-index.js';
import { loadSigningKey } from '../signing-key-storage.js';
import { EXIT_OK, type CliIo } from './cli-io.js';
import { parseCommandArgs, requiredOption } from './parse-command-args.js';
import { readTrustedKeys } from './read-trusted-key.js';
import { CliUsageError } from './usage-error.js';

const RISK_TIERS: readonly RiskTier[] = ['low', 'medium', 'high'];

/** `index <archive>... -o <plugins.json> --key <index key id> --trust <key|file>... [--risk <id>=<tier>]... [--url-base <https url>] [--key-dir <dir>]` */
export async function indexCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('index', () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        key: { type: 'string' },
        'key-dir': { type: 'string' },
        trust: { type: 'string', multiple: true },
        risk: { type: 'string', multiple: true },
        'url-base': { type: 'string' },
      },
    }),
  );
  if (positionals.length === 0) throw new CliUsageError('usage-missing-argument', 'index needs at least one packed plugin archive.');
  const output = requiredOption('index', values.output, '-o <plugins.json>');
  const keyId = requiredOption('index', values.key, '--key <index key id>');
  if (!values.trust || values.trust.length === 0)
    throw new CliUsageError('usage-missing-argument', 'index needs --trust <public key|file> for each publisher it lists.');
  const risk = new Map<string, RiskTier>();
  for (const value of values.risk ?? []) {
    const [id, tier] = value.split('=');
    if (!id || !RISK_TIERS.includes(tier as RiskTier))
      throw new CliUsageError('usage-invalid-value', `index --risk takes <plugin id>=low|medium|high, got ${JSON.stringify(value)}.`);
    risk.set(id, tier as RiskTier);
  }
  const urlBase = values['url-base'];
  if (urlBase !== undefined && !isHttpsBase(urlBase))
    throw new CliUsageError('usage-invalid-value', 'index --url-base must be an https: URL ending in /.');
  const trustedKeys = await readTrustedKeys(values.trust);
  const key = await loadSigningKey(keyId, values['key-dir'] === undefined ? {} : { keyDir: values['key-dir'] });
  const index = await buildMarketplaceIndex(positionals, {
    trustedKeys,
    indexPrivateKey: key.privateKey,
    risk,
    ...(urlBase === undefined ? {} : { urlBase }),
  });
  await writeFileAtomic(output, `${JSON.stringify(index, null, 2)}\n`);
  io.stdout.write(
    `indexed ${index.entries.length} plugin${index.entries.length === 1 ? '' : 's'} into ${output}, signed with ${key.keyId}\n` +
      index.entries.map((entry) => `  ${entry.id}@${entry.version}  ${entry.riskTier}  ${entry.digest}\n`).join('') +
      `Users add it in Gatehouse with the index public key ${key.publicKey}\n`,
  );
  return EXIT_OK;
}

function isHttpsBase(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '' && value.endsWith('/');
  } catch {
    return false;
  }
}
