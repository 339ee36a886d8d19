// Watches the plugin folder and runs `onChange` once per burst of edits (an editor's save is several
// events; a build writes several files), never two at once.
import { watch, type FSWatcher } from 'node:fs';
import { isBundleChange } from './stage-unsigned';

const SETTLE_MS = 150;

export function watchPluginFolder(dir: string, onChange: () => Promise<void>): { close(): void } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = onChange()
      .catch(() => undefined)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const watcher: FSWatcher = watch(dir, { recursive: true }, (_event, filename) => {
    if (!isBundleChange(filename === null ? null : String(filename))) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, SETTLE_MS);
  });
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
