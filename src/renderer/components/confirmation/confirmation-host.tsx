import { useShallow } from 'zustand/react/shallow';
import { selectWaiting, useConfirmationsStore } from '../../stores/confirmations-store';
import { usePluginsStore } from '../../stores/plugins-store';
import { useToastStore } from '../../stores/toast-store';
import { ConfirmationDialog } from './confirmation-dialog';

/** Shows the first waiting confirmation request over everything; the rest wait in line, visibly. */
export function ConfirmationHost() {
  const waiting = useConfirmationsStore(useShallow(selectWaiting));
  const answer = useConfirmationsStore((state) => state.answer);
  const setStatus = usePluginsStore((state) => state.setStatus);
  const declinePlugin = useConfirmationsStore((state) => state.declinePlugin);
  const first = waiting[0];
  if (!first) return null;
  // Decline first, so the answer is recorded as the user's; disabling then withdraws everything else it asked.
  const disablePlugin = async (): Promise<void> => {
    await answer(first.id, 'declined');
    const failure = await setStatus(first.plugin.id, 'disabled');
    const toast = useToastStore.getState().push;
    if (failure) toast('error', `${first.plugin.name} could not be blocked (${failure.code}): ${failure.error}`);
    else toast('info', `${first.plugin.name} is disabled and can ask for nothing. Enable it again on the Plugins page.`);
  };
  return (
    <ConfirmationDialog
      key={first.id}
      request={first}
      waiting={waiting.slice(1)}
      onAnswer={(decision) => void answer(first.id, decision)}
      onDisablePlugin={() => void disablePlugin()}
      onDeclinePlugin={() => void declinePlugin(first.plugin.id)}
    />
  );
}
