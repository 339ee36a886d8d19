// Switches that open a debugger into a running app. A packaged build refuses to start with any of them:
// the fuses stop Node's --inspect, and this stops Chromium's remote debugging, which has no fuse.
// Pure (no electron import), so it is tested under Node.

/** Chromium and Node switch names (without prefix) that attach a debugger or expose the DevTools protocol. */
export const DEBUG_SWITCHES: readonly string[] = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'inspect-wait',
  'debug',
  'debug-brk',
  'debug-port',
];

const SWITCH_SET = new Set(DEBUG_SWITCHES);

/**
 * The debug switches present in `argv`, as Chromium would read them: `--name`, `-name` (and `/name` on
 * Windows), with or without `=value`, any letter case. Every argument is looked at, the ones after `--`
 * too: a false refusal costs a restart, a missed switch costs the app.
 */
export function debugSwitchesIn(argv: readonly string[]): string[] {
  const found: string[] = [];
  for (const arg of argv) {
    const match = /^(?:--|-|\/)([A-Za-z][A-Za-z0-9-]*)(?:=.*)?$/s.exec(arg);
    const name = match?.[1]?.toLowerCase();
    if (name && SWITCH_SET.has(name) && !found.includes(name)) found.push(name);
  }
  return found;
}
