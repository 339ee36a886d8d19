/** Upper bounds applied while walking, signing, verifying, packing and unpacking a bundle. */
export const BUNDLE_LIMITS = {
  files: 5_000,
  directories: 2_000,
  fileBytes: 64 * 1024 * 1024,
  totalBytes: 256 * 1024 * 1024,
  pathLength: 1_024,
  depth: 32,
  signatureFileBytes: 2 * 1024 * 1024,
  manifestBytes: 1024 * 1024,
  archiveHeaderBytes: 4 * 1024 * 1024,
} as const;
