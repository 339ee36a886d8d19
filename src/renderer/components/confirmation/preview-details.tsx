import type { ActionPreview } from '../../../shared/confirmation';
import { formatBytes, plural } from '../../lib/format';
import { FsPreview } from './fs-preview';
import { HostsPreview } from './hosts-preview';
import { ProcessDetails } from './process-details';
import { WorkflowPreview } from './workflow-preview';
import { WorkflowStepPreview } from './workflow-step-preview';

/** Exactly what will happen, by kind of action, from the host's own preview. */
export function PreviewDetails({ preview }: { preview: ActionPreview }) {
  switch (preview.kind) {
    case 'clipboard.read':
      return <p className="preview-lead">The plugin will receive the text currently on your clipboard.</p>;
    case 'clipboard.write':
      return (
        <p className="preview-lead">
          The clipboard will be replaced with {plural(preview.length, 'character', 'characters')} of text ({formatBytes(preview.length)} or
          more).
        </p>
      );
    case 'hosts.write':
      return <HostsPreview preview={preview} />;
    case 'fs.mutate':
      return <FsPreview operations={preview.operations} />;
    case 'process.exec':
      return (
        <>
          <p className="preview-lead">This program will run without a shell, with exactly these arguments:</p>
          <ProcessDetails process={preview.process} />
        </>
      );
    case 'workflow.run':
      return <WorkflowPreview preview={preview} />;
    case 'workflow.step':
      return <WorkflowStepPreview preview={preview} />;
  }
}
