export const REDACTED = '[redacted]';

function indexOfBytes(haystack: Buffer, needle: Buffer, from: number): number {
  return haystack.indexOf(needle, from);
}

/**
 * Replaces every occurrence of each secret value with `[redacted]`. When the output was cut short, a tail
 * that is the start of a secret is replaced too, so truncation cannot reveal a secret's first characters.
 */
export function redactSecrets(output: Buffer, secrets: readonly string[], truncated: boolean): Buffer {
  const needles = [...new Set(secrets.filter((secret) => secret.length > 0))]
    .map((secret) => Buffer.from(secret, 'utf8'))
    .sort((a, b) => b.length - a.length);
  if (needles.length === 0) return output;
  const marker = Buffer.from(REDACTED, 'utf8');
  let current = output;
  for (const needle of needles) {
    if (indexOfBytes(current, needle, 0) < 0) continue;
    const parts: Buffer[] = [];
    let from = 0;
    for (let at = indexOfBytes(current, needle, 0); at >= 0; at = indexOfBytes(current, needle, from)) {
      parts.push(current.subarray(from, at), marker);
      from = at + needle.length;
    }
    parts.push(current.subarray(from));
    current = Buffer.concat(parts);
  }
  if (truncated) {
    for (const needle of needles) {
      for (let length = Math.min(needle.length - 1, current.length); length > 0; length--) {
        if (current.subarray(current.length - length).equals(needle.subarray(0, length))) {
          current = Buffer.concat([current.subarray(0, current.length - length), marker]);
          break;
        }
      }
    }
  }
  return current;
}
