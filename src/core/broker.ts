import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import {
  createPrivilegedActionErrorResponse,
  PRIVILEGED_ACTIONS,
  getRequiredCapabilities,
  validatePrivilegedActionMessage,
  type PrivilegedActionErrorCode,
  type PrivilegedActionRequest,
  type PrivilegedActionResponse,
} from '@gatehouse/plugin-sdk';
import type { ActionPreview, ConfirmationOutcome, ConfirmationRequest } from '../shared/confirmation';
import type { PluginInfo } from '../shared/plugin-info';
import { ActionFailure } from './action-failure';
import type { PreparedAction, RunContext } from './actions/prepared-action';
import type { AuditAction } from '../shared/audit-actions';
import type { HostAuditInput, HostAuditPort } from './host-audit';
import type { ApprovalMemory } from './confirm/approval-memory';
import type { ConfirmationResult, PromptGuard } from './confirm/confirmation-queue';
import { correlationIdOf } from './correlation-of';
import type { RightsRefusal } from './plugins/may-act';
import { refusalMessage, refusalRemedy } from './plugins/refusal-guidance';
import type { PluginRights, RightsTicket } from './plugins/plugin-rights';
import type { Clock } from './ports';
import type { RefusalAudit } from './refusal-audit';
import { snapshotMessage } from './snapshot-message';
import type { RunningActions, RunningSlot } from './services/running-actions';
import { reserveRun, startRun, stopCauseOf } from './tracked-run';
import type { ActionStream } from './process/action-stream';
import { requestsStream } from '../shared/stream-request';

export interface BrokerCaller {
  /** Decided by the host from the port the message arrived on; never read from the message. */
  pluginId: string;
}

export interface BrokerDeps {
  clock: Clock;
  getPlugin(id: string): PluginInfo | null;
  /** The one may-act answer, and a ticket per request that loses its rights the moment the plugin does. */
  rights: PluginRights;
  audit: HostAuditPort;
  /** Refusals before anything was requested: written with a per-plugin budget, repeats counted. */
  refusals: RefusalAudit;
  prepare(request: PrivilegedActionRequest, pluginId: string): Promise<PreparedAction<unknown>>;
  /** `mergeKey`: identical requests of one plugin with the same key share one prompt and its answer. */
  ask(pluginId: string, request: ConfirmationRequest, guard: PromptGuard, mergeKey?: string): Promise<ConfirmationResult>;
  approvals: ApprovalMemory;
  takeRateToken(pluginId: string): boolean;
  /** How long the host still declines to prompt for a plugin the user kept refusing; 0 when it may ask. */
  declineBackoffMs(pluginId: string): number;
  /** Aborted when the host closes; running actions stop. */
  shutdownSignal: AbortSignal;
  /** The user's kill switch: while true every request is refused, prompted or not. */
  paused(): boolean;
  /** Long-running requests: the Running list, the plugin's and the user's stop, live streams. */
  running: RunningActions;
  /** A plugin whose setup is needed is refused with SETUP_NEEDED; the setup's own steps pass (`handleSetupStep`). */
  setupGate?(pluginId: string): Promise<ActionFailure | null>;
}

const DECISION_CODE: Record<'declined' | 'timeout' | 'cancelled', PrivilegedActionErrorCode> = {
  declined: 'CANCELLED',
  timeout: 'CONFIRMATION_TIMEOUT',
  cancelled: 'CANCELLED',
};
const DECISION_TEXT: Record<keyof typeof DECISION_CODE, string> = {
  declined: 'The user declined.',
  timeout: 'The confirmation was not answered in time.',
  cancelled: 'The confirmation was cancelled.',
};

/** Fields every record of one request shares. */
interface RecordBase {
  correlationId: string;
  pluginId: string;
  pluginVersion: string | null;
  action: AuditAction;
  scope: string | null;
  reason: string | null;
  workflow?: { workflowId: string };
  /** The plugin's own action text when it names no action the host has; kept in refusal summaries only. */
  requestedAction?: string | null;
}

/** A request that passed the door and holds a ticket. */
interface Admitted {
  plugin: PluginInfo;
  request: PrivilegedActionRequest;
  ticket: RightsTicket;
  base: RecordBase;
  /** A process exec or workflow that will run holds a slot in the Running list. */
  slot: RunningSlot | null;
  track: StreamTrack;
}

