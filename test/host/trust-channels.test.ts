// The trust, consent, marketplace and secrets channels of the dispatcher, over a real host core with real
// signed bundles in temp folders.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Conf from 'conf';
import { generateSigningKeyPair, packPluginBundle, signPluginBundle, type SigningKeyPair } from '@gatehouse/plugin-sdk/node';
import { createHostCore, createInteractivePrompter, type HostCore } from '../../src/core/index';
import { createSecretStore, type KeytarLike, type SecretStore } from '../../src/core/secrets';
import { signMarketplaceIndex } from '../../src/core/trust';
import { createIpcDispatcher, type FilePurpose, type IpcDispatcher } from '../../src/host/ipc-dispatcher';
import type { InstallTicket, MarketplaceView, SecretsStatus, TrustedPublisherView } from '../../src/shared/ipc-contract';
import type { IpcResult } from '../../src/shared/ipc-result';
import type { PluginInfo } from '../../src/shared/plugin-info';
import type { PluginInspection } from '../../src/shared/plugin-inspection';
import { skipWithoutSecretService } from '../support/secret-service';

const roots: string[] = [];
after(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

function failure(result: IpcResult<unknown>) {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return result as Extract<IpcResult<unknown>, { ok: false }>;
}
function value<T>(result: IpcResult<unknown>): T {
  assert.equal(result.ok, true, `expected success, got ${JSON.stringify(result)}`);
  return (result as { value: T }).value;
}

/** Named fake of a machine without a keychain: the keychain module does not load. */
const missingKeytar = async (): Promise<KeytarLike> => {
  throw new Error('keytar is not installed');
};

interface Host {
  root: string;
  core: HostCore;
  dispatcher: IpcDispatcher;
  folders: Array<string | null>;
  files: Array<string | null>;
  asked: FilePurpose[];
}

async function startHost(options: { secretStore?: SecretStore } = {}): Promise<Host> {
  const root = await mkdtemp(join(tmpdir(), 'gatehouse-trust-ipc-'));
  roots.push(root);
  const prompter = createInteractivePrompter();
  const core = await createHostCore({
    dataDir: join(root, 'data'),
    pluginsDir: join(root, 'plugins'),
    hostsPath: join(root, 'hosts'),
    settings: new Conf<Record<string, unknown>>({ cwd: join(root, 'settings') }),
    clipboard: null,
    prompter,
    devMode: false,
    homeDir: root,
    secretStore: options.secretStore ?? createSecretStore({ loadKeytar: missingKeytar }),
    scopes: {
      process: [
        {
          id: 'token-scope',
          title: 'Token',
          executables: [{ path: '/usr/bin/printenv' }],
          tool: 'none',
          rules: { argv: [['API_TOKEN']] },
          secretEnv: { API_TOKEN: 'api-token' },
          timeoutCeilingMs: 5_000,
          maxOutputBytes: 4_096,
          confirmation: { mode: 'never' },
        },
      ],
    },
  });
  const host: Host = { root, core, dispatcher: null as unknown as IpcDispatcher, folders: [], files: [], asked: [] };
  host.dispatcher = createIpcDispatcher(
    core,
    {
      chooseFolder: async () => host.folders.shift() ?? null,
      chooseFile: async (purpose) => {
        host.asked.push(purpose);
        return host.files.shift() ?? null;
      },
      chooseSavePath: async () => null,
      archiveStagingDir: join(root, 'staging'),
      pluginFrame: (pluginId, entry) => ({ url: `gatehouse-plugin://${pluginId}/${entry}`, origin: `gatehouse-plugin://${pluginId}` }),
      appInfo: () => ({ version: '0.0.0', platform: 'test', devMode: false }),
      prompter,
    },
    { checkResponses: true },
  );
  after(() => core.close());
  return host;
}

async function bundle(dir: string, key: SigningKeyPair, manifest: { version?: string; capabilities?: string[] } = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({
      id: 'probe',
      name: 'Probe',
      version: manifest.version ?? '1.0.0',
      publisher: 'Probe Corp',
      description: 'A probe.',
      capabilities: manifest.capabilities ?? ['system.clipboard.write', 'system.clipboard.read'],
      ui: { entry: 'index.html' },
    }),
  );
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>probe</title>');
  await signPluginBundle(dir, key.privateKeyPem);
  return dir;
}

