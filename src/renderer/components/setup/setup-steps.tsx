import type { SetupRunReport, SetupStatusView } from '../../../shared/setup-types';

const STATUS_WORDS = { done: 'Done', skipped: 'Skipped', failed: 'Failed', 'not-run': 'Not run' } as const;

/** Every step of a setup as the user will approve it (the preview), or as it went (a report). */
export function SetupSteps({ steps, report }: { steps: SetupStatusView['steps']; report: SetupRunReport | null }) {
  return (
    <ol className="setup-steps">
      {steps.map((step) => {
        const done = report?.steps.find((entry) => entry.id === step.id);
        return (
          <li key={step.id} className={`setup-step${done ? ` setup-step-${done.status}` : ''}`} data-step={step.id}>
            <div className="setup-step-head">
              <strong>
                <bdi>{step.title}</bdi>
              </strong>
              {step.scope && (
                <span className="setup-step-scope">
                  {step.kind === 'process' ? 'process scope' : 'filesystem scope'} <code>{step.scope}</code>
                </span>
              )}
              {done && (
                <span className="setup-step-status">
                  {STATUS_WORDS[done.status]}
                  {done.note ? ` (${done.note})` : ''}
                </span>
              )}
            </div>
            <ul className="setup-step-lines">
              {step.lines.map((line) => (
                <li key={line}>
                  <code>{line}</code>
                </li>
              ))}
            </ul>
            {done?.status === 'failed' && (
              <p className="setup-step-error" role="alert">
                {done.code ? `${done.code}: ` : ''}
                {done.error}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** Which requirements hold and which do not, never hidden. */
export function SetupRequirements({ requirements }: { requirements: SetupStatusView['requirements'] }) {
  return (
    <ul className="setup-requirements">
      {requirements.map((requirement) => (
        <li key={requirement.id} data-holds={requirement.holds}>
          <span aria-hidden="true">{requirement.holds ? '✓' : '✗'}</span> <bdi>{requirement.title}</bdi>: <code>{requirement.target}</code>
          <span className="visually-hidden">{requirement.holds ? ' is in place' : ' is missing'}</span>
          {!requirement.holds && requirement.detail && <span className="setup-requirement-detail"> ({requirement.detail})</span>}
        </li>
      ))}
    </ul>
  );
}