/** Whether the message asked for a stream, and whether its stream has ended: every streamed request gets an `end`. */
interface StreamTrack {
  wanted: boolean;
  correlationId: string | null;
  ended: boolean;
}

const pausedFailure = () => new ActionFailure('CANCELLED', 'Plugins are paused: nothing runs until you resume them.', { reason: 'paused' });
const auditUnavailable = () => new ActionFailure('AUDIT_UNAVAILABLE', 'The audit log cannot be written, so the action was refused.');

/**
 * The one path every privileged request takes, as a pipeline:
 * door (one safe copy, rate limit, contract) → authorize (may this plugin act?) → prepare (scope, policy, plan)
 * → record "requested" (fail closed) → decide (confirm; rights checked again right before the prompt shows)
 * → record the decision → authorize again → execute (rights withdrawn abort it) → record the outcome → answer.
 * Never rejects; every path writes a record; errors map to envelopes in one place (`answer`).
 */
export function createBroker(deps: BrokerDeps) {
  // ---- door ------------------------------------------------------------------------------------------------
  async function handle(pluginId: string, raw: unknown, track: StreamTrack, viaSetup = false): Promise<PrivilegedActionResponse> {
    // Everything after this line reads the copy; the caller's object is never touched again.
    const door = snapshotMessage(raw);
    const message = door.ok ? door.value : null;
    const correlationId = correlationIdOf(message);
    track.wanted = requestsStream(message);
    track.correlationId = correlationId;
    const plugin = deps.getPlugin(pluginId);
    const requested = requestedActionOf(message);
    const base: RecordBase = {
      correlationId,
      pluginId,
      pluginVersion: plugin?.version ?? null,
      action: actionOf(requested),
      scope: null,
      reason: null,
    };
    if (base.action === 'invalid') base.requestedAction = requested;

    // The rate limit counts every message a plugin sends, valid or not.
    if (!deps.takeRateToken(pluginId))
      return refuse(base, new ActionFailure('RATE_LIMITED', `Plugin "${pluginId}" is sending requests too fast.`));
    if (!door.ok) return refuse(base, new ActionFailure('VALIDATION_FAILED', door.error));
    const checked = validatePrivilegedActionMessage(message);
    if (!checked.ok) return refuse(base, new ActionFailure(checked.code, checked.error, { issues: checked.issues.slice(0, 20) }));
    const request = checked.value.request;
    const payload = request.payload as { scope?: string; reason?: string };
    Object.assign(base, { action: request.action, scope: payload.scope ?? null, reason: payload.reason ?? null });

    // ---- authorize ----
    const required = getRequiredCapabilities(request);
    const refusal = deps.rights.check(pluginId, required);
    if (refusal || !plugin) return refuse(base, refusalFailure(pluginId, refusal));
    const setupRefusal = viaSetup || !deps.setupGate ? null : await deps.setupGate(pluginId);
    if (setupRefusal) return refuse(base, setupRefusal);
    const ticket = deps.rights.open(pluginId, required);
    try {
      return await admitted({ plugin, request, ticket, base, slot: null, track });
    } finally {
      ticket.close();
    }
  }

  async function admitted(r: Admitted): Promise<PrivilegedActionResponse> {
    // ---- prepare ----
    let prepared: PreparedAction<unknown>;
    try {
      prepared = await deps.prepare(r.request, r.plugin.id);
    } catch (error) {
      return refuse(r.base, toFailure(error));
    }
    const lostWhilePreparing = r.ticket.lost();
    if (lostWhilePreparing) return refuse(r.base, lostWhilePreparing);
    if (prepared.auditWorkflow) r.base.workflow = prepared.auditWorkflow;
    // A slot from here until the answer: the per-plugin stream limit counts prompts waiting too.
    const reserved = reserveRun(deps.running, r.plugin.name, r.plugin.id, r.base.correlationId, r.request, prepared.dryRun);
    if (reserved instanceof ActionFailure) return refuse(r.base, reserved);
    r.slot = reserved;
    try {
      return await afterPrepare(r, prepared);
    } finally {
      r.slot?.release();
    }
  }

  async function afterPrepare(r: Admitted, prepared: PreparedAction<unknown>): Promise<PrivilegedActionResponse> {
    // The user's kill switch: refused like any refusal at the door, so a flood while paused stays bounded.
    if (deps.paused()) return refuse(r.base, pausedFailure());
    // A plugin the user kept declining is not shown another prompt for a while (decline-backoff.ts).
    const pausedMs = wouldPrompt(prepared, r.plugin.id) ? deps.declineBackoffMs(r.plugin.id) : 0;
    if (pausedMs > 0) {
      const seconds = Math.ceil(pausedMs / 1000);
      return refuse(
        r.base,
        new ActionFailure('RATE_LIMITED', `The user declined "${r.plugin.name}" repeatedly; it may ask again in ${seconds} s.`, {
          reason: 'declined-repeatedly',
          retryAfterMs: pausedMs,
        }),
      );
    }

    // ---- record "requested" (fail closed) ----
    try {
      await append(r.base, {
        phase: 'requested',
        decision: null,
        code: null,
        summary: { ...prepared.auditSummary, dryRun: prepared.dryRun },
      });
    } catch {
      return answer(r.base.correlationId, auditUnavailable());
    }

    // Rights may have gone while the record was being written.
    const lostWhileRecording = r.ticket.lost();
    if (lostWhileRecording) {
      await append(r.base, {
        phase: 'failed',
        decision: null,
        code: lostWhileRecording.code,
        outcome: failureOutcome(lostWhileRecording),
      }).catch(() => undefined);
      return answer(r.base.correlationId, lostWhileRecording);
    }

    // ---- decide ----
    const { decision, remember } = await decide(prepared, r.plugin, r.request, r.base.correlationId, guardOf(r.ticket, r.slot));
    // A user's answer gets its own record before anything runs; a decision nobody was asked for
    // travels on the outcome record, which saves one fsync on every unprompted action.
    const asked = decision !== 'not-required' && decision !== 'remembered' && decision !== 'no-change';
    const lost = r.ticket.lost() ?? (deps.paused() ? pausedFailure() : null) ?? stoppedBeforeRun(r.slot);
    const refused =
      lost ??
      (decision in DECISION_CODE
        ? new ActionFailure(DECISION_CODE[decision as keyof typeof DECISION_CODE], DECISION_TEXT[decision as keyof typeof DECISION_TEXT])
        : null);
    if (asked) {
      try {
        await append(r.base, {
          phase: 'decided',
          decision,
          code: refused?.code ?? null,
          ...(lost ? { outcome: failureOutcome(lost) } : {}),
        });
      } catch {
        return answer(r.base.correlationId, auditUnavailable());
      }
    } else if (lost) {
      await append(r.base, { phase: 'failed', decision, code: lost.code, outcome: failureOutcome(lost) }).catch(() => undefined);
    }
    if (refused) return answer(r.base.correlationId, refused);
    // Writing the decision took time: rights or the pause switch may have changed meanwhile.
    const lostWhileDeciding = asked ? (r.ticket.lost() ?? (deps.paused() ? pausedFailure() : null) ?? stoppedBeforeRun(r.slot)) : null;
    if (lostWhileDeciding) {
      await append(r.base, {
        phase: 'failed',
        decision: null,
        code: lostWhileDeciding.code,
        outcome: failureOutcome(lostWhileDeciding),
      }).catch(() => undefined);
      return answer(r.base.correlationId, lostWhileDeciding);
    }
    // The user's "also allow for 10 minutes" takes effect only once their answer is on record and it still stands.
    remember?.();

    // ---- execute ----
    return execute(r, prepared, asked ? null : decision, asked);
  }

  async function execute(
    r: Admitted,
    prepared: PreparedAction<unknown>,
    outcomeDecision: ConfirmationOutcome | null,
    approvedNow: boolean,
  ): Promise<PrivilegedActionResponse> {
    r.ticket.stage = 'running';
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    deps.shutdownSignal.addEventListener('abort', stop, { once: true });
    r.ticket.signal.addEventListener('abort', stop, { once: true });
    r.slot?.signal.addEventListener('abort', stop, { once: true });
    if (r.slot?.signal.aborted) controller.abort();
    const stream = r.slot ? startRun(r.slot, r.request, deps.clock.now()) : undefined;
    const endStream = (): void => {
      stream?.finish();
      if (stream) r.track.ended = true;
    };
    const runContext: RunContext = {
      correlationId: r.base.correlationId,
      pluginId: r.plugin.id,
      signal: controller.signal,
      approvedNow,
      confirm: (preview) =>
        deps.ask(r.plugin.id, confirmationRequest(r.plugin, r.request, r.base.correlationId, preview), guardOf(r.ticket, r.slot)),
      rightsLost: () => r.ticket.lost(),
      audit: (record) => append(r.base, { decision: null, code: null, ...record }),
      ...(stream ? { stream } : {}),
    };
    const started = deps.clock.now();
    try {
      const result = await prepared.run(runContext);
      endStream();
      await append(r.base, {
        phase: 'completed',
        decision: outcomeDecision,
        code: null,
        outcome: { ...prepared.auditOutcome(result), durationMs: deps.clock.now() - started, ...streamOutcome(stream) },
      }).catch(() => undefined);
      return { ok: true, correlationId: r.base.correlationId, result };
    } catch (error) {
      endStream();
      const cause = stopCauseOf(r.slot, deps.shutdownSignal, r.ticket.lost());
      const failure = withStopCause(stoppedBy(r.ticket, toFailure(error)), cause);
      await append(r.base, {
        phase: 'failed',
        decision: outcomeDecision,
        code: failure.code,
        outcome: {
          ...failureOutcome(failure),
          durationMs: deps.clock.now() - started,
          ...(cause ? { stoppedBy: cause } : {}),
          ...streamOutcome(stream),
        },
      }).catch(() => undefined);
      return answer(r.base.correlationId, failure);
    } finally {
      endStream();
      deps.shutdownSignal.removeEventListener('abort', stop);
      r.ticket.signal.removeEventListener('abort', stop);
      r.slot?.signal.removeEventListener('abort', stop);
    }
  }

  function wouldPrompt(prepared: PreparedAction<unknown>, pluginId: string): boolean {
    const policy = prepared.confirmation;
    if (prepared.dryRun || prepared.noChange || policy.mode === 'never') return false;
    return !(policy.mode === 'per-command' && deps.approvals.has(pluginId, policy.key));
  }

  // ---- decide: whether the user must be asked, and the answer --------------------------------------------------
  async function decide(
    prepared: PreparedAction<unknown>,
    plugin: PluginInfo,
    request: PrivilegedActionRequest,
    correlationId: string,
    guard: PromptGuard,
  ): Promise<{ decision: ConfirmationOutcome; remember: (() => void) | null }> {
    const policy = prepared.confirmation;
    const only = (decision: ConfirmationOutcome) => ({ decision, remember: null });
    // Paused refuses everything, including what would run without a prompt or from a remembered approval.
    if (deps.paused()) return only('cancelled');
    if (prepared.dryRun || policy.mode === 'never') return only('not-required');
    // Nothing would change, so there is nothing to approve; the record and the user's notice say so.
    if (prepared.noChange) return only('no-change');
    if (policy.mode === 'per-command' && deps.approvals.has(plugin.id, policy.key)) return only('remembered');
    const offer = policy.mode === 'per-command' ? { forMs: policy.rememberMs } : null;
    const answer = await deps.ask(
      plugin.id,
      { ...confirmationRequest(plugin, request, correlationId, prepared.preview, prepared.scope), remember: offer },
      guard,
      mergeKeyOf(request, prepared.preview, offer),
    );
    // Remembered only when the user chose it for a command that offered it; a plain approval covers this run.
    if (answer === 'approved-remember' && policy.mode === 'per-command') {
      return { decision: 'approved', remember: () => deps.approvals.remember(plugin.id, policy.key, policy.rememberMs, prepared.preview) };
    }
    return only(answer === 'approved-remember' ? 'approved' : answer);
  }

  // ---- record and answer ---------------------------------------------------------------------------------------
  /** Async, so even an append that throws at once becomes a rejection the caller handles. */
  async function append(base: RecordBase, record: Pick<HostAuditInput, 'phase'> & Partial<HostAuditInput>): Promise<void> {
    const { requestedAction: _requested, ...fields } = base;
    await deps.audit.append({ ...fields, ...record });
  }

  /** A refusal before anything was requested: written down (within the plugin's refusal budget), then answered. */
  async function refuse(base: RecordBase, failure: ActionFailure): Promise<PrivilegedActionResponse> {
    const { requestedAction, ...fields } = base;
    await deps.refusals.record({
      ...fields,
      phase: 'denied',
      decision: 'denied',
      code: failure.code,
      summary: {
        error: failure.message.slice(0, 500),
        ...(failure.details ? { details: failure.details } : {}),
        ...(requestedAction ? { requestedAction } : {}),
      },
    });
    return answer(base.correlationId, failure);
  }

  function confirmationRequest(
    plugin: PluginInfo,
    request: PrivilegedActionRequest,
    correlationId: string,
    preview: ActionPreview,
    scope: string | null = (request.payload as { scope?: string }).scope ?? null,
  ): ConfirmationRequest {
    const now = deps.clock.now();
    return {
      id: randomUUID(),
      correlationId,
      plugin: { id: plugin.id, name: plugin.name, publisher: plugin.publisher, version: plugin.version, signed: plugin.signed },
      action: request.action,
      scope,
      reason: (request.payload as { reason?: string }).reason ?? null,
      preview,
      remember: null,
      requestedAt: now,
      expiresAt: now,
    };
  }

  return {
    /** Always resolves to an envelope, and every path leaves an audit record. */
    handlePrivilegedAction: (caller: BrokerCaller, message: unknown) => guarded(caller, message, false),
    /**
     * One step of a setup the user started: the same pipeline (rights, scope, prompt, sandbox, records) minus the
     * setup gate. Only the host's setup service calls it; nothing a plugin sends reaches it.
     */
    handleSetupStep: (pluginId: string, message: unknown) => guarded({ pluginId }, message, true),
  };

  async function guarded(caller: BrokerCaller, message: unknown, viaSetup: boolean): Promise<PrivilegedActionResponse> {
    let pluginId = 'unknown';
    const track: StreamTrack = { wanted: false, correlationId: null, ended: false };
    try {
      pluginId = String(caller.pluginId);
      return await handle(pluginId, message, track, viaSetup);
    } catch (error) {
      const failure = new ActionFailure('INTERNAL_ERROR', 'The host failed unexpectedly; nothing further was done.', {
        cause: causeOf(error),
      });
      const correlationId = correlationIdOf(null);
      const base: RecordBase = { correlationId, pluginId, pluginVersion: null, action: 'unknown', scope: null, reason: null };
      await append(base, { phase: 'failed', decision: null, code: failure.code, outcome: failureOutcome(failure) }).catch(() => undefined);
      return answer(correlationId, failure);
    } finally {
      // A streamed request refused before it ran still ends its stream, so the frame gets its answer at once.
      if (track.wanted && !track.ended && track.correlationId) deps.running.emit(pluginId, track.correlationId, { type: 'end', seq: 0 });
    }
  }
}

