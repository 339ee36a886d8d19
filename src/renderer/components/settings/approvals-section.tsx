import { useId, useState } from 'react';
import type { ApprovalView } from '../../../shared/ipc-contract';
import type { HostFailure } from '../../gatehouse';
import { formatTime } from '../../lib/format';
import { usePluginsStore } from '../../stores/plugins-store';
import { useSettingsStore } from '../../stores/settings-store';
import { useToastStore } from '../../stores/toast-store';
import { EmptyState } from '../common/empty-state';
import { ErrorMessage } from '../common/error-message';
import { Loading } from '../common/loading';

/** Approvals remembered for per-command process scopes, each revocable. */
export function ApprovalsSection() {
  const titleId = useId();
  const approvals = useSettingsStore((state) => state.approvals);
  const revoke = useSettingsStore((state) => state.revoke);
  const load = useSettingsStore((state) => state.loadApprovals);
  const plugins = usePluginsStore((state) => state.plugins);
  const toast = useToastStore((state) => state.push);
  const [failure, setFailure] = useState<HostFailure | null>(null);
  const nameOf = (pluginId: string) => plugins.find((plugin) => plugin.id === pluginId)?.name ?? pluginId;

  const revokeOne = async (approval: ApprovalView) => {
    const error = await revoke(approval.pluginId, approval.key);
    setFailure(error);
    if (!error) toast('success', 'Approval revoked.');
  };

  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <div className="section-head">
        <div>
          <h2 className="section-title" id={titleId}>
            Remembered approvals
          </h2>
          <p className="section-about">
            An approval is remembered only for the exact same command, and only for the time its scope allows.
          </p>
        </div>
      </div>
      {approvals.status === 'loading' && <Loading />}
      {approvals.status === 'error' && (
        <ErrorMessage failure={approvals.error} context="Approvals could not be loaded" onRetry={() => void load()} />
      )}
      {approvals.status === 'ready' && approvals.value.length === 0 && <EmptyState title="No remembered approvals" />}
      {approvals.status === 'ready' && approvals.value.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Plugin</th>
              <th scope="col">Command</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {approvals.value.map((approval) => (
              <tr key={`${approval.pluginId}:${approval.key}`}>
                <td>{nameOf(approval.pluginId)}</td>
                <td>
                  <ApprovalCommand approval={approval} />
                </td>
                <td>{formatTime(approval.expiresAt)}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={`Revoke approval for ${nameOf(approval.pluginId)}`}
                    onClick={() => void revokeOne(approval)}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {failure && <ErrorMessage failure={failure} context="The approval was not revoked" />}
    </section>
  );
}

function ApprovalCommand({ approval }: { approval: ApprovalView }) {
  const preview = approval.preview;
  if (preview.kind === 'process.exec') {
    return <code className="command">{[preview.process.executable, ...preview.process.args].join(' ')}</code>;
  }
  if (preview.kind === 'workflow.step') {
    return <code className="command">{[preview.step.process.executable, ...preview.step.process.args].join(' ')}</code>;
  }
  return <span>{preview.kind}</span>;
}
