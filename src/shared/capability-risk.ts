// How much harm a capability can do: shown next to each grant toggle and on the install screen.
export type RiskTier = 'high' | 'medium' | 'low';

const HIGH = new Set(['system.clipboard.read', 'system.hosts.write', 'system.process.exec', 'system.fs.mutate']);
const MEDIUM = new Set(['system.clipboard.write']);

/** The risk tier of a capability string; scoped process and filesystem capabilities are high. */
export function capabilityRisk(capability: string): RiskTier {
  if (HIGH.has(capability)) return 'high';
  if (capability.startsWith('system.process.scope.') || capability.startsWith('system.fs.scope.')) return 'high';
  if (MEDIUM.has(capability)) return 'medium';
  return 'low';
}

/** A short label for a risk tier. */
export function riskLabel(tier: RiskTier): string {
  return tier === 'high' ? 'High risk' : tier === 'medium' ? 'Medium risk' : 'Low risk';
}

/** What a capability lets a plugin do, in words. */
export function describeCapability(capability: string): string {
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
  if (capability.startsWith('system.fs.scope.')) return `Folder scope “${capability.slice('system.fs.scope.'.length)}”`;
  if (capability.startsWith('system.process.scope.')) return `Process scope “${capability.slice('system.process.scope.'.length)}”`;
  return 'Unknown capability';
}
