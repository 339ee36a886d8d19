import { useNavigationStore } from '../../stores/navigation-store';
import { AuditPanel } from '../audit/audit-panel';
import { PluginStage } from '../frames/plugin-stage';
import { MarketplacePage } from '../marketplace/marketplace-page';
import { PluginsPage } from '../plugins/plugins-page';
import { SettingsPage } from '../settings/settings-page';

/** The current screen; plugin frames stay mounted underneath so they keep their state. */
export function MainView() {
  const screen = useNavigationStore((state) => state.screen);
  return (
    <>
      <PluginStage />
      {screen === 'audit' && <AuditPanel />}
      {screen === 'plugins' && <PluginsPage />}
      {screen === 'marketplace' && <MarketplacePage />}
      {screen === 'settings' && <SettingsPage />}
    </>
  );
}
