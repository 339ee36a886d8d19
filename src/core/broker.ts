import { randomUUID } from 'node:crypto';
import {
  createPrivilegedActionErrorResponse,
  getRequiredCapabilities,
  validatePrivilegedActionMessage,
  type PrivilegedActionErrorCode,
  type PrivilegedActionRequest,
  type PrivilegedActionResponse,
} from '@gatehouse/plugin-sdk';
import type { ActionPreview, ConfirmationOutcome, ConfirmationRequest } from '../shared/confirmation';
import { ActionFailure } from './action-failure';
import type { PreparedAction, RunContext } from './actions/prepared-action';
import type { AuditRecordInput } from './audit';
import type { ApprovalMemory } from './confirm/approval-memory';
import type { ConfirmationResult } from './confirm/confirmation-queue';
import { correlationIdOf } from './correlation-of';
import type { PluginInfo } from '../shared/plugin-info';
import type { Clock } from './ports';

export interface BrokerCaller {
  /** Decided by the host from the port the message arrived on; never read from the message. */
  pluginId: string;
}

export interface BrokerDeps {
  clock: Clock;
  getPlugin(id: string): PluginInfo | null;
  audit: { append(input: AuditRecordInput): Promise<unknown> };
  prepare(request: PrivilegedActionRequest, pluginId: string): Promise<PreparedAction<unknown>>;
  ask(pluginId: string, request: ConfirmationRequest): Promise<ConfirmationResult>;
  approvals: ApprovalMemory;
  takeRateToken(pluginId: string): boolean;
  /** Aborted when the host closes; running actions stop. */
  shutdownSignal: AbortSignal;
  /** The user's kill switch: while true every request is refused, prompted or not. */
  paused?: () => boolean;
}

const DECISION_CODE: Record<'declined' | 'timeout' | 'cancelled', PrivilegedActionErrorCode> = {
  declined: 'CANCELLED',
  timeout: 'CONFIRMATION_TIMEOUT',
  cancelled: 'CANCELLED',
};

/**
 * The one path every privileged request takes: parse → plugin active → capabilities → scope and policy →
 * rate limit → audit "requested" (fail closed) → confirm → execute → audit outcome → envelope. Never throws.
 */
