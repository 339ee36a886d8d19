/**
 * One line for a refused bundle, wherever it is shown as text: `reason: detail (file)`.
 * @example refusalText({ reason: 'digest-mismatch', detail: 'A file differs from its signed digest.', file: 'main.js' })
 */
export function refusalText(refusal: { reason: string; detail?: string | null; file?: string | null }): string {
  const file = refusal.file ? ` (${refusal.file})` : '';
  return `${refusal.reason}: ${refusal.detail ?? 'the bundle cannot be installed'}${file}`;
}
