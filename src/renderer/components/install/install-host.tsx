import { plural } from '../../lib/format';
import { useInstallStore } from '../../stores/install-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { useToastStore } from '../../stores/toast-store';
import { InstallDialog } from './install-dialog';

/** Shows the install dialog for the ticket the user opened, from the Plugins page or the marketplace. */
export function InstallHost() {
  const ticket = useInstallStore((state) => state.ticket);
  const cancel = useInstallStore((state) => state.cancel);
  const install = useInstallStore((state) => state.install);
  const revealPlugin = useNavigationStore((state) => state.revealPlugin);
  const toast = useToastStore((state) => state.push);
  if (!ticket) return null;
  return (
    <InstallDialog
      key={ticket.token}
      ticket={ticket}
      onCancel={cancel}
      onInstall={async (grants, trustPublisherAs) => {
        const { plugin, failure } = await install(grants, trustPublisherAs);
        if (plugin) {
          const granted = `${plugin.granted.length} of ${plural(plugin.capabilities.length, 'capability', 'capabilities')} granted`;
          toast('success', `Installed ${plugin.name} ${plugin.version} (${granted}). Activate it on the Plugins page when you are ready.`);
          revealPlugin(plugin.id);
        }
        return failure;
      }}
    />
  );
}
