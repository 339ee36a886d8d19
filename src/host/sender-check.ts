// Who may call the host over IPC: pure (structural types, no electron import) so it is tested under Node.
import { originOf } from './url-policy';

/** The parts of Electron's WebFrameMain the check reads. */
export interface FrameLike {
  readonly parent: FrameLike | null;
  readonly processId: number;
  readonly routingId: number;
  readonly url: string;
}

/** The parts of an IpcMainInvokeEvent and of our BrowserWindow the check reads. */
export interface SenderLike {
  sender: unknown;
  readonly senderFrame: FrameLike | null;
}
export interface WindowLike {
  isDestroyed(): boolean;
  webContents: { mainFrame: FrameLike };
}

/**
 * True only for our window's main frame on the app origin (like VS Code's validatedIpcMain): plugin
 * frames, other web contents, a destroyed window and a main frame that somehow left the app origin are refused.
 */
export function isTrustedSender(event: SenderLike, window: WindowLike | null, appOrigin: string): boolean {
  if (!window || window.isDestroyed()) return false;
  const contents = window.webContents;
  if (event.sender !== contents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  const main = contents.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return originOf(frame.url) === appOrigin;
}
