import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { createSecretStore, redactSecretValues } from '../../../src/core/secrets';
import { skipWithoutSecretService } from '../../support/secret-service';

const child = fileURLToPath(new URL('./fixtures/secret-store-child.ts', import.meta.url));
const burstChild = fileURLToPath(new URL('./fixtures/secret-store-burst.ts', import.meta.url));

type ChildResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

function runChild(args: string[], env: Record<string, string>, script = child): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--conditions=@gatehouse/source', '--import', 'tsx', script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('keychain secret store', () => {
  it('round-trips secrets through the real Secret Service', async (t) => {
    const service = `gatehouse-test-${randomBytes(6).toString('hex')}`;
    const store = createSecretStore({ service });
    if (await skipWithoutSecretService(t, () => store.available())) return;
    t.after(async () => {
      for (const name of await store.listKeys('docker-cli').catch(() => [])) await store.delete('docker-cli', name);
      for (const name of await store.listKeys('kube').catch(() => [])) await store.delete('kube', name);
    });
    await store.set('docker-cli', 'REGISTRY_TOKEN', 'tok-1');
    await store.set('docker-cli', 'REGISTRY_USER', 'alice');
    await store.set('kube', 'REGISTRY_TOKEN', 'kube-token');
    assert.equal(await store.get('docker-cli', 'REGISTRY_TOKEN'), 'tok-1');
    await store.set('docker-cli', 'REGISTRY_TOKEN', 'tok-2');
    assert.equal(await store.get('docker-cli', 'REGISTRY_TOKEN'), 'tok-2', 'set replaces');
    assert.deepEqual(await store.listKeys('docker-cli'), ['REGISTRY_TOKEN', 'REGISTRY_USER']);
    assert.deepEqual(await store.listKeys('kube'), ['REGISTRY_TOKEN'], 'scopes do not see each other');
    assert.deepEqual(await store.resolveScopeSecrets('docker-cli', { DOCKER_TOKEN: 'REGISTRY_TOKEN', DOCKER_USER: 'REGISTRY_USER' }), {
      DOCKER_TOKEN: 'tok-2',
      DOCKER_USER: 'alice',
    });
    await assert.rejects(
      store.resolveScopeSecrets('docker-cli', { DOCKER_PASSWORD: 'MISSING' }),
      (error: { code?: string; details?: { reason?: string } }) => {
        assert.equal(error.code, 'SECRET_STORE_UNAVAILABLE');
        assert.equal(error.details?.reason, 'secret-missing');
        return true;
      },
    );
    assert.equal(await store.delete('docker-cli', 'REGISTRY_TOKEN'), true);
    assert.equal(await store.get('docker-cli', 'REGISTRY_TOKEN'), null);
    assert.equal(await store.delete('docker-cli', 'REGISTRY_TOKEN'), false);
    assert.deepEqual(await store.listKeys('docker-cli'), ['REGISTRY_USER']);
  });

  it('overlapping calls (probe, list, read, add, delete) neither crash the process nor lose a secret', async (t) => {
    if (await skipWithoutSecretService(t, () => createSecretStore({ service: 'gatehouse-test-probe' }).available())) return;
    const result = await runChild([`gatehouse-test-burst-${randomBytes(6).toString('hex')}`, '60'], {}, burstChild);
    assert.equal(result.signal, null, `the process died of ${String(result.signal)}: ${result.stderr.slice(-400)}`);
    assert.equal(result.code, 0, result.stderr.slice(-400));
    const outcome = JSON.parse(result.stdout) as { mismatches: string[]; failures: string[] };
    assert.deepEqual(outcome.failures, []);
    assert.deepEqual(outcome.mismatches, []);
  });

  it('without a Secret Service every call fails with SECRET_STORE_UNAVAILABLE and a clear message', async (t) => {
    if (process.platform !== 'linux') return t.skip('a dead D-Bus address stands for a missing keychain only on Linux');
    const value = `never-print-${randomBytes(8).toString('hex')}`;
    const result = await runChild(['gatehouse-test-unavailable', value], {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/gatehouse-test-bus',
    });
    assert.equal(result.code, 0, result.stderr);
    const outcome = JSON.parse(result.stdout) as Record<
      string,
      { code?: string; message?: string; details?: { reason?: string } } | boolean
    >;
    assert.equal(outcome.available, false);
    for (const name of ['set', 'get', 'delete', 'listKeys', 'resolveScopeSecrets']) {
      const failure = outcome[name] as { code?: string; message?: string; details?: { reason?: string } };
      assert.equal(failure.code, 'SECRET_STORE_UNAVAILABLE', name);
      assert.equal(failure.details?.reason, 'keychain-unavailable', name);
      assert.match(failure.message ?? '', /OS keychain is not available/, name);
    }
    assert.equal(result.stdout.includes(value) || result.stderr.includes(value), false, 'the secret value is never printed');
  });

  it('fails with SECRET_STORE_UNAVAILABLE when keytar cannot be loaded (fake: keytar missing)', async () => {
    const fakeMissingKeytar = () =>
      Promise.reject(Object.assign(new Error("Cannot find package 'keytar'"), { code: 'ERR_MODULE_NOT_FOUND' }));
    const store = createSecretStore({ loadKeytar: fakeMissingKeytar });
    assert.equal(await store.available(), false);
    await assert.rejects(store.get('docker-cli', 'TOKEN'), (error: { code?: string; message: string }) => {
      assert.equal(error.code, 'SECRET_STORE_UNAVAILABLE');
      assert.match(error.message, /keytar/);
      return true;
    });
  });

  it('refuses bad scope ids, secret names, env keys and values before touching the keychain', async () => {
    let touched = false;
    const store = createSecretStore({
      loadKeytar: () => {
        touched = true;
        return Promise.reject(new Error('not reached'));
      },
    });
    const refusals: Array<Promise<unknown>> = [
      store.set('Docker CLI', 'TOKEN', 'x'),
      store.set('docker-cli', '../TOKEN', 'x'),
      store.set('docker-cli', 'TOKEN', ''),
      store.set('docker-cli', 'TOKEN', 'a\u0000b'),
      store.get('docker-cli', 'a/b'),
      store.listKeys(''),
      store.resolveScopeSecrets('docker-cli', { LD_PRELOAD: 'TOKEN' }),
      store.resolveScopeSecrets('docker-cli', { 'lower-case': 'TOKEN' }),
    ];
    for (const refusal of refusals) await assert.rejects(refusal, { code: 'VALIDATION_FAILED' });
    assert.equal(touched, false);
  });

  it('redacts every secret value from text, longest first', () => {
    assert.equal(
      redactSecretValues('user=alice token=abc123 again abc123', ['abc123', 'alice']),
      'user=[redacted] token=[redacted] again [redacted]',
    );
    assert.equal(redactSecretValues('key=abcdef', ['abc', 'abcdef']), 'key=[redacted]');
    assert.equal(redactSecretValues('nothing here', ['', 'zzz']), 'nothing here');
  });
});
