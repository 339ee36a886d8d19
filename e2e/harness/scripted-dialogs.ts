import { join } from 'node:path';

/**
 * Named fake of the native dialogs (folder picker, save dialog), which a browser cannot show: a test
 * scripts the next answer; unscripted, the folder picker is cancelled and exports go to `exportDir`.
 */
export function createScriptedDialogs(exportDir: string) {
  const folders: Array<string | null> = [];
  const saves: Array<string | null> = [];
  const saved: string[] = [];
  return {
    nextFolder(path: string | null): void {
      folders.push(path);
    },
    nextSavePath(path: string | null): void {
      saves.push(path);
    },
    /** Every path an export was written to, in order. */
    saved,
    ports: {
      chooseFolder: async (): Promise<string | null> => (folders.length ? (folders.shift() ?? null) : null),
      chooseSavePath: async (defaultName: string): Promise<string | null> => {
        const path = saves.length ? (saves.shift() ?? null) : join(exportDir, defaultName);
        if (path) saved.push(path);
        return path;
      },
    },
  };
}
export type ScriptedDialogs = ReturnType<typeof createScriptedDialogs>;
