// The page `gatehouse-plugin init` writes repeats the host's frame CSP, so a plugin behaves the same opened
// anywhere; this keeps the two (and the SDK README's quick start) from drifting apart.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { pluginCsp } from '../../src/host/plugin-content';

const root = new URL('../../', import.meta.url);

/** Directives a <meta> CSP cannot carry: browsers ignore them there (the host sends them as headers). */
const HEADER_ONLY = ['frame-ancestors', 'sandbox'];

function metaCsp(html: string): string {
  const match = /<meta\b[^>]*http-equiv="Content-Security-Policy"[^>]*content="([^"]*)"/i.exec(html);
  assert.ok(match?.[1], 'no Content-Security-Policy meta tag');
  return match[1];
}

describe('the scaffold page CSP', () => {
  const hostPolicy = pluginCsp('gatehouse-app://app')
    .split('; ')
    .filter((directive) => !HEADER_ONLY.includes(directive.split(' ')[0]!))
    .join('; ');

  test('is the host frame CSP, less what only a header can say', async () => {
    const page = await readFile(new URL('plugin-sdk/templates/common/plugin/index.html', root), 'utf8');
    assert.equal(metaCsp(page), hostPolicy);
  });

  test('is the one the SDK README tells authors to use', async () => {
    const readme = await readFile(new URL('plugin-sdk/README.md', root), 'utf8');
    assert.equal(metaCsp(readme), hostPolicy);
  });
});
