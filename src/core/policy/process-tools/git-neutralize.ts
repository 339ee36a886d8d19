// What git must never run on behalf of a plugin, and the configuration the host gives every git child so
// it does not. Configuration passed through GIT_CONFIG_COUNT is git's "command" scope: read after the system,
// global, repository and worktree files (and what they include), so for a single-valued key it wins.

export type ConfigEntry = readonly [key: string, value: string];

/** Keys whose value names a program (or turns one on), fixed to a value that runs nothing of the repository's. */
export const GIT_FIXED_CONFIG: readonly ConfigEntry[] = [
  ['core.hooksPath', '/dev/null'],
  ['core.fsmonitor', 'false'],
  ['core.pager', 'cat'],
  ['core.editor', 'false'],
  ['sequence.editor', 'false'],
  ['core.sshCommand', 'ssh'],
  ['core.askPass', ''],
  // An empty helper resets the helper list, the repository's url-specific helpers included.
  ['credential.helper', ''],
  ['core.alternateRefsCommand', ''],
  ['gpg.format', 'openpgp'],
  ['gpg.program', 'gpg'],
  ['gpg.openpgp.program', 'gpg'],
  ['gpg.x509.program', 'gpgsm'],
  ['gpg.ssh.program', 'ssh-keygen'],
  ['commit.gpgSign', 'false'],
  ['tag.gpgSign', 'false'],
  ['tag.forceSignAnnotated', 'false'],
  ['push.gpgSign', 'false'],
  ['log.showSignature', 'false'],
  ['interactive.diffFilter', 'cat'],
  ['protocol.ext.allow', 'never'],
  // Submodules are repositories with configuration of their own that the host has not read.
  ['submodule.recurse', 'false'],
  ['fetch.recurseSubmodules', 'false'],
  ['push.recurseSubmodules', 'no'],
  // No templates: a template folder may carry hooks and a config file into a new repository.
  ['init.templateDir', ''],
  // Pushing into a checked-out branch would check it out with the receiving repository's drivers.
  ['receive.denyCurrentBranch', 'refuse'],
];

/** Environment that outranks configuration (editor, pager, ssh, proxy, askpass) and keeps git from prompting. */
export const GIT_FIXED_ENV: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_EDITOR: 'false',
  GIT_SEQUENCE_EDITOR: 'false',
  GIT_PAGER: 'cat',
  PAGER: 'cat',
  GIT_ASKPASS: '',
  GIT_SSH_COMMAND: 'ssh',
  // Set (even empty) it makes git ignore every core.gitProxy, a multi-valued key where the first match wins.
  GIT_PROXY_COMMAND: '',
};

/**
 * Overrides for the program-bearing keys a repository defines under names of its own choosing (drivers
 * picked by .gitattributes, remotes): each is set to run nothing. An empty filter command means "no
 * filter"; an empty diff command or merge driver makes git fail instead of running one; textconv through
 * `cat` shows the file as it is.
 */
export function overridesFor(entries: readonly ConfigEntry[]): ConfigEntry[] {
  const out = new Map<string, string>();
  for (const [key] of entries) {
    const lower = key.toLowerCase();
    const first = lower.indexOf('.');
    const last = lower.lastIndexOf('.');
    const section = lower.slice(0, first);
    const name = lower.slice(last + 1);
    const subsection = first < last ? key.slice(first + 1, last) : null;
    if (lower === 'diff.external') out.set('diff.external', '');
    else if (lower === 'uploadpack.packobjectshook') out.set('uploadpack.packObjectsHook', '');
    if (subsection === null) continue;
    const at = (child: string) => `${section}.${subsection}.${child}`;
    if (section === 'filter') {
      for (const child of ['clean', 'smudge', 'process']) out.set(at(child), '');
      out.set(at('required'), 'false');
    } else if (section === 'diff' && (name === 'textconv' || name === 'command')) {
      out.set(at('textconv'), 'cat');
      out.set(at('command'), '');
    } else if (section === 'merge' && name === 'driver') out.set(at('driver'), '');
    else if (section === 'hook' && name === 'command') out.set(at('command'), '');
  }
  return [...out];
}

// git keeps the first of these it reads, so a later override cannot replace the repository's value.
const FIRST_WINS: Readonly<Record<string, string>> = { uploadpack: 'git-upload-pack', receivepack: 'git-receive-pack' };

/** Keys that name a program git would run and that no override can replace: the invocation is refused. */
export function unneutralizableKeys(entries: readonly ConfigEntry[]): string[] {
  return entries
    .filter(([key, value]) => {
      const lower = key.toLowerCase();
      const name = lower.slice(lower.lastIndexOf('.') + 1);
      return lower.startsWith('remote.') && FIRST_WINS[name] !== undefined && value !== FIRST_WINS[name];
    })
    .map(([key]) => key);
}

/** The environment of a git child: the fixed entries, then the fixed and the per-repository configuration. */
export function gitHostEnv(extra: readonly ConfigEntry[]): Record<string, string> {
  const config = [...GIT_FIXED_CONFIG, ...extra];
  const env: Record<string, string> = { ...GIT_FIXED_ENV, GIT_CONFIG_COUNT: String(config.length) };
  config.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return env;
}

/** Parses `git config --list -z`: entries end in NUL, a key and its value are split by the first newline. */
export function parseConfigList(output: string): ConfigEntry[] {
  return output
    .split('\0')
    .filter((entry) => entry !== '')
    .map((entry) => {
      const newline = entry.indexOf('\n');
      return newline < 0 ? ([entry, ''] as const) : ([entry.slice(0, newline), entry.slice(newline + 1)] as const);
    });
}