async function inspect(host: Host, dir: string): Promise<InstallTicket> {
  host.folders.push(dir);
  return value<InstallTicket>(await host.dispatcher.invoke('plugins:inspect', undefined));
}

test('install from an unknown publisher: refused until trusted, a ticket works once, only the chosen grants are given', async () => {
  const host = await startHost();
  const key = generateSigningKeyPair();
  const dir = await bundle(join(host.root, 'src'), key);

  assert.equal(value(await host.dispatcher.invoke('plugins:inspect', undefined)), null, 'a cancelled picker gives null');
  const ticket = await inspect(host, dir);
  assert.equal(ticket.source, 'folder');
  assert.equal(ticket.inspection.reason, 'publisher-untrusted');
  assert.equal(ticket.inspection.publisher?.fingerprint, key.fingerprint);
  assert.ok(!JSON.stringify(ticket).includes(host.root), 'the renderer never sees a path');

  const untrusted = failure(await host.dispatcher.invoke('plugins:install', { token: ticket.token, grants: [] }));
  assert.equal(untrusted.code, 'PUBLISHER_UNTRUSTED');
  const spent = failure(
    await host.dispatcher.invoke('plugins:install', { token: ticket.token, grants: [], trustPublisher: { name: 'Probe Corp' } }),
  );
  assert.equal(spent.code, 'INVALID_INPUT', 'a ticket is used once');

  const second = await inspect(host, dir);
  const undeclared = failure(
    await host.dispatcher.invoke('plugins:install', {
      token: second.token,
      grants: ['system.hosts.write'],
      trustPublisher: { name: 'Probe Corp' },
    }),
  );
  assert.equal(undeclared.code, 'CAPABILITY_NOT_DECLARED');
  assert.equal(host.core.trust.list().length, 0, 'nothing was trusted for a refused install');

  const third = await inspect(host, dir);
  const info = value<PluginInfo>(
    await host.dispatcher.invoke('plugins:install', {
      token: third.token,
      grants: ['system.clipboard.write'],
      trustPublisher: { name: 'Probe Corp' },
    }),
  );
  assert.deepEqual(info.granted, ['system.clipboard.write']);
  assert.equal(info.status, 'installed');
  assert.equal(info.needsConsent, false);
  const publishers = value<TrustedPublisherView[]>(await host.dispatcher.invoke('trust:list', undefined));
  assert.deepEqual(
    publishers.map((entry) => [entry.keyId, entry.name, entry.fingerprint]),
    [[key.keyId, 'Probe Corp', key.fingerprint]],
  );
  const status = await host.core.audit.query({ pluginId: 'probe', action: 'plugin.status' });
  assert.equal(status.total, 2);

  assert.equal(failure(await host.dispatcher.invoke('plugins:install', { token: '../../etc/passwd', grants: [] })).code, 'INVALID_INPUT');
});

