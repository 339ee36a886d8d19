// Builds a real host core in a temp directory: real audit files, real settings file, real plugin folders.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { createHostCore, createInteractivePrompter, type HostCoreOptions } from '../../src/core';
import { unsignedBundleChecker } from '../../src/core/plugins/bundle-check';
import type { HostCore } from '../../src/core/host-core-types';
import type { ConfirmationDecision, ConfirmationRequest } from '../../src/shared/confirmation';

/** An in-memory clipboard standing in for Electron's, which cannot run under plain Node. */
export function createFakeClipboard(initial = '') {
  let text = initial;
  return {
    readText: () => text,
    writeText: (next: string) => {
      text = next;
    },
    current: () => text,
  };
}

export interface FixturePlugin {
  id: string;
  capabilities: string[];
  grant?: string[];
  active?: boolean;
}

export interface CoreFixture {
  core: HostCore;
  dir: string;
  prompter: ReturnType<typeof createInteractivePrompter>;
  clipboard: ReturnType<typeof createFakeClipboard>;
  hostsPath: string;
  /** Answers the next prompt that appears with `decision`, and returns it. */
  answerNext(decision: ConfirmationDecision): Promise<ConfirmationRequest>;
  cleanup(): Promise<void>;
}

export async function writePluginFolder(
  pluginsDir: string,
  plugin: { id: string; capabilities: string[]; version?: string },
): Promise<string> {
  const dir = join(pluginsDir, plugin.id);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({
      id: plugin.id,
      name: `Plugin ${plugin.id}`,
      version: plugin.version ?? '1.0.0',
      publisher: 'Test Publisher',
      description: 'fixture',
      capabilities: plugin.capabilities,
      ui: { entry: 'index.html' },
    }),
  );
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>fixture</title>');
  return dir;
}

export async function createCoreFixture(plugins: FixturePlugin[], options: Partial<HostCoreOptions> = {}): Promise<CoreFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-core-'));
  const pluginsDir = join(dir, 'plugins');
  for (const plugin of plugins) await writePluginFolder(pluginsDir, plugin);
  const hostsPath = join(dir, 'hosts');
  await writeFile(hostsPath, '127.0.0.1\tlocalhost\n::1\tlocalhost\n');
  const prompter = createInteractivePrompter();
  const clipboard = createFakeClipboard('copied elsewhere');
  const core = await createHostCore({
    dataDir: join(dir, 'data'),
    pluginsDir,
    hostsPath,
    settings: new Conf({ cwd: join(dir, 'settings'), projectName: 'gatehouse-test' }),
    clipboard,
    prompter,
    checkBundle: unsignedBundleChecker,
    homeDir: join(dir, 'home'),
    ...options,
  });
  for (const plugin of plugins) {
    if (plugin.grant ?? plugin.capabilities) await core.plugins.setGrants(plugin.id, (plugin.grant ?? plugin.capabilities) as never);
    if (plugin.active !== false) await core.plugins.setStatus(plugin.id, 'active');
  }
  const answerNext: CoreFixture['answerNext'] = (decision) =>
    new Promise((resolve) => {
      const tryAnswer = () => {
        const [id] = prompter.openRequests();
        const request = core.confirmations.pending().find((r) => r.id === id);
        if (id && request && prompter.answer(id, decision)) {
          resolve(request);
          return true;
        }
        return false;
      };
      if (tryAnswer()) return;
      const stop = prompter.onEvent((event) => {
        if (event.type === 'request') {
          stop();
          setImmediate(tryAnswer);
        }
      });
    });
  return {
    core,
    dir,
    prompter,
    clipboard,
    hostsPath,
    answerNext,
    async cleanup() {
      await core.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A wire message with a fresh correlation id. */
export function message(action: string, payload: unknown, extra: Record<string, unknown> = {}) {
  counter += 1;
  return { correlationId: `test-${process.pid}-${counter.toString().padStart(6, '0')}`, request: { action, payload }, ...extra };
}
