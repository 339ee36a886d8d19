import type { ActionPreview } from '../../../shared/confirmation';
import { ProcessDetails } from './process-details';

type WorkflowStepData = Extract<ActionPreview, { kind: 'workflow.step' }>;

/** One gated step of a running workflow: which step of which workflow, and the process it runs. */
export function WorkflowStepPreview({ preview }: { preview: WorkflowStepData }) {
  return (
    <div className="preview-stack">
      <p className="preview-lead">
        Step {preview.stepIndex + 1} of {preview.totalSteps}, <bdi className="fact-strong">{preview.step.title}</bdi>, of workflow{' '}
        <bdi className="fact-strong">{preview.workflowTitle}</bdi> <code className="muted">{preview.workflowId}</code>
        {preview.step.phase ? ` (${preview.step.phase})` : ''}.
      </p>
      <ProcessDetails process={preview.step.process} />
    </div>
  );
}
