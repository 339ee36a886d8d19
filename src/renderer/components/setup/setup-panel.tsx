import { useEffect, useId, useState } from 'react';
import type { PluginInfo } from '../../../shared/plugin-info';
import { useSetupStore } from '../../stores/setup-store';
import { useToastStore } from '../../stores/toast-store';
import { ConfirmRemovalDialog } from '../common/confirm-removal-dialog';
import { SetupRequirements, SetupSteps } from './setup-steps';

const REASONS = {
  requirements: 'Some of what it needs on this machine is not in place. Until it is, the host answers its requests with SETUP_NEEDED.',
  changed: 'Its setup changed in an update; run it again to approve the new steps.',
  'never-run': 'It has not been set up on this machine yet.',
} as const;

/**
 * A plugin's setup on its page: "Setup needed" with the preview of every step and Run setup; a failed step
 * with the reason, what holds and what does not, and Retry; or Ready with Teardown.
 */
export function SetupPanel({ plugin }: { plugin: PluginInfo }) {
  const titleId = useId();
  const status = useSetupStore((state) => state.byPlugin[plugin.id]);
  const busy = useSetupStore((state) => state.busy[plugin.id]);
  const load = useSetupStore((state) => state.load);
  const run = useSetupStore((state) => state.run);
  const teardown = useSetupStore((state) => state.teardown);
  const toast = useToastStore((state) => state.push);
  const [confirmTeardown, setConfirmTeardown] = useState(false);
  useEffect(() => {
    void load(plugin.id);
  }, [load, plugin.id, plugin.version, plugin.status]);
  if (!status?.hasSetup) return null;

  const report = status.lastRun;
  const failed = report && report.status !== 'completed' ? report : null;
  const start = async () => {
    const result = await run(plugin.id);
    if ('which' in result && result.status === 'completed') toast('success', `${plugin.name} is set up.`);
  };
  const undo = async () => {
    setConfirmTeardown(false);
    const result = await teardown(plugin.id);
    if ('which' in result)
      toast(
        result.status === 'completed' ? 'success' : 'error',
        result.status === 'completed'
          ? `${plugin.name}: setup undone.`
          : `${plugin.name}: teardown failed at "${result.failedStep?.title ?? '?'}".`,
      );
  };

  if (status.state !== 'needed' && !failed) {
    return (
      <section className="setup-panel setup-ready" aria-labelledby={titleId}>
        <h2 id={titleId} className="setup-title">
          Setup: {status.state === 'self-managed' ? 'set up by you' : 'ready'}
        </h2>
        <SetupRequirements requirements={status.requirements} />
        <div className="card-actions">
          <button type="button" className="button button-ghost button-small" disabled={busy !== undefined} onClick={() => void start()}>
            Run setup again
          </button>
          {status.teardown.length > 0 && (
            <button
              type="button"
              className="button button-danger-ghost button-small"
              disabled={busy !== undefined}
              onClick={() => setConfirmTeardown(true)}
            >
              Teardown
            </button>
          )}
        </div>
        {confirmTeardown && (
          <ConfirmRemovalDialog
            title={`Undo the setup of ${plugin.name}?`}
            confirmLabel="Teardown"
            onCancel={() => setConfirmTeardown(false)}
            onConfirm={() => void undo()}
          >
            <p>These steps run through the normal prompts:</p>
            <SetupSteps steps={status.teardown} report={null} />
          </ConfirmRemovalDialog>
        )}
      </section>
    );
  }

  return (
    <section className="setup-panel setup-needed" aria-labelledby={titleId}>
      <h2 id={titleId} className="setup-title">
        {failed ? `Setup stopped at "${failed.failedStep?.title ?? 'a step'}"` : 'Setup needed'}
      </h2>
      {failed ? (
        <p>
          {failed.failedStep
            ? `${failed.failedStep.code ?? 'Failed'}: ${failed.failedStep.error ?? ''}`
            : 'Every step ran, but not everything the plugin needs is in place.'}{' '}
          The steps that ran are listed below; nothing was undone.
        </p>
      ) : (
        <p>{status.reason ? REASONS[status.reason] : null}</p>
      )}
      <h3 className="setup-subtitle">What it needs</h3>
      <SetupRequirements requirements={failed ? failed.requirements : status.requirements} />
      <h3 className="setup-subtitle">{failed ? 'What happened' : 'What setup will do'}</h3>
      <SetupSteps steps={status.steps} report={failed} />
      <p className="setup-note">
        Each step is confirmed in the normal prompt, runs in its scope and is recorded in Activity. Steps already done are skipped.
      </p>
      <div className="card-actions">
        <button type="button" className="button button-primary" disabled={busy !== undefined} onClick={() => void start()}>
          {busy === 'setup' ? 'Setting up…' : failed ? 'Retry' : 'Run setup'}
        </button>
      </div>
    </section>
  );
}
