// The audit log of the host core.
export { openAuditLog } from './open-audit-log';
export { AuditUnavailableError } from './audit-errors';
export type { AuditLog, AuditQuery, AuditRecord, AuditRecordInput } from './audit-types';
