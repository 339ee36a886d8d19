import { parseArgs } from 'node:util';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unpackPluginBundle } from '../bundle-archive.js';
import { isPluginBundleError, type PluginBundleErrorCode } from '../bundle-error.js';
import { describePublicKey } from '../keys.js';
import { isSemver } from '../semver.js';
import { verifyPluginBundle, type BundleExpectation } from '../verify-bundle.js';
import type { BundleVerificationResult } from '../verification-result.js';
import { EXIT_FAILURE, EXIT_OK, type CliIo } from './cli-io.js';
import { onePositional, parseCommandArgs } from './parse-command-args.js';
import { readTrustedKeys } from './read-trusted-key.js';
import { CliUsageError } from './usage-error.js';

/** `verify <dir|file> --trust <public key|file> [--trust ...] [--plugin-id <id>] [--previous-version <v>] [--json]` */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('verify', () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        trust: { type: 'string', multiple: true },
        'plugin-id': { type: 'string' },
        'previous-version': { type: 'string' },
        json: { type: 'boolean' },
      },
    }),
  );
  const target = onePositional('verify', positionals, 'a plugin folder or archive');
  if (!values.trust || values.trust.length === 0)
    throw new CliUsageError('usage-missing-argument', 'verify needs --trust <public key|file>.');
  const trustedKeys = await readTrustedKeys(values.trust);
  const previousVersion = values['previous-version'];
  if (previousVersion !== undefined && !isSemver(previousVersion)) {
    throw new CliUsageError('usage-invalid-value', 'verify --previous-version must be a semantic version such as 1.2.3.');
  }
  const expect: BundleExpectation = {};
  if (values['plugin-id'] !== undefined) expect.pluginId = values['plugin-id'];
  if (previousVersion !== undefined) expect.previousVersion = previousVersion;
  const result = await verifyTarget(target, trustedKeys, expect);
  if (values.json) {
    io.stdout.write(
      `${JSON.stringify(result.ok ? { ok: true, pluginId: result.pluginId, version: result.version, publisherKeyId: result.publisherKeyId, digest: result.digest } : result)}\n`,
    );
  } else if (result.ok) {
    const fingerprint = describePublicKey(trustedKeys.get(result.publisherKeyId)!).fingerprint;
    io.stdout.write(
      `ok ${result.pluginId}@${result.version} signed by ${result.publisherKeyId}\nfingerprint: ${fingerprint}\ndigest: ${result.digest}\n`,
    );
  } else {
    io.stdout.write(`failed: ${result.reason}${result.path === undefined ? '' : ` (${result.path})`}: ${result.detail}\n`);
  }
  return result.ok ? EXIT_OK : EXIT_FAILURE;
}

// An archive that cannot be unpacked fails with the archive's own code (archive-malformed, path-escape, ...).
type VerifyOutcome = BundleVerificationResult | { ok: false; reason: PluginBundleErrorCode; detail: string; path?: string };

async function verifyTarget(target: string, trustedKeys: Map<string, string>, expect: BundleExpectation): Promise<VerifyOutcome> {
  const info = await stat(target).catch(() => null);
  if (!info?.isFile()) return verifyPluginBundle(target, { trustedKeys, expect });
  const scratch = await mkdtemp(join(tmpdir(), 'gatehouse-verify-'));
  try {
    const dir = join(scratch, 'bundle');
    try {
      await unpackPluginBundle(target, dir);
    } catch (error) {
      if (!isPluginBundleError(error)) throw error;
      const path = typeof error.detail.path === 'string' ? error.detail.path : undefined;
      return {
        ok: false,
        reason: error.code,
        detail: `The archive cannot be unpacked: ${error.message}`,
        ...(path === undefined ? {} : { path }),
      };
    }
    return await verifyPluginBundle(dir, { trustedKeys, expect });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