export function createBroker(deps: BrokerDeps) {
  const pluginControllers = new Map<string, Set<AbortController>>();

  async function handle(caller: BrokerCaller, message: unknown): Promise<PrivilegedActionResponse> {
    const correlationId = correlationIdOf(message);
    const plugin = deps.getPlugin(caller.pluginId);
    const base = {
      correlationId,
      pluginId: caller.pluginId,
      pluginVersion: plugin?.version ?? null,
    };

    const deny = async (
      code: PrivilegedActionErrorCode,
      error: string,
      context: { action: string; scope?: string | null; reason?: string | null; details?: Record<string, unknown>; summary?: Record<string, unknown> },
    ): Promise<PrivilegedActionResponse> => {
      // A refusal is written down too; if even that fails the refusal still stands.
      await deps.audit
        .append({ ...base, action: context.action, scope: context.scope ?? null, phase: 'denied', decision: 'denied', code, reason: context.reason ?? null, summary: { ...context.summary, error: error.slice(0, 500), ...(context.details ? { details: context.details } : {}) } })
        .catch(() => undefined);
      return createPrivilegedActionErrorResponse(correlationId, code, error, context.details);
    };

    const checked = validatePrivilegedActionMessage(message);
    if (!checked.ok) {
      const rawAction = (message as { request?: { action?: unknown } } | null)?.request?.action;
      const action = typeof rawAction === 'string' ? rawAction.slice(0, 80) : 'unknown';
      return deny(checked.code, checked.error, { action, details: { issues: checked.issues.slice(0, 20) } });
    }
    const request = checked.value.request;
    const payload = request.payload as { scope?: string; reason?: string; dryRun?: boolean };
    const context = { action: request.action, scope: payload.scope ?? null, reason: payload.reason ?? null };

    if (!plugin || plugin.status !== 'active' || !plugin.available) {
      const why = !plugin ? 'is not installed' : !plugin.available ? 'is unavailable' : `is ${plugin.status}`;
      return deny('PLUGIN_NOT_ACTIVE', `Plugin "${caller.pluginId}" ${why}.`, context);
    }

    const required = getRequiredCapabilities(request);
    const missing = required.filter((cap) => !plugin.capabilities.includes(cap) || !plugin.granted.includes(cap));
    if (missing.length) {
      const undeclared = missing.filter((cap) => !plugin.capabilities.includes(cap));
      return deny('CAPABILITY_DENIED', `Plugin "${plugin.name}" lacks ${missing.join(', ')}.`, { ...context, details: { missing, undeclared } });
    }

    let prepared: PreparedAction<unknown>;
    try {
      prepared = await deps.prepare(request, plugin.id);
    } catch (error) {
      const failure = toFailure(error);
      return deny(failure.code, failure.message, { ...context, details: failure.details });
    }

    if (!deps.takeRateToken(plugin.id)) {
      return deny('RATE_LIMITED', `Plugin "${plugin.name}" is sending requests too fast.`, context);
    }

    const summary = prepared.auditSummary;
    const workflowFields = prepared.auditWorkflow ? { workflow: prepared.auditWorkflow } : {};
    try {
      await deps.audit.append({ ...base, ...context, phase: 'requested', decision: null, code: null, summary: { ...summary, dryRun: prepared.dryRun }, ...workflowFields });
    } catch {
      return createPrivilegedActionErrorResponse(correlationId, 'AUDIT_UNAVAILABLE', 'The audit log cannot be written, so the action was refused.');
    }

    const decision = await decide(prepared, plugin, request, correlationId);
    // A user's answer gets its own record before anything runs; a decision nobody was asked for
    // travels on the outcome record, which saves one fsync on every unprompted action.
    const asked = decision !== 'not-required' && decision !== 'remembered';
    if (asked) {
      try {
        await deps.audit.append({ ...base, ...context, phase: 'decided', ...workflowFields, decision, code: decision in DECISION_CODE ? DECISION_CODE[decision as keyof typeof DECISION_CODE] : null });
      } catch {
        return createPrivilegedActionErrorResponse(correlationId, 'AUDIT_UNAVAILABLE', 'The audit log cannot be written, so the action was refused.');
      }
    }
    const outcomeDecision = asked ? null : decision;
    if (decision === 'declined' || decision === 'timeout' || decision === 'cancelled') {
      const message = decision === 'timeout' ? 'The confirmation was not answered in time.' : decision === 'cancelled' ? 'The confirmation was cancelled.' : 'The user declined.';
      return createPrivilegedActionErrorResponse(correlationId, DECISION_CODE[decision], message);
    }

    const controller = new AbortController();
    const onShutdown = () => controller.abort();
    deps.shutdownSignal.addEventListener('abort', onShutdown, { once: true });
    const mine = pluginControllers.get(plugin.id) ?? new Set<AbortController>();
    mine.add(controller);
    pluginControllers.set(plugin.id, mine);
    const runContext: RunContext = {
      correlationId,
      pluginId: plugin.id,
      signal: controller.signal,
      confirm: (preview) => deps.ask(plugin.id, confirmationRequest(plugin, request, correlationId, preview)),
      audit: async (record) => {
        await deps.audit.append({ ...base, ...context, ...workflowFields, decision: null, code: null, ...record });
      },
    };
    const started = deps.clock.now();
    try {
      const result = await prepared.run(runContext);
      await deps.audit
        .append({ ...base, ...context, ...workflowFields, phase: 'completed', decision: outcomeDecision, code: null, outcome: { ...prepared.auditOutcome(result), durationMs: deps.clock.now() - started } })
        .catch(() => undefined);
      return { ok: true, correlationId, result };
    } catch (error) {
      const failure = toFailure(error);
      await deps.audit
        .append({ ...base, ...context, ...workflowFields, phase: 'failed', decision: outcomeDecision, code: failure.code, outcome: { error: failure.message.slice(0, 500), durationMs: deps.clock.now() - started, ...pickOutcome(failure) } })
        .catch(() => undefined);
      return createPrivilegedActionErrorResponse(correlationId, failure.code, failure.message, failure.details, failure.result);
    } finally {
      deps.shutdownSignal.removeEventListener('abort', onShutdown);
      mine.delete(controller);
    }
  }

  async function decide(
    prepared: PreparedAction<unknown>,
    plugin: PluginInfo,
    request: PrivilegedActionRequest,
    correlationId: string,
  ): Promise<ConfirmationOutcome> {
    const policy = prepared.confirmation;
    // Paused refuses everything, including what would run without a prompt or from a remembered approval.
    if (deps.paused?.()) return 'cancelled';
    if (prepared.dryRun || policy.mode === 'never') return 'not-required';
    if (policy.mode === 'per-command' && deps.approvals.has(plugin.id, policy.key)) return 'remembered';
    const offer = policy.mode === 'per-command' ? { forMs: policy.rememberMs } : null;
    const answer = await deps.ask(plugin.id, { ...confirmationRequest(plugin, request, correlationId, prepared.preview, prepared.scope), remember: offer });
    // Remembered only when the user chose it for a command that offered it; a plain approval covers this run.
    if (answer === 'approved-remember' && policy.mode === 'per-command') deps.approvals.remember(plugin.id, policy.key, policy.rememberMs, prepared.preview);
    return answer === 'approved-remember' ? 'approved' : answer;
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
    handlePrivilegedAction(caller: BrokerCaller, message: unknown): Promise<PrivilegedActionResponse> {
      return handle(caller, message).catch((error: unknown) =>
        createPrivilegedActionErrorResponse(correlationIdOf(message), 'INTERNAL_ERROR', 'The host failed unexpectedly; nothing further was done.', {
          cause: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
        }),
      );
    },
    /** Stops everything a plugin has running (revoked, disabled or removed). */
    abortPlugin(pluginId: string): void {
      pluginControllers.get(pluginId)?.forEach((controller) => controller.abort());
    },
  };
}

function toFailure(error: unknown): ActionFailure {
  if (error instanceof ActionFailure) return error;
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof errno === 'string') {
    return new ActionFailure('OS_ERROR', `The operating system refused the operation (${errno}).`, { errno });
  }
  return new ActionFailure('INTERNAL_ERROR', 'The host failed unexpectedly; nothing further was done.', {
    cause: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
  });
}

function pickOutcome(failure: ActionFailure): Record<string, unknown> {
  const result = failure.result as { exitCode?: unknown; signal?: unknown; timedOut?: unknown } | undefined;
  if (!result || typeof result !== 'object') return {};
  return { exitCode: result.exitCode ?? null, signal: result.signal ?? null, timedOut: result.timedOut ?? false };
}
