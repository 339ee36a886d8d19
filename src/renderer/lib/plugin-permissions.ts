// What a plugin can do right now, in plain words: one line per granted capability (a scope and the
// capability that unlocks its kind count as one), whether the host asks, and what to watch out for.
// Every fact comes from the host: the plugin's grants, the scope listing and the clipboard policy.
import { capabilityRisk, findScope, type RiskTier, type ScopeRiskFacts } from '../../shared/capability-risk';
import type { HostSettingsView } from '../../shared/ipc-contract';
import { plural } from './format';

export type AskMode = 'asks' | 'remembers' | 'never' | 'unusable' | 'unknown';

export interface PermissionFacts {
  /** The host's scope listing, or null while it loads or when it failed. */
  scopes: { fs: ScopeRiskFacts[]; process: ScopeRiskFacts[] } | null;
  /** The host's clipboard policy, or null while it loads or when it failed. */
  clipboard: HostSettingsView['clipboard'] | null;
}

export interface PermissionLine {
  /** The capability the line is about (the scope's, for a scope). */
  capability: string;
  /** What the plugin can do, in words: "Run programs in “git (read-only)”". */
  what: string;
  ask: AskMode;
  /** "asks every time", "remembered for 10 minutes if you allow it", "never asks", or why it cannot be used. */
  askText: string;
  risk: RiskTier;
  /** Something to know before trusting this line: a secret passed to a program. */
  warning: string | null;
}

const ASKS = 'asks every time';
/** "10 minutes" from milliseconds, whole minutes, at least one (the remember choice in the prompt rounds the same way). */
const minutesWords = (ms: number) => plural(Math.max(1, Math.round(ms / 60_000)), 'minute', 'minutes');
const NEVER = 'never asks';
const UNKNOWN = 'checking the policy…';

function title(scope: ScopeRiskFacts | null, id: string): string {
  return scope && typeof scope.title === 'string' && scope.title !== '' ? scope.title : id;
}

function clipboardAsk(mode: 'always' | 'never' | undefined): Pick<PermissionLine, 'ask' | 'askText'> {
  if (mode === undefined) return { ask: 'unknown', askText: UNKNOWN };
  return mode === 'never' ? { ask: 'never', askText: NEVER } : { ask: 'asks', askText: ASKS };
}

function processAsk(scope: ScopeRiskFacts): Pick<PermissionLine, 'ask' | 'askText'> {
  const confirmation = scope.confirmation as { mode?: unknown; rememberMs?: unknown } | undefined;
  if (confirmation?.mode === 'never') return { ask: 'never', askText: NEVER };
  if (confirmation?.mode === 'per-command' && typeof confirmation.rememberMs === 'number') {
    return { ask: 'remembers', askText: `asks; remembered for ${minutesWords(confirmation.rememberMs)} if you allow it` };
  }
  return { ask: 'asks', askText: ASKS };
}

function fsAsk(scope: ScopeRiskFacts): Pick<PermissionLine, 'ask' | 'askText'> {
  return scope.confirmation === 'never' ? { ask: 'never', askText: NEVER } : { ask: 'asks', askText: ASKS };
}

/** "Gives the program the secret “api-token” (as API_TOKEN)": names only, never a value. */
function secretWarning(scope: ScopeRiskFacts): string | null {
  const secretEnv = scope.secretEnv;
  if (typeof secretEnv !== 'object' || secretEnv === null) return null;
  const entries = Object.entries(secretEnv as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  if (entries.length === 0) return null;
  const names = entries.map(([key, name]) => `“${name}” (as ${key})`).join(', ');
  return `Gives the program ${entries.length === 1 ? 'the secret' : `${plural(entries.length, 'secret', 'secrets')}:`} ${names} from your keychain`;
}

/**
 * The effective permissions of a plugin, granted capabilities only, in the plugin's own order.
 * @example effectivePermissions({ capabilities, granted }, { scopes, clipboard })[0].askText // "never asks"
 */
export function effectivePermissions(
  plugin: { capabilities: readonly string[]; granted: readonly string[] },
  facts: PermissionFacts,
): PermissionLine[] {
  const granted = new Set(plugin.granted);
  const ordered = plugin.capabilities.filter((capability) => granted.has(capability));
  const scoped = (prefix: string) => ordered.some((capability) => capability.startsWith(prefix));
  const lines: PermissionLine[] = [];
  for (const capability of ordered) {
    const risk = capabilityRisk(capability, findScope(capability, facts.scopes));
    switch (capability) {
      case 'system.clipboard.read':
        lines.push({ capability, what: 'Read what you copied', risk, warning: null, ...clipboardAsk(facts.clipboard?.readConfirmation) });
        continue;
      case 'system.clipboard.write':
        lines.push({
          capability,
          what: 'Replace the clipboard text',
          risk,
          warning: null,
          ...clipboardAsk(facts.clipboard?.writeConfirmation),
        });
        continue;
      case 'system.hosts.write':
        lines.push({ capability, what: 'Edit its own section of the hosts file', risk, warning: null, ask: 'asks', askText: ASKS });
        continue;
      case 'system.fs.mutate':
        // Folded into each folder scope's line; alone it unlocks nothing.
        if (!scoped('system.fs.scope.'))
          lines.push({
            capability,
            what: 'Change files',
            risk,
            warning: null,
            ask: 'unusable',
            askText: 'no folder scope granted, so it can change nothing',
          });
        continue;
      case 'system.process.exec':
        if (!scoped('system.process.scope.'))
          lines.push({
            capability,
            what: 'Run programs',
            risk,
            warning: null,
            ask: 'unusable',
            askText: 'no process scope granted, so it can run nothing',
          });
        continue;
    }
    const isFs = capability.startsWith('system.fs.scope.');
    const isProcess = capability.startsWith('system.process.scope.');
    if (!isFs && !isProcess) {
      lines.push({
        capability,
        what: 'Unknown capability',
        risk,
        warning: null,
        ask: 'unusable',
        askText: 'the host knows no such capability',
      });
      continue;
    }
    const id = capability.slice((isFs ? 'system.fs.scope.' : 'system.process.scope.').length);
    const scope = findScope(capability, facts.scopes);
    const what = `${isFs ? 'Change files in' : 'Run programs in'} “${title(scope, id)}”`;
    if (!granted.has(isFs ? 'system.fs.mutate' : 'system.process.exec')) {
      const needed = isFs ? '“Change files” (system.fs.mutate)' : '“Run programs” (system.process.exec)';
      lines.push({ capability, what, risk, warning: null, ask: 'unusable', askText: `unusable until ${needed} is granted too` });
    } else if (!facts.scopes) {
      lines.push({ capability, what, risk, warning: null, ask: 'unknown', askText: UNKNOWN });
    } else if (!scope) {
      lines.push({
        capability,
        what,
        risk,
        warning: null,
        ask: 'unusable',
        askText: 'no such scope is set up, so every request is refused',
      });
    } else {
      lines.push({
        capability,
        what,
        risk,
        warning: isProcess ? secretWarning(scope) : null,
        ...(isFs ? fsAsk(scope) : processAsk(scope)),
      });
    }
  }
  return lines;
}
