// Taking a plugin's rights away is one move in several places; every caller that takes them does all of it.
import type { ApprovalMemory } from '../confirm/approval-memory';
import type { ConfirmationQueue } from '../confirm/confirmation-queue';
import type { RightsRefusal } from '../plugins/may-act';
import type { PluginRights } from '../plugins/plugin-rights';

export interface RightsParts {
  rights: PluginRights;
  queue: ConfirmationQueue;
  approvals: ApprovalMemory;
}

/**
 * Takes a plugin's rights away before an audited write: its prompts are withdrawn, its waiting and running
 * requests abort with `refusal`, remembered approvals go, and new requests are refused until the release.
 */
export function withdrawRights(parts: RightsParts, pluginId: string, refusal: RightsRefusal): () => void {
  const release = parts.rights.withdraw(pluginId, refusal);
  parts.queue.cancelForPlugin(pluginId);
  parts.approvals.revoke(pluginId);
  return release;
}

/** Runs `work` with the plugin's rights withdrawn, and gives them back (as the registry now says) after. */
export async function withdrawWhile<T>(parts: RightsParts, pluginId: string, refusal: RightsRefusal, work: () => Promise<T>): Promise<T> {
  const release = withdrawRights(parts, pluginId, refusal);
  try {
    return await work();
  } finally {
    release();
  }
}
