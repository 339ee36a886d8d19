// Every command and option the CLI's usage text names must be documented in the README's command-line
// reference, under that command: the trial found flags that only `--help` showed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { runCli } from '@gatehouse/plugin-sdk/node';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

async function usageText(): Promise<string> {
  let out = '';
  const code = await runCli(['help'], { stdout: { write: (text: string) => (out += text) }, stderr: { write: () => true } });
  assert.equal(code, 0);
  return out;
}

/** `command → options` from the usage's command lines (two spaces, then the command). */
function usageCommands(usage: string): Map<string, string[]> {
  const commands = new Map<string, string[]>();
  for (const line of usage.split('\n')) {
    const match = /^ {2}([a-z][a-z-]*)\b(.*)$/.exec(line);
    if (match) commands.set(match[1]!, [...match[2]!.matchAll(/(?<![\w-])(--?[a-z][a-z-]*)/g)].map((m) => m[1]!));
  }
  return commands;
}

function referenceSection(): string {
  const start = readme.indexOf('## Command-line reference');
  assert.ok(start >= 0, 'the README has a command-line reference');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

it('documents every command and every option of the usage text under its command', async () => {
  const commands = usageCommands(await usageText());
  assert.ok(commands.size >= 6 && commands.get('verify')?.includes('--previous-version'), 'the usage text was read');
  const section = referenceSection();
  const entries = section.split('\n- ').slice(1);
  for (const [command, options] of commands) {
    const entry = entries.find((text) => text.startsWith(`\`gatehouse-plugin ${command}`));
    assert.ok(entry, `no "- \`gatehouse-plugin ${command} ...\`" entry in the command-line reference`);
    // The entry opens with the command's synopsis; each option must also be explained after it.
    const explanation = entry.replace(/^`[^`]*`/, '');
    for (const option of options) assert.ok(explanation.includes(`\`${option}\``), `${command}: ${option} is not explained`);
  }
});

it('names the help forms and the exit codes', () => {
  const section = referenceSection();
  for (const text of ['gatehouse-plugin help', '`--help`', '`-h`', '0 ok, 1 failure, 2 usage error']) assert.ok(section.includes(text), text);
});
