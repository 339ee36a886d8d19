// "Pause plugins", the user's kill switch: refuses every request and ends every waiting prompt until
// resumed. Not persisted: a restart starts unpaused.
import type { ConfirmationQueue } from '../confirm/confirmation-queue';
import type { PluginRights } from '../plugins/plugin-rights';

export interface PauseSwitch {
  get(): boolean;
  set(paused: boolean): boolean;
}

export function createPauseSwitch(deps: { queue: ConfirmationQueue; rights: PluginRights }): PauseSwitch {
  let paused = false;
  return {
    get: () => paused,
    set(next) {
      paused = next;
      if (paused) {
        deps.queue.cancelAll();
        // What already runs stops; what waits is refused by the broker's own pause checks, as the user's no.
        deps.rights.stopOpen({ code: 'PLUGIN_NOT_ACTIVE', cause: 'plugins paused' }, { stage: 'running' });
      }
      return paused;
    },
  };
}