/**
 * Two requests merge into one prompt when the user would see the same thing and approve the same effect: same
 * action and payload (the correlation id is not part of it), same preview as the host computed it, same offer to
 * remember. The plugin is matched by the queue.
 */
function mergeKeyOf(request: PrivilegedActionRequest, preview: ActionPreview, remember: { forMs: number } | null): string {
  const text = canonicalize({ action: request.action, payload: request.payload, preview, remember }) ?? '';
  return createHash('sha256').update(text).digest('hex');
}

/** The one error mapping: every failure becomes an envelope here. */
function answer(correlationId: string, failure: ActionFailure): PrivilegedActionResponse {
  return createPrivilegedActionErrorResponse(correlationId, failure.code, failure.message, failure.details, failure.result);
}

function guardOf(ticket: RightsTicket, slot: RunningSlot | null = null): PromptGuard {
  // The plugin's cancel withdraws a prompt still waiting for the request, like losing its rights does.
  const signal = slot ? AbortSignal.any([ticket.signal, slot.signal]) : ticket.signal;
  return { signal, mayShow: () => ticket.lost() === null && !slot?.signal.aborted };
}

/** The plugin or the user stopped the request before it ran. */
function stoppedBeforeRun(slot: RunningSlot | null): ActionFailure | null {
  const cause = slot?.stoppedBy() ?? null;
  if (!cause) return null;
  const who = cause === 'plugin' ? 'the plugin' : cause === 'user' ? 'you' : 'the host';
  return new ActionFailure('CANCELLED', `The request was stopped by ${who} before it ran.`, { stoppedBy: cause });
}

