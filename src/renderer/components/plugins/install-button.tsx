import { useState } from 'react';
import type { HostFailure } from '../../gatehouse';
import { useInstallStore } from '../../stores/install-store';
import { ErrorMessage } from '../common/error-message';

/** Asks main for a plugin folder, then shows the install dialog for what is in it. */
export function InstallButton() {
  const chooseFolder = useInstallStore((state) => state.chooseFolder);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<HostFailure | null>(null);

  const run = async () => {
    setBusy(true);
    setFailure(null);
    const error = await chooseFolder();
    setBusy(false);
    setFailure(error);
  };

  return (
    <div className="install">
      <button type="button" className="button button-primary" disabled={busy} onClick={() => void run()}>
        {busy ? 'Checking…' : 'Install from folder…'}
      </button>
      {failure && <ErrorMessage failure={failure} context="The folder could not be checked" />}
    </div>
  );
}
