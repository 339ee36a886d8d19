import { app, dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { join } from 'node:path';
import { BUNDLE_ARCHIVE_EXTENSION } from '@gatehouse/plugin-sdk/node';
import type { FilePurpose } from '../../host/ipc-dispatcher';

const FILE_DIALOGS: Record<FilePurpose, OpenDialogOptions> = {
  'marketplace-index': {
    title: 'Open a signed plugin index',
    buttonLabel: 'Open index',
    properties: ['openFile'],
    filters: [{ name: 'Plugin index', extensions: ['json'] }],
  },
  'plugin-bundle': {
    title: 'Choose the plugin bundle to check against the index',
    buttonLabel: 'Check bundle',
    properties: ['openFile'],
    filters: [{ name: 'Gatehouse plugin bundle', extensions: [BUNDLE_ARCHIVE_EXTENSION.slice(1)] }],
  },
  'plugin-archive': {
    title: 'Install plugin from file',
    buttonLabel: 'Inspect',
    properties: ['openFile'],
    filters: [{ name: 'Gatehouse plugin', extensions: [BUNDLE_ARCHIVE_EXTENSION.slice(1)] }],
  },
};

/** Native dialogs, modal to the app window: pick a plugin folder, a file, or where to save an export. */
export function createElectronDialogs(window: () => BrowserWindow | null) {
  const open = async (options: OpenDialogOptions): Promise<string | null> => {
    const owner = window();
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  return {
    chooseFolder(): Promise<string | null> {
      return open({ title: 'Install plugin from folder', buttonLabel: 'Inspect', properties: ['openDirectory'] });
    },
    chooseFile(purpose: FilePurpose): Promise<string | null> {
      return open(FILE_DIALOGS[purpose]);
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
