// The audit log's public shapes: what callers append, what queries return, and the log itself.

export type AuditPhase =
  | 'requested'
  | 'decided'
  | 'completed'
  | 'failed'
  | 'denied'
  | 'step'
  | 'plugin.status'
  | 'audit.repaired'
  | 'audit.rotated'
  | (string & {});

export type AuditDecision = 'approved' | 'declined' | 'timeout' | 'cancelled' | 'not-required' | 'remembered' | 'no-change' | 'denied';

export interface AuditWorkflowFields {
  workflowId: string;
  stepId?: string;
  stepTitle?: string;
  stepStatus?: string;
  stepCorrelationId?: string;
  confirmation?: string;
}

export interface AuditRecordInput {
  correlationId: string | null;
  pluginId: string | null;
  pluginVersion?: string | null;
  /** What was done, e.g. `system.process.exec` or `plugin.status`. */
  action: string;
  scope?: string | null;
  phase: AuditPhase;
  decision?: AuditDecision | null;
  /** An error code from the SDK list, or null on success. */
  code?: string | null;
  /** The plugin's own words. */
  reason?: string | null;
  /** What was asked: argv, cwd, env keys, hosts records, filesystem operations, clipboard length and sha256. */
  summary?: Record<string, unknown>;
  /** What happened: exit code, duration, bytes. */
  outcome?: Record<string, unknown>;
  workflow?: AuditWorkflowFields | null;
}

export interface AuditRecord extends AuditRecordInput {
  seq: number;
  /** ISO 8601 time at which the record was sequenced. */
  time: string;
  prevHash: string;
  hash: string;
}

export interface AuditQuery {
  pluginId?: string;
  action?: string;
  decision?: string;
  /** success: no code; failure: a code is present. */
  outcome?: 'success' | 'failure';
  /** Inclusive lower bound: ISO time or epoch milliseconds. */
  from?: string | number;
  /** Inclusive upper bound: ISO time or epoch milliseconds. */
  to?: string | number;
  /** Case-insensitive substring of correlationId, pluginId, action, scope, code, reason or a summary string. */
  text?: string;
  correlationId?: string;
  workflowId?: string;
  /**
   * `request`: one row per request (records of one plugin sharing a correlation id), at its newest matching
   * record; each row is the request's newest record with `story` (its first record and record count).
   * Export and verification always work on records.
   */
  group?: 'request';
  /** Continue below this seq (the previous page's nextCursor). */
  cursor?: number;
  /** Page size: default 100, at most 1000. */
  limit?: number;
}

/** How a request began and how many records it has, on the rows of a grouped query. */
export interface AuditStory {
  first: AuditRecord;
  records: number;
  /** The request's latest decision: a prompted request's answer is on its decided record, not its outcome. */
  decision: string | null;
}

export interface AuditPage {
  records: Array<AuditRecord & { story?: AuditStory }>;
  /** How many records match the filter, over the whole log. */
  total: number;
  nextCursor: number | null;
}

export interface AuditVerifyReport {
  ok: boolean;
  records: number;
  files: number;
  firstBadSeq: number | null;
  problem: string | null;
  durationMs: number;
}

export interface AuditStartupReport {
  repaired: boolean;
  detail: string | null;
}

export interface AuditLog {
  /** Resolves once the record is on disk (written and synced); rejects with AuditUnavailableError when it cannot be. */
  append(input: AuditRecordInput): Promise<AuditRecord>;
  /** Newest first, paged by seq cursor. */
  query(q: AuditQuery): Promise<AuditPage>;
  get(seq: number): Promise<AuditRecord | null>;
  /** Re-reads every file and checks the hash chain and the checkpoint. */
  verify(): Promise<AuditVerifyReport>;
  /** Writes the matching records, oldest first, as the stored lines (jsonl) or flat columns (csv). */
  exportTo(
    format: 'jsonl' | 'csv',
    q: Omit<AuditQuery, 'cursor' | 'limit'>,
    destinationPath: string,
  ): Promise<{ records: number; bytes: number }>;
  onAppend(listener: (r: AuditRecord) => void): () => void;
  readonly startupReport: AuditStartupReport;
  close(): Promise<void>;
}

export interface OpenAuditLogOptions {
  dir: string;
  clock?: { now(): number };
  /** A file is rotated once it would grow past this size; default 64 MiB. */
  maxFileBytes?: number;
}
