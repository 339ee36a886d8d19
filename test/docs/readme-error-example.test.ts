// The SDK README quotes what formatPrivilegedActionError prints for a failed git command. That text must be
// what the host really answers, so this runs the same request through a real host core, real git and the
// real sandbox, and compares the formatted answer with the README's lines.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, realpath } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatPrivilegedActionError } from '@gatehouse/plugin-sdk';
import { createCoreFixture, message } from '../support/core-fixture';

const readme = readFileSync(new URL('../../plugin-sdk/README.md', import.meta.url), 'utf8');

/** The `// ` comment lines right after the README's `formatPrivilegedActionError(response, { context: ... })` call. */
function quotedOutput(): { context: string; lines: string[] } {
  const match = /formatPrivilegedActionError\(response, \{ context: '([^']+)' \}\);\n((?: *\/\/ .*\n)+)/.exec(readme);
  assert.ok(match, 'the README quotes a formatted error');
  return {
    context: match[1]!,
    lines: match[2]!
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/^ *\/\/ /, '')),
  };
}

test("the README's formatted git error is what the host answers for that command", async (t) => {
  const { context, lines } = quotedOutput();
  const command = /^command: (\S+) (.+)$/.exec(lines.find((line) => line.startsWith('command: ')) ?? '');
  const quotedCwd = lines.find((line) => line.startsWith('cwd: '))?.slice('cwd: '.length);
  const correlationId = lines.at(-1)?.replace('Correlation ID: ', '');
  assert.ok(command && quotedCwd && correlationId, `the quote names a command, a folder and a correlation id:\n${lines.join('\n')}`);

  const f = await createCoreFixture([{ id: 'alpha', capabilities: ['system.process.exec', 'system.process.scope.git'] }]);
  t.after(() => f.cleanup());
  // The preset's working folder is the home folder; the command runs in a new repository there, as the README says.
  const cwd = join(f.dir, 'home', 'app');
  await mkdir(cwd, { recursive: true });
  const init = spawnSync('/usr/bin/git', ['init', '--quiet', '--initial-branch=main', cwd], { encoding: 'utf8' });
  assert.equal(init.status, 0, init.stderr);
  const realCwd = await realpath(cwd);
  const sent = f.core.handlePrivilegedAction(
    { pluginId: 'alpha' },
    message('system.process.exec', { scope: 'git', command: command[1], args: command[2]!.split(' '), cwd: realCwd }),
  );
  // A refusal before the prompt (a command the scope does not allow) answers without asking.
  void f.answerNext('approved');
  const response = await sent;
  assert.equal(response.ok, false);
  const printed = formatPrivilegedActionError({ ...response, correlationId }, { context })
    .split(realCwd)
    .join(quotedCwd);
  assert.deepEqual(printed.split('\n'), lines, `the host's answer, formatted:\n${printed}`);
});
