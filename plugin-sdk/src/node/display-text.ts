// C0/C1 controls and bidirectional overrides would let attacker text disguise itself in the UI.
const UNSAFE_CHARS = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE_TEXT = new RegExp(`[${UNSAFE_CHARS}]`);
const UNSAFE_TEXT_ALL = new RegExp(`[${UNSAFE_CHARS}]`, 'g');

/** True when `value` is plain text safe to show as-is: no control or bidi characters (tab and newline allowed when `multiline`). */
export function isDisplayText(value: string, multiline = false): boolean {
  if (UNSAFE_TEXT.test(value)) return false;
  return multiline || !/[\t\n]/.test(value);
}

/** `value` without the control and bidi characters `isDisplayText` refuses (tab and newline stay), for text the host shows anyway. */
export function stripUndisplayable(value: string): string {
  return value.replace(UNSAFE_TEXT_ALL, '');
}
