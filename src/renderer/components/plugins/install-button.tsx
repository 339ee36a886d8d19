import { useState } from 'react';
import type { HostFailure } from '../../gatehouse';
import { useInstallStore } from '../../stores/install-store';
import { ErrorMessage } from '../common/error-message';

type Source = 'folder' | 'file';

const FAILURE_CONTEXT: Record<Source, string> = {
  folder: 'The folder could not be checked',
  file: 'The plugin file could not be opened',
};

/** Asks main for a plugin folder or a packed `.ghplugin`, then shows the install dialog for what is in it. */
export function InstallButton() {
  const chooseFolder = useInstallStore((state) => state.chooseFolder);
  const chooseFile = useInstallStore((state) => state.chooseFile);
  const [busy, setBusy] = useState<Source | null>(null);
  const [failure, setFailure] = useState<{ source: Source; failure: HostFailure } | null>(null);

  const run = async (source: Source) => {
    setBusy(source);
    setFailure(null);
    const error = await (source === 'folder' ? chooseFolder() : chooseFile());
    setBusy(null);
    setFailure(error ? { source, failure: error } : null);
  };

  return (
    <div className="install">
      <div className="install-buttons">
        <button type="button" className="button button-secondary" disabled={busy !== null} onClick={() => void run('file')}>
          {busy === 'file' ? 'Checking…' : 'Install from file…'}
        </button>
        <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void run('folder')}>
          {busy === 'folder' ? 'Checking…' : 'Install from folder…'}
        </button>
      </div>
      {failure && <ErrorMessage failure={failure.failure} context={FAILURE_CONTEXT[failure.source]} />}
    </div>
  );
}
