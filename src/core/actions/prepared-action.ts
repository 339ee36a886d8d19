// The contract between the broker and each action file: prepare (check policy, describe) then run.
import type { ActionPreview } from '../../shared/confirmation';
import type { ActionFailure } from '../action-failure';
import type { HostAuditInput } from '../host-audit';
import type { ConfirmationResult } from '../confirm/confirmation-queue';
import type { ActionStream } from '../process/action-stream';

/** How the scope policy wants this action confirmed. */
export type ConfirmationPolicy =
  | { mode: 'always' }
  | { mode: 'never' }
  /** Ask once, then remember an approval of exactly this key (executable, argv, cwd, env) for a while. */
  | { mode: 'per-command'; key: string; rememberMs: number };

export interface RunContext {
  correlationId: string;
  pluginId: string;
  /** Aborted when the host shuts down or the plugin loses a right this request needs (disable, revoke, remove). */
  signal: AbortSignal;
  /**
   * The user approved this very request in a prompt just now (not remembered, not unprompted): a workflow's
   * first step, gated, then runs on that approval instead of asking twice.
   */
  approvedNow?: boolean;
  /** Asks the user mid-run (a gated workflow step); queued like any other prompt. */
  confirm(preview: ActionPreview): Promise<ConfirmationResult>;
  /**
   * Null while the plugin may still act with this request's capabilities; else the failure to stop with.
   * Asked between workflow steps; `signal` aborts at the same moment for work that cannot ask.
   */
  rightsLost?(): ActionFailure | null;
  /** The request's live stream when the plugin asked for one (`stream: true`); its process output and steps go there. */
  stream?: ActionStream;
  /** Writes an extra audit record for this request (a workflow step); rejects when the log is unavailable. */
  audit(record: Pick<HostAuditInput, 'phase'> & Partial<HostAuditInput>): Promise<void>;
}

/**
 * A request that passed its scope policy. Everything the broker needs to audit, confirm and run it.
 * Nothing has been changed on disk or started yet.
 */
export interface PreparedAction<R> {
  scope: string | null;
  preview: ActionPreview;
  /** What was asked, for the audit log: argv, cwd, env keys, paths, hosts records, clipboard length and sha256; never secrets or clipboard text. */
  auditSummary: Record<string, unknown>;
  confirmation: ConfirmationPolicy;
  dryRun: boolean;
  /**
   * The action would change nothing (a hosts section that already holds exactly these records): the broker runs it
   * without a prompt and records the decision `no-change`. `run` must then change nothing either: if the state moved
   * since, it refuses instead of acting on an approval nobody gave.
   */
  noChange?: boolean;
  /** Performs the action. Throws ActionFailure for expected failures. */
  run(context: RunContext): Promise<R>;
  /** Workflow identity for every audit record of this request, so the audit panel can group them. */
  auditWorkflow?: { workflowId: string };
  /** The outcome fields for the audit log (exit code, duration, bytes, ...). */
  auditOutcome(result: R): Record<string, unknown>;
}
