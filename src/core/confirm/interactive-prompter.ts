import type { ConfirmationDecision, ConfirmationRequest } from '../../shared/confirmation';
import type { ConfirmationPrompter } from '../ports';

export type PromptEvent = { type: 'request'; request: ConfirmationRequest } | { type: 'closed'; id: string };

/**
 * A prompter answered from outside (the app's dialog over IPC, or a test): it announces each request and
 * accepts exactly one answer per one-time id while that request is open.
 */
export function createInteractivePrompter() {
  const open = new Map<string, (decision: ConfirmationDecision) => void>();
  const listeners = new Set<(event: PromptEvent) => void>();
  const emit = (event: PromptEvent): void => listeners.forEach((listener) => listener(event));

  const prompter: ConfirmationPrompter & {
    answer(id: string, decision: ConfirmationDecision): boolean;
    onEvent(listener: (event: PromptEvent) => void): () => void;
    openRequests(): string[];
  } = {
    confirm(request, signal) {
      return new Promise((resolve) => {
        const close = (decision: ConfirmationDecision): void => {
          if (!open.delete(request.id)) return;
          emit({ type: 'closed', id: request.id });
          resolve(decision);
        };
        open.set(request.id, close);
        signal.addEventListener('abort', () => close('declined'), { once: true });
        emit({ type: 'request', request });
      });
    },
    answer(id, decision) {
      const close = open.get(id);
      if (!close) return false;
      close(decision);
      return true;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openRequests() {
      return [...open.keys()];
    },
  };
  return prompter;
}
