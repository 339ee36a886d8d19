// Human names for the actions the host records, as the dialog and the audit panel show them. Keyed by the shared
// list, so a name the core can write without a label here does not compile.
import type { AuditAction } from '../../shared/audit-actions';

const ACTION_LABELS: Record<AuditAction, string> = {
  'system.clipboard.read': 'Read the clipboard',
  'system.clipboard.write': 'Write to the clipboard',
  'system.hosts.write': 'Change the hosts file',
  'system.fs.mutate': 'Change files',
  'system.process.exec': 'Run a program',
  'system.workflow.run': 'Run a workflow',
  'plugin.status': 'Change plugin status or grants',
  'plugin.backend': 'Plugin background process',
  'trust.publisher': 'Change trusted publishers',
  'setup.run': 'Set up a plugin on this machine',
  'setup.teardown': "Undo a plugin's setup",
  'setup.overrides': "Change a plugin's setup overrides",
  'scope.saved': 'Save a scope',
  'scope.removed': 'Remove a scope',
  'settings.clipboard': 'Change the clipboard policy',
  'settings.hostsPath': 'Change the hosts file location',
  'secret.set': 'Store a secret',
  'secret.deleted': 'Delete a secret',
  'host.developerMode': 'Start in developer mode',
  'audit.repaired': 'Repair the audit log',
  'audit.rotated': 'Start a new audit file',
  'audit.unreadable': 'Unreadable audit file',
  // A message the broker could not read far enough to learn its action.
  unknown: 'Unreadable request',
  invalid: 'Request for an action the host does not have',
};

/** The human name of an action id; unknown ids are shown as they are. */
export function actionLabel(action: string): string {
  return (ACTION_LABELS as Record<string, string>)[action] ?? action;
}
