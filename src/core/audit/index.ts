// The audit log of the host core.
export { openAuditLog } from './open-audit-log';
export { AuditUnavailableError } from './audit-errors';
export type {
  AuditDecision,
  AuditLog,
  AuditPage,
  AuditPhase,
  AuditQuery,
  AuditRecord,
  AuditRecordInput,
  AuditStartupReport,
  AuditVerifyReport,
  AuditWorkflowFields,
  OpenAuditLogOptions,
} from './audit-types';
