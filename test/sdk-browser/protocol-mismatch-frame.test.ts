// The SDK's browser build inside a real sandboxed frame in Chromium, with a parent that speaks another
// frame protocol: the frame says so on the page and a request fails at once with PROTOCOL_MISMATCH.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium as playwright, type Browser } from 'playwright-core';

const sdkBuild = fileURLToPath(new URL('../../plugin-sdk/dist/gatehouse-plugin-sdk.global.js', import.meta.url));
const chromiumPath = process.env.GATEHOUSE_CHROMIUM ?? '/usr/bin/chromium';

const FRAME = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src http://frame.test/">
<script src="http://frame.test/sdk.js"></script><script src="http://frame.test/plugin.js"></script></head>
<body><main><h1>Probe</h1><output id="result"></output></main></body></html>`;
// The plugin asks for the clipboard as soon as it loads; the answer is written where the test reads it.
const PLUGIN = `GatehouseSDK.requestClipboardRead().then((r) => { document.getElementById('result').textContent = JSON.stringify(r); });`;
const PARENT = (protocol: number) => `<!doctype html><iframe sandbox="allow-scripts" src="http://frame.test/index.html"></iframe>
<script>
const frame = document.querySelector('iframe');
frame.addEventListener('load', () => {
  const channel = new MessageChannel();
  frame.contentWindow.postMessage({ type: 'gatehouse:init', protocol: ${protocol}, pluginId: 'probe' }, '*', [channel.port2]);
});
</script>`;

let browser: Browser;
before(async () => {
  browser = await playwright.launch({
    executablePath: chromiumPath,
    headless: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
});
after(() => browser?.close());

test('a host speaking protocol 2 to an SDK speaking 1: an alert in the frame, PROTOCOL_MISMATCH at once', async () => {
  const sdk = await readFile(sdkBuild, 'utf8');
  const page = await browser.newPage();
  // Named fake of a network: both origins are answered from memory, nothing leaves the machine.
  await page.route('http://**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === 'host.test') return route.fulfill({ contentType: 'text/html', body: PARENT(2) });
    if (url.pathname === '/sdk.js') return route.fulfill({ contentType: 'text/javascript', body: sdk });
    if (url.pathname === '/plugin.js') return route.fulfill({ contentType: 'text/javascript', body: PLUGIN });
    return route.fulfill({ contentType: 'text/html', body: FRAME });
  });
  const started = Date.now();
  await page.goto('http://host.test/');
  const frame = page.frameLocator('iframe');
  const alert = frame.getByRole('alert');
  await alert.waitFor({ timeout: 5_000 });
  assert.match(await alert.innerText(), /Gatehouse speaks plugin protocol 2, this plugin's SDK 1: update the plugin's SDK\./);
  const result = frame.locator('#result');
  await frame.locator('#result:not(:empty)').waitFor({ timeout: 5_000 });
  const response = JSON.parse(await result.innerText()) as { ok: boolean; code: string; details: unknown };
  assert.equal(response.ok, false);
  assert.equal(response.code, 'PROTOCOL_MISMATCH');
  assert.deepEqual(response.details, { hostProtocol: 2, sdkProtocol: 1 });
  assert.ok(Date.now() - started < 8_000, 'not the 10 s connect timeout');
  await page.close();
});

test('the same frame with a host speaking protocol 1 shows no alert', async () => {
  const sdk = await readFile(sdkBuild, 'utf8');
  const page = await browser.newPage();
  await page.route('http://**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === 'host.test') return route.fulfill({ contentType: 'text/html', body: PARENT(1) });
    if (url.pathname === '/sdk.js') return route.fulfill({ contentType: 'text/javascript', body: sdk });
    if (url.pathname === '/plugin.js')
      return route.fulfill({
        contentType: 'text/javascript',
        body: 'GatehouseSDK.getDefaultPrivilegedActionTransport().waitForConnection().then((ok) => { document.getElementById("result").textContent = String(ok); });',
      });
    return route.fulfill({ contentType: 'text/html', body: FRAME });
  });
  await page.goto('http://host.test/');
  const frame = page.frameLocator('iframe');
  await frame.locator('#result:not(:empty)').waitFor({ timeout: 5_000 });
  assert.equal(await frame.locator('#result').innerText(), 'true');
  assert.equal(await frame.getByRole('alert').count(), 0);
  await page.close();
});
