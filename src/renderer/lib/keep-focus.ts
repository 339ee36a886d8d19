// While a host dialog is open, keyboard focus stays in it: a plugin frame that calls focus() in a loop
// would otherwise receive what the user types, Escape included. The frames are also inert meanwhile
// (plugin-stage.tsx); this is the second wall, for focus that leaves the dialog anyway.

/** Moves focus back into `dialog` whenever it leaves it; returns the cleanup. */
export function keepFocusIn(dialog: HTMLElement, fallback: () => HTMLElement | null): () => void {
  const restore = (): void => {
    if (!dialog.isConnected) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && dialog.contains(active)) return;
    (fallback() ?? dialog).focus();
  };
  // Focus moving into an iframe shows up in the host as a window blur with the iframe as activeElement.
  const onBlur = (): void => void setTimeout(restore, 0);
  const onFocusIn = (event: FocusEvent): void => {
    if (event.target instanceof Node && !dialog.contains(event.target)) restore();
  };
  window.addEventListener('blur', onBlur);
  document.addEventListener('focusin', onFocusIn);
  // A frame that wins focus between events is taken back on the next tick as well.
  const timer = setInterval(() => {
    if (document.activeElement instanceof HTMLIFrameElement) restore();
  }, 100);
  return () => {
    window.removeEventListener('blur', onBlur);
    document.removeEventListener('focusin', onFocusIn);
    clearInterval(timer);
  };
}
