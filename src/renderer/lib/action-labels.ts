// Human names for privileged actions, as the dialog and the audit panel show them.
import type { ActionPreview } from '../../shared/confirmation';

const ACTION_LABELS: Record<string, string> = {
  'system.clipboard.read': 'Read the clipboard',
  'system.clipboard.write': 'Write to the clipboard',
  'system.hosts.write': 'Change the hosts file',
  'system.fs.mutate': 'Change files',
  'system.process.exec': 'Run a program',
  'system.workflow.run': 'Run a workflow',
  'plugin.status': 'Change plugin status',
  'plugin.grants': 'Change plugin grants',
};

/** The human name of an action id; unknown ids are shown as they are. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** The human name of what a confirmation asks for, from its preview. */
export function previewLabel(preview: ActionPreview, action: string): string {
  switch (preview.kind) {
    case 'clipboard.read':
      return 'Read the clipboard';
    case 'clipboard.write':
      return 'Write to the clipboard';
    case 'hosts.write':
      return 'Change the hosts file';
    case 'fs.mutate':
      return 'Change files';
    case 'process.exec':
      return 'Run a program';
    case 'workflow.run':
      return 'Run a workflow';
    case 'workflow.step':
      return 'Run a workflow step';
    default:
      return actionLabel(action);
  }
}
