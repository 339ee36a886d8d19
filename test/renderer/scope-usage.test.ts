import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PluginInfo } from '../../src/shared/plugin-info';
import { pluginsUsingScope, scopeUsersText } from '../../src/renderer/lib/scope-usage';

const plugin = (name: string, capabilities: string[], granted: string[]) =>
  ({ id: name.toLowerCase(), name, capabilities, granted }) as unknown as PluginInfo;

test('a scope names the plugins whose manifest or grants use it, granted or only asked for', () => {
  const plugins = [
    plugin('Action Lab', ['system.fs.mutate', 'system.fs.scope.e2e-files'], ['system.fs.mutate', 'system.fs.scope.e2e-files']),
    plugin('Docs', ['system.fs.scope.e2e-files'], []),
    plugin('Other', ['system.fs.scope.e2e-files-2', 'system.process.scope.e2e-files'], ['system.process.scope.e2e-files']),
  ];
  const users = pluginsUsingScope(plugins, 'fs', 'e2e-files');
  assert.deepEqual(users, [
    { name: 'Action Lab', granted: true },
    { name: 'Docs', granted: false },
  ]);
  assert.equal(scopeUsersText(users), 'Action Lab (granted), Docs (asks for it)');
  assert.deepEqual(pluginsUsingScope(plugins, 'process', 'e2e-files'), [{ name: 'Other', granted: true }]);
  assert.deepEqual(pluginsUsingScope(plugins, 'fs', 'nothing'), []);
});
