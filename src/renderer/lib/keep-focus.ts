// While a host dialog is open, keyboard focus stays in it: a plugin frame that calls focus() in a loop
// would otherwise receive what the user types, Escape included. The frames are also inert meanwhile
// (plugin-stage.tsx); this is the second wall, for focus that leaves the dialog anyway.

/** How long after opening the dialog keeps asking for the window's focus while a frame may still hold it. */
const HANDOFF_MS = 2000;

/** Moves focus back into `dialog` whenever it leaves it; returns the cleanup. */
export function keepFocusIn(dialog: HTMLElement, fallback: () => HTMLElement | null): () => void {
  const restore = (): void => {
    if (!dialog.isConnected) return;
    // The browser's focused frame can stay a (now hidden) plugin frame while the host document already
    // shows focus in the dialog; keys, Escape included, would then go nowhere. Take the window's focus first.
    window.focus();
    const active = document.activeElement;
    if (active instanceof HTMLElement && dialog.contains(active)) return;
    (fallback() ?? dialog).focus();
  };
  // Focus moving into an iframe shows up in the host as a window blur with the iframe as activeElement;
  // a blur because the user switched to another application is left alone.
  const intoFrame = (): boolean => document.activeElement instanceof HTMLIFrameElement;
  const onBlur = (): void =>
    void setTimeout(() => {
      if (intoFrame()) restore();
    }, 0);
  const onFocusIn = (event: FocusEvent): void => {
    if (event.target instanceof Node && !dialog.contains(event.target)) restore();
  };
  restore();
  window.addEventListener('blur', onBlur);
  document.addEventListener('focusin', onFocusIn);
  // A frame that wins focus between events is taken back on the next tick as well. Right after the
  // prompt opens, the frame that had focus may still hold the browser's focus while being hidden, so the
  // window's focus is asked for until the host document has it (briefly, never to pull the app forward later).
  const openedAt = Date.now();
  const timer = setInterval(() => {
    if (intoFrame() || (!document.hasFocus() && Date.now() - openedAt < HANDOFF_MS)) restore();
  }, 50);
  return () => {
    window.removeEventListener('blur', onBlur);
    document.removeEventListener('focusin', onFocusIn);
    clearInterval(timer);
  };
}
