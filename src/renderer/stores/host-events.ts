// Connects the host's pushes to the stores, once, at start.
import { gatehouse } from '../gatehouse';
import { useBackendsStore } from './backends-store';
import { useConfirmationsStore } from './confirmations-store';
import { useNoticesStore } from './notices-store';
import { usePauseStore } from './pause-store';
import { usePluginsStore } from './plugins-store';
import { useRunningStore } from './running-store';

/** Subscribes the stores to host events and loads their first state; returns the unsubscribe. */
export function connectHostEvents(): () => void {
  const api = gatehouse();
  const stops = [
    api.on('confirmations:changed', (pending) => useConfirmationsStore.getState().receive(pending)),
    api.on('plugins:changed', (plugins) => usePluginsStore.getState().receive(plugins)),
    api.on('audit:appended', (record) => useNoticesStore.getState().receive(record)),
    api.on('running:changed', (running) => useRunningStore.getState().receive(running)),
    api.on('backend:changed', () => void useBackendsStore.getState().refresh()),
  ];
  void useConfirmationsStore.getState().load();
  void usePluginsStore.getState().load();
  void usePauseStore.getState().load();
  void useRunningStore.getState().load();
  return () => {
    for (const stop of stops) stop();
  };
}
