import { useShallow } from 'zustand/react/shallow';
import { selectWaiting, useConfirmationsStore } from '../../stores/confirmations-store';
import { ConfirmationDialog } from './confirmation-dialog';

/** Shows the first waiting confirmation request over everything; the rest wait in line, visibly. */
export function ConfirmationHost() {
  const waiting = useConfirmationsStore(useShallow(selectWaiting));
  const answer = useConfirmationsStore((state) => state.answer);
  const declinePlugin = useConfirmationsStore((state) => state.declinePlugin);
  const first = waiting[0];
  if (!first) return null;
  return (
    <ConfirmationDialog
      key={first.id}
      request={first}
      waiting={waiting.slice(1)}
      onAnswer={(decision) => void answer(first.id, decision)}
      onDeclinePlugin={() => void declinePlugin(first.plugin.id)}
    />
  );
}
