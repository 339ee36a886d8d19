// The prompts waiting for the user, and the exact commands the user chose to remember: what Settings and
// the confirmation dialog read and end.
import type { ConfirmationRequest } from '../../shared/confirmation';
import type { ApprovalMemory, RememberedApproval } from '../confirm/approval-memory';
import type { ConfirmationQueue } from '../confirm/confirmation-queue';

export interface ConfirmationsService {
  pending(): ConfirmationRequest[];
  onChange(listener: (pending: ConfirmationRequest[]) => void): () => void;
  /** Ends every shown or queued prompt of one plugin (the user's "Decline all from this plugin"). */
  declinePlugin(pluginId: string): number;
}

export interface ApprovalsService {
  list(): RememberedApproval[];
  /** Forgets one remembered command of a plugin, or all of them; answers how many were forgotten. */
  revoke(pluginId: string, key?: string): number;
}

export function createConfirmationsService(queue: ConfirmationQueue): ConfirmationsService {
  return {
    pending: () => queue.pending(),
    onChange: (listener) => queue.onChange(listener),
    declinePlugin: (pluginId) => queue.declineForPlugin(pluginId),
  };
}

export function createApprovalsService(approvals: ApprovalMemory): ApprovalsService {
  return { list: () => approvals.list(), revoke: (pluginId, key) => approvals.revoke(pluginId, key) };
}
