// Plugin trust: publisher keys, bundle verification for the host, verified copies and the marketplace index.
export { createTrustStore, trustedPublisherSchema, TRUSTED_PUBLISHERS_SETTINGS_KEY, type TrustStore, type TrustedPublisher } from './trust-store';
export { verifyInstalledBundle } from './verify-installed-bundle';
export { createVerifiedCopy, type VerifiedCopy, type VerifiedCopyOptions } from './verified-copy';
export { isSignedFileContent, readVerifiedFile, type SignedFileList } from './read-verified-file';
export {
  MARKETPLACE_INDEX_FORMAT,
  marketplaceEntrySchema,
  marketplaceIndexSchema,
  marketplaceSourceSchema,
  signMarketplaceIndex,
  validateMarketplaceIndex,
  type MarketplaceEntry,
  type MarketplaceIndex,
  type MarketplaceIndexFailureReason,
  type MarketplaceIndexResult,
} from './marketplace-index';
export { checkCandidateAgainstIndex, type CandidateCheckResult, type CandidateMismatchReason } from './check-candidate';
export { isDisplayText } from './display-text';
export { TrustError } from './trust-error';