/** A failure of a run someone stopped names who did, in its details. */
function withStopCause(failure: ActionFailure, cause: string | null): ActionFailure {
  if (!cause || failure.details?.stoppedBy) return failure;
  return new ActionFailure(failure.code, failure.message, { ...failure.details, stoppedBy: cause }, failure.result);
}

/** How much live output the plugin got, for the outcome record. */
function streamOutcome(stream: ActionStream | undefined): Record<string, unknown> {
  if (!stream) return {};
  const { bytesSent, chunks, skippedBytes } = stream.stats();
  return { stream: { bytesSent, chunks, skippedBytes } };
}

/** A failure during a run whose rights were withdrawn is reported as the withdrawal, keeping the partial result. */
function stoppedBy(ticket: RightsTicket, failure: ActionFailure): ActionFailure {
  const lost = ticket.lost();
  if (!lost || lost === failure) return failure;
  return new ActionFailure(lost.code, lost.message, { ...lost.details, stoppedAs: failure.code }, failure.result);
}

function refusalFailure(pluginId: string, found: RightsRefusal | null): ActionFailure {
  const refusal: RightsRefusal = found ?? { code: 'PLUGIN_NOT_ACTIVE', cause: 'plugin not installed' };
  // The message says what to do (grant, activate, trust again); details.remedy carries the same sentence.
  const remedy = refusalRemedy(refusal);
  const guidance = remedy ? { remedy } : {};
  if (refusal.code === 'CAPABILITY_DENIED') {
    return new ActionFailure('CAPABILITY_DENIED', refusalMessage(pluginId, refusal), {
      missing: refusal.missing,
      undeclared: refusal.undeclared,
      ...guidance,
    });
  }
  return new ActionFailure('PLUGIN_NOT_ACTIVE', refusalMessage(pluginId, refusal), { cause: refusal.cause, ...guidance });
}

