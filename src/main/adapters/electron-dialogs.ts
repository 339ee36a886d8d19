import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';

/** Native dialogs, modal to the app window: pick a plugin folder, pick where to save an export. */
export function createElectronDialogs(window: () => BrowserWindow | null) {
  return {
    async chooseFolder(): Promise<string | null> {
      const options = { title: 'Install plugin from folder', buttonLabel: 'Install', properties: ['openDirectory' as const] };
      const owner = window();
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath(defaultName: string): Promise<string | null> {
      const csv = defaultName.endsWith('.csv');
      const options = {
        title: 'Export audit log',
        defaultPath: join(app.getPath('documents'), defaultName),
        filters: [csv ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON Lines', extensions: ['jsonl'] }],
      };
      const owner = window();
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
