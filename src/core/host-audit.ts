// What the host itself appends: an audit record whose action is one of the shared names, so every record the
// core writes has a label and a filter in the audit panel (src/shared/audit-actions.ts).
import type { AuditAction } from '../shared/audit-actions';
import type { AuditRecordInput } from './audit';

export type HostAuditInput = Omit<AuditRecordInput, 'action'> & { action: AuditAction };

/** The append the host's parts are given; the audit log itself accepts any action name. */
export interface HostAuditPort {
  append(input: HostAuditInput): Promise<unknown>;
}
