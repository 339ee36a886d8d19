// What a start of the host puts on record before any request: trust entries an older build stored that
// this build does not honour, and, for a development run, that unsigned plugins are allowed.
import type { HostAuditPort } from './host-audit';
import type { TrustedPublisher } from './trust';

export interface StartupFacts {
  audit: HostAuditPort;
  /** Records one trust change the way the trust service does. */
  recordTrust(change: 'untrusted', keyId: string, fingerprint: string, name: string): Promise<void>;
  /** Entries removed from the stored trust list at this start. */
  purgedTrust: TrustedPublisher[];
  neverTrustedPublisherKeys: readonly string[];
  devMode: boolean;
  builtInPublishers: ReadonlyArray<{ name: string }>;
}

export async function recordStartup(facts: StartupFacts): Promise<void> {
  for (const entry of facts.purgedTrust) {
    if (facts.neverTrustedPublisherKeys.includes(entry.publicKey))
      await facts.recordTrust('untrusted', entry.keyId, entry.fingerprint, entry.name);
  }
  // A development run allows unsigned plugins and trusts the development key: every such start is on record.
  if (facts.devMode) {
    await facts.audit.append({
      correlationId: null,
      pluginId: null,
      action: 'host.developerMode',
      scope: null,
      phase: 'started',
      decision: null,
      code: null,
      reason: null,
      summary: { unsignedPlugins: 'allowed', builtInPublishers: facts.builtInPublishers.map((publisher) => publisher.name) },
    });
  }
}
