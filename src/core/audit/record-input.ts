// Checks and normalizes what a caller appends, caps its size, and serializes it in the stored key order.
import { createHash } from 'node:crypto';
import type { AuditRecord, AuditRecordInput, AuditWorkflowFields } from './audit-types';
import { buildSearchText } from './search-text';

/** Largest stored line; a larger summary (then outcome) is replaced by its size and sha256. */
export const MAX_RECORD_BYTES = 64 * 1024;
const MAX_ID_CHARS = 512;
const MAX_REASON_CHARS = 4096;
/** Room for seq, prevHash, time and hash around the serialized fields. */
const FRAME_BYTES = 256;
const WORKFLOW_KEYS = ['stepId', 'stepTitle', 'stepStatus', 'stepCorrelationId', 'confirmation'] as const;

export type StoredFields = Omit<AuditRecord, 'seq' | 'time' | 'prevHash' | 'hash'>;

/** The values a record is indexed by. */
export interface RecordKeys {
  correlationId: string | null;
  pluginId: string | null;
  action: string;
  scope: string | null;
  decision: string | null;
  code: string | null;
  workflowId: string | null;
  /** Lowercase search text of reason and summary strings. */
  text: string;
}

export interface PreparedRecord {
  /** The JSON members after `time`, in stored order, without braces. */
  fields: string;
  stored: StoredFields;
  keys: RecordKeys;
}

function cap(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

function optionalString(input: AuditRecordInput, key: keyof AuditRecordInput, max = MAX_ID_CHARS): string | null {
  const value = input[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new TypeError(`audit record field "${key}" must be a string or null`);
  return cap(value, max);
}

function requiredString(input: AuditRecordInput, key: 'action' | 'phase'): string {
  const value = input[key];
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`audit record field "${key}" must be a non-empty string`);
  return cap(value, MAX_ID_CHARS);
}

function normalizeWorkflow(value: unknown): AuditWorkflowFields | null {
  if (value === undefined || value === null) return null;
  const source = value as Record<string, unknown>;
  if (typeof value !== 'object' || typeof source.workflowId !== 'string' || source.workflowId.length === 0) {
    throw new TypeError('audit record field "workflow" must be null or carry a workflowId string');
  }
  const workflow: AuditWorkflowFields = { workflowId: cap(source.workflowId, MAX_ID_CHARS) };
  for (const key of WORKFLOW_KEYS) {
    const field = source[key];
    if (field === undefined || field === null) continue;
    if (typeof field !== 'string') throw new TypeError(`audit record field "workflow.${key}" must be a string`);
    workflow[key] = cap(field, MAX_ID_CHARS);
  }
  return workflow;
}

function serializeObject(value: unknown, key: 'summary' | 'outcome'): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`audit record field "${key}" must be an object`);
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new TypeError(`audit record field "${key}" cannot be serialized: ${(error as Error).message}`);
  }
  return json;
}

/** What replaces an oversized summary or outcome: enough to match it against another copy, nothing more. */
function omittedMarker(json: string): string {
  const bytes = Buffer.byteLength(json);
  return JSON.stringify({ omitted: 'too large', bytes, sha256: createHash('sha256').update(json).digest('hex') });
}

function compose(head: string, summary: string | null, outcome: string | null): string {
  return head + (summary === null ? '' : `,"summary":${summary}`) + (outcome === null ? '' : `,"outcome":${outcome}`);
}

/** Validates and serializes one record; throws TypeError for input no record can be made of. */
export function prepareRecord(input: AuditRecordInput): PreparedRecord {
  if (typeof input !== 'object' || input === null) throw new TypeError('an audit record must be an object');
  const phase = requiredString(input, 'phase');
  const action = requiredString(input, 'action');
  const correlationId = optionalString(input, 'correlationId');
  const pluginId = optionalString(input, 'pluginId');
  const pluginVersion = optionalString(input, 'pluginVersion');
  const scope = optionalString(input, 'scope');
  const decision = optionalString(input, 'decision');
  const code = optionalString(input, 'code');
  const reason = optionalString(input, 'reason', MAX_REASON_CHARS);
  const workflow = normalizeWorkflow(input.workflow);
  let summaryJson = serializeObject(input.summary, 'summary');
  let outcomeJson = serializeObject(input.outcome, 'outcome');

  const j = JSON.stringify;
  const head =
    `"phase":${j(phase)},"correlationId":${j(correlationId)},"pluginId":${j(pluginId)},"pluginVersion":${j(pluginVersion)}` +
    `,"action":${j(action)},"scope":${j(scope)},"decision":${j(decision)},"code":${j(code)},"reason":${j(reason)}` +
    `,"workflow":${j(workflow)}`;
  let fields = compose(head, summaryJson, outcomeJson);
  if (Buffer.byteLength(fields) + FRAME_BYTES > MAX_RECORD_BYTES && summaryJson !== null) {
    summaryJson = omittedMarker(summaryJson);
    fields = compose(head, summaryJson, outcomeJson);
  }
  if (Buffer.byteLength(fields) + FRAME_BYTES > MAX_RECORD_BYTES && outcomeJson !== null) {
    outcomeJson = omittedMarker(outcomeJson);
    fields = compose(head, summaryJson, outcomeJson);
  }

  const stored: StoredFields = {
    phase,
    correlationId,
    pluginId,
    pluginVersion,
    action,
    scope,
    decision: decision as StoredFields['decision'],
    code,
    reason,
    workflow,
  };
  if (summaryJson !== null) stored.summary = JSON.parse(summaryJson) as Record<string, unknown>;
  if (outcomeJson !== null) stored.outcome = JSON.parse(outcomeJson) as Record<string, unknown>;
  const keys: RecordKeys = {
    correlationId,
    pluginId,
    action,
    scope,
    decision,
    code,
    workflowId: workflow?.workflowId ?? null,
    text: buildSearchText(reason, stored.summary),
  };
  return { fields, stored, keys };
}
