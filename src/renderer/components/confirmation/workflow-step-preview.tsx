import type { ActionPreview, WorkflowStepState } from '../../../shared/confirmation';
import { ProcessDetails } from './process-details';

type WorkflowStepData = Extract<ActionPreview, { kind: 'workflow.step' }>;

/** One gated step of a running workflow: the plan as a stepper with what the earlier steps did, then this step's process. */
export function WorkflowStepPreview({ preview }: { preview: WorkflowStepData }) {
  return (
    <div className="preview-stack">
      <p className="preview-lead">
        Step {preview.stepIndex + 1} of {preview.totalSteps}, <bdi className="fact-strong">{preview.step.title}</bdi>, of workflow{' '}
        <bdi className="fact-strong">{preview.workflowTitle}</bdi> <code className="muted">{preview.workflowId}</code>
        {preview.step.phase ? ` (${preview.step.phase})` : ''}.
      </p>
      {preview.plan && (
        <ol className="stepper" aria-label="Workflow steps">
          {preview.plan.map((step, index) => (
            <li key={step.id} className={`stepper-step stepper-${step.state}`} aria-current={step.state === 'current' ? 'step' : undefined}>
              <span className="step-number" aria-hidden="true">
                {index + 1}
              </span>
              <bdi className="stepper-title">{step.title}</bdi>
              <span className="stepper-state">{stateText(step)}</span>
            </li>
          ))}
        </ol>
      )}
      <ProcessDetails process={preview.step.process} />
    </div>
  );
}

function stateText(step: WorkflowStepState): string {
  switch (step.state) {
    case 'done':
      return step.exitCode === null || step.exitCode === undefined ? 'Done' : `Done · exit ${step.exitCode}`;
    case 'failed':
      return ['Failed', step.code, step.exitCode !== undefined && step.exitCode !== null ? `exit ${step.exitCode}` : null]
        .filter(Boolean)
        .join(' · ');
    case 'skipped':
      return 'Skipped';
    case 'current':
      return 'This step: asks now';
    case 'next':
      return step.gated ? 'Later · will ask' : 'Later';
  }
}
