// Semantic Versioning 2.0.0 precedence, enough to refuse replays of older signed versions.
const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const MAX_VERSION_LENGTH = 128;

/** True when `value` is a semantic version such as `1.2.3` or `2.0.0-beta.1`. */
export function isSemver(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_VERSION_LENGTH && SEMVER_PATTERN.test(value);
}

/**
 * Compares two semantic versions by precedence: negative when a < b, 0 when equal (build metadata
 * ignored), positive when a > b. Throws on a value that is not a semantic version.
 * @example compareSemver('1.10.0', '1.9.9') // 1
 */
export function compareSemver(a: string, b: string): number {
  const left = parse(a);
  const right = parse(b);
  for (let i = 0; i < 3; i += 1) {
    const diff = compareNumeric(left.core[i]!, right.core[i]!);
    if (diff !== 0) return diff;
  }
  // A release ranks above its own pre-releases.
  if (left.pre.length === 0 || right.pre.length === 0) return Math.sign(right.pre.length - left.pre.length);
  for (let i = 0; i < Math.max(left.pre.length, right.pre.length); i += 1) {
    const x = left.pre[i];
    const y = right.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const diff = compareIdentifier(x, y);
    if (diff !== 0) return diff;
  }
  return 0;
}

function parse(version: string): { core: string[]; pre: string[] } {
  const match = isSemver(version) ? SEMVER_PATTERN.exec(version) : null;
  if (!match) throw new TypeError(`Not a semantic version: ${JSON.stringify(version.slice(0, MAX_VERSION_LENGTH))}`);
  return { core: [match[1]!, match[2]!, match[3]!], pre: match[4] ? match[4].split('.') : [] };
}

function compareNumeric(a: string, b: string): number {
  // Digit strings without leading zeros: longer is larger, same length compares lexically.
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIdentifier(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) return compareNumeric(a, b);
  if (aNumeric) return -1;
  if (bNumeric) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
