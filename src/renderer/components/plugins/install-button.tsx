import { useState } from 'react';
import type { HostFailure } from '../../gatehouse';
import { usePluginsStore } from '../../stores/plugins-store';
import { useToastStore } from '../../stores/toast-store';
import { ErrorMessage } from '../common/error-message';

/** Asks the host to install a plugin from a folder the user picks. */
export function InstallButton() {
  const install = usePluginsStore((state) => state.install);
  const toast = useToastStore((state) => state.push);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<HostFailure | null>(null);

  const run = async () => {
    setBusy(true);
    setFailure(null);
    const { plugin, failure: error } = await install();
    setBusy(false);
    if (error) setFailure(error);
    else if (plugin) toast('success', `Installed ${plugin.name} ${plugin.version}. Review its capabilities, then activate it.`);
  };

  return (
    <div className="install">
      <button type="button" className="button button-primary" disabled={busy} onClick={() => void run()}>
        {busy ? 'Installing…' : 'Install from folder…'}
      </button>
      {failure && <ErrorMessage failure={failure} context="The plugin could not be installed" />}
    </div>
  );
}
