import { usePauseStore } from '../../stores/pause-store';

/** The header's kill switch. */
export function PauseButton() {
  const paused = usePauseStore((state) => state.paused);
  const set = usePauseStore((state) => state.set);
  if (paused) return null;
  return (
    <button type="button" className="button button-small button-danger-ghost" onClick={() => void set(true)}>
      Pause plugins
    </button>
  );
}

/** While paused: says so above everything, with Resume. */
export function PausedBanner() {
  const paused = usePauseStore((state) => state.paused);
  const set = usePauseStore((state) => state.set);
  if (!paused) return null;
  return (
    <div className="paused-banner" role="alert">
      <p>
        <strong>Plugins are paused.</strong> Every request is refused and nothing waits for an answer.
      </p>
      <button type="button" className="button button-small button-primary" onClick={() => void set(false)}>
        Resume plugins
      </button>
    </div>
  );
}
