// A newcomer copies scope ids from the example pages and code. Every scope an example names (in its README,
// its page or its scripts, and in the examples index) must be one its manifest declares and one Gatehouse
// ships, so the text never sends an author to a scope the plugin cannot use.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createDefaultFsScopes } from '../../src/core/policy/fs-presets';
import { createProcessPresets } from '../../src/core/policy/process-presets';
import { PROCESS_TOOLS } from '../../src/shared/scope-rules';
import { examplesDir, listExamplePlugins } from './example-plugins';

const builtIn = new Set([...createProcessPresets({ cwdRoots: ['/nowhere'] }), ...createDefaultFsScopes('/nowhere')].map((s) => s.id));
// Words that read as a scope id when they stand before "scope" in prose, even without code marks.
const idLike = new Set([...builtIn, ...PROCESS_TOOLS.filter((tool) => tool !== 'none')]);

const QUALIFIER = String.raw`(?:\s+(?:process|filesystem|preset|read-only))?\s+scope\b`;
const MARKED = new RegExp(String.raw`(?:\`|<code>|")([a-z][a-z0-9._-]*)(?:\`|</code>|")${QUALIFIER}`, 'g');
const BARE = new RegExp(String.raw`\b([a-z][a-z0-9-]*)${QUALIFIER}`, 'g');
const CAPABILITY = /system\.(?:process|fs)\.scope\.([a-z0-9._-]+)/g;

/** Scope ids a text names: marked ones always, bare words only when they look like an id. */
function namedScopes(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(MARKED)) found.add(match[1]!);
  for (const match of text.matchAll(BARE)) if (idLike.has(match[1]!)) found.add(match[1]!);
  for (const match of text.matchAll(CAPABILITY)) found.add(match[1]!);
  return [...found].sort();
}

function declaredScopes(manifest: unknown): string[] {
  const capabilities = (manifest as { capabilities?: string[] }).capabilities ?? [];
  return capabilities.flatMap((c) => [...c.matchAll(CAPABILITY)].map((m) => m[1]!));
}

describe('scope ids named by the examples', () => {
  const examples = listExamplePlugins();

  it('finds the examples and recognises the ways a scope is named', () => {
    assert.ok(examples.length >= 5);
    assert.deepEqual(namedScopes('runs in the git scope, the `docker-cli` process scope, <code>helm</code> scope, "kubectl" scope'), [
      'docker-cli',
      'git',
      'helm',
      'kubectl',
    ]);
    assert.deepEqual(namedScopes('the scope, this scope, a process scope, th scope="col"'), []);
  });

  for (const example of examples) {
    it(`${example.name}: every scope it names is declared in its manifest and built in`, () => {
      const declared = declaredScopes(example.manifest);
      for (const id of declared)
        assert.ok(builtIn.has(id), `${example.name}/plugin/manifest.json declares ${id}, which Gatehouse does not ship`);
      const texts: [string, string][] = [[`${example.name}/README.md`, readFileSync(join(example.dir, 'README.md'), 'utf8')]];
      for (const [file, text] of example.files)
        if (/\.(?:js|html)$/.test(file) && !['dom.js', 'log-lines.js', 'log-view.js'].includes(file))
          texts.push([`${example.name}/plugin/${file}`, text]);
      for (const [file, text] of texts) {
        for (const id of namedScopes(text)) {
          assert.ok(
            declared.includes(id),
            `${file} names the scope ${JSON.stringify(id)}, but the manifest declares ${JSON.stringify(declared)}`,
          );
        }
      }
    });
  }

  it('the examples index lists each example with exactly its manifest capabilities', () => {
    const index = readFileSync(join(examplesDir, 'README.md'), 'utf8');
    for (const example of examples) {
      const row = index.split('\n').find((line) => line.includes(`| \`${example.name}\` |`));
      assert.ok(row, `examples/README.md has no row for ${example.name}`);
      const listed = [
        ...row
          .split('|')
          .at(-2)!
          .matchAll(/`([^`]+)`/g),
      ]
        .map((m) => m[1]!)
        .sort();
      const capabilities = [...(example.manifest as { capabilities: string[] }).capabilities].sort();
      assert.deepEqual(listed, capabilities, `examples/README.md, row ${example.name}`);
    }
  });
});
