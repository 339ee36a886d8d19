import { formatTime } from '../../lib/format';
import { useNoticesStore, type Notice } from '../../stores/notices-store';
import { usePluginsStore } from '../../stores/plugins-store';
import { useToastStore } from '../../stores/toast-store';
import { noticeText, noticeWhat } from './notice-text';

/** One notice: what happened, the exact command or action, and Revoke for a remembered approval. */
export function NoticeItem({ notice, onDismiss }: { notice: Notice; onDismiss?: () => void }) {
  const name = usePluginsStore((state) => state.plugins.find((plugin) => plugin.id === notice.pluginId)?.name ?? notice.pluginId);
  const revoke = useNoticesStore((state) => state.revoke);
  const toast = useToastStore((state) => state.push);
  const onRevoke = async () => {
    const revoked = await revoke(notice);
    if (revoked === null) toast('error', 'The remembered approval could not be revoked.');
    else
      toast(revoked > 0 ? 'success' : 'info', revoked > 0 ? 'Revoked: this command will ask again.' : 'That approval had already expired.');
  };
  return (
    <div className={`notice notice-${notice.kind}`}>
      <p className="notice-text">
        <bdi>{noticeText(notice, name)}</bdi>
        <code className="notice-what">{noticeWhat(notice)}</code>
        <span className="muted notice-time">{formatTime(notice.time)}</span>
      </p>
      <div className="notice-actions">
        {notice.kind === 'remembered' && notice.command && (
          <button type="button" className="button button-small button-danger-ghost" onClick={() => void onRevoke()}>
            Revoke
          </button>
        )}
        {onDismiss && (
          <button type="button" className="icon-button" aria-label="Dismiss notice" onClick={onDismiss}>
            ×
          </button>
        )}
      </div>
    </div>
  );
}
