import { BUNDLE_LIMITS } from './bundle-limits.js';

/** Name of the file that holds the signature; it is never listed in itself. */
export const SIGNATURE_FILE_NAME = 'signature.json';
export const MANIFEST_FILE_NAME = 'manifest.json';

// Control characters, backslash and colon never appear: they mean something else on some platform.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f\\:]/;

/**
 * True when `path` is a relative POSIX path that stays inside the bundle: no empty, `.` or `..`
 * segment, no leading `/`, no backslash, colon, NUL or other control character.
 * @example isSafeBundlePath('ui/index.html') // true
 * @example isSafeBundlePath('../etc/passwd') // false
 */
export function isSafeBundlePath(path: string): boolean {
  if (typeof path !== 'string' || path.length === 0 || path.length > BUNDLE_LIMITS.pathLength) return false;
  if (FORBIDDEN_CHARACTERS.test(path) || path.startsWith('/')) return false;
  // As an object key it would be dropped by JSON parsers that assign properties.
  if (path === '__proto__') return false;
  const segments = path.split('/');
  if (segments.length > BUNDLE_LIMITS.depth) return false;
  return segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
