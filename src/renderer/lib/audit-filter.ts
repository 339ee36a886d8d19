// The audit filter form and how it maps to a host query; also a local check used for live updates.
import { AUDIT_ACTIONS, type AuditAction } from '../../shared/audit-actions';
import type { AuditRecordView } from '../../shared/audit-types';
import type { AuditFilter } from './audit-pages';

/** The filter form's fields, all as the inputs hold them. */
export interface AuditFilterForm {
  pluginId: string;
  action: string;
  decision: string;
  outcome: '' | 'success' | 'failure';
  from: string;
  to: string;
  text: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterForm = { pluginId: '', action: '', decision: '', outcome: '', from: '', to: '', text: '' };

export const AUDIT_DECISIONS = [
  'approved',
  'declined',
  'timeout',
  'cancelled',
  'remembered',
  'not-required',
  'no-change',
  'denied',
] as const;

/** Every action the core can write, in the shared order: one filter option each. */
export const AUDIT_FILTER_ACTIONS: readonly AuditAction[] = AUDIT_ACTIONS.filter((action) => action !== 'audit.unreadable');

/** A datetime-local value ("2024-05-01T10:30") as an ISO instant, or undefined when empty or invalid. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The host query for a form; empty fields are left out. */
export function toAuditFilter(form: AuditFilterForm): AuditFilter {
  const filter: AuditFilter = {};
  if (form.pluginId) filter.pluginId = form.pluginId;
  if (form.action.trim()) filter.action = form.action.trim();
  if (form.decision) filter.decision = form.decision;
  if (form.outcome) filter.outcome = form.outcome;
  const from = localInputToIso(form.from);
  const to = localInputToIso(form.to);
  if (from) filter.from = from;
  if (to) filter.to = to;
  const text = form.text.trim();
  if (text) filter.text = text.slice(0, 256);
  return filter;
}

/** True when the filter has any field set. */
export function isFiltered(filter: AuditFilter): boolean {
  return Object.keys(filter).length > 0;
}

/**
 * Whether a new record may belong in the filtered list. Fields the host judges more finely
 * (outcome, free text) err towards "yes", so a new record is never silently hidden.
 */
export function mayMatchAuditFilter(record: AuditRecordView, filter: AuditFilter): boolean {
  if (filter.pluginId && record.pluginId !== filter.pluginId) return false;
  if (filter.action && record.action !== filter.action) return false;
  if (filter.decision && record.decision !== filter.decision) return false;
  if (filter.workflowId && record.workflow?.workflowId !== filter.workflowId) return false;
  if (filter.correlationId && record.correlationId !== filter.correlationId) return false;
  const time = new Date(record.time).getTime();
  if (filter.from !== undefined && time < new Date(filter.from).getTime()) return false;
  if (filter.to !== undefined && time > new Date(filter.to).getTime()) return false;
  if (filter.outcome === 'success' && record.code) return false;
  return true;
}