test('a tampered bundle from an unknown publisher is refused after the trust step, and the trust is taken back', async () => {
  const host = await startHost();
  const key = generateSigningKeyPair();
  const dir = await bundle(join(host.root, 'src'), key);
  const html = join(dir, 'index.html');
  const bytes = await readFile(html);
  bytes[3] = (bytes[3] ?? 0) ^ 1;
  await writeFile(html, bytes);

  const ticket = await inspect(host, dir);
  assert.equal(ticket.inspection.reason, 'publisher-untrusted', 'the key is checked before the files');
  const refused = failure(
    await host.dispatcher.invoke('plugins:install', { token: ticket.token, grants: [], trustPublisher: { name: 'Probe Corp' } }),
  );
  assert.equal(refused.code, 'BUNDLE_INVALID');
  assert.equal(refused.details?.reason, 'digest-mismatch');
  assert.equal(refused.details?.file, 'index.html', 'the refusal names the changed file');
  assert.match(refused.error, /\(index\.html\)$/);
  assert.deepEqual(host.core.trust.list(), []);
  assert.deepEqual(host.core.plugins.list(), []);

  // With the key trusted, the inspection itself names the reason and Install is refused outright.
  await host.core.trust.add({ publicKey: key.publicKey, name: 'Probe Corp' });
  const again = await inspect(host, dir);
  assert.equal(again.inspection.reason, 'digest-mismatch');
  assert.equal(again.inspection.file, 'index.html');
  assert.equal(ticket.inspection.file, null, 'an untrusted key concerns no single file');
  assert.equal(
    failure(await host.dispatcher.invoke('plugins:install', { token: again.token, grants: [] })).details?.reason,
    'digest-mismatch',
  );
});

test('a bundle that changes after it was reviewed is not installed', async () => {
  const host = await startHost();
  const key = generateSigningKeyPair();
  await host.core.trust.add({ publicKey: key.publicKey, name: 'Probe Corp' });
  const dir = await bundle(join(host.root, 'src'), key, { capabilities: ['system.clipboard.write'] });
  const ticket = await inspect(host, dir);
  assert.equal(ticket.inspection.ok, true);
  await bundle(dir, key, { capabilities: ['system.clipboard.write', 'system.clipboard.read'] });
  const changed = failure(await host.dispatcher.invoke('plugins:install', { token: ticket.token, grants: ['system.clipboard.write'] }));
  assert.equal(changed.details?.reason, 'bundle-changed');
  assert.deepEqual(host.core.plugins.list(), []);
  const cancelled = await inspect(host, dir);
  assert.deepEqual(value(await host.dispatcher.invoke('plugins:cancel-install', { token: cancelled.token })), { discarded: true });
  assert.equal(failure(await host.dispatcher.invoke('plugins:install', { token: cancelled.token, grants: [] })).code, 'INVALID_INPUT');
});

