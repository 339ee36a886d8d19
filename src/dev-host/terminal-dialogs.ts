// The native dialogs a browser cannot show (folder picker, file picker, save dialog), asked in the
// terminal the development host runs in. Without a terminal to ask, every dialog counts as cancelled.
import { createInterface } from 'node:readline/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { FilePurpose, IpcDispatcherPorts } from '../host/ipc-dispatcher';

type DialogPorts = Pick<IpcDispatcherPorts, 'chooseFolder' | 'chooseFile' | 'chooseSavePath'>;

const FILE_PROMPTS: Record<FilePurpose, string> = {
  'marketplace-index': 'Marketplace index file to open',
  'plugin-bundle': 'Plugin bundle (.ghplugin) to open',
  'plugin-archive': 'Packed plugin (.ghplugin) to install',
};

export function createTerminalDialogs(input: NodeJS.ReadableStream & { isTTY?: boolean }, output: NodeJS.WritableStream): DialogPorts {
  let queue: Promise<unknown> = Promise.resolve();
  // One question at a time: a second dialog waits for the first answer.
  const ask = (question: string): Promise<string | null> => {
    if (!input.isTTY) return Promise.resolve(null);
    const next = queue.then(async () => {
      const rl = createInterface({ input, output });
      try {
        const answer = (await rl.question(`${question} (empty to cancel): `)).trim();
        return answer === '' ? null : isAbsolute(answer) ? answer : resolve(answer);
      } finally {
        rl.close();
      }
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    chooseFolder: () => ask('Gatehouse: plugin folder to install'),
    chooseFile: (purpose) => ask(`Gatehouse: ${FILE_PROMPTS[purpose]}`),
    chooseSavePath: (defaultName) => ask(`Gatehouse: save the export as which file, e.g. ${join(process.cwd(), defaultName)}`),
  };
}

/** The line printed at start. */
export function dialogsDescription(input: { isTTY?: boolean }): string {
  return input.isTTY
    ? 'folder, file and save dialogs ask here in the terminal'
    : 'no terminal to ask in, so folder, file and save dialogs are cancelled';
}
