import type { RunningActionView } from '../../../shared/running-actions';
import { actionLabel } from '../../lib/action-labels';
import { formatBytes, formatElapsed } from '../../lib/format';
import { runningKey, useRunningStore } from '../../stores/running-store';
import { usePluginNames } from '../audit/use-plugin-names';
import { useNow } from './use-now';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** One running action: which plugin, what it runs, since when (counting), output sent, and its Stop button. */
export function RunningItem({ action }: { action: RunningActionView }) {
  const names = usePluginNames();
  const now = useNow(1000);
  const stopping = useRunningStore((state) => state.stopping.includes(runningKey(action)));
  const stop = useRunningStore((state) => state.stop);
  const started = new Date(action.startedAt);
  return (
    <li className="running-item">
      <div className="running-facts">
        <p className="running-title">
          <strong>{names.get(action.pluginId) ?? action.pluginId}</strong>
          <span className="running-action">{actionLabel(action.action)}</span>
        </p>
        <code className="running-summary">{action.summary}</code>
        <p className="running-meta">
          Started <time dateTime={started.toISOString()}>{clock.format(started)}</time>
          {' · running for '}
          <span className="running-elapsed">{formatElapsed(now - action.startedAt)}</span>
          {action.streaming && ` · ${formatBytes(action.bytesSent)} of output sent`}
        </p>
      </div>
      <button
        type="button"
        className="button button-small button-danger"
        aria-label={`Stop ${action.summary}`}
        // aria-disabled, not disabled: the button keeps the keyboard focus until the run is gone.
        aria-disabled={stopping}
        onClick={() => {
          if (!stopping) void stop(action);
        }}
      >
        {stopping ? 'Stopping…' : 'Stop'}
      </button>
    </li>
  );
}
