import { useEffect, useState } from 'react';
import { copyText } from '../../lib/copy-text';

/** A button that copies `text` and says so for a moment (politely, for screen readers too). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className="copy-button">
      <button type="button" className="button button-secondary button-small" onClick={() => setState(copyText(text) ? 'copied' : 'failed')}>
        {label}
      </button>
      <span role="status" className="muted copy-state">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : ''}
      </span>
    </span>
  );
}
