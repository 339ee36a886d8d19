// Renders plugin-sdk/docs/scopes-and-confirmations.md from the host's own presets, schemas and defaults, so
// the page plugin authors plan their UX with says what the code does. test/docs/scope-reference.test.ts
// fails when the checked-in page differs from what this renders now.
import { FS_OPERATION_TYPES } from '@gatehouse/plugin-sdk';
import { HOSTS_WRITE_CONFIRMATION } from '../../src/core/actions/hosts-write';
import { DECLINE_BACKOFF_DEFAULTS } from '../../src/core/confirm/decline-backoff';
import { DEFAULT_CONFIRMATION_TIMEOUT_MS } from '../../src/core/confirm/confirmation-queue';
import { DEFAULT_CLIPBOARD_POLICY, clipboardPolicySchema } from '../../src/core/policy/clipboard-policy';
import { createDefaultFsScopes } from '../../src/core/policy/fs-presets';
import { fsScopeSchema, type FsScope } from '../../src/shared/fs-scope-schema';
import { createProcessPresets } from '../../src/core/policy/process-presets';
import type { ProcessScope } from '../../src/core/policy/process-scope';
import { processConfirmationSchema } from '../../src/shared/process-scope-shape';
import { DEFAULT_RATE_LIMIT } from '../../src/core/rate-limiter';
import { DEFAULT_PROCESS_SANDBOX, SANDBOX_MAX_PATHS, processSandboxSchema } from '../../src/shared/process-sandbox-schema';
import {
  FS_SCOPE_MAX_WRITE_BYTES,
  PROCESS_SCOPE_MAX_OUTPUT_BYTES,
  PROCESS_SCOPE_MAX_REMEMBER_MS,
  PROCESS_TOOLS,
} from '../../src/shared/scope-rules';

/** Where the page lives, relative to the repository root. */
export const SCOPE_REFERENCE_PATH = 'plugin-sdk/docs/scopes-and-confirmations.md';

// The presets are built for a placeholder home, then shown with `~`: the page must not depend on who runs it.
const HOME = '/home/gatehouse-docs-home';

/** What each sandbox field means to an author; a field the schema gains without a line here stops the render. */
const SANDBOX_FIELD_TEXT: Record<string, string> = {
  network:
    "the host's network, loopback included. Without it the tool gets an empty network namespace: no DNS, no `127.0.0.1` services. There is no per-host filter.",
  readPaths:
    'paths the tool may read that the sandbox otherwise hides: everything under the home folders, `/tmp` and `/run` is empty inside unless named here.',
  writePaths: "paths the tool may write besides the scope's working folders (connecting to a Unix socket counts as a write).",
  allowUnsandboxed:
    'where the platform has no sandbox (Windows, Linux without a usable bubblewrap): `true` runs the tool anyway, `false` refuses with `SANDBOX_UNAVAILABLE` before anyone is asked.',
};

const CONFIRMATION_MODE_TEXT: Record<string, string> = {
  always: 'asks every time',
  'per-command': 'asks per command; the prompt offers to remember that exact command for `rememberMs`',
  never: 'never asks (still checked and audited)',
};

function fail(message: string): never {
  throw new Error(`scope reference: ${message}`);
}

/** `600000` → `10 minutes`, `60000` → `1 minute`, `30000` → `30 seconds`, `86400000` → `24 hours`. */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${name}${ms / size === 1 ? '' : 's'}`;
  }
  return `${ms} ms`;
}

/** `1048576` → `1 MiB`, `8388608` → `8 MiB`, `1073741824` → `1 GiB`. */
function formatBytes(bytes: number): string {
  for (const [size, name] of [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${name}`;
  }
  return `${bytes} bytes`;
}

const code = (text: string) => `\`${text}\``;
const home = (path: string) => (path === HOME ? '~' : path.startsWith(`${HOME}/`) ? `~${path.slice(HOME.length)}` : path);
const list = (items: readonly string[], none = 'none') => (items.length === 0 ? none : items.map(code).join(', '));
const subcommands = (items: readonly string[]) =>
  items.length === 0 ? 'none' : items.map((s) => (s === '' ? '(none: the bare tool)' : code(s))).join(', ');
const flagRules = (rules: ProcessScope['rules']['deniedFlags']) =>
  list(rules.map((rule) => (typeof rule === 'string' ? rule : `${rule.flag} (${rule.subcommand})`)));