/** A hand-made archive in the .ghplugin layout (magic, header length, JSON header, bytes) with any names. */
async function rawArchive(file: string, entries: Array<{ path: string; content: string }>): Promise<string> {
  const contents = entries.map((entry) => Buffer.from(entry.content));
  const header = Buffer.from(
    JSON.stringify({
      format: 1,
      files: entries.map((entry, i) => ({
        path: entry.path,
        size: contents[i]!.length,
        digest: `sha256:${createHash('sha256').update(contents[i]!).digest('hex')}`,
      })),
    }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  await writeFile(file, Buffer.concat([Buffer.from('GHBNDL01'), length, header, ...contents]));
  return file;
}

async function stagedEntries(host: Host): Promise<string[]> {
  return readdir(join(host.root, 'staging')).catch(() => []);
}

test('install from file: a packed bundle gets the same inspection, trust step and ticket, and its staging is removed', async () => {
  const host = await startHost();
  const key = generateSigningKeyPair();
  const dir = await bundle(join(host.root, 'src'), key);
  const archive = join(host.root, 'probe-1.0.0.ghplugin');
  await packPluginBundle(dir, archive);

  assert.equal(value(await host.dispatcher.invoke('plugins:inspect-file', undefined)), null, 'a cancelled picker gives null');
  assert.deepEqual(host.asked, ['plugin-archive']);
  host.files.push(archive);
  const ticket = value<InstallTicket>(await host.dispatcher.invoke('plugins:inspect-file', undefined));
  assert.equal(ticket.source, 'file');
  assert.equal(ticket.inspection.reason, 'publisher-untrusted', 'the archive goes through the same trust step');
  assert.equal(ticket.inspection.publisher?.fingerprint, key.fingerprint);
  assert.ok(!JSON.stringify(ticket).includes(host.root), 'the renderer never sees the staging path');
  const staged = await stagedEntries(host);
  assert.equal(staged.length, 1, 'one private staging folder');
  assert.equal((await stat(join(host.root, 'staging', staged[0]!))).mode & 0o777, 0o700);

  const info = value<PluginInfo>(
    await host.dispatcher.invoke('plugins:install', {
      token: ticket.token,
      grants: ['system.clipboard.write'],
      trustPublisher: { name: 'Probe Corp' },
    }),
  );
  assert.equal(info.id, 'probe');
  assert.deepEqual(info.granted, ['system.clipboard.write']);
  assert.deepEqual(await stagedEntries(host), [], 'the unpacked copy is removed after install');
  assert.equal(host.core.plugins.get('probe')?.version, '1.0.0', 'installed from the copy in the plugins folder');

  host.files.push(archive);
  const cancelled = value<InstallTicket>(await host.dispatcher.invoke('plugins:inspect-file', undefined));
  assert.equal(cancelled.inspection.update?.fromVersion, '1.0.0', 'a second copy is shown as an update');
  assert.deepEqual(value(await host.dispatcher.invoke('plugins:cancel-install', { token: cancelled.token })), { discarded: true });
  assert.deepEqual(await stagedEntries(host), [], 'a cancelled install removes its staging folder');
});

test('install from file: a traversal entry, a tampered archive and a non-archive are refused and leave nothing', async () => {
  const host = await startHost();
  const key = generateSigningKeyPair();
  const dir = await bundle(join(host.root, 'src'), key);

  const traversal = await rawArchive(join(host.root, 'evil.ghplugin'), [
    { path: '../escaped.txt', content: 'outside' },
    { path: 'manifest.json', content: await readFile(join(dir, 'manifest.json'), 'utf8') },
  ]);
  host.files.push(traversal);
  const escaped = failure(await host.dispatcher.invoke('plugins:inspect-file', undefined));
  assert.equal(escaped.code, 'BUNDLE_INVALID');
  assert.equal(escaped.details?.reason, 'path-escape');
  await assert.rejects(stat(join(host.root, 'staging', 'escaped.txt')), 'nothing was written outside');
  await assert.rejects(stat(join(host.root, 'escaped.txt')));

  const packed = join(host.root, 'probe.ghplugin');
  await packPluginBundle(dir, packed);
  const bytes = await readFile(packed);
  bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 1;
  const tampered = join(host.root, 'tampered.ghplugin');
  await writeFile(tampered, bytes);
  host.files.push(tampered);
  const changed = failure(await host.dispatcher.invoke('plugins:inspect-file', undefined));
  assert.equal(changed.details?.reason, 'digest-mismatch');

  const notArchive = join(host.root, 'notes.ghplugin');
  await writeFile(notArchive, 'just text');
  host.files.push(notArchive);
  assert.equal(failure(await host.dispatcher.invoke('plugins:inspect-file', undefined)).details?.reason, 'archive-malformed');

  assert.deepEqual(await stagedEntries(host), [], 'refused archives leave no staging folder');
  assert.deepEqual(host.core.plugins.list(), []);
  assert.deepEqual(await readdir(join(host.root, 'plugins')).catch(() => []), []);
});

test('review shows what an update added; saving grants is the consent that lets it activate', async () => {
  const host = await startHost();
  const key = generateSigningKeyPair();
  await host.core.trust.add({ publicKey: key.publicKey, name: 'Probe Corp' });
  const v1 = await bundle(join(host.root, 'v1'), key, { capabilities: ['system.clipboard.write'] });
  const first = await inspect(host, v1);
  value(await host.dispatcher.invoke('plugins:install', { token: first.token, grants: ['system.clipboard.write'] }));
  value(await host.dispatcher.invoke('plugins:set-status', { pluginId: 'probe', status: 'active' }));

  await host.core.plugins.install(
    await bundle(join(host.root, 'v2'), key, { version: '1.1.0', capabilities: ['system.clipboard.write', 'system.clipboard.read'] }),
  );
  assert.equal(host.core.plugins.get('probe')?.needsConsent, true);
  assert.equal(
    failure(await host.dispatcher.invoke('plugins:set-status', { pluginId: 'probe', status: 'active' })).code,
    'CONSENT_REQUIRED',
  );
  const review = value<PluginInspection>(await host.dispatcher.invoke('plugins:review', { pluginId: 'probe' }));
  assert.deepEqual(review.update, { fromVersion: '1.0.0', addedCapabilities: ['system.clipboard.read'], publisherChanged: false });
  assert.equal(review.publisher?.name, 'Probe Corp');
  assert.equal(failure(await host.dispatcher.invoke('plugins:review', { pluginId: 'nobody' })).code, 'PLUGIN_NOT_FOUND');

  value(await host.dispatcher.invoke('plugins:set-grants', { pluginId: 'probe', capabilities: ['system.clipboard.write'] }));
  assert.equal(
    value<PluginInfo>(await host.dispatcher.invoke('plugins:set-status', { pluginId: 'probe', status: 'active' })).status,
    'active',
  );

  // Removing the publisher makes the plugin unavailable at once.
  assert.deepEqual(value(await host.dispatcher.invoke('trust:remove', { keyId: key.keyId })), { removed: true });
  assert.equal(host.core.plugins.get('probe')?.available, false);
  assert.equal(failure(await host.dispatcher.invoke('plugins:review', { pluginId: 'probe' })).code, 'PLUGIN_UNAVAILABLE');
});

test('trust:add refuses a malformed key with INVALID_INPUT instead of an internal error', async () => {
  const host = await startHost();
  assert.equal(failure(await host.dispatcher.invoke('trust:add', { publicKey: 'not-a-key', name: 'X' })).code, 'INVALID_INPUT');
  const key = generateSigningKeyPair();
  const added = value<TrustedPublisherView>(await host.dispatcher.invoke('trust:add', { publicKey: key.publicKey, name: 'Example' }));
  assert.equal(added.fingerprint, key.fingerprint);
  assert.deepEqual(value(await host.dispatcher.invoke('trust:remove', { keyId: 'ed25519:00000000000000000000000000000000' })), {
    removed: false,
  });
});

test('marketplace: the key first, then a signed index through the file picker, then a candidate staged into an install ticket', async () => {
  const host = await startHost();
  const indexKey = generateSigningKeyPair();
  const publisher = generateSigningKeyPair();
  const dir = await bundle(join(host.root, 'bundle'), publisher);
  const signed = await signPluginBundle(dir, publisher.privateKeyPem);
  const archive = join(host.root, 'probe.ghplugin');
  await packPluginBundle(dir, archive);
  const indexPath = join(host.root, 'plugins.json');
  const entry = {
    id: 'probe',
    name: 'Probe <script>',
    version: '1.0.0',
    publisherKeyId: publisher.keyId,
    publisherPublicKey: publisher.publicKey,
    digest: signed.digest,
    capabilities: ['system.clipboard.write', 'system.clipboard.read'] as Array<'system.clipboard.write' | 'system.clipboard.read'>,
    riskTier: 'high' as const,
    source: { type: 'file' as const, path: archive },
    description: 'Text only.',
  };
  await writeFile(indexPath, JSON.stringify(signMarketplaceIndex([entry], indexKey.privateKeyPem)));

  assert.equal(failure(await host.dispatcher.invoke('marketplace:open-index', undefined)).code, 'INVALID_INPUT', 'no key yet');
  assert.deepEqual(host.asked, [], 'no picker without a key');
  assert.equal(failure(await host.dispatcher.invoke('marketplace:set-key', { publicKey: 'bad' })).code, 'INVALID_INPUT');
  const keyed = value<MarketplaceView>(await host.dispatcher.invoke('marketplace:set-key', { publicKey: indexKey.publicKey }));
  assert.equal(keyed.indexKey?.fingerprint, indexKey.fingerprint);

  assert.equal(value(await host.dispatcher.invoke('marketplace:open-index', undefined)), null, 'a cancelled picker gives null');
  host.files.push(indexPath);
  const view = value<MarketplaceView>(await host.dispatcher.invoke('marketplace:open-index', undefined));
  assert.deepEqual(
    view.entries.map((candidate) => [candidate.key, candidate.name, candidate.publisherFingerprint, candidate.riskTier]),
    [['probe@1.0.0', 'Probe <script>', publisher.fingerprint, 'high']],
  );
  assert.deepEqual(host.core.plugins.list(), [], 'an index installs nothing');

  assert.equal(failure(await host.dispatcher.invoke('marketplace:stage', { key: 'other@1.0.0' })).code, 'INVALID_INPUT');
  host.files.push(archive);
  const ticket = value<InstallTicket>(await host.dispatcher.invoke('marketplace:stage', { key: 'probe@1.0.0' }));
  assert.equal(ticket.source, 'marketplace');
  assert.equal(ticket.inspection.reason, 'publisher-untrusted');
  assert.deepEqual(host.asked, ['marketplace-index', 'marketplace-index', 'plugin-bundle']);
  const info = value<PluginInfo>(
    await host.dispatcher.invoke('plugins:install', { token: ticket.token, grants: [], trustPublisher: { name: 'Probe Corp' } }),
  );
  assert.equal(info.digest, signed.digest);
});

test('secrets without a keychain: a clear status and SECRET_STORE_UNAVAILABLE; unknown scopes and names are refused', async () => {
  const host = await startHost();
  assert.deepEqual(value<SecretsStatus>(await host.dispatcher.invoke('secrets:status', { scopeId: 'token-scope' })), {
    scopeId: 'token-scope',
    available: false,
    names: [],
  });
  const set = failure(
    await host.dispatcher.invoke('secrets:set', { scopeId: 'token-scope', name: 'api-token', value: 'v4lue-never-echoed' }),
  );
  assert.equal(set.code, 'SECRET_STORE_UNAVAILABLE');
  assert.doesNotMatch(JSON.stringify(set), /v4lue-never-echoed/);
  assert.equal(failure(await host.dispatcher.invoke('secrets:status', { scopeId: 'nope' })).code, 'SCOPE_NOT_FOUND');
  assert.equal(failure(await host.dispatcher.invoke('secrets:delete', { scopeId: 'nope', name: 'x' })).code, 'SCOPE_NOT_FOUND');
});

test('secrets with the Secret Service: names only ever come back, never values', async (t) => {
  const store = createSecretStore({ service: `gatehouse-ipc-test-${process.pid}` });
  if (await skipWithoutSecretService(t, () => store.available())) return;
  const host = await startHost({ secretStore: store });
  const saved = value<SecretsStatus>(
    await host.dispatcher.invoke('secrets:set', { scopeId: 'token-scope', name: 'api-token', value: 'v4lue-never-echoed' }),
  );
  assert.deepEqual(saved, { scopeId: 'token-scope', available: true, names: ['api-token'] });
  const status = value<SecretsStatus>(await host.dispatcher.invoke('secrets:status', { scopeId: 'token-scope' }));
  assert.deepEqual(status.names, ['api-token']);
  assert.doesNotMatch(JSON.stringify(status), /v4lue-never-echoed/);
  const badName = failure(await host.dispatcher.invoke('secrets:set', { scopeId: 'token-scope', name: 'bad/name', value: 'x' }));
  assert.equal(badName.code, 'INVALID_INPUT');
  const deleted = value<SecretsStatus & { deleted: boolean }>(
    await host.dispatcher.invoke('secrets:delete', { scopeId: 'token-scope', name: 'api-token' }),
  );
  assert.deepEqual(deleted, { scopeId: 'token-scope', available: true, names: [], deleted: true });
});
