// Human names for privileged actions, as the dialog and the audit panel show them.
const ACTION_LABELS: Record<string, string> = {
  'system.clipboard.read': 'Read the clipboard',
  'system.clipboard.write': 'Write to the clipboard',
  'system.hosts.write': 'Change the hosts file',
  'system.fs.mutate': 'Change files',
  'system.process.exec': 'Run a program',
  'system.workflow.run': 'Run a workflow',
  'plugin.status': 'Change plugin status',
  'plugin.grants': 'Change plugin grants',
  'trust.publisher': 'Change trusted publishers',
  'audit.repaired': 'Repair the audit log',
  'audit.rotated': 'Start a new audit file',
  'audit.unreadable': 'Unreadable audit file',
  // A message the broker could not read far enough to learn its action.
  unknown: 'Unreadable request',
};

/** The human name of an action id; unknown ids are shown as they are. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}
