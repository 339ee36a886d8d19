import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** A small status label; the tone is never the only signal, the text says it too. */
export function Badge({ tone = 'neutral', children, id, title }: { tone?: BadgeTone; children: ReactNode; id?: string; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} id={id} title={title}>
      {children}
    </span>
  );
}
