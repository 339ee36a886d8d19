import { useId, useRef, useState } from 'react';
import { markWelcomed, readWelcomed } from '../../lib/first-run';
import { ModalDialog } from '../common/modal-dialog';

const STEPS = [
  {
    title: 'Plugins ask',
    text: 'A plugin runs in a sandbox and cannot touch your system by itself. To read the clipboard, edit the hosts file, change files or run a program, it asks Gatehouse.',
  },
  {
    title: 'You confirm',
    text: 'Gatehouse checks what you granted, then shows you who asks and exactly what would happen. Decline is the default. Where a scope never asks or remembers a command, the plugin’s strip says so, and each such run shows a notice.',
  },
  {
    title: 'It is recorded',
    text: 'Every request, your answer and the result go into an audit log whose records are chained, so a change to it shows when you verify it.',
  },
] as const;

/** The first start explains the model in one screen; it never shows again once dismissed. */
export function WelcomeDialog() {
  const titleId = useId();
  const bodyId = useId();
  const okRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(() => !readWelcomed());
  if (!open) return null;
  const close = () => {
    markWelcomed();
    setOpen(false);
  };
  return (
    <ModalDialog labelledBy={titleId} describedBy={bodyId} className="small-dialog welcome-dialog" onCancel={close} initialFocus={okRef}>
      <h2 id={titleId} className="dialog-title">
        How Gatehouse works
      </h2>
      <p id={bodyId} className="dialog-body">
        Plugins ask, you confirm, and it is recorded.
      </p>
      <ol className="welcome-steps">
        {STEPS.map((step, index) => (
          <li key={step.title} className="welcome-step">
            <span className="welcome-number" aria-hidden="true">
              {index + 1}
            </span>
            <div>
              <p className="welcome-step-title">{step.title}</p>
              <p className="welcome-step-text">{step.text}</p>
            </div>
          </li>
        ))}
      </ol>
      <div className="dialog-actions">
        <button ref={okRef} type="button" className="button button-primary" onClick={close}>
          Got it
        </button>
      </div>
    </ModalDialog>
  );
}
