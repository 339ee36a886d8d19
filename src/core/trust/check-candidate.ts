import type { BundleVerificationResult } from '@gatehouse/plugin-sdk/node';
import type { MarketplaceEntry } from './marketplace-index';

export type CandidateMismatchReason =
  'bundle-unverified' | 'plugin-id-mismatch' | 'version-mismatch' | 'publisher-mismatch' | 'digest-mismatch' | 'capabilities-mismatch';

export type CandidateCheckResult = { ok: true } | { ok: false; reason: CandidateMismatchReason; detail: string };

/**
 * Checks that a verified bundle is the one an index entry describes: same id, version, publisher key
 * and digest, and the manifest asks for exactly the capabilities the entry lists. Run it before install.
 * @example const match = checkCandidateAgainstIndex(entry, await verifyPluginBundle(dir, { trustedKeys }));
 */
export function checkCandidateAgainstIndex(entry: MarketplaceEntry, result: BundleVerificationResult): CandidateCheckResult {
  if (!result.ok) return { ok: false, reason: 'bundle-unverified', detail: `The bundle did not verify (${result.reason}).` };
  if (result.pluginId !== entry.id)
    return { ok: false, reason: 'plugin-id-mismatch', detail: `The bundle is ${result.pluginId}, the index entry ${entry.id}.` };
  if (result.version !== entry.version)
    return { ok: false, reason: 'version-mismatch', detail: `The bundle is version ${result.version}, the index entry ${entry.version}.` };
  if (result.publisherKeyId !== entry.publisherKeyId)
    return { ok: false, reason: 'publisher-mismatch', detail: 'The bundle is signed by another key than the index names.' };
  if (result.digest !== entry.digest)
    return { ok: false, reason: 'digest-mismatch', detail: 'The bundle digest differs from the index entry.' };
  const declared = result.manifest.capabilities;
  const listed = new Set<string>(entry.capabilities);
  const same =
    Array.isArray(declared) &&
    declared.every((capability) => typeof capability === 'string' && listed.has(capability)) &&
    new Set(declared).size === listed.size;
  if (!same)
    return { ok: false, reason: 'capabilities-mismatch', detail: 'The manifest asks for other capabilities than the index entry lists.' };
  return { ok: true };
}
