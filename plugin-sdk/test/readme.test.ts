// The README is the reference plugin authors read: it must name every export and match the code's tables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as sdk from '@gatehouse/plugin-sdk';
import * as testing from '@gatehouse/plugin-sdk/testing';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

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
      'system.workflow.run': sdk.createWorkflowRunActionRequest({ scope: 'scope', kind: 'process-sequence', title: 't', steps: [{ id: 'a', title: 'a', command: '/bin/true' }] }),
    };
    for (const [action, request] of Object.entries(requests)) {
      const needed = sdk.getRequiredCapabilities(request).map((c) => `\`${c.replace('.scope.scope', '.scope.<scope>')}\``).join(' and ');
      assert.ok(readme.includes(`| \`${action}\` | ${needed} |`), action);
    }
  });
});
