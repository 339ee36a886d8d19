import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useRunningStore } from '../../stores/running-store';
import { RunningItem } from './running-item';

/**
 * The header's "Running" button: shown only while a streamed run or a workflow is going, it opens the list of
 * them, each with its plugin, what it runs, since when, and a Stop button. Escape closes the list.
 */
export function RunningIndicator() {
  const listId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const running = useRunningStore((state) => state.running);
  const count = running.length;

  const headingRef = useRef<HTMLHeadingElement>(null);

  // Nothing runs: the list closes with the button, so it does not pop open again with the next run.
  useEffect(() => {
    if (count === 0) setOpen(false);
  }, [count]);

  // A stopped run leaves the list with its focused Stop button; keep the keyboard in the list, not on the page.
  useEffect(() => {
    if (open && count > 0 && document.activeElement === document.body) headingRef.current?.focus();
  }, [open, count, running]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div className="running" onKeyDown={onKeyDown}>
      {/* Always in the page, so a screen reader hears when something starts or the last run ends. */}
      <span className="visually-hidden" role="status">
        {count === 0 ? '' : `${count} ${count === 1 ? 'action' : 'actions'} running`}
      </span>
      {count > 0 && (
        <button
          ref={buttonRef}
          type="button"
          className="button button-ghost running-button"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
        >
          <span className="running-pulse" aria-hidden="true" />
          Running
          <span className="running-count">
            {count}
            <span className="visually-hidden">{count === 1 ? ' action' : ' actions'}</span>
          </span>
        </button>
      )}
      {count > 0 && open && (
        <section className="running-list" id={listId} aria-label="Running actions">
          <h2 className="section-title" ref={headingRef} tabIndex={-1}>
            Running now
          </h2>
          <ul className="running-items">
            {running.map((action) => (
              <RunningItem key={`${action.pluginId} ${action.correlationId}`} action={action} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
