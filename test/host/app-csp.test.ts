import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appCsp } from '../../src/host/app-csp';

const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));

test('the packaged app CSP runs only its own scripts and frames only plugin content', () => {
  const csp = directives(appCsp({ pluginFrameSource: 'gatehouse-plugin:' }));
  assert.equal(csp.get('default-src'), "'none'");
  assert.equal(csp.get('script-src'), "'self'");
  assert.equal(csp.get('connect-src'), "'none'");
  assert.equal(csp.get('frame-src'), 'gatehouse-plugin:');
  assert.equal(csp.get('object-src'), "'none'");
  assert.equal(csp.get('frame-ancestors'), "'none'");
  assert.ok(![...csp.values()].some((value) => value.includes('unsafe-eval')));
});

test('only a development server origin loosens scripts and connections, for that origin', () => {
  const csp = directives(appCsp({ pluginFrameSource: 'gatehouse-plugin:', devServerOrigin: 'http://localhost:5173' }));
  assert.equal(csp.get('connect-src'), "'self' ws://localhost:5173");
  assert.match(csp.get('script-src') ?? '', /'self'/);
});
