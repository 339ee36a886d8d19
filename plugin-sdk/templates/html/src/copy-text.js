// The plugin's logic, free of the page, so it runs in unit tests under Node against the SDK's fake host.
import { formatPrivilegedActionError, requestClipboardWrite } from '@gatehouse/plugin-sdk';

/**
 * Asks Gatehouse to put `text` on the clipboard. Never throws: every answer becomes a message.
 * @param {string} text
 * @returns {Promise<{ ok: boolean, message: string }>} `message` is one sentence for the page's status line.
 */
export async function copyText(text) {
  if (text.trim() === '') return { ok: false, message: 'Type something to copy first.' };
  const response = await requestClipboardWrite(text, 'Copy the text you typed');
  if (response.ok) return { ok: true, message: `Copied ${response.result.length} characters.` };
  if (response.code === 'CANCELLED') return { ok: false, message: 'Not copied: you declined.' };
  return { ok: false, message: formatPrivilegedActionError(response, { context: 'Copy failed' }) };
}
