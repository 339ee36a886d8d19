// How much harm a capability can do, in the same three tiers the confirmation prompt uses: it only reads,
// it changes things, or it can delete or replace them. Shown next to each grant toggle, on the install and
// consent screens and in a plugin's permissions summary.
export type RiskTier = 'read' | 'change' | 'destructive';

/** What the host lists about a scope (`scopes:list`): the fields the tier depends on, read defensively. */
export type ScopeRiskFacts = Record<string, unknown> & { id: string; preset?: boolean };

const FS_SCOPE_PREFIX = 'system.fs.scope.';
const PROCESS_SCOPE_PREFIX = 'system.process.scope.';

// Subcommand words that delete, overwrite or roll back what exists (a container, a release, a branch, files).
const DESTRUCTIVE_WORDS = new Set([
  'rm',
  'rmi',
  'delete',
  'destroy',
  'uninstall',
  'remove',
  'prune',
  'kill',
  'reset',
  'clean',
  'drain',
  'replace',
  'rollback',
  'undo',
  'force-unlock',
  'restore',
  'rebase',
]);
// A write may replace an existing file's content; rename and remove take away what was there.
const DESTRUCTIVE_FS_OPERATIONS = new Set(['writeFile', 'rename', 'remove']);

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

function fsScopeRisk(scope: ScopeRiskFacts): RiskTier {
  const operations = stringList(scope.allowedOperations);
  return operations.some((operation) => DESTRUCTIVE_FS_OPERATIONS.has(operation)) ? 'destructive' : 'change';
}

function processScopeRisk(scope: ScopeRiskFacts): RiskTier {
  const rules = (scope.rules ?? {}) as { allowedSubcommands?: unknown };
  const subcommands = stringList(rules.allowedSubcommands);
  if (subcommands.some((path) => path.split(' ').some((word) => DESTRUCTIVE_WORDS.has(word)))) return 'destructive';
  const mode = (scope.confirmation as { mode?: unknown } | undefined)?.mode;
  // Only the built-in read-only presets are called read-only: a scope of the user's own may remember
  // commands that change things, and the host cannot tell from its rules.
  if (scope.preset === true && mode === 'per-command') return 'read';
  return 'change';
}

/**
 * The risk tier of a capability. Scoped capabilities depend on their scope (pass it from the host's scope
 * listing); a scope the host does not list is judged as the worst case.
 * @example capabilityRisk('system.process.scope.git', gitPreset) // 'read'
 */
export function capabilityRisk(capability: string, scope?: ScopeRiskFacts | null): RiskTier {
  switch (capability) {
    case 'system.clipboard.read':
      return 'read';
    case 'system.clipboard.write':
    case 'system.hosts.write':
    case 'system.fs.mutate':
    case 'system.process.exec':
      return 'change';
  }
  if (capability.startsWith(FS_SCOPE_PREFIX)) return scope ? fsScopeRisk(scope) : 'destructive';
  if (capability.startsWith(PROCESS_SCOPE_PREFIX)) return scope ? processScopeRisk(scope) : 'destructive';
  return 'destructive';
}

/** Plain words for a risk tier; the badge's colour is never the only signal. */
export function riskLabel(tier: RiskTier): string {
  return tier === 'read' ? 'Reads only' : tier === 'change' ? 'Changes things' : 'Can delete or replace';
}

/** The badge tone of a tier: only what can delete or replace is shown as danger. */
export function riskTone(tier: RiskTier): 'neutral' | 'warning' | 'danger' {
  return tier === 'read' ? 'neutral' : tier === 'change' ? 'warning' : 'danger';
}

/** The scope a scoped capability names, or null for a fixed one. */
export function scopeOfCapability(capability: string): { kind: 'fs' | 'process'; id: string } | null {
  if (capability.startsWith(FS_SCOPE_PREFIX)) return { kind: 'fs', id: capability.slice(FS_SCOPE_PREFIX.length) };
  if (capability.startsWith(PROCESS_SCOPE_PREFIX)) return { kind: 'process', id: capability.slice(PROCESS_SCOPE_PREFIX.length) };
  return null;
}

/** The listed scope a scoped capability names, or null (fixed capability, no listing, or no such scope). */
export function findScope(
  capability: string,
  listing: { fs: ScopeRiskFacts[]; process: ScopeRiskFacts[] } | null | undefined,
): (ScopeRiskFacts & { title?: unknown }) | null {
  const named = scopeOfCapability(capability);
  if (!named || !listing) return null;
  return listing[named.kind].find((scope) => scope.id === named.id) ?? null;
}

/** The marketplace index's own risk claim for an entry, labelled as the index's words. */
export function indexRiskLabel(tier: 'low' | 'medium' | 'high'): string {
  return `${tier === 'high' ? 'High' : tier === 'medium' ? 'Medium' : 'Low'} risk, as the index rates it`;
}

/** What a capability lets a plugin do, in words; a scope is named by its title when the host lists it. */
export function describeCapability(capability: string, scope?: (ScopeRiskFacts & { title?: unknown }) | null): string {
  const titled = scope && typeof scope.title === 'string' && scope.title !== '' ? scope.title : null;
  if (titled && capability.startsWith(FS_SCOPE_PREFIX)) return `Change files in “${titled}”`;
  if (titled && capability.startsWith(PROCESS_SCOPE_PREFIX)) return `Run programs in “${titled}”`;
  switch (capability) {
    case 'system.clipboard.read':
      return 'Read what you copied';
    case 'system.clipboard.write':
      return 'Replace the clipboard text';
    case 'system.hosts.write':
      return 'Edit its own section of the hosts file';
    case 'system.fs.mutate':
      return 'Change files inside granted folder scopes';
    case 'system.process.exec':
      return 'Run programs inside granted process scopes';
  }
  if (capability.startsWith(FS_SCOPE_PREFIX)) return `Folder scope “${capability.slice(FS_SCOPE_PREFIX.length)}”`;
  if (capability.startsWith(PROCESS_SCOPE_PREFIX)) return `Process scope “${capability.slice(PROCESS_SCOPE_PREFIX.length)}”`;
  return 'Unknown capability';
}
