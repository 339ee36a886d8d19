import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loopbackDevServerUrl, resolveShellMode, ShellModeError, unpackagedUserDataPath } from '../../src/host/shell-mode';

describe('shell mode', () => {
  it('developer mode needs a development build that is not packaged', () => {
    assert.equal(resolveShellMode({ devBuild: true, isPackaged: false, rendererUrl: undefined }).devMode, true);
    assert.equal(resolveShellMode({ devBuild: true, isPackaged: true, rendererUrl: undefined }).devMode, false);
    assert.equal(resolveShellMode({ devBuild: false, isPackaged: false, rendererUrl: undefined }).devMode, false);
    assert.equal(resolveShellMode({ devBuild: false, isPackaged: true, rendererUrl: undefined }).devMode, false);
  });

  it('the renderer URL from the environment counts only in a development run', () => {
    const url = 'http://localhost:5173';
    assert.equal(resolveShellMode({ devBuild: true, isPackaged: false, rendererUrl: url }).rendererUrl, 'http://localhost:5173/');
    // A packaged or production build ignores it, whatever it says: the built renderer is served.
    assert.equal(resolveShellMode({ devBuild: true, isPackaged: true, rendererUrl: url }).rendererUrl, null);
    assert.equal(resolveShellMode({ devBuild: false, isPackaged: false, rendererUrl: 'https://evil.example/' }).rendererUrl, null);
  });

  it('a development run refuses to start on a renderer URL that is not a loopback dev server', () => {
    for (const url of [
      'https://evil.example:5173/',
      'http://localhost.evil.example:5173/',
      'http://10.0.0.5:5173/',
      'file:///tmp/index.html',
      'http://user:pw@localhost:5173/',
      'http://localhost/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      assert.throws(() => resolveShellMode({ devBuild: true, isPackaged: false, rendererUrl: url }), ShellModeError, url);
    }
  });

  it('accepts only http(s) on localhost, 127.0.0.1 or [::1] with a port', () => {
    assert.equal(loopbackDevServerUrl('http://127.0.0.1:5173/'), 'http://127.0.0.1:5173/');
    assert.equal(loopbackDevServerUrl('http://[::1]:5173'), 'http://[::1]:5173/');
    assert.equal(loopbackDevServerUrl('https://localhost:5173'), 'https://localhost:5173/');
    assert.equal(loopbackDevServerUrl('http://127.0.0.2:5173/'), null);
    assert.equal(loopbackDevServerUrl('http://0.0.0.0:5173/'), null);
    assert.equal(loopbackDevServerUrl('ws://localhost:5173/'), null);
    assert.equal(loopbackDevServerUrl(''), null);
  });

  it('an unpackaged run has its own profile folder beside the packaged one', () => {
    const appData = join('/home', 'someone', '.config');
    const dev = unpackagedUserDataPath(appData, 'gatehouse');
    assert.equal(dev, join(appData, 'gatehouse-dev'));
    assert.notEqual(dev, join(appData, 'gatehouse'));
    assert.notEqual(dev, join(appData, 'Gatehouse'));
  });
});
