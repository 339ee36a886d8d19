import { useEffect, useId } from 'react';
import type { PluginInfo } from '../../../shared/plugin-info';
import { useBackendsStore } from '../../stores/backends-store';
import { Badge } from '../common/badge';

const STATE_WORDS = {
  running: 'running',
  starting: 'starting',
  restarting: 'restarting after a crash',
  stopped: 'stopped',
  unavailable: 'unavailable',
} as const;

/**
 * The plugin's backend on its page: whether it runs (or why not), how long it took to start, how it is
 * isolated, and its last log lines. Nothing for a plugin without a backend.
 */
export function BackendPanel({ plugin }: { plugin: PluginInfo }) {
  const titleId = useId();
  const status = useBackendsStore((state) => state.status[plugin.id]);
  const logs = useBackendsStore((state) => state.logs[plugin.id]);
  const load = useBackendsStore((state) => state.load);
  useEffect(() => {
    void load(plugin.id);
  }, [load, plugin.id, plugin.version, plugin.status]);
  if (!status) return null;

  const isolation = status.isolation;
  return (
    <section className="backend-panel" aria-labelledby={titleId} data-state={status.state}>
      <h2 id={titleId} className="backend-title">
        Backend: {STATE_WORDS[status.state]}
      </h2>
      {status.reason && <p className="backend-reason">{status.reason}</p>}
      <p className="backend-meta">
        {status.startupMs !== null && <span>Started in {Math.round(status.startupMs)} ms</span>}
        {status.restarts > 0 && <span>Restarts: {status.restarts}</span>}
        {isolation && (
          <span>
            Isolation: {isolation.osSandbox ?? 'no OS sandbox'}
            {isolation.nodePermissions ? ', Node permissions' : ''}
            {isolation.gaps.length > 0 ? ` (missing: ${isolation.gaps.join('; ')})` : ''}
          </span>
        )}
      </p>
      {logs && logs.lines.length > 0 && (
        <details className="backend-logs">
          <summary>Last log lines{logs.dropped > 0 ? ` (${logs.dropped} older dropped)` : ''}</summary>
          <pre>
            {logs.lines.map((line, index) => (
              <span key={index} className={`backend-log-${line.stream}`}>
                {line.text}
                {'\n'}
              </span>
            ))}
          </pre>
        </details>
      )}
    </section>
  );
}

/** The header's note that this plugin brings a backend process. */
export function BackendNote({ pluginId }: { pluginId: string }) {
  const status = useBackendsStore((state) => state.status[pluginId]);
  if (!status) return null;
  return (
    <Badge tone={status.state === 'unavailable' ? 'warning' : 'neutral'} title="This plugin runs a backend process next to its page">
      Backend {STATE_WORDS[status.state]}
    </Badge>
  );
}
