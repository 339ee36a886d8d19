import { useId, useState } from 'react';
import { useNoticesStore } from '../../stores/notices-store';
import { EmptyState } from '../common/empty-state';
import { NoticeItem } from './notice-item';

/** The header's count of things done without a prompt, blocked or expired; opens the list of them. */
export function ActivityButton() {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const unseen = useNoticesStore((state) => state.unseen);
  const notices = useNoticesStore((state) => state.notices);
  const markSeen = useNoticesStore((state) => state.markSeen);
  const clear = useNoticesStore((state) => state.clear);
  const toggle = () => {
    if (!open) markSeen();
    setOpen(!open);
  };
  return (
    <div className="activity">
      <button type="button" className="button button-ghost activity-button" aria-expanded={open} aria-controls={listId} onClick={toggle}>
        Activity
        {unseen > 0 && (
          <span className="activity-count">
            {unseen}
            <span className="visually-hidden"> new</span>
          </span>
        )}
      </button>
      {open && (
        <section className="activity-list" id={listId} aria-label="Activity without a prompt">
          <div className="activity-head">
            <h2 className="section-title">Done without a prompt, blocked or expired</h2>
            {notices.length > 0 && (
              <button type="button" className="button button-small button-secondary" onClick={clear}>
                Clear
              </button>
            )}
          </div>
          {notices.length === 0 ? (
            <EmptyState title="Nothing yet" />
          ) : (
            notices.map((notice) => <NoticeItem key={notice.id} notice={notice} />)
          )}
        </section>
      )}
    </div>
  );
}
