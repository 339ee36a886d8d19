// The scope and confirmation reference is generated from the presets, schemas and defaults; the checked-in
// page must be exactly what the generator gives now, so it cannot drift from the code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createProcessPresets } from '../../src/core/policy/process-presets';
import { SCOPE_REFERENCE_PATH, formatDuration, renderScopeReference } from '../../scripts/docs/render-scope-reference';

const root = fileURLToPath(new URL('../../', import.meta.url));
const page = readFileSync(`${root}${SCOPE_REFERENCE_PATH}`, 'utf8');

test('the checked-in scope reference is what `npm run docs` renders now', () => {
  const rendered = renderScopeReference();
  if (rendered !== page) {
    const a = page.split('\n');
    const b = rendered.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    assert.fail(
      `${SCOPE_REFERENCE_PATH} is stale (first difference at line ${line + 1}: ${JSON.stringify(a[line])} vs ${JSON.stringify(b[line])}); run npm run docs`,
    );
  }
});

test('the page names every preset scope with its confirmation, and no machine-specific home', () => {
  for (const scope of createProcessPresets({ cwdRoots: ['/nowhere'] })) {
    assert.ok(page.includes(`### \`${scope.id}\`: ${scope.title}`), scope.id);
  }
  assert.ok(!page.includes('gatehouse-docs-home'), 'the placeholder home is shown as ~');
  assert.ok(!page.includes(process.env['HOME'] ?? '/nonexistent-home'), 'the page does not depend on who generated it');
});

test('durations read as people write them', () => {
  assert.equal(formatDuration(600_000), '10 minutes');
  assert.equal(formatDuration(60_000), '1 minute');
  assert.equal(formatDuration(86_400_000), '24 hours');
  assert.equal(formatDuration(1500), '1500 ms');
});