function confirmationText(confirmation: ProcessScope['confirmation']): string {
  if (confirmation.mode === 'per-command')
    return `per command, remembered for ${formatDuration(confirmation.rememberMs)} when the user chooses`;
  if (confirmation.mode === 'always') return 'every time';
  return 'never';
}

function sandboxLine(sandbox: ProcessScope['sandbox']): string {
  const parts = [sandbox.network ? 'network' : 'no network'];
  parts.push(sandbox.readPaths.length ? `reads ${sandbox.readPaths.map((p) => code(home(p))).join(', ')}` : 'no extra reads');
  parts.push(sandbox.writePaths.length ? `writes ${sandbox.writePaths.map((p) => code(home(p))).join(', ')}` : 'no extra writes');
  if (sandbox.allowUnsandboxed) parts.push('runs unsandboxed where no sandbox exists');
  return parts.join('; ');
}

function checkFieldsCovered(what: string, fields: readonly string[], texts: Record<string, string>): void {
  const missing = fields.filter((field) => !Object.hasOwn(texts, field));
  const stale = Object.keys(texts).filter((field) => !fields.includes(field));
  if (missing.length || stale.length)
    fail(`${what}: no text for ${missing.join(', ') || '-'}; text for unknown ${stale.join(', ') || '-'}`);
}

function confirmationSection(fsScopes: FsScope[]): string[] {
  const clipboardModes = clipboardPolicySchema.shape.readConfirmation.unwrap().options.map(code).join(' or ');
  const ask = (mode: string) => CONFIRMATION_MODE_TEXT[mode] ?? fail(`no text for confirmation mode ${mode}`);
  const fsModes = [...new Set(fsScopes.map((s) => s.confirmation))].map((m) => `${code(m)} (${ask(m)})`).join(', ');
  return [
    '## When Gatehouse asks the user',
    '',
    'Not every action asks. What asks depends on the action, the scope the user configured and the',
    "user's own settings; every request is checked and written to the audit log whether or not it asks.",
    '',
    '| action | asks the user | can be remembered |',
    '|---|---|---|',
    `| \`system.clipboard.read\` | ${ask(DEFAULT_CLIPBOARD_POLICY.readConfirmation)} by default; Settings → Clipboard can choose ${clipboardModes} | no |`,
    `| \`system.clipboard.write\` | ${ask(DEFAULT_CLIPBOARD_POLICY.writeConfirmation)} by default; Settings → Clipboard can choose ${clipboardModes} | no |`,
    `| \`system.hosts.write\` | ${ask(HOSTS_WRITE_CONFIRMATION.mode)}, whatever the settings | no |`,
    `| \`system.fs.mutate\` | as its filesystem scope says: ${fsModes} for the built-in ${fsScopes.map((s) => code(s.id)).join(', ')} | no |`,
    '| `system.process.exec` | as its process scope says (see [the process scopes](#process-scopes)) | on a `per-command` scope, when the user ticks the prompt\'s "remember" choice |',
    "| `system.workflow.run` | the strictest of its steps' scope modes, once for the whole workflow; a step named in `confirmation.requiredForStepIds` asks again right before it runs, every time | on a `per-command` scope, for the whole definition |",
    "| plugin storage | never: it is the plugin's own store | - |",
    '',
    '- **A dry run never asks** (`dryRun: true`): the host checks everything and runs nothing.',
    `- **Remembered approvals** cover one plugin and one exact command: executable, argv, working folder,`,
    "  environment, standard input, encoding and the scope's sandbox (a wider sandbox asks again). A",
    '  workflow is remembered under its whole definition: title, texts, every step, its gate and its',
    `  \`onError\`. The time comes from the scope's \`rememberMs\` (at most ${formatDuration(PROCESS_SCOPE_MAX_REMEMBER_MS)}); a workflow takes the`,
    "  shortest of its steps'. Approvals are kept in memory only: restarting Gatehouse forgets them, and so do",
    '  disabling, removing or revoking the plugin; the user can revoke one under Settings → Remembered approvals.',
    `- **An unanswered prompt** ends after ${formatDuration(DEFAULT_CONFIRMATION_TIMEOUT_MS)} (counted from when it is shown) with \`CONFIRMATION_TIMEOUT\`.`,
    '  Prompts are shown one at a time; the others wait in order.',
    `- **Declined again and again**: after ${DECLINE_BACKOFF_DEFAULTS.threshold} declined or unanswered prompts in a row (each within`,
    `  ${formatDuration(DECLINE_BACKOFF_DEFAULTS.windowMs)} of the last), the host stops asking for that plugin for ${formatDuration(DECLINE_BACKOFF_DEFAULTS.pauseMs)}, doubling with each`,
    `  further refusal up to ${formatDuration(DECLINE_BACKOFF_DEFAULTS.maxPauseMs)}, and answers \`RATE_LIMITED\` with \`details.reason: "declined-repeatedly"\``,
    '  and `details.retryAfterMs`. One approval resets it.',
    '- **Paused**: while the user has paused Gatehouse, every action is refused, even one that would not ask',
    '  or that was remembered.',
    `- **Rate limit**: each plugin may send a burst of ${DEFAULT_RATE_LIMIT.burst} messages, then ${DEFAULT_RATE_LIMIT.perSecond} a second (\`RATE_LIMITED\`).`,
    '',
    '### Plan your UX for it',
    '',
    '- Offer a dry run before a change (hosts, files, workflows): it shows the user what would happen without a prompt.',
    '- Expect `CANCELLED` and `CONFIRMATION_TIMEOUT` as normal answers, not errors to shout about.',
    '- A read-only scope confirmed per command stops asking once the user chose to remember that exact',
    '  command: keep the argv of a refresh stable (no timestamps in arguments) so it can be remembered.',
    '- Clipboard writes do not ask by default; reads do. Do not read the clipboard on page load.',
    '',
  ];
}

