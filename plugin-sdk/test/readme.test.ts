// The README is the reference plugin authors read: it must name every export and match the code's tables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { z } from 'zod';
import * as sdk from '@gatehouse/plugin-sdk';
import { BUNDLE_LIMITS, runCli } from '@gatehouse/plugin-sdk/node';
import * as testing from '@gatehouse/plugin-sdk/testing';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

interface JsonSchemaNode {
  type?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: boolean;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
}

/** The README section that starts with `heading`, up to the next `## ` heading. */
function section(heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `no "${heading}" section`);
  const end = readme.indexOf('\n## ', start + heading.length + 2);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** What the manifest table's "type and limits" cell must say, read off the schema (as JSON Schema). */
function limitsCell(node: JsonSchemaNode): string {
  const parts = [node.type ?? 'any'];
  if (node.type === 'object' && node.additionalProperties === false) parts.push('no other fields');
  if (node.minLength !== undefined && node.maxLength !== undefined) parts.push(`${node.minLength} to ${node.maxLength} characters`);
  else if (node.maxLength !== undefined) parts.push(`at most ${node.maxLength} characters`);
  if (node.maxItems !== undefined) parts.push(`at most ${node.maxItems} items`);
  // A | inside a table cell is written \|, code spans included (GitHub Flavored Markdown).
  if (node.pattern !== undefined) parts.push(`pattern \`${node.pattern.replace(/\|/g, '\\|')}\``);
  if ('default' in node) parts.push(`default \`${JSON.stringify(node.default)}\``);
  return parts.join(', ');
}

/** Every field of an object schema, nested ones as `ui.entry`, with its row start `| field | required | limits |`. */
function manifestRows(node: JsonSchemaNode, prefix = ''): Map<string, string> {
  const rows = new Map<string, string>();
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const field = `${prefix}${key}`;
    const required = node.required?.includes(key) ? 'yes' : 'no';
    rows.set(field, `| \`${field}\` | ${required} | ${limitsCell(child)} |`);
    if (child.properties) for (const [nested, row] of manifestRows(child, `${field}.`)) rows.set(nested, row);
  }
  return rows;
}

describe('plugin-sdk README', () => {
  it('documents every runtime export', () => {
    const missing = Object.keys(sdk).filter((name) => !new RegExp(`\`${name}[\`(.<]`).test(readme));
    assert.deepEqual(missing, []);
  });

  it('documents every export of the test kit', () => {
    const missing = Object.keys(testing).filter((name) => !new RegExp(`\`${name}[\`(.<]`).test(readme));
    assert.deepEqual(missing, []);
  });

  it('lists every error code with its description', () => {
    for (const code of sdk.PRIVILEGED_ACTION_ERROR_CODES) {
      assert.ok(readme.includes(`| \`${code}\` | ${sdk.PRIVILEGED_ACTION_ERROR_DESCRIPTIONS[code]} |`), code);
    }
  });

  it('lists every limit with its value', () => {
    for (const [key, value] of Object.entries(sdk.LIMITS)) assert.ok(readme.includes(`| \`${key}\` | ${value} |`), key);
  });

  it('lists the capabilities of every action as getRequiredCapabilities computes them', () => {
    const requests = {
      'system.clipboard.read': sdk.createClipboardReadRequest(),
      'system.clipboard.write': sdk.createClipboardWriteRequest('x'),
      'system.hosts.write': sdk.createHostsWriteActionRequest({ records: [] }),
      'system.fs.mutate': sdk.createFilesystemMutateActionRequest({ scope: 'scope', operations: [{ type: 'remove', path: '/x' }] }),
      'system.process.exec': sdk.createProcessExecActionRequest({ scope: 'scope', command: '/bin/true' }),
      'system.workflow.run': sdk.createWorkflowRunActionRequest({
        scope: 'scope',
        kind: 'process-sequence',
        title: 't',
        steps: [{ id: 'a', title: 'a', command: '/bin/true' }],
      }),
    };
    for (const [action, request] of Object.entries(requests)) {
      const needed = sdk
        .getRequiredCapabilities(request)
        .map((c) => `\`${c.replace('.scope.scope', '.scope.<scope>')}\``)
        .join(' and ');
      assert.ok(readme.includes(`| \`${action}\` | ${needed} |`), action);
    }
  });

  it('documents every manifest field with the limits the schema enforces, and no field it lacks', () => {
    const schema = z.toJSONSchema(sdk.pluginManifestSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
    assert.equal(schema.additionalProperties, false, 'the README calls the manifest strict');
    const text = section('## The manifest');
    const expected = manifestRows(schema);
    for (const [field, row] of expected)
      assert.ok(text.includes(row), `missing or outdated row for ${field}; expected it to start with\n${row}`);
    const documented = [...text.matchAll(/^\| `([a-z.]+)` \| (?:yes|no) \|/gm)].map((match) => match[1]);
    assert.deepEqual(documented.sort(), [...expected.keys()].sort());
  });

  it('lists every bundle folder limit with its value', () => {
    const text = section('## The manifest');
    for (const [key, value] of Object.entries(BUNDLE_LIMITS)) assert.ok(text.includes(`| \`${key}\` | ${value} |`), key);
  });

  it('documents every command and option the CLI help names', async () => {
    let help = '';
    assert.equal(await runCli(['help'], { stdout: { write: (text: string) => (help += text) }, stderr: { write: () => true } }), 0);
    const text = section('## Signing and shipping a bundle');
    const commands = [...help.matchAll(/^ {2}([a-z]+)\b/gm)].map((match) => match[1]!);
    assert.ok(commands.length >= 7, `too few commands in the help text:\n${help}`);
    for (const command of commands) assert.match(text, new RegExp(`^\\| \`${command}\\b`, 'm'), `command ${command}`);
    const options = new Set([...help.matchAll(/(?<![\w-])(--?[a-z][a-z-]*)\b/g)].map((match) => match[1]!));
    assert.ok(options.has('--source') && options.has('--trust'), 'options were read from the help text');
    for (const option of options) assert.ok(text.includes(`\`${option}`), `option ${option}`);
  });
});
