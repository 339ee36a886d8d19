// ipcMain glue: one handler per channel, all through one sender check, all into the shared dispatcher.
import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_CHANNELS } from '../shared/ipc-contract';
import type { IpcDispatcher } from '../host/ipc-dispatcher';
import { isTrustedSender } from '../host/sender-check';
import { originOf } from '../host/url-policy';

/** Registers every channel of the contract and forwards dispatcher events to our main frame. */
export function wireIpc(dispatcher: IpcDispatcher, window: () => BrowserWindow | null, appOrigin: string): () => void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(event, window(), appOrigin)) throw new Error('Refused: only the Gatehouse window may call the host.');
      return dispatcher.invoke(channel, payload);
    });
  }
  const unsubscribe = dispatcher.subscribe((event, payload) => {
    const target = window();
    if (!target || target.isDestroyed()) return;
    const main = target.webContents.mainFrame;
    if (originOf(main.url) === appOrigin) main.send(event, payload);
  });
  return () => {
    unsubscribe();
    IPC_CHANNELS.forEach((channel) => ipcMain.removeHandler(channel));
  };
}
