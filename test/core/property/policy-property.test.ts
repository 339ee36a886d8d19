import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { createCoreFixture, message } from '../../support/core-fixture';

// Random policies and random requests: a request the policy does not allow never has an effect on disk,
// and every request, allowed or not, leaves an audit record under its correlation id.

const FS_OPS = ['mkdir', 'writeFile', 'appendFile', 'remove'] as const;
const CAPS = ['system.fs.mutate', 'system.fs.scope.work', 'system.process.exec', 'system.process.scope.touchy'] as const;

const policyArb = fc.record({
  granted: fc.subarray([...CAPS]),
  active: fc.boolean(),
  allowedOperations: fc.subarray([...FS_OPS], { minLength: 1 }),
  maxWriteBytes: fc.integer({ min: 1, max: 64 }),
  allowedNames: fc.subarray(['a', 'b', 'c', 'd'], { minLength: 1 }),
});

const requestArb = fc.oneof(
  fc.record({
    kind: fc.constant('fs' as const),
    op: fc.constantFrom(...FS_OPS),
    where: fc.constantFrom('inside', 'outside', 'escape-link'),
    name: fc.constantFrom('a', 'b', 'c', 'd'),
    size: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({
    kind: fc.constant('exec' as const),
    name: fc.constantFrom('a', 'b', 'c', 'd'),
    extraArg: fc.boolean(),
  }),
);

test('nothing outside policy ever has an effect, and every request is audited', async () => {
  let allowedAndDone = 0;
  await fc.assert(
    fc.asyncProperty(policyArb, fc.array(requestArb, { minLength: 1, maxLength: 8 }), async (policy, requests) => {
      const f = await createCoreFixture([{ id: 'prop', capabilities: [...CAPS], grant: policy.granted, active: policy.active }], {
        prompter: { confirm: async () => 'approved' },
        rateLimit: { burst: 1000, perSecond: 1000 },
      });
      try {
        const root = join(f.dir, 'root');
        const outside = join(f.dir, 'outside');
        const marks = join(f.dir, 'marks');
        await mkdir(root, { recursive: true });
        await mkdir(outside, { recursive: true });
        await mkdir(marks, { recursive: true });
        const { symlink } = await import('node:fs/promises');
        await symlink(outside, join(root, 'link'));
        await f.core.scopes.save('fs', {
          id: 'work',
          title: 'Work',
          roots: [root],
          allowedOperations: policy.allowedOperations,
          confirmation: 'never',
          maxWriteBytes: policy.maxWriteBytes,
        });
        await f.core.scopes.save('process', {
          id: 'touchy',
          title: 'Touch markers',
          executables: [{ path: '/usr/bin/touch' }],
          tool: 'none',
          rules: { argv: policy.allowedNames.map((n) => [join(marks, `mark-${n}`)]) },
          cwdRoots: [f.dir],
          allowedEnvKeys: [],
          timeoutCeilingMs: 5000,
          maxOutputBytes: 1024,
          confirmation: { mode: 'never' },
        });
        const has = (cap: string) => policy.granted.includes(cap as never);
        for (const r of requests) {
          let m;
          let allowed: boolean;
          let effect: string;
          if (r.kind === 'fs') {
            const base = r.where === 'inside' ? root : r.where === 'outside' ? outside : join(root, 'link');
            const path = join(base, `file-${r.name}`);
            effect = r.where === 'inside' ? '' : join(outside, `file-${r.name}`);
            const op =
              r.op === 'mkdir'
                ? { type: 'mkdir', path }
                : r.op === 'remove'
                  ? { type: 'remove', path, force: true }
                  : { type: r.op, path, content: 'x'.repeat(r.size) };
            m = message('system.fs.mutate', { scope: 'work', operations: [op] });
            allowed =
              policy.active &&
              has('system.fs.mutate') &&
              has('system.fs.scope.work') &&
              policy.allowedOperations.includes(r.op) &&
              r.where === 'inside' &&
              (r.op === 'mkdir' || r.op === 'remove' || r.size <= policy.maxWriteBytes);
          } else {
            const target = join(marks, `mark-${r.name}`);
            const args = r.extraArg ? [target, join(marks, 'extra')] : [target];
            m = message('system.process.exec', { scope: 'touchy', command: '/usr/bin/touch', args });
            allowed =
              policy.active &&
              has('system.process.exec') &&
              has('system.process.scope.touchy') &&
              policy.allowedNames.includes(r.name) &&
              !r.extraArg;
            effect = allowed ? '' : r.extraArg ? join(marks, 'extra') : policy.allowedNames.includes(r.name) ? '' : target;
          }
          const response = await f.core.handlePrivilegedAction({ pluginId: 'prop' }, m);
          if (response.ok) assert.equal(allowed, true, `allowed by the host but not by the policy: ${JSON.stringify(m.request)}`);
          if (!allowed) assert.equal(response.ok, false);
          if (allowed && !response.ok) {
            assert.ok(
              !['CAPABILITY_DENIED', 'SCOPE_VIOLATION', 'PLUGIN_NOT_ACTIVE'].includes(response.code),
              `refused though the policy allows it: ${response.code} ${response.error}`,
            );
          }
          if (allowed && response.ok) allowedAndDone++;
          if (effect) await assert.rejects(access(effect), `an effect outside the policy happened: ${effect}`);
          const records = await f.core.audit.query({ correlationId: m.correlationId, limit: 10 });
          assert.ok(records.total >= 1, `no audit record for ${m.correlationId}`);
        }
      } finally {
        await f.cleanup();
      }
    }),
    {
      numRuns: 25,
      // One permissive case always runs first, so the allowed branch is exercised on every run.
      examples: [
        [
          { granted: [...CAPS], active: true, allowedOperations: [...FS_OPS], maxWriteBytes: 64, allowedNames: ['a', 'b', 'c', 'd'] },
          [
            { kind: 'fs' as const, op: 'writeFile' as const, where: 'inside' as const, name: 'a' as const, size: 3 },
            { kind: 'exec' as const, name: 'b' as const, extraArg: false },
          ],
        ],
      ],
    },
  );
  assert.ok(allowedAndDone > 0, 'the generated policies never allowed anything: the property was not exercised');
});
