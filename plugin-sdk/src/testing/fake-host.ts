import type { Capability } from '../capabilities.js';
import { getRequiredCapabilities } from '../capabilities.js';
import { createPrivilegedActionErrorResponse, type PrivilegedActionResponse } from '../envelope.js';
import type { PrivilegedActionErrorCode } from '../error-codes.js';
import type { PrivilegedActionName, PrivilegedActionRequest, PrivilegedActionRequestOf, PrivilegedActionResultOf } from '../request.js';
import { getPluginPortMessageKind, type PluginPortMessage } from '../transport/protocol.js';
import { setDefaultPrivilegedActionTransport } from '../transport/default-transport.js';
import type { PrivilegedActionTransport, TransportSendOptions } from '../transport/transport.js';
import { validatePluginStorageMessage, validatePrivilegedActionMessage } from '../validate.js';
import { correlationIdSchema } from '../primitives.js';
import { createPrivilegedActionCorrelationId } from '../correlation-id.js';
import { createFakeResult } from './fake-results.js';
import { createFakeStorage, type FakeStorage, type FakeStorageOptions } from './fake-storage.js';

export interface FakeHostOptions {
  /**
   * What the plugin is granted. A request that needs anything else is answered CAPABILITY_DENIED, as the
   * host would. Default: every capability the request needs.
   */
  grants?: readonly Capability[];
  /** Make this host the default transport of `requestPrivilegedAction`, the `request*` helpers and `storage` (default true). */
  install?: boolean;
  storage?: FakeStorageOptions;
}

/** A request the fake host received, after it passed the same validation the host applies. */
export interface ReceivedRequest {
  correlationId: string;
  request: PrivilegedActionRequest;
  /** How it was answered: `ok`, or the error code. */
  answer: 'ok' | PrivilegedActionErrorCode | 'no-answer';
}

/** How a scripted rule answers. */
export interface FakeRule<A extends PrivilegedActionName> {
  /** Answers only the next matching request, then the rule is used up. */
  once(): FakeRule<A>;
  /** Approves and succeeds: the result is built from the request, with `result` (or what it returns) laid over it. */
  approve(
    result?: Partial<PrivilegedActionResultOf<A>> | ((request: PrivilegedActionRequestOf<A>) => Partial<PrivilegedActionResultOf<A>>),
  ): void;
  /** The user declines: CANCELLED. */
  decline(): void;
  /** The user does not answer in time: CONFIRMATION_TIMEOUT. */
  timeout(): void;
  /** Fails with any code the host can give, for example SCOPE_VIOLATION or PROCESS_EXIT_NON_ZERO. */
  fail(code: PrivilegedActionErrorCode, error?: string, details?: Record<string, unknown>): void;
  /** Never answers: the caller's own timeout or AbortSignal ends the request (TRANSPORT_FAILED). */
  hang(): void;
}

/** A stand-in for the Gatehouse host in a plugin's unit tests; it is a fake and performs no action. */
export interface FakeHost extends PrivilegedActionTransport {
  /** Scripts the answer to requests of `action` (those `match` accepts). The newest matching rule wins. */
  on<A extends PrivilegedActionName>(action: A, match?: (request: PrivilegedActionRequestOf<A>) => boolean): FakeRule<A>;
  /** Every privileged request received, in order. */
  readonly received: readonly ReceivedRequest[];
  /** Requests no rule answered; they were declined (CANCELLED), as a user who did not expect them would. */
  readonly unhandled: readonly ReceivedRequest[];
  /** The plugin's storage namespace, kept in memory with the host's key rules and quota. */
  readonly storage: FakeStorage;
  /** Forgets rules, received requests and storage. */
  reset(): void;
  /** Stops being the default transport (when it was installed). */
  dispose(): void;
}

type Answer =
  | { kind: 'approve'; result: unknown }
  | { kind: 'error'; code: PrivilegedActionErrorCode; error: string; details?: Record<string, unknown> }
  | { kind: 'hang' };

interface Rule {
  action: PrivilegedActionName;
  match: ((request: never) => boolean) | undefined;
  once: boolean;
  answer: ((request: PrivilegedActionRequest) => Answer) | null;
}

const MESSAGES: Partial<Record<PrivilegedActionErrorCode, string>> = {
  CANCELLED: 'The user declined.',
  CONFIRMATION_TIMEOUT: 'The confirmation was not answered in time.',
};

/**
 * A fake host for unit tests of plugin code under Node: it validates every message as the host does,
 * enforces grants, answers by script (success results of every action, declines, errors, timeouts) and
 * keeps plugin storage in memory.
 * @example
 * const host = createFakeHost();
 * host.on('system.clipboard.read').approve({ text: 'hello' });
 * const response = await requestClipboardRead();
 * assert.equal(response.ok && response.result.text, 'hello');
 * host.dispose();
 */
