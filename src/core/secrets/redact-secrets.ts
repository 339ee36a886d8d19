/** What replaces a secret value in output returned to a plugin. */
export const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of each secret value in `text` with `[redacted]`, longest value first so a
 * secret that contains another is removed whole.
 * @example redactSecretValues('token=abc123', ['abc123']) // 'token=[redacted]'
 */
export function redactSecretValues(text: string, values: Iterable<string>): string {
  const secrets = [...new Set(values)].filter((value) => value.length > 0).sort((a, b) => b.length - a.length);
  let result = text;
  for (const secret of secrets) result = result.split(secret).join(REDACTED);
  return result;
}
