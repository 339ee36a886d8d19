import { join } from 'node:path';
import type { FilePurpose } from '../../src/host/ipc-dispatcher';

/**
 * Named fake of the native dialogs (folder picker, file picker, save dialog), which a browser cannot show:
 * a test scripts the next answer; unscripted, the pickers are cancelled and exports go to `exportDir`.
 */
export function createScriptedDialogs(exportDir: string) {
  const folders: Array<string | null> = [];
  const files: Array<string | null> = [];
  const saves: Array<string | null> = [];
  const saved: string[] = [];
  const asked: FilePurpose[] = [];
  return {
    nextFolder(path: string | null): void {
      folders.push(path);
    },
    /** The answer of the next file picker (marketplace index or bundle). */
    nextFile(path: string | null): void {
      files.push(path);
    },
    nextSavePath(path: string | null): void {
      saves.push(path);
    },
    /** Every path an export was written to, in order. */
    saved,
    /** What each file picker was opened for, in order. */
    asked,
    ports: {
      chooseFolder: async (): Promise<string | null> => (folders.length ? (folders.shift() ?? null) : null),
      chooseFile: async (purpose: FilePurpose): Promise<string | null> => {
        asked.push(purpose);
        return files.length ? (files.shift() ?? null) : null;
      },
      chooseSavePath: async (defaultName: string): Promise<string | null> => {
        const path = saves.length ? (saves.shift() ?? null) : join(exportDir, defaultName);
        if (path) saved.push(path);
        return path;
      },
    },
  };
}
export type ScriptedDialogs = ReturnType<typeof createScriptedDialogs>;
