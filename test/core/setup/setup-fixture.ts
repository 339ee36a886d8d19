// A real host core with one plugin that declares a setup section: a config folder and file in an fs scope, and
// an ssh key pair made by the ssh-keygen preset. Real files under a temp home, real ssh-keygen, real sandbox.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { createHostCore, createInteractivePrompter } from '../../../src/core';
import { unsignedBundleChecker } from '../../../src/core/plugins/bundle-check';
import type { HostCore } from '../../../src/core/host-core-types';
import type { ConfirmationDecision, ConfirmationRequest } from '../../../src/shared/confirmation';

export const PLUGIN_ID = 'devssh';
export const CAPABILITIES = [
  'system.fs.mutate',
  'system.fs.scope.devssh',
  'system.process.exec',
  'system.process.scope.ssh-keygen',
  'system.process.scope.show-env',
];
/** A plugin without a setup section, using the same scope as the one with it. */
export const OTHER_ID = 'other';
const OTHER_CAPABILITIES = ['system.process.exec', 'system.process.scope.show-env'];

export function setupSection(overrides: { configText?: string } = {}) {
  return {
    requires: [
      { id: 'folder', title: 'Config folder', kind: 'folder', path: '~/.config/devssh', mode: '0700' },
      { id: 'config', title: 'Config file', kind: 'file', path: '~/.config/devssh/config' },
      { id: 'key', title: 'SSH key', kind: 'file', path: '~/.config/devssh/id_ed25519', mode: '0600' },
      {
        id: 'host',
        title: 'Container host',
        kind: 'env',
        name: 'DEVSSH_HOST',
        description: 'Where the container listens',
        default: 'localhost',
      },
    ],
    steps: [
      {
        id: 'folder',
        title: 'Create the config folder',
        creates: { kind: 'folder', path: '~/.config/devssh' },
        fs: { scope: 'devssh', operations: [{ type: 'mkdir', path: '~/.config/devssh', mode: '0700' }] },
      },
      {
        id: 'config',
        title: 'Write the config file',
        creates: { kind: 'file', path: '~/.config/devssh/config' },
        fs: {
          scope: 'devssh',
          operations: [
            {
              type: 'writeFile',
              path: '~/.config/devssh/config',
              content: overrides.configText ?? 'Host dev\n  IdentityFile ~/.config/devssh/id_ed25519\n',
              mode: '0600',
            },
          ],
        },
      },
      {
        id: 'key',
        title: 'Create the SSH key pair',
        creates: { kind: 'file', path: '~/.config/devssh/id_ed25519', mode: '0600' },
        process: {
          scope: 'ssh-keygen',
          command: '/usr/bin/ssh-keygen',
          args: ['-t', 'ed25519', '-N', '', '-C', 'devssh', '-f', '~/.config/devssh/id_ed25519', '-q'],
        },
      },
    ],
    teardown: [
      {
        id: 'remove',
        title: 'Remove the config folder and the key pair',
        fs: { scope: 'devssh', operations: [{ type: 'remove', path: '~/.config/devssh', recursive: true, force: true }] },
      },
    ],
  };
}

export async function writeSetupPlugin(pluginsDir: string, section: unknown, version = '1.0.0'): Promise<void> {
  const dir = join(pluginsDir, PLUGIN_ID);
  await mkdir(dir, { recursive: true });
  const manifest = {
    id: PLUGIN_ID,
    name: 'Dev SSH',
    version,
    publisher: 'Test',
    capabilities: CAPABILITIES,
    ui: { entry: 'index.html' },
    setup: section,
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>devssh</title>');
}

export interface SetupFixture {
  core: HostCore;
  dir: string;
  home: string;
  keyFolder: string;
  prompts: ConfirmationRequest[];
  /** How the next prompts are answered (approve by default). */
  setDecision(decision: ConfirmationDecision): void;
  auditText(): Promise<string>;
  reopen(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function createSetupFixture(section: unknown = setupSection()): Promise<SetupFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-setup-'));
  const home = join(dir, 'home');
  const pluginsDir = join(dir, 'plugins');
  await mkdir(join(home, '.config'), { recursive: true });
  await writeSetupPlugin(pluginsDir, section);
  await mkdir(join(pluginsDir, OTHER_ID), { recursive: true });
  await writeFile(
    join(pluginsDir, OTHER_ID, 'manifest.json'),
    JSON.stringify({
      id: OTHER_ID,
      name: 'Other',
      version: '1.0.0',
      publisher: 'Test',
      capabilities: OTHER_CAPABILITIES,
      ui: { entry: 'index.html' },
    }),
  );
  await writeFile(join(pluginsDir, OTHER_ID, 'index.html'), '<!doctype html>');
  const prompts: ConfirmationRequest[] = [];
  let decision: ConfirmationDecision = 'approved';
  const open = async () => {
    const prompter = createInteractivePrompter();
    const core = await createHostCore({
      dataDir: join(dir, 'data'),
      pluginsDir,
      hostsPath: join(dir, 'hosts'),
      settings: new Conf({ cwd: join(dir, 'settings'), projectName: 'gatehouse-test' }),
      clipboard: null,
      prompter,
      checkBundle: unsignedBundleChecker,
      homeDir: home,
      scopes: {
        // Prints the one variable the plugin declares, so a test sees what its processes get.
        process: [
          {
            id: 'show-env',
            title: 'Show DEVSSH_HOST',
            tool: 'none',
            executables: [{ path: '/usr/bin/printenv' }],
            rules: { argv: [['DEVSSH_HOST']] },
            allowedEnvKeys: ['DEVSSH_HOST'],
            cwdRoots: [home],
            timeoutCeilingMs: 10_000,
            maxOutputBytes: 4096,
            confirmation: { mode: 'never' },
          },
        ],
        fs: [
          {
            id: 'devssh',
            title: 'Dev SSH config',
            roots: [join(home, '.config')],
            allowedOperations: ['mkdir', 'writeFile', 'remove'],
            confirmation: 'always',
            maxWriteBytes: 65536,
          },
        ],
      },
    });
    // Answers every prompt as told, and keeps what it was shown.
    prompter.onEvent((event) => {
      if (event.type !== 'request') return;
      setImmediate(() => {
        for (const id of prompter.openRequests()) {
          const request = core.confirmations.pending().find((r) => r.id === id);
          if (request) prompts.push(request);
          prompter.answer(id, decision);
        }
      });
    });
    return core;
  };
  let core = await open();
  await core.plugins.setGrants(PLUGIN_ID, CAPABILITIES as never);
  await core.plugins.setStatus(PLUGIN_ID, 'active');
  await core.plugins.setGrants(OTHER_ID, OTHER_CAPABILITIES as never);
  await core.plugins.setStatus(OTHER_ID, 'active');
  const fixture: SetupFixture = {
    core,
    dir,
    home,
    keyFolder: join(home, '.config', 'devssh'),
    prompts,
    setDecision: (next) => {
      decision = next;
    },
    async auditText() {
      const folder = join(dir, 'data', 'audit');
      const names = await readdir(folder);
      const texts = await Promise.all(names.map((name) => readFile(join(folder, name)).then((b) => b.toString('latin1'))));
      return texts.join('\n');
    },
    async reopen() {
      await core.close();
      core = await open();
      fixture.core = core;
    },
    async cleanup() {
      await core.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}
