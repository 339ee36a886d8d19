// The development host end to end: the real CLI entry's startDevHost, headless, on a temp copy of an
// example plugin, in Debian's Chromium. A request goes through a real confirmation into the audit panel,
// an edit reloads the frame with the grants kept, and nothing listens but the two token-guarded loopback
// content servers.
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../src/dev-host/dev-host';
import { listeningSockets, processTree } from './listening-sockets';

const root = fileURLToPath(new URL('../..', import.meta.url));
const chromium = process.env.GATEHOUSE_CHROMIUM ?? '/usr/bin/chromium';
const example = join(root, 'examples', 'clipboard-tools', 'plugin');
const screenshots = join(root, 'e2e', 'screenshots');
const LOOPBACK_V4 = '0100007F';
const EDITED_SUBTITLE = 'Edited while the development host ran.';

let work: string;
let pluginDir: string;
let host: DevHost;
const lines: string[] = [];

/** Waits until `check` passes, like Playwright's expect.poll; the last failure is the error. */
async function eventually(check: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 10_000 });
const confirmation = (page: Page) => page.getByRole('dialog', { name: / wants to / });
const frameOf = (h: DevHost, id: string): FrameLocator => h.page.frameLocator(`iframe[src^="${h.pluginOrigin(id)}/"]`);
const connected = (frame: FrameLocator) => visible(frame.getByRole('status').filter({ hasText: /Connected/ }));

async function approve(page: Page): Promise<void> {
  const button = confirmation(page)
    .getByRole('group', { name: 'Answer' })
    .getByRole('button', { name: /^(?!Decline|Disable)/ });
  await visible(button);
  await eventually(async () => assert.notEqual(await button.getAttribute('aria-disabled'), 'true'));
  await button.click();
}

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

function get(port: number, path: string, hostHeader = `127.0.0.1:${port}`): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'gatehouse-dev-test-'));
  pluginDir = join(work, 'clipboard-tools');
  await cp(example, pluginDir, { recursive: true });
  await mkdir(join(work, 'home'));
  host = await startDevHost({
    pluginDir,
    browserPath: chromium,
    headless: true,
    log: (line) => lines.push(line),
    dialogs: { chooseFolder: async () => null, chooseFile: async () => null, chooseSavePath: async () => null },
    homeDir: join(work, 'home'),
  });
});

after(async () => {
  await host?.close();
  await rm(work, { recursive: true, force: true });
});

test('the plugin is loaded unsigned from the folder, granted what it declares, and says which fakes are used', async () => {
  const plugin = host.core.plugins.get('clipboard-tools');
  assert.ok(plugin);
  assert.equal(plugin.signed, false, 'signature.json of the copy is left out, so it is unsigned');
  assert.equal(plugin.status, 'active');
  assert.deepEqual([...plugin.granted].sort(), ['system.clipboard.read', 'system.clipboard.write']);
  await visible(host.page.locator('.stage-header').getByText('Unsigned', { exact: true }));
  assert.ok(
    lines.some((line) => /^Clipboard: an in-memory fake clipboard \(headless run\)/.test(line)),
    lines.join('\n'),
  );
  assert.ok(lines.some((line) => /^Keychain: /.test(line)));
  assert.ok(lines.some((line) => line.startsWith(`Profile: ${host.profile.root}`)));
});

test('a request goes through a real confirmation and shows in the audit panel', async () => {
  const { page } = host;
  const frame = frameOf(host, 'clipboard-tools');
  await connected(frame);
  await frame.getByRole('button', { name: 'Read clipboard' }).click();
  await visible(confirmation(page));
  assert.match((await confirmation(page).textContent()) ?? '', /clipboard/i);
  await screenshot(page, 'dev-host-confirmation');
  await approve(page);
  await eventually(async () => assert.equal(await confirmation(page).count(), 0));

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Audit', exact: true }).click();
  const rows = page.locator('.audit-row:not(.audit-row-placeholder)');
  await visible(rows.filter({ hasText: 'Read the clipboard' }));
  await screenshot(page, 'dev-host-audit');
  const records = await host.core.audit.query({ limit: 50 });
  assert.ok(
    records.records.some((r) => r.action === 'system.clipboard.read' && r.decision === 'approved'),
    'the approval is on the audit log',
  );
});

