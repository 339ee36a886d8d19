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

/** One request waiting on a prompt: the first that asked, or an identical one merged into it. */
interface Member {
  resolve(outcome: { result: ConfirmationResult; merged: boolean }): void;
  guard: PromptGuard;
  unlisten(): void;
}

interface Waiting {
  request: ConfirmationRequest;
  pluginId: string;
  /** Identical requests of the same plugin share one prompt; null never merges. */
  mergeKey: string | null;
  members: Member[];
  controller: AbortController;
  started: boolean;
}

/** What the asker learns: the answer, and whether it joined a prompt another identical request opened. */
export interface QueueAnswer {
  result: ConfirmationResult;
  /** True for a request merged into another's prompt: one decision, so it is not counted again (decline backoff). */
  merged: boolean;
}

/** How long a shown prompt waits for the user before it ends as CONFIRMATION_TIMEOUT, unless the host sets another. */
export const DEFAULT_CONFIRMATION_TIMEOUT_MS = 60_000;

/**
 * Shows one confirmation at a time through the prompter; the rest wait in order. Each prompt has its own
 * timeout, counted from when the user sees it, and every prompt of a plugin can be cancelled at once.
 * A request identical to one already queued or shown (same plugin and merge key) adds no prompt: it waits on
 * that one and gets the same answer; the prompt's `count` says how many requests it answers.
 */
export function createConfirmationQueue(prompter: ConfirmationPrompter, options: { timeoutMs: number; now: () => number }) {
  const queue: Waiting[] = [];
  const listeners = new Set<(pending: ConfirmationRequest[]) => void>();

  const emit = (): void => {
    const pending = queue.map((w) => w.request);
    listeners.forEach((listener) => listener(pending));
  };

  /** Keeps the visible count in step with the members still waiting. */
  function recount(waiting: Waiting): void {
    const { count: _old, ...rest } = waiting.request;
    waiting.request = waiting.members.length > 1 ? { ...rest, count: waiting.members.length } : rest;
  }

  function finish(waiting: Waiting, result: ConfirmationResult): void {
    const index = queue.indexOf(waiting);
    if (index === -1) return;
    queue.splice(index, 1);
    waiting.controller.abort();
    waiting.members.forEach((member, i) => {
      member.unlisten();
      member.resolve({ result, merged: i > 0 });
    });
    waiting.members = [];
    emit();
    pump();
  }

  /** One member leaves (its rights went, or it was dropped unseen); the prompt ends only when none is left. */
  function leave(waiting: Waiting, member: Member): void {
    const at = waiting.members.indexOf(member);
    if (at === -1 || !queue.includes(waiting)) return;
    if (waiting.members.length === 1) {
      finish(waiting, 'cancelled');
      return;
    }
    waiting.members.splice(at, 1);
    member.unlisten();
    member.resolve({ result: 'cancelled', merged: at > 0 });
    recount(waiting);
    emit();
  }

  function pump(): void {
    const head = queue[0];
    if (!head || head.started) return;
    // Rights are checked again at the moment the user would see the prompt; a lost right drops it unseen.
    for (const member of [...head.members]) {
      if (member.guard.signal?.aborted || member.guard.mayShow?.() === false) leave(head, member);
    }
    if (queue[0] !== head) return;
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

  /** Queues a prompt (or joins an identical one) and resolves with the answer, a timeout, or a cancellation. */
  function join(
    pluginId: string,
    request: ConfirmationRequest,
    guard: PromptGuard = {},
    mergeKey: string | null = null,
  ): Promise<QueueAnswer> {
    return new Promise((resolve) => {
      if (guard.signal?.aborted) {
        resolve({ result: 'cancelled', merged: false });
        return;
      }
      const member: Member = { resolve, guard, unlisten: () => undefined };
      const same =
        mergeKey === null ? undefined : queue.find((w) => w.pluginId === pluginId && w.mergeKey === mergeKey && w.members.length > 0);
      const waiting: Waiting = same ?? { request, pluginId, mergeKey, members: [], controller: new AbortController(), started: false };
      const onAbort = (): void => leave(waiting, member);
      guard.signal?.addEventListener('abort', onAbort, { once: true });
      member.unlisten = () => guard.signal?.removeEventListener('abort', onAbort);
      waiting.members.push(member);
      if (same) {
        recount(same);
        emit();
        return;
      }
      queue.push(waiting);
      emit();
      pump();
    });
  }

  return {
    join,
    /** Queues a prompt and resolves with the user's answer, a timeout, or a cancellation. */
    async ask(
      pluginId: string,
      request: ConfirmationRequest,
      guard: PromptGuard = {},
      mergeKey: string | null = null,
    ): Promise<ConfirmationResult> {
      return (await join(pluginId, request, guard, mergeKey)).result;
    },
    /** Cancels every queued or shown prompt of a plugin (revoked, disabled or removed). */
    cancelForPlugin(pluginId: string): number {
      const mine = queue.filter((w) => w.pluginId === pluginId);
      const count = mine.reduce((sum, w) => sum + w.members.length, 0);
      mine.forEach((w) => finish(w, 'cancelled'));
      return count;
    },
    /** The user's "Decline all from this plugin": each of its prompts ends as declined, as if answered one by one. */
    declineForPlugin(pluginId: string): number {
      const mine = queue.filter((w) => w.pluginId === pluginId);
      const count = mine.reduce((sum, w) => sum + w.members.length, 0);
      mine.forEach((w) => finish(w, 'declined'));
      return count;
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
export type ConfirmationQueue = ReturnType<typeof createConfirmationQueue>;
