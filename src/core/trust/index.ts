// Plugin trust: publisher keys, bundle verification for the host, verified copies and the marketplace index.
export { createTrustStore, TRUSTED_PUBLISHERS_SETTINGS_KEY, type TrustedPublisher } from './trust-store';
export { verifyInstalledBundle } from './verify-installed-bundle';
export { createVerifiedCopy, type VerifiedCopy } from './verified-copy';
export { isSignedFileContent, readVerifiedFile } from './read-verified-file';
export { signMarketplaceIndex, validateMarketplaceIndex, type MarketplaceEntry } from './marketplace-index';
export { checkCandidateAgainstIndex } from './check-candidate';