function scopeFieldsSection(): string[] {
  const sandboxFields = Object.keys(processSandboxSchema.shape);
  checkFieldsCovered('sandbox fields', sandboxFields, SANDBOX_FIELD_TEXT);
  const modes = processConfirmationSchema.options.map((option) => option.shape.mode.value);
  checkFieldsCovered('confirmation modes', modes, CONFIRMATION_MODE_TEXT);
  const fsModes = fsScopeSchema.shape.confirmation.unwrap().options;
  const perCommand = processConfirmationSchema.options.find((option) => 'rememberMs' in option.shape) ?? fail('no per-command mode');
  const rememberMin = ('rememberMs' in perCommand.shape && perCommand.shape.rememberMs.minValue) || fail('rememberMs has no minimum');
  return [
    '## Scope settings',
    '',
    'The user (or an administrator) can copy a preset under Settings (Process scopes, Filesystem scopes) and change these.',
    '',
    '### Confirmation modes',
    '',
    '| mode | meaning |',
    '|---|---|',
    ...modes.map((mode) => `| \`${mode}\` | ${CONFIRMATION_MODE_TEXT[mode]} |`),
    '',
    `\`rememberMs\` is from ${formatDuration(rememberMin)} to ${formatDuration(PROCESS_SCOPE_MAX_REMEMBER_MS)}. Filesystem scopes take ${fsModes.map(code).join(' or ')} only.`,
    '',
    '### Sandbox (`sandbox` of a process scope)',
    '',
    `Every field denies by default; a scope that declares nothing gets \`${JSON.stringify(DEFAULT_PROCESS_SANDBOX)}\`.`,
    `Each path list holds at most ${SANDBOX_MAX_PATHS} absolute paths, none of them \`/\`.`,
    '',
    '| field | default | meaning |',
    '|---|---|---|',
    ...sandboxFields.map(
      (field) =>
        `| \`${field}\` | \`${JSON.stringify(DEFAULT_PROCESS_SANDBOX[field as keyof typeof DEFAULT_PROCESS_SANDBOX])}\` | ${SANDBOX_FIELD_TEXT[field]} |`,
    ),
    '',
    `Other limits: a process scope returns at most ${formatBytes(PROCESS_SCOPE_MAX_OUTPUT_BYTES)} per output stream, a filesystem scope`,
    `allows single writes of at most ${formatBytes(FS_SCOPE_MAX_WRITE_BYTES)}. Tools: ${PROCESS_TOOLS.map(code).join(', ')} (\`none\` takes exact argv patterns only).`,
    '',
  ];
}

