// Every action name the host core writes to its audit log: one list, imported by the core (which writes them)
// and the renderer (which names and filters them), so neither can write or show a name the other lacks.
import { PRIVILEGED_ACTIONS } from '@gatehouse/plugin-sdk';
import { z } from 'zod';

/** Changes to the host's own configuration, written by the core when they are made. */
export const CONFIG_AUDIT_ACTIONS = [
  'scope.saved',
  'scope.removed',
  'settings.clipboard',
  'settings.hostsPath',
  'secret.set',
  'secret.deleted',
  'host.developerMode',
  'setup.overrides',
] as const;

export const AUDIT_ACTIONS = [
  ...PRIVILEGED_ACTIONS,
  'plugin.status',
  // A plugin backend process: started, stopped, crashed, restarting, unavailable (the phase says which).
  'plugin.backend',
  'trust.publisher',
  // A plugin's setup or teardown, run by the user: one record around the steps' own requests.
  'setup.run',
  'setup.teardown',
  ...CONFIG_AUDIT_ACTIONS,
  'audit.repaired',
  'audit.rotated',
  // A stored line that no longer parses; produced when reading, never appended.
  'audit.unreadable',
  // A request too broken to name its action, and one naming an action the host does not have.
  'unknown',
  'invalid',
] as const;

export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;
export type ConfigAuditAction = (typeof CONFIG_AUDIT_ACTIONS)[number];
