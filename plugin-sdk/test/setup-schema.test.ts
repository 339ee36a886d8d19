import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validatePluginManifest } from '@gatehouse/plugin-sdk';
import { isHomePath, setupModeBits, setupSectionSchema } from '@gatehouse/plugin-sdk/node';

const section = {
  requires: [
    { id: 'key', title: 'SSH key', kind: 'file', path: '~/.config/devssh/id_ed25519', mode: '0600' },
    { id: 'socket', title: 'Socket', kind: 'env', name: 'DEVSSH_SOCKET', description: 'Where the agent listens', default: '/run/x' },
  ],
  steps: [
    {
      id: 'folder',
      title: 'Create the folder',
      creates: { kind: 'folder', path: '~/.config/devssh' },
      fs: { scope: 'devssh', operations: [{ type: 'mkdir', path: '~/.config/devssh', recursive: true, mode: 448 }] },
    },
    {
      id: 'key',
      title: 'Create the key',
      creates: { kind: 'file', path: '~/.config/devssh/id_ed25519', mode: '0600' },
      platforms: { linux: { process: { scope: 'ssh-keygen', command: '/usr/bin/ssh-keygen', args: ['-t', 'ed25519'] } } },
    },
  ],
  teardown: [
    {
      id: 'rm',
      title: 'Remove',
      fs: { scope: 'devssh', operations: [{ type: 'remove', path: '~/.config/devssh', recursive: true, force: true }] },
    },
  ],
};

const messages = (input: unknown) => {
  const parsed = setupSectionSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('setup section schema', () => {
  it('accepts requirements, steps with creates and platform variants, and teardown', () => {
    assert.deepEqual(messages(section), []);
    assert.equal(setupModeBits('0600'), 0o600);
    assert.equal(setupModeBits(0o700), 0o700);
  });

  it('home paths only: absolute, relative, dot-dot and backslash forms are refused', () => {
    for (const path of ['/etc/passwd', 'relative', '~/a/../b', '~/a//b', '~/a\\b', '~', '~/']) assert.equal(isHomePath(path), false, path);
    const bad = structuredClone(section);
    bad.requires[0]!.path = '/etc/shadow';
    assert.match(messages(bad).join('\n'), /requires\.0\.path: must be a path under the home folder/);
  });

  it('refuses unknown fields, a step with two actions or none, a duplicate id and a script-like field', () => {
    assert.match(messages({ ...section, script: 'rm -rf ~' }).join('\n'), /script/);
    const both = structuredClone(section) as { steps: Array<Record<string, unknown>> };
    both.steps[0]!.process = { scope: 'x', command: '/usr/bin/true' };
    assert.match(messages(both).join('\n'), /one action/);
    const none = structuredClone(section) as { steps: Array<Record<string, unknown>> };
    delete none.steps[0]!.fs;
    assert.match(messages(none).join('\n'), /must give an action/);
    const dup = structuredClone(section);
    dup.steps[1]!.id = 'folder';
    assert.match(messages(dup).join('\n'), /duplicate id "folder"/);
    assert.match(messages({ requires: [] }).join('\n'), /at least one requirement/);
    const mode = structuredClone(section);
    mode.requires[0]!.mode = '600';
    assert.ok(messages(mode).length > 0);
  });

  it('the manifest carries the section; the browser-side check leaves its content to the host', () => {
    const manifest = {
      id: 'devssh',
      name: 'Dev',
      version: '1.0.0',
      publisher: 'P',
      capabilities: [],
      ui: { entry: 'index.html' },
      setup: section,
    };
    const checked = validatePluginManifest(manifest);
    assert.equal(checked.ok, true);
  });
});
