import { useToastStore } from '../../stores/toast-store';

/** Results and status messages, announced politely; errors stay until dismissed. */
export function Toasts() {
  const toasts = useToastStore((state) => state.toasts);
  const dismiss = useToastStore((state) => state.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`}>
          <span className="toast-text">{toast.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss message" onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
