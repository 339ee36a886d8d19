// The ssh-keygen preset's two fixed forms, and what a hostile plugin might try instead (checked on the disk).
import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkProcessInvocation } from '../../../src/core/policy/check-process-invocation';
import { createProcessPresets } from '../../../src/core/policy/process-presets';
import { processScopeSchema } from '../../../src/core/policy/process-scope';
import { checkSshKeygenArgs } from '../../../src/core/policy/process-tools/ssh-keygen';

const create = (file: string, comment = 'devssh') => ['-t', 'ed25519', '-N', '', '-C', comment, '-f', file, '-q'];

describe('ssh-keygen grammar', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gatehouse-keygen-'));
    await mkdir(join(dir, 'keys'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('accepts exactly the two forms', () => {
    assert.equal(checkSshKeygenArgs(create('/k/id')).form, 'create');
    assert.equal(checkSshKeygenArgs(['-y', '-f', '/k/id']).form, 'public-key');
  });

  it('refuses every other form: other key types, a passphrase, extra or reordered options, signing, PKCS#11', () => {
    const refused = [
      ['-t', 'rsa', '-N', '', '-C', 'c', '-f', '/k/id', '-q'],
      ['-t', 'ed25519', '-N', 'secret', '-C', 'c', '-f', '/k/id', '-q'],
      ['-t', 'ed25519', '-N', '', '-C', 'c;rm', '-f', '/k/id', '-q'],
      ['-t', 'ed25519', '-N', '', '-C', 'c', '-f', '-D', '-q'],
      ['-t', 'ed25519', '-N', '', '-C', 'c', '-f', '/k/id', '-q', '-v'],
      ['-N', '', '-t', 'ed25519', '-C', 'c', '-f', '/k/id', '-q'],
      ['-D', '/usr/lib/evil.so'],
      ['-s', '/k/ca', '-I', 'id', '/k/id.pub'],
      ['-y', '-f', '/k/id', '-q'],
      ['-l', '-f', '/k/id'],
      [],
    ];
    for (const args of refused) assert.throws(() => checkSshKeygenArgs(args), { code: 'SCOPE_VIOLATION' }, args.join(' '));
  });

  it('a scope for ssh-keygen takes no argument rules', () => {
    const parsed = processScopeSchema.safeParse({
      id: 'keys',
      title: 'keys',
      tool: 'ssh-keygen',
      executables: [{ path: '/usr/bin/ssh-keygen' }],
      rules: { argv: [['-D', { regex: '.*' }]] },
      timeoutCeilingMs: 1000,
      maxOutputBytes: 1000,
      confirmation: { mode: 'always' },
    });
    assert.equal(parsed.success, false);
  });

  it('the key file must lie inside the roots and must not exist yet (nor its .pub); nothing is written', async () => {
    const [scope] = createProcessPresets({ cwdRoots: [join(dir, 'keys')], home: dir }).filter((s) => s.id === 'ssh-keygen');
    assert.ok(scope, 'the ssh-keygen preset exists');
    await assert.rejects(checkProcessInvocation(scope, { command: '/usr/bin/ssh-keygen', args: create(join(dir, 'outside')) }), {
      code: 'SCOPE_VIOLATION',
    });
    await writeFile(join(dir, 'keys', 'taken.pub'), 'x');
    await assert.rejects(
      checkProcessInvocation(scope, { command: '/usr/bin/ssh-keygen', args: create(join(dir, 'keys', 'taken')) }),
      (error: { details?: { reason?: string } }) => error.details?.reason === 'key-file-exists',
    );
    await assert.rejects(lstat(join(dir, 'keys', 'taken')), { code: 'ENOENT' });
    const ok = await checkProcessInvocation(scope, { command: '/usr/bin/ssh-keygen', args: create(join(dir, 'keys', 'fresh')) });
    assert.equal(ok.subcommand, 'create');
  });
});
