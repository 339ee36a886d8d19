// Node-only entry of the SDK (`@gatehouse/plugin-sdk/node`): bundle hashing, signing, verification, keys and the author CLI.
export { BUNDLE_LIMITS } from './bundle-limits.js';
export { MANIFEST_FILE_NAME, SIGNATURE_FILE_NAME, isSafeBundlePath } from './bundle-path.js';
export { PluginBundleError, isPluginBundleError, type PluginBundleErrorCode } from './bundle-error.js';
export { canonicalJson } from './canonical-json.js';
export { SHA256_DIGEST_PATTERN, sha256Digest, type Sha256Digest } from './hash.js';
export {
  KEY_ID_PATTERN,
  describePublicKey,
  generateSigningKeyPair,
  isPublicKeyBase64,
  keyIdForPublicKey,
  privateKeyFrom,
  publicKeyFromBase64,
  publicKeyToBase64,
  type PublicKeyDescription,
  type SigningKeyPair,
} from './keys.js';
export { readPublicKeyText } from './public-key-text.js';
export { isSignatureBase64, signCanonicalJson, verifyCanonicalJson } from './signing.js';
export { compareSemver, isSemver } from './semver.js';
export {
  SIGNATURE_FORMAT,
  bundleDigestOf,
  signatureFileSchema,
  signedPayloadOf,
  type SignatureFile,
  type SignedPayload,
} from './signature-file.js';
export { walkBundle, type BundleFileEntry } from './walk-bundle.js';
export { readRegularFile } from './read-regular-file.js';
export { signPluginBundle, type SignedBundle } from './sign-bundle.js';
export { readBundleSignature } from './read-signature-file.js';
export { verifyPluginBundle, type BundleExpectation, type TrustedKeys, type VerifyBundleOptions } from './verify-bundle.js';
export {
  BUNDLE_FAILURE_REASONS,
  type BundleFailureReason,
  type BundleVerificationFailure,
  type BundleVerificationResult,
  type BundleVerificationSuccess,
} from './verification-result.js';
export { BUNDLE_ARCHIVE_EXTENSION, packPluginBundle, unpackPluginBundle, type ArchivedFile } from './bundle-archive.js';
export {
  SIGNING_KEYCHAIN_SERVICE,
  defaultSigningKeyDir,
  loadSigningKey,
  signingKeyFileName,
  storeSigningKey,
  type LoadedSigningKey,
  type SigningKeyLocation,
} from './signing-key-storage.js';
export { runCli } from './cli/run-cli.js';
export { lintPluginFolder, type LintOptions, type LintReport } from './lint/lint-plugin-folder.js';
export type { LintFinding } from './lint/lint-finding.js';
export { scanRequiredCapabilities, type CapabilityScan } from './lint/capability-scan.js';
export type { CliIo } from './cli/cli-io.js';
export { zodEnglishOnlyEsbuildPlugin, type EsbuildPluginLike } from './zod-english-only-esbuild-plugin.js';
export {
  PLUGIN_TEMPLATES,
  scaffoldPlugin,
  type PluginTemplate,
  type ScaffoldOptions,
  type ScaffoldResult,
} from './scaffold/scaffold-plugin.js';
export { ScaffoldError, isScaffoldError, type ScaffoldErrorCode } from './scaffold/scaffold-error.js';
export { isDisplayText, stripUndisplayable } from './display-text.js';
export {
  MARKETPLACE_INDEX_FORMAT,
  MARKETPLACE_INDEX_LIMITS,
  marketplaceEntrySchema,
  marketplaceIndexSchema,
  marketplaceSourceSchema,
  signMarketplaceIndex,
  validateMarketplaceIndex,
  type MarketplaceEntry,
  type MarketplaceIndex,
  type MarketplaceIndexFailureReason,
  type MarketplaceIndexResult,
} from './marketplace-index.js';
export { buildMarketplaceIndex, defaultRiskTier, type BuildMarketplaceIndexOptions, type RiskTier } from './build-marketplace-index.js';
export * from '../setup/setup-schema.js';
export { validatePluginManifestWithSetup } from '../setup/validate-manifest-setup.js';
