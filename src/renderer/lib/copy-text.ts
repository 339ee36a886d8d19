/**
 * Copies text the user asked to copy (a button press). The app grants its pages no permissions, so the async
 * Clipboard API may be refused; the copy command on a selected, off-screen text area needs only the click.
 */
export function copyText(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.left = '-10000px';
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } finally {
    area.remove();
    previous?.focus();
  }
  return copied;
}