export function createFakeHost(options: FakeHostOptions = {}): FakeHost {
  let rules: Rule[] = [];
  const received: ReceivedRequest[] = [];
  const unhandled: ReceivedRequest[] = [];
  const storage = createFakeStorage(options.storage);
  const grants = options.grants ? new Set<string>(options.grants) : null;

  function pick(request: PrivilegedActionRequest): Rule | undefined {
    for (let i = rules.length - 1; i >= 0; i--) {
      const rule = rules[i]!;
      if (rule.action !== request.action || !rule.answer) continue;
      if (rule.match && !(rule.match as (request: PrivilegedActionRequest) => boolean)(request)) continue;
      if (rule.once) rules = rules.filter((other) => other !== rule);
      return rule;
    }
    return undefined;
  }

  async function answerAction(message: unknown, signal: AbortSignal | undefined): Promise<PrivilegedActionResponse<unknown>> {
    const checked = validatePrivilegedActionMessage(message);
    const correlationId = checked.ok ? checked.value.correlationId : correlationIdOf(message);
    if (!checked.ok) return createPrivilegedActionErrorResponse(correlationId, checked.code, checked.error, { issues: checked.issues });
    const { request } = checked.value;
    const entry: ReceivedRequest = { correlationId, request, answer: 'no-answer' };
    received.push(entry);
    const missing = grants ? getRequiredCapabilities(request).filter((capability) => !grants.has(capability)) : [];
    const answer: Answer = missing.length
      ? { kind: 'error', code: 'CAPABILITY_DENIED', error: `The plugin lacks ${missing.join(', ')}.`, details: { missing } }
      : (pick(request)?.answer?.(request) ?? (unhandled.push(entry), { kind: 'error', code: 'CANCELLED', error: MESSAGES.CANCELLED! }));
    if (answer.kind === 'hang') {
      return new Promise((resolve) => {
        const stop = () =>
          resolve(
            createPrivilegedActionErrorResponse(correlationId, 'TRANSPORT_FAILED', 'The request was abandoned.', { reason: 'aborted' }),
          );
        if (signal?.aborted) stop();
        else signal?.addEventListener('abort', stop, { once: true });
      });
    }
    entry.answer = answer.kind === 'approve' ? 'ok' : answer.code;
    if (answer.kind === 'approve') return { ok: true, correlationId, result: answer.result };
    return createPrivilegedActionErrorResponse(correlationId, answer.code, answer.error, answer.details);
  }

  const host: FakeHost = {
    async send(message: PluginPortMessage, sendOptions?: TransportSendOptions): Promise<PrivilegedActionResponse<unknown>> {
      if (getPluginPortMessageKind(message) === 'storage') {
        const checked = validatePluginStorageMessage(message);
        if (!checked.ok)
          return createPrivilegedActionErrorResponse(correlationIdOf(message), checked.code, checked.error, { issues: checked.issues });
        return storage.handle(checked.value);
      }
      return answerAction(message, sendOptions?.signal);
    },
    on<A extends PrivilegedActionName>(action: A, match?: (request: PrivilegedActionRequestOf<A>) => boolean): FakeRule<A> {
      const rule: Rule = { action, match: match, once: false, answer: null };
      rules.push(rule);
      const set = (answer: (request: PrivilegedActionRequestOf<A>) => Answer) => {
        rule.answer = answer as Rule['answer'];
      };
      const error = (code: PrivilegedActionErrorCode, text?: string, details?: Record<string, unknown>): Answer => ({
        kind: 'error',
        code,
        error: text ?? MESSAGES[code] ?? `The host refused the request (${code}).`,
        ...(details ? { details } : {}),
      });
      const builder: FakeRule<A> = {
        once() {
          rule.once = true;
          return builder;
        },
        approve(result) {
          set((request) => ({
            kind: 'approve',
            result: createFakeResult(request, typeof result === 'function' ? result(request) : result),
          }));
        },
        decline: () => set(() => error('CANCELLED')),
        timeout: () => set(() => error('CONFIRMATION_TIMEOUT')),
        fail: (code, text, details) => set(() => error(code, text, details)),
        hang: () => set(() => ({ kind: 'hang' })),
      };
      return builder;
    },
    received,
    unhandled,
    storage,
    reset() {
      rules = [];
      received.length = 0;
      unhandled.length = 0;
      storage.clear();
    },
    dispose() {
      if (options.install !== false) setDefaultPrivilegedActionTransport(null);
    },
  };
  if (options.install !== false) setDefaultPrivilegedActionTransport(host);
  return host;
}

// The message's own id when it is valid (so the caller can match the answer), else one of the host's.
function correlationIdOf(message: unknown): string {
  const id = (message as { correlationId?: unknown } | null)?.correlationId;
  return correlationIdSchema.safeParse(id).success ? (id as string) : createPrivilegedActionCorrelationId('host');
}
