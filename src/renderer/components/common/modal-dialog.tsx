import { useEffect, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { trapTab } from '../../lib/focus-trap';

export interface ModalDialogProps {
  /** Id of the heading that names the dialog. */
  labelledBy: string;
  describedBy?: string;
  className?: string;
  /** Escape, or the dialog closing any other way than through its own buttons. */
  onCancel(): void;
  /** The control that gets focus when the dialog opens; by default the browser picks the first one. */
  initialFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
}

/**
 * A native modal `<dialog>`: opened with showModal(), so it sits in the top layer and the page behind is
 * inert; Tab wraps inside it; Escape calls onCancel.
 */
export function ModalDialog({ labelledBy, describedBy, className, onCancel, initialFocus, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef(onCancel);
  useLayoutEffect(() => {
    cancel.current = onCancel;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
    const onCancelEvent = (event: Event) => {
      event.preventDefault();
      cancel.current();
    };
    // The browser may close a dialog on a repeated Escape without a cancelable event: that is a cancel too.
    const onClose = () => cancel.current();
    const onKeyDown = (event: KeyboardEvent) => trapTab(dialog, event);
    dialog.addEventListener('cancel', onCancelEvent);
    dialog.addEventListener('close', onClose);
    dialog.addEventListener('keydown', onKeyDown);
    return () => {
      dialog.removeEventListener('cancel', onCancelEvent);
      dialog.removeEventListener('close', onClose);
      dialog.removeEventListener('keydown', onKeyDown);
      if (dialog.open) dialog.close();
    };
    // Opened once per mount; a new request mounts a new dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- focus goes where it pointed at mount
  }, []);

  return (
    <dialog ref={ref} className={`modal ${className ?? ''}`} aria-labelledby={labelledBy} aria-describedby={describedBy} aria-modal="true">
      {children}
    </dialog>
  );
}