test('an edit reloads the open frame and keeps the grants', async () => {
  const { page } = host;
  await page.getByRole('navigation', { name: 'Plugins' }).getByRole('button', { name: 'Clipboard tools', exact: true }).click();
  const frame = frameOf(host, 'clipboard-tools');
  await connected(frame);
  const before = host.core.plugins.get('clipboard-tools');
  const reloaded = new Promise<boolean>((resolve) => host.onReload(resolve));

  const indexPath = join(pluginDir, 'index.html');
  const html = await readFile(indexPath, 'utf8');
  assert.ok(html.includes('Read the clipboard, reshape the text, copy the result back.'));
  await writeFile(indexPath, html.replace('Read the clipboard, reshape the text, copy the result back.', EDITED_SUBTITLE));

  assert.equal(await reloaded, true);
  await visible(frame.getByText(EDITED_SUBTITLE));
  await connected(frame);
  const after = host.core.plugins.get('clipboard-tools');
  assert.deepEqual(after?.granted, before?.granted);
  assert.equal(after?.status, 'active');
  assert.ok(
    lines.some((line) => /^Reloaded Clipboard tools .* \(1 open frame\)$/.test(line)),
    lines.join('\n'),
  );
  await screenshot(page, 'dev-host-reloaded');

  // The kept grant is live: the reloaded frame's request reaches a confirmation, not CAPABILITY_DENIED.
  await frame.getByRole('button', { name: 'Read clipboard' }).click();
  await visible(confirmation(page));
  await approve(page);
});

test('a folder the host refuses is reported and the running version stays', async () => {
  const frame = frameOf(host, 'clipboard-tools');
  const manifestPath = join(pluginDir, 'manifest.json');
  const manifest = await readFile(manifestPath, 'utf8');
  const refused = new Promise<boolean>((resolve) => {
    const stop = host.onReload((ok) => {
      stop();
      resolve(ok);
    });
  });
  await writeFile(manifestPath, manifest.replace('"id": "clipboard-tools"', '"id": "Not A Valid Id"'));
  assert.equal(await refused, false);
  assert.ok(
    lines.some((line) => line.startsWith('Reload refused: ')),
    lines.join('\n'),
  );
  await visible(frame.getByText(EDITED_SUBTITLE));
  assert.equal(host.core.plugins.get('clipboard-tools')?.mayAct, true);

  const restored = new Promise<boolean>((resolve) => {
    const stop = host.onReload((ok) => {
      stop();
      resolve(ok);
    });
  });
  await writeFile(manifestPath, manifest);
  assert.equal(await restored, true);
  await connected(frame);
});

test('nothing listens but the two loopback content servers, and they refuse a request without the token', async () => {
  const tree = await processTree(process.pid);
  const exes = await Promise.all(tree.map((pid) => readlink(`/proc/${pid}/exe`).catch(() => '')));
  assert.ok(
    exes.some((exe) => /chrom/.test(exe)),
    `the browser's processes are in the tree that is checked: ${exes.join(', ')}`,
  );
  const sockets = await listeningSockets(tree);
  assert.deepEqual(
    sockets.map((s) => s.port).sort((a, b) => a - b),
    [...host.ports].sort((a, b) => a - b),
    `listening: ${JSON.stringify(sockets)}`,
  );
  assert.ok(
    sockets.every((s) => s.address === LOOPBACK_V4),
    `every listener is on 127.0.0.1: ${JSON.stringify(sockets)}`,
  );

  const [appPort, pluginPort] = host.ports as [number, number];
  const token = new URL(host.page.url()).pathname.split('/')[1] ?? '';
  assert.ok(token.length >= 32, 'the page URL carries the token');
  // With the token both answer (the control), without it or with another one they refuse.
  assert.equal(await get(appPort, `/${token}/index.html`), 200);
  assert.equal(await get(appPort, '/index.html'), 404);
  assert.equal(await get(appPort, '/'), 404);
  // One character off: the last one changed to a character it is not (a random token can end in any).
  const nearMiss = token.slice(0, -1) + (token.endsWith('x') ? 'y' : 'x');
  assert.notEqual(nearMiss, token);
  assert.equal(await get(appPort, `/${nearMiss}/index.html`), 404);
  const pluginHost = `clipboard-tools.localhost:${pluginPort}`;
  assert.equal(await get(pluginPort, `/${token}/index.html`, pluginHost), 200);
  assert.equal(await get(pluginPort, '/index.html', pluginHost), 404);
  const otherToken = (token.startsWith('A') ? 'B' : 'A').repeat(token.length);
  assert.equal(await get(pluginPort, `/${otherToken}/index.html`, pluginHost), 404);
});

test('closing removes the throwaway profile', async () => {
  const profile = host.profile.root;
  assert.ok(await stat(profile));
  await host.close();
  await host.closed;
  await assert.rejects(stat(profile), { code: 'ENOENT' });
});