function processScopeSection(scope: ProcessScope): string[] {
  const { rules } = scope;
  const executables = scope.executables.map((e) => code(e.path)).join(', ');
  const rows: [string, string][] = [
    ['tool', code(scope.tool)],
    ['executables', `${executables} (only those installed are offered)`],
    ['working folders', scope.cwdRoots.map((root) => (root === HOME ? 'your home folder' : code(home(root)))).join(', ') || 'none'],
    ['allowed subcommands', subcommands(rules.allowedSubcommands)],
    ['refused subcommands', subcommands(rules.deniedSubcommands)],
  ];
  if (rules.deniedGlobalOptions.length) rows.push(['refused global options', list(rules.deniedGlobalOptions)]);
  if (rules.deniedFlags.length) rows.push(['refused flags', flagRules(rules.deniedFlags)]);
  if (rules.deniedResources.length)
    rows.push(['refused resources (every spelling; with them `-f`, `-k`, `--raw`)', list(rules.deniedResources)]);
  if (rules.pathOptions.length) rows.push(['extra path options', flagRules(rules.pathOptions)]);
  if (rules.deniedArguments.length) rows.push(['refused arguments (regular expressions)', list(rules.deniedArguments)]);
  rows.push(
    ['environment keys a plugin may set', list(scope.allowedEnvKeys)],
    ['confirmation', confirmationText(scope.confirmation)],
    ['sandbox', sandboxLine(scope.sandbox)],
    ['timeout ceiling', formatDuration(scope.timeoutCeilingMs)],
    ['output per stream', formatBytes(scope.maxOutputBytes)],
  );
  return [
    `<a id="${scope.id}"></a>`,
    '',
    `### \`${scope.id}\`: ${scope.title}`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    ...(scope.risk ? [`Risk shown to the user: ${scope.risk}`, ''] : []),
  ];
}

function fsScopeSection(scope: FsScope): string[] {
  return [
    `### \`${scope.id}\`: ${scope.title}`,
    '',
    '| | |',
    '|---|---|',
    `| roots | ${scope.roots.map((r) => code(home(r))).join(', ')} (not created for you: a plugin may create it when its parent exists) |`,
    `| operations | ${list(scope.allowedOperations)}${scope.allowedOperations.length === FS_OPERATION_TYPES.length ? ' (all)' : ''} |`,
    `| confirmation | ${scope.confirmation === 'always' ? 'every time' : 'never'} |`,
    `| largest single write | ${formatBytes(scope.maxWriteBytes)} |`,
    `| world-writable modes | ${scope.allowWorldWritable ? 'allowed' : 'refused'} |`,
    '',
  ];
}

/** The whole page. */
export function renderScopeReference(): string {
  const processScopes = createProcessPresets({ cwdRoots: [HOME], home: HOME });
  const fsScopes = createDefaultFsScopes(HOME);
  const lines = [
    '# Built-in scopes and confirmation rules',
    '',
    '<!-- Generated by `npm run docs` (scripts/docs/render-scope-reference.ts) from src/core/policy and',
    '     src/core/sandbox. Do not edit by hand: test/docs/scope-reference.test.ts fails when this page differs. -->',
    '',
    'What a plugin can ask for in the scopes Gatehouse ships, and when the user is asked. A user can copy a',
    'preset and change it, so treat this as the starting point, not a promise: handle `SCOPE_NOT_CONFIGURED`',
    'and `SCOPE_VIOLATION` (with `details.reason`). The argument rules every scope applies whatever it',
    'allows (paths, credentials, repository-controlled code) are in the [SDK README](../README.md#process-scopes).',
    '',
    '- [When Gatehouse asks the user](#when-gatehouse-asks-the-user)',
    '- [Scope settings](#scope-settings)',
    '- [Process scopes](#process-scopes)',
    '- [Filesystem scopes](#filesystem-scopes)',
    '',
    ...confirmationSection(fsScopes),
    ...scopeFieldsSection(),
    '## Process scopes',
    '',
    'Each tool has a read-only scope and a scope that changes things. A plugin names the scope id in',
    '`system.process.scope.<id>` and in each request; subcommands are matched as word prefixes after the',
    "tool's synonyms are made canonical (`docker ps` is `container ls`), and a refusal beats an allowance.",
    '',
    '| scope | title | confirmation | network |',
    '|---|---|---|---|',
    ...processScopes.map(
      (s) => `| [\`${s.id}\`](#${s.id}) | ${s.title} | ${confirmationText(s.confirmation)} | ${s.sandbox.network ? 'yes' : 'no'} |`,
    ),
    '',
    ...processScopes.flatMap(processScopeSection),
    '## Filesystem scopes',
    '',
    ...fsScopes.flatMap(fsScopeSection),
  ];
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
