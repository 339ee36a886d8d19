import { clipboard } from 'electron';
import type { ClipboardPort } from '../../core/ports';

/** The OS clipboard through Electron; text only. */
export function createElectronClipboard(): ClipboardPort {
  return {
    readText: () => clipboard.readText(),
    writeText: (text) => clipboard.writeText(text),
  };
}
