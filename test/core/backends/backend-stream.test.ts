// A backend's streamed request through the real host: its output arrives over the backend's own channel while
// the tool runs, each event acknowledged, and aborting its signal stops the tool as a frame's cancel does.
import assert from 'node:assert/strict';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createProcessCapabilityBundle } from '@gatehouse/plugin-sdk';
import { createBackendFixture, type BackendFixture } from './backend-fixture';

const SCOPE = 'backend-tools';

const source = (script: string) => `
import { connectBackend } from '@gatehouse/plugin-sdk/backend';
import { requestScopedProcessExec } from '@gatehouse/plugin-sdk';
const host = await connectBackend();
let run = null;
host.onFrameMessage(async (data) => {
  if (data.op === 'stop') return run?.abort();
  run = new AbortController();
  const response = await requestScopedProcessExec(
    ${JSON.stringify(SCOPE)},
    { command: process.execPath, args: [${JSON.stringify(script)}] },
    { signal: run.signal, onOutput: (text, stream) => host.postToFrame({ op: 'output', stream, text }) },
  );
  host.postToFrame({ op: 'done', response });
});
`;

describe('a backend streaming a tool', () => {
  let fx: BackendFixture;
  let scripts: string;
  let script: string;
  before(async () => {
    scripts = await realpath(await mkdtemp(join(tmpdir(), 'gh-backend-stream-')));
    script = join(scripts, 'ticks.cjs');
    await writeFile(script, `let i = 0; setInterval(() => process.stdout.write('tick-' + ++i + '\\n'), 100);`);
    fx = await createBackendFixture([{ id: 'watcher', source: source(script), capabilities: createProcessCapabilityBundle(SCOPE) }], {
      core: {
        scopes: {
          process: [
            {
              id: SCOPE,
              title: 'Backend test tools',
              executables: [{ path: process.execPath }],
              tool: 'none',
              rules: { argv: [[script]] },
              cwdRoots: ['/tmp'],
              allowedEnvKeys: [],
              timeoutCeilingMs: 60_000,
              maxOutputBytes: 65_536,
              confirmation: { mode: 'never' },
              sandbox: { readPaths: [scripts] },
            },
          ],
        },
      } as never,
    });
    await fx.waitFor('watcher', ['running']);
  });
  after(async () => {
    await fx?.cleanup();
    await rm(scripts, { recursive: true, force: true });
  });

  it('gets output while the tool runs and stops the tool by aborting', async () => {
    const messages: Array<{
      op: string;
      text?: string;
      response?: { ok: boolean; code?: string; correlationId: string; details?: { reason?: string } };
    }> = [];
    let third!: () => void;
    const gotThird = new Promise<void>((resolve) => (third = resolve));
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const stop = fx.core.backends.onFrameMessage((pluginId, data) => {
      if (pluginId !== 'watcher') return;
      const message = data as (typeof messages)[number];
      messages.push(message);
      if (message.text?.includes('tick-3')) third();
      if (message.op === 'done') finished();
    });
    assert.deepEqual(fx.core.backends.fromFrame('watcher', { op: 'watch' }), { delivered: true });
    await gotThird;
    // Output arrived before any answer: the tool still runs, listed as the plugin's streamed request.
    assert.equal(
      messages.some((m) => m.op === 'done'),
      false,
    );
    const running = fx.core.running.list();
    assert.equal(running.length, 1);
    assert.equal(running[0]?.pluginId, 'watcher');
    assert.equal(running[0]?.streaming, true);

    fx.core.backends.fromFrame('watcher', { op: 'stop' });
    await done;
    stop();
    // The SDK answers an aborted request at once, as in a frame; the host stops the tool and writes who did.
    const answer = messages.find((m) => m.op === 'done')?.response;
    assert.equal(answer?.ok, false);
    assert.equal(answer?.code, 'TRANSPORT_FAILED');
    assert.equal(answer?.details?.reason, 'aborted');
    await new Promise<void>((resolve) => {
      const done = () => {
        off();
        resolve();
      };
      const off = fx.core.running.onChange((list) => {
        if (list.length === 0) done();
      });
      if (fx.core.running.list().length === 0) done();
    });
    const records = await fx.core.audit.query({ correlationId: answer.correlationId, limit: 10 });
    const failed = records.records.find((r) => r.phase === 'failed');
    assert.equal(failed?.pluginId, 'watcher');
    assert.match(JSON.stringify(failed), /"stoppedBy":"plugin"/);
    const text = messages.flatMap((m) => (m.op === 'output' ? [m.text] : [])).join('');
    assert.match(text, /^tick-1\ntick-2\ntick-3\n/);
  });
});
