import { useShallow } from 'zustand/react/shallow';
import { useNoticesStore } from '../../stores/notices-store';
import { NoticeItem } from './notice-item';

/** The newest notices, on screen until dismissed (no timer: an action button must not run away). */
export function NoticeStack() {
  const shown = useNoticesStore(useShallow((state) => state.notices.filter((notice) => notice.shown)));
  const dismiss = useNoticesStore((state) => state.dismiss);
  return (
    <section className="notice-stack" aria-label="Notices" aria-live="polite">
      {shown.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} onDismiss={() => dismiss(notice.id)} />
      ))}
    </section>
  );
}
