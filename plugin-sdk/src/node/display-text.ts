// C0/C1 controls and bidirectional overrides would let attacker text disguise itself in the UI.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const UNSAFE_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** True when `value` is plain text safe to show as-is: no control or bidi characters (tab and newline allowed when `multiline`). */
export function isDisplayText(value: string, multiline = false): boolean {
  if (UNSAFE_TEXT.test(value)) return false;
  return multiline || !/[\t\n]/.test(value);
}
