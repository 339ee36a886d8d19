import type { ActionPreview } from '../../../shared/confirmation';
import { plural } from '../../lib/format';
import { ProcessDetails } from './process-details';

type WorkflowPreviewData = Extract<ActionPreview, { kind: 'workflow.run' }>;

/**
 * Every step of a workflow, in order, with the ones that will ask again before they run. A gated first step runs
 * on this approval (the host does not ask twice for the step it is about to start), and the dialog says so.
 */
export function WorkflowPreview({ preview }: { preview: WorkflowPreviewData }) {
  const gated = preview.steps.filter((step, index) => step.gated && index > 0).length;
  return (
    <div className="preview-stack">
      <p className="preview-lead">
        Workflow <bdi className="fact-strong">{preview.title}</bdi>: {plural(preview.steps.length, 'step', 'steps')}, run in order
        {gated > 0 ? `; ${plural(gated, 'step asks', 'steps ask')} for your approval again before running` : ''}.
      </p>
      <ol className="step-list">
        {preview.steps.map((step, index) => (
          <li key={step.id} className={`step${step.gated ? ' step-gated' : ''}`}>
            <div className="step-head">
              <span className="step-number">{index + 1}</span>
              <bdi className="fact-strong">{step.title}</bdi>
              <code className="muted">{step.id}</code>
              {step.phase && <span className="muted">{step.phase}</span>}
              {step.gated && index === 0 && <span className="gate-marker gate-covered">Approved with this plan: runs first</span>}
              {step.gated && index > 0 && <span className="gate-marker">Needs your approval before it runs</span>}
              <span className="muted step-onerror">On error: {step.onError === 'abort' ? 'stop the workflow' : 'continue'}</span>
            </div>
            <ProcessDetails process={step.process} />
          </li>
        ))}
      </ol>
    </div>
  );
}
