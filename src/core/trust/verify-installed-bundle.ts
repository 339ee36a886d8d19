import { verifyPluginBundle, type BundleExpectation, type BundleVerificationResult } from '@gatehouse/plugin-sdk/node';
import type { TrustStore } from './trust-store';

/**
 * Verifies a plugin bundle folder against the trusted publisher keys of the host.
 * @example const result = await verifyInstalledBundle(dir, trust, { pluginId, previousVersion });
 */
export function verifyInstalledBundle(
  dir: string,
  trust: Pick<TrustStore, 'lookup'>,
  expect?: BundleExpectation,
): Promise<BundleVerificationResult> {
  return verifyPluginBundle(dir, { trustedKeys: (keyId) => trust.lookup(keyId), ...(expect ? { expect } : {}) });
}