function toFailure(error: unknown): ActionFailure {
  if (error instanceof ActionFailure) return error;
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof errno === 'string') {
    return new ActionFailure('OS_ERROR', `The operating system refused the operation (${errno}).`, { errno });
  }
  return new ActionFailure('INTERNAL_ERROR', 'The host failed unexpectedly; nothing further was done.', { cause: causeOf(error) });
}

function causeOf(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message).slice(0, 200) : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The outcome fields of a failure: its message, why rights were withdrawn, and a process's exit facts. */
function failureOutcome(failure: ActionFailure): Record<string, unknown> {
  const withdrawn = failure.details?.withdrawn;
  const result = failure.result as { exitCode?: unknown; signal?: unknown; timedOut?: unknown } | undefined;
  return {
    error: failure.message.slice(0, 500),
    ...(typeof withdrawn === 'string' ? { withdrawn } : {}),
    ...(result && typeof result === 'object'
      ? { exitCode: result.exitCode ?? null, signal: result.signal ?? null, timedOut: result.timedOut ?? false }
      : {}),
  };
}

/** The action a message names, for the record of its refusal; plugin text, so cut short. */
function requestedActionOf(message: unknown): string | null {
  const raw = (message as { request?: { action?: unknown } } | null)?.request?.action;
  return typeof raw === 'string' ? raw.slice(0, 80) : null;
}

/**
 * The record's action: one of the host's names, so every record has a label and a filter. A name the host does
 * not have is recorded as `invalid`, the plugin's text kept in the summary as `requestedAction`.
 */
function actionOf(requested: string | null): AuditAction {
  if (requested === null) return 'unknown';
  return (PRIVILEGED_ACTIONS as readonly string[]).includes(requested) ? (requested as AuditAction) : 'invalid';
}
