import { describePublicKey, isSafeBundlePath, readBundleSignature } from '@gatehouse/plugin-sdk/node';
import { backendEntryProblem, isRegularFileIn, readPluginManifest, type BundleChecker } from '../plugins/bundle-check';
import type { TrustStore } from './trust-store';
import { createVerifiedCopy } from './verified-copy';

/**
 * The host's bundle check: a signed bundle from a trusted publisher is copied into a host-owned folder
 * named by its digest and served from there; an unsigned folder is accepted only in developer mode.
 */
export function createTrustedBundleChecker(options: { trust: TrustStore; cacheDir: string; devMode: boolean }): BundleChecker {
  return async (dir, context = {}) => {
    const read = await readPluginManifest(dir);
    if (!read.ok) return { ...read, manifest: null };
    const { manifest } = read;
    const signature = await readBundleSignature(dir);
    if (!signature.ok && signature.reason === 'signature-missing') {
      if (options.devMode) {
        const entry = manifest.backend?.entry;
        const present = entry !== undefined && (await isRegularFileIn(dir, entry));
        const problem = backendEntryProblem(manifest, () => present);
        if (problem) return { ok: false, ...problem, manifest };
      }
      if (options.devMode) return { ok: true, manifest, signed: false, publisherKeyId: null, digest: null, contentDir: dir };
      return { ok: false, reason: 'signature-missing', detail: 'Unsigned plugins can be used in developer mode only.', manifest };
    }
    const expect = { pluginId: manifest.id, ...(context.previousVersion ? { previousVersion: context.previousVersion } : {}) };
    const copy = await createVerifiedCopy(dir, options.cacheDir, { trust: options.trust, expect });
    if (!copy.ok) {
      const publicKey = signature.ok ? (signature.signature.publisherPublicKey ?? null) : null;
      const publisher = signature.ok
        ? { keyId: signature.signature.publisherKeyId, publicKey, fingerprint: publicKey ? describePublicKey(publicKey).fingerprint : null }
        : undefined;
      // Only a plain path inside the bundle names the file; anything else could be a path on this disk.
      const file = copy.path !== undefined && isSafeBundlePath(copy.path) ? { file: copy.path } : {};
      return { ok: false, reason: copy.reason, detail: copy.detail, manifest, ...file, ...(publisher ? { publisher } : {}) };
    }
    const { verification } = copy;
    const problem = backendEntryProblem(manifest, (path) => Object.hasOwn(verification.files, path));
    if (problem) return { ok: false, ...problem, manifest };
    return {
      ok: true,
      manifest,
      signed: true,
      publisherKeyId: verification.publisherKeyId,
      digest: verification.digest,
      contentDir: copy.dir,
    };
  };
}
