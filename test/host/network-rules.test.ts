import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRequestAllowed, loopbackBypassOf, networkLockdownSwitches, NOWHERE_PROXY } from '../../src/host/network-rules';

test('the switches forbid non-proxied UDP, proxy everything to nowhere and bypass only what is listed', () => {
  assert.deepEqual(networkLockdownSwitches(), [
    '--webrtc-ip-handling-policy=disable_non_proxied_udp',
    `--proxy-server=${NOWHERE_PROXY}`,
    '--proxy-bypass-list=<-loopback>',
  ]);
  assert.equal(networkLockdownSwitches(['localhost:5173']).at(-1), '--proxy-bypass-list=<-loopback>;localhost:5173');
  assert.match(NOWHERE_PROXY, /:0$/, 'port 0: nothing can listen there');
});

test('only a loopback development server is ever bypassed', () => {
  assert.equal(loopbackBypassOf('http://localhost:5173/'), 'localhost:5173');
  assert.equal(loopbackBypassOf('http://127.0.0.1:5173'), '127.0.0.1:5173');
  assert.equal(loopbackBypassOf('http://[::1]:5173'), '[::1]:5173');
  assert.equal(loopbackBypassOf('http://example.com:5173'), null);
  assert.equal(loopbackBypassOf('http://127.0.0.1.example.com/'), null);
  assert.equal(loopbackBypassOf('file:///etc/passwd'), null);
  assert.equal(loopbackBypassOf(undefined), null);
  assert.equal(loopbackBypassOf('not a url'), null);
});

test("the request filter lets through the app's schemes, local data and listed origins, and nothing else", () => {
  const allowance = { schemes: ['gatehouse-app', 'gatehouse-plugin'], origins: ['http://localhost:5173', 'ws://localhost:5173'] };
  for (const url of [
    'gatehouse-app://app/index.html',
    'gatehouse-plugin://local-dns/main.js',
    'data:image/png;base64,AA==',
    'blob:gatehouse-plugin://p/1',
    'http://localhost:5173/src/main.tsx',
    'ws://localhost:5173/',
  ]) {
    assert.equal(isRequestAllowed(url, allowance), true, url);
  }
  for (const url of [
    'https://example.com/',
    'http://localhost:5174/',
    'http://user:pw@localhost:5173/',
    'wss://localhost:5173/',
    'file:///etc/passwd',
    'ftp://example.com/',
    'stun:127.0.0.1:3478',
    'chrome://gpu',
    'garbage',
  ]) {
    assert.equal(isRequestAllowed(url, allowance), false, url);
  }
  assert.equal(isRequestAllowed('http://localhost:5173/', { schemes: ['gatehouse-app'] }), false, 'a packaged build lists no origins');
});
