import type { ProcessTool } from './process-tools';

// Shells and programs whose whole job is to run another program: refused in every scope.
const NEVER = [
  /^(sh|bash|rbash|zsh|dash|ksh|ksh93|mksh|pdksh|oksh|yash|posh|csh|tcsh|fish|ash|rc|es|elvish|nu|nushell|xonsh)$/,
  /^(busybox|toybox)$/,
  /^(env|xargs|sudo|sudoedit|su|doas|pkexec|runuser|run0)$/,
  /^(cmd|command|powershell|powershell_ise|pwsh)$/,
];

// Interpreters and tools that run commands or code through their arguments: only with exact literal argv.
const INTERPRETERS = [
  /^python[0-9.]*$/,
  /^pypy[0-9.]*$/,
  /^(node|nodejs|deno|bun|tsx|ts-node)$/,
  /^perl[0-9.]*$/,
  /^ruby[0-9.]*$/,
  /^(irb|jruby|erb)$/,
  /^php[0-9.]*$/,
  /^lua(jit)?[0-9.]*$/,
  /^(tclsh|wish)[0-9.]*$/,
  /^(expect|awk|gawk|mawk|nawk|sed|gsed|ed|m4)$/,
  /^(osascript|wscript|cscript|mshta|rundll32|regsvr32|msiexec|bash\.exe|wsl)$/,
  /^(find|gfind|tar|gtar|bsdtar|zip|curl|wget|aria2c|rsync|scp|sftp|ssh|sshpass|socat|nc|ncat|netcat|telnet)$/,
  /^(nice|nohup|timeout|gtimeout|time|script|setsid|stdbuf|taskset|ionice|chrt|flock|watch|parallel|chroot|unshare|nsenter|bwrap|firejail)$/,
  /^(strace|ltrace|gdb|lldb|valgrind|ld\.so|ld-linux.*|ld64\.so.*)$/,
  /^(make|gmake|cmake|ninja|npm|npx|yarn|pnpm|pip[0-9.]*|pipx|uv|gem|bundle|bundler|cargo|go|mvn|gradle|ant|dotnet)$/,
  /^(java|jshell|jrunscript|scala|groovy|kotlin|clojure|Rscript|R|julia|ghci|runghc|erl|escript|elixir|iex|swift|ocaml)$/,
  /^(vi|vim|nvim|view|ex|emacs|nano|less|more|most|man|pager)$/,
  /^(screen|tmux|at|batch|crontab|systemd-run|launchctl|open|xdg-open|start|sqlite3|mysql|psql)$/,
];

/** The executable's basename as the lists compare it: lowercase-insensitive for Windows, without `.exe`. */
function normalizedBasename(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.(exe|com|bat|cmd|ps1)$/i, '');
}

/** True for a shell, `env`, `xargs`, `sudo` and kin: programs no scope may allow, with any argument rules. */
export function isShellOrCommandRunner(path: string): boolean {
  const base = normalizedBasename(path);
  return NEVER.some((pattern) => pattern.test(base) || pattern.test(base.toLowerCase()));
}

/** True for an interpreter or a tool that runs commands through its arguments (`find -exec`, `tar --to-command`, `curl`...). */
export function isInterpreterOrRunner(path: string): boolean {
  const base = normalizedBasename(path);
  return isShellOrCommandRunner(path) || INTERPRETERS.some((pattern) => pattern.test(base) || pattern.test(base.toLowerCase()));
}

/**
 * Why a scope may not allow this executable, or null. Shells and command runners are refused outright;
 * other interpreters only under grammar `none` with argv patterns made of literal arguments.
 */
export function executableSafetyProblem(path: string, tool: ProcessTool, literalArgvOnly: boolean): string | null {
  if (isShellOrCommandRunner(path)) return `"${normalizedBasename(path)}" is a shell or runs other programs; no scope may allow it`;
  if (isInterpreterOrRunner(path) && !(tool === 'none' && literalArgvOnly)) {
    return `"${normalizedBasename(path)}" runs code or commands given in its arguments; allow it only with tool "none" and literal argv patterns`;
  }
  return null;
}
