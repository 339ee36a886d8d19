import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The digest of a setup section as declared: canonical JSON, so key order and spacing do not count, and any
 * change a user would have to approve again does. A plugin update with the same digest stays ready.
 */
export function setupDigest(section: unknown): string {
  return `sha256:${createHash('sha256')
    .update(canonicalize(section) ?? '')
    .digest('hex')}`;
}
