import type { Sha256Digest } from './hash.js';

/** Stable reasons a bundle is refused; the host shows them and keeps the plugin unavailable. */
export const BUNDLE_FAILURE_REASONS = [
  'not-a-directory',
  'signature-missing',
  'signature-malformed',
  'path-escape',
  'limit-exceeded',
  'publisher-untrusted',
  'signature-invalid',
  'symlink-present',
  'unsupported-file',
  'file-missing',
  'file-not-listed',
  'manifest-mismatch',
  'manifest-invalid',
  'digest-mismatch',
  'plugin-id-mismatch',
  'replayed-older-version',
  'io-error',
] as const;
export type BundleFailureReason = (typeof BUNDLE_FAILURE_REASONS)[number];

/** A refused bundle: a stable `reason`, a sentence for people, and the bundle path it concerns, if any. */
export interface BundleVerificationFailure {
  ok: false;
  reason: BundleFailureReason;
  detail: string;
  path?: string;
}

/** A bundle whose every file is listed, present, unchanged and signed by a trusted publisher. */
export interface BundleVerificationSuccess {
  ok: true;
  pluginId: string;
  version: string;
  publisherKeyId: string;
  /** sha256 of the canonical signed payload: names this exact bundle content. */
  digest: Sha256Digest;
  manifestDigest: Sha256Digest;
  /** Every file of the bundle except signature.json: POSIX relative path → sha256 digest. */
  files: Record<string, Sha256Digest>;
  /** manifest.json as parsed from the verified bytes (not yet validated as a manifest). */
  manifest: Record<string, unknown>;
}

export type BundleVerificationResult = BundleVerificationSuccess | BundleVerificationFailure;

/** Builds a failure result. */
export function bundleFailure(reason: BundleFailureReason, detail: string, path?: string): BundleVerificationFailure {
  return path === undefined ? { ok: false, reason, detail } : { ok: false, reason, detail, path };
}
