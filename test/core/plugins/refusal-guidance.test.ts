// A refused plugin is told what to do: each refusal from the core (broker door, plugin storage, rights
// withdrawn mid-request) names the step on the Plugins page that lets it act, over a real host core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import type { PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import { createHostCore, createInteractivePrompter } from '../../../src/core';
import { refusalRemedy } from '../../../src/core/plugins/refusal-guidance';
import { withdrawnFailure } from '../../../src/core/plugins/plugin-rights';

function refused(response: PrivilegedActionResponse, code: string): { error: string; details: Record<string, unknown> } {
  assert.equal(response.ok, false, `expected ${code}, got ${JSON.stringify(response)}`);
  const failure = response as Extract<PrivilegedActionResponse, { ok: false }>;
  assert.equal(failure.code, code, failure.error);
  return { error: failure.error, details: (failure.details ?? {}) as Record<string, unknown> };
}

test('PLUGIN_NOT_ACTIVE and CAPABILITY_DENIED say what to do, from the broker and from plugin storage', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-guidance-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const core = await createHostCore({
    dataDir: join(dir, 'data'),
    pluginsDir: join(dir, 'plugins'),
    settings: new Conf({ cwd: join(dir, 'settings'), projectName: 'gatehouse-guidance' }),
    clipboard: null,
    prompter: createInteractivePrompter(),
    devMode: true,
    homeDir: dir,
  });
  t.after(() => core.close());
  const src = join(dir, 'src');
  await mkdir(src, { recursive: true });
  await writeFile(
    join(src, 'manifest.json'),
    JSON.stringify({
      id: 'guided',
      name: 'Guided',
      version: '1.0.0',
      publisher: 'Example',
      description: 't',
      capabilities: ['system.clipboard.read'],
      ui: { entry: 'index.html' },
    }),
  );
  await writeFile(join(src, 'index.html'), '<!doctype html><title>guided</title>');
  await core.plugins.install(src);
  const read = (n: number) =>
    core.handlePrivilegedAction(
      { pluginId: 'guided' },
      { correlationId: `guide-00000${n}`, request: { action: 'system.clipboard.read', payload: {} } },
    );

  const installed = refused(await read(1), 'PLUGIN_NOT_ACTIVE');
  assert.match(installed.error, /^Plugin "guided" may not act: plugin installed\. Activate it on the Plugins page/);
  assert.equal(installed.details.cause, 'plugin installed');
  assert.match(String(installed.details.remedy), /Activate it on the Plugins page/);

  const storage = await core.handlePluginStorage({ pluginId: 'guided' }, { correlationId: 'guide-st-0001', storage: { op: 'keys' } });
  assert.match(refused(storage, 'PLUGIN_NOT_ACTIVE').error, /Activate it on the Plugins page/, 'storage words the refusal the same way');

  await core.plugins.setGrants('guided', []);
  await core.plugins.setStatus('guided', 'active');
  const ungranted = refused(await read(2), 'CAPABILITY_DENIED');
  assert.match(ungranted.error, /lacks system\.clipboard\.read\. Grant system\.clipboard\.read to it on the Plugins page\./);

  await core.plugins.setStatus('guided', 'disabled');
  assert.match(refused(await read(3), 'PLUGIN_NOT_ACTIVE').error, /plugin disabled\. Activate it on the Plugins page/);

  const stranger = await core.handlePrivilegedAction(
    { pluginId: 'nobody' },
    { correlationId: 'guide-000004', request: { action: 'system.clipboard.read', payload: {} } },
  );
  assert.match(refused(stranger, 'PLUGIN_NOT_ACTIVE').error, /plugin not installed\. Install it on the Plugins page\./);
});

test('every refusal cause the core produces has a remedy or is one the Plugins page cannot help with', () => {
  assert.match(
    String(refusalRemedy({ code: 'PLUGIN_NOT_ACTIVE', cause: 'plugin consent pending' })),
    /save its grants on the Plugins page/,
  );
  assert.match(String(refusalRemedy({ code: 'PLUGIN_NOT_ACTIVE', cause: 'plugin unavailable' })), /Plugins page says why/);
  assert.match(String(refusalRemedy({ code: 'PLUGIN_NOT_ACTIVE', cause: 'publisher untrusted' })), /Trusted publishers/);
  assert.match(String(refusalRemedy({ code: 'PLUGIN_NOT_ACTIVE', cause: 'plugin removed' })), /Install it again/);
  assert.equal(
    refusalRemedy({ code: 'PLUGIN_NOT_ACTIVE', cause: 'plugin frame closed' }),
    null,
    'a closed frame needs nothing from the user',
  );
  const undeclared = refusalRemedy({
    code: 'CAPABILITY_DENIED',
    cause: 'capability not granted',
    missing: ['system.hosts.write'],
    undeclared: ['system.hosts.write'],
  });
  assert.match(String(undeclared), /manifest must list system\.hosts\.write/);
  assert.doesNotMatch(String(undeclared), /Grant/, 'an undeclared capability cannot be granted');

  const withdrawn = withdrawnFailure('guided', { code: 'PLUGIN_NOT_ACTIVE', cause: 'plugin disabled' }, 'running');
  assert.match(withdrawn.message, /may no longer act \(plugin disabled while running\); nothing further was done\. Activate it/);
  assert.match(String(withdrawn.details?.remedy), /Activate it/);
});
