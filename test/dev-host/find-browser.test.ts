// How the development host picks a browser: --browser wins and must exist; else the first installed candidate.
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { browserCandidates, findBrowser } from '../../src/dev-host/find-browser';

test('an explicit browser must be an executable file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-browser-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const missing = await findBrowser(join(dir, 'nope'));
  assert.equal(missing.ok, false);
  assert.match(missing.ok ? '' : missing.message, /--browser .*nope: no executable file there/);
  const plain = join(dir, 'plain');
  await writeFile(plain, '');
  assert.equal((await findBrowser(plain)).ok, false, 'a file without the execute bit is refused');
  await chmod(plain, 0o755);
  assert.deepEqual(await findBrowser(plain), { ok: true, path: plain });
});

test('without --browser the first installed candidate is taken, and none found says what to do', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-browser-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const second = join(dir, 'chrome');
  await writeFile(second, '');
  await chmod(second, 0o755);
  assert.deepEqual(await findBrowser(undefined, [join(dir, 'chromium'), second]), { ok: true, path: second });
  const none = await findBrowser(undefined, [join(dir, 'chromium')]);
  assert.equal(none.ok, false);
  assert.match(none.ok ? '' : none.message, /No Chromium-family browser found .* --browser <path>/);
});

test('the candidates cover Chromium and Chrome on Linux and Chrome and Edge on macOS', () => {
  assert.ok(browserCandidates('linux').includes('/usr/bin/chromium'));
  assert.ok(browserCandidates('linux').includes('/usr/bin/google-chrome'));
  assert.ok(browserCandidates('linux').includes('/usr/bin/chromium-browser'));
  const mac = browserCandidates('darwin', '/Users/a');
  assert.ok(mac.includes('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'));
  assert.ok(mac.includes('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'));
});
