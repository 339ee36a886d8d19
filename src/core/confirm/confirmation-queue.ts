import type { ConfirmationDecision, ConfirmationRequest } from '../../shared/confirmation';
import type { ConfirmationPrompter } from '../ports';

export type ConfirmationResult = ConfirmationDecision | 'timeout' | 'cancelled';

/** What keeps a prompt honest until it is shown: the request's own abort signal and a last rights check. */
export interface PromptGuard {
  /** Aborted when the request loses its rights; a queued prompt is dropped, a shown one withdrawn. */
  signal?: AbortSignal;
  /** Asked right before the prompt is shown; false drops it unseen. */
  mayShow?(): boolean;
}

interface Waiting {
  request: ConfirmationRequest;
  pluginId: string;
  resolve(result: ConfirmationResult): void;
  controller: AbortController;
  started: boolean;
  guard: PromptGuard;
  unlisten(): void;
}

/** How long a shown prompt waits for the user before it ends as CONFIRMATION_TIMEOUT, unless the host sets another. */
export const DEFAULT_CONFIRMATION_TIMEOUT_MS = 60_000;

/**
 * Shows one confirmation at a time through the prompter; the rest wait in order. Each prompt has its own
 * timeout, counted from when the user sees it, and every prompt of a plugin can be cancelled at once.
 */
export function createConfirmationQueue(prompter: ConfirmationPrompter, options: { timeoutMs: number; now: () => number }) {
  const queue: Waiting[] = [];
  const listeners = new Set<(pending: ConfirmationRequest[]) => void>();

  const emit = (): void => {
    const pending = queue.map((w) => w.request);
    listeners.forEach((listener) => listener(pending));
  };

  function finish(waiting: Waiting, result: ConfirmationResult): void {
    const index = queue.indexOf(waiting);
    if (index === -1) return;
    queue.splice(index, 1);
    waiting.unlisten();
    waiting.controller.abort();
    waiting.resolve(result);
    emit();
    pump();
  }

  function pump(): void {
    const head = queue[0];
    if (!head || head.started) return;
    // Rights are checked again at the moment the user would see the prompt; a lost right drops it unseen.
    if (head.guard.signal?.aborted || head.guard.mayShow?.() === false) {
      finish(head, 'cancelled');
      return;
    }
    head.started = true;
    const now = options.now();
    head.request = { ...head.request, requestedAt: now, expiresAt: now + options.timeoutMs };
    const timer = setTimeout(() => finish(head, 'timeout'), options.timeoutMs);
    head.controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    emit();
    prompter.confirm(head.request, head.controller.signal).then(
      (decision) => finish(head, normalise(decision, head.request)),
      // A prompter that fails cannot have approved.
      () => finish(head, 'declined'),
    );
  }

  return {
    /** Queues a prompt and resolves with the user's answer, a timeout, or a cancellation. */
    ask(pluginId: string, request: ConfirmationRequest, guard: PromptGuard = {}): Promise<ConfirmationResult> {
      return new Promise((resolve) => {
        if (guard.signal?.aborted) {
          resolve('cancelled');
          return;
        }
        const waiting: Waiting = { request, pluginId, resolve, controller: new AbortController(), started: false, guard, unlisten: () => undefined };
        const onAbort = (): void => finish(waiting, 'cancelled');
        guard.signal?.addEventListener('abort', onAbort, { once: true });
        waiting.unlisten = () => guard.signal?.removeEventListener('abort', onAbort);
        queue.push(waiting);
        emit();
        pump();
      });
    },
    /** Cancels every queued or shown prompt of a plugin (revoked, disabled or removed). */
    cancelForPlugin(pluginId: string): number {
      const mine = queue.filter((w) => w.pluginId === pluginId);
      mine.forEach((w) => finish(w, 'cancelled'));
      return mine.length;
    },
    /** The user's "Decline all from this plugin": each of its prompts ends as declined, as if answered one by one. */
    declineForPlugin(pluginId: string): number {
      const mine = queue.filter((w) => w.pluginId === pluginId);
      mine.forEach((w) => finish(w, 'declined'));
      return mine.length;
    },
    cancelAll(): void {
      [...queue].forEach((w) => finish(w, 'cancelled'));
    },
    pending(): ConfirmationRequest[] {
      return queue.map((w) => w.request);
    },
    onChange(listener: (pending: ConfirmationRequest[]) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Only the two approving answers approve; anything else a prompter returns declines. "Remember" counts only for
 * a request that offered it, so no prompter can make the host remember what the user was never offered.
 */
function normalise(decision: unknown, request: ConfirmationRequest): ConfirmationResult {
  if (decision === 'approved-remember') return request.remember ? 'approved-remember' : 'approved';
  return decision === 'approved' ? 'approved' : 'declined';
}
