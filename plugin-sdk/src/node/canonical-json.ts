import canonicalize from 'canonicalize';

/**
 * RFC 8785 canonical JSON of a value, the exact bytes that get signed.
 * @example canonicalJson({ b: 1, a: 2 }) // '{"a":2,"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('The value has no JSON representation.');
  return text;
}
