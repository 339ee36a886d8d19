// How much a capability lets a plugin do, for consent screens: high ones can read or change things outside the app.
export type RiskTier = 'high' | 'medium' | 'low';

/** The risk tier of a capability string. Unknown capabilities count as high. */
export function capabilityRisk(capability: string): RiskTier {
  if (capability === 'system.clipboard.write' || capability.startsWith('system.fs.scope.')) return 'medium';
  return 'high';
}

/** One line a user can read, for each capability. */
export function describeCapability(capability: string): string {
  if (capability === 'system.clipboard.read') return 'Read what you copied, in any app';
  if (capability === 'system.clipboard.write') return 'Replace the clipboard contents';
  if (capability === 'system.hosts.write') return 'Change its own section of the hosts file';
  if (capability === 'system.fs.mutate') return 'Create, change and delete files in the folders of its scopes';
  if (capability === 'system.process.exec') return 'Run allow-listed programs in its process scopes';
  if (capability.startsWith('system.fs.scope.')) return `Use the filesystem scope "${capability.slice('system.fs.scope.'.length)}"`;
  if (capability.startsWith('system.process.scope.')) return `Use the process scope "${capability.slice('system.process.scope.'.length)}"`;
  return capability;
}
