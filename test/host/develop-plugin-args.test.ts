// `--develop-plugin <dir>` as the Electron main process reads it from process.argv.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DevelopPluginArgsError, developPluginDir } from '../../src/host/develop-plugin-args';

const dev = { devMode: true, cwd: '/home/me/project' };

test('the folder comes from --develop-plugin <dir> or --develop-plugin=<dir>, resolved against cwd', () => {
  assert.equal(developPluginDir(['/usr/bin/electron', '.'], dev), null, 'absent: no development run');
  assert.equal(developPluginDir(['/usr/bin/electron', '.', '--develop-plugin', 'my-plugin'], dev), '/home/me/project/my-plugin');
  assert.equal(developPluginDir(['electron', '--develop-plugin=/abs/plugin/'], dev), '/abs/plugin');
  assert.equal(developPluginDir(['electron', '--develop-plugin', '../x/./y'], dev), '/home/me/x/y');
  assert.equal(developPluginDir(['electron', '--inspect=0', '--develop-plugin', 'p', '--other'], dev), '/home/me/project/p');
});

test('a missing folder, a second switch and a non-development run are refused with the reason', () => {
  assert.throws(
    () => developPluginDir(['electron', '--develop-plugin'], dev),
    (error: unknown) => error instanceof DevelopPluginArgsError && /needs a plugin folder/.test(error.message),
  );
  assert.throws(() => developPluginDir(['electron', '--develop-plugin', '--other'], dev), /needs a plugin folder/);
  assert.throws(() => developPluginDir(['electron', '--develop-plugin='], dev), /needs a plugin folder/);
  assert.throws(() => developPluginDir(['electron', '--develop-plugin', 'a', '--develop-plugin=b'], dev), /given 2 times/);
  // A packaged app (or a production build) never loads an unsigned plugin, and says so instead of ignoring it.
  assert.throws(() => developPluginDir(['gatehouse', '--develop-plugin', 'a'], { devMode: false, cwd: '/' }), /only in a development run/);
  assert.equal(developPluginDir(['gatehouse'], { devMode: false, cwd: '/' }), null);
});
