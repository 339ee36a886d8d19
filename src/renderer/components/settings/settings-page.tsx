import { useEffect } from 'react';
import { useScopesStore } from '../../stores/scopes-store';
import { useSettingsStore } from '../../stores/settings-store';
import { ApprovalsSection } from './approvals-section';
import { ClipboardPolicyForm } from './clipboard-policy-form';
import { HostsPathForm } from './hosts-path-form';
import { MarketplaceKeyForm } from './marketplace-key-form';
import { ScopesSection } from './scopes-section';
import { SecretsSection } from './secrets-section';
import { SettingsNav } from './settings-nav';
import { SetupOverridesSection } from './setup-overrides-section';
import { TrustedPublishersSection } from './trusted-publishers-section';

const SECTIONS = [
  { id: 'settings-fs-scopes', label: 'Filesystem scopes' },
  { id: 'settings-process-scopes', label: 'Process scopes' },
  { id: 'settings-secrets', label: 'Secrets' },
  { id: 'settings-publishers', label: 'Trusted publishers' },
  { id: 'settings-marketplace', label: 'Marketplace' },
  { id: 'settings-hosts', label: 'Hosts file' },
  { id: 'settings-clipboard', label: 'Clipboard' },
  { id: 'settings-approvals', label: 'Remembered approvals' },
  { id: 'settings-setup', label: 'Plugin setup' },
] as const;

/** Scopes and their secrets, trusted publishers, the marketplace key, the hosts file, the clipboard policy and remembered approvals. */
export function SettingsPage() {
  const loadScopes = useScopesStore((state) => state.load);
  const loadSettings = useSettingsStore((state) => state.load);
  const loadApprovals = useSettingsStore((state) => state.loadApprovals);
  useEffect(() => {
    void loadScopes();
    void loadSettings();
    void loadApprovals();
  }, [loadScopes, loadSettings, loadApprovals]);

  return (
    <div className="screen settings-screen">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Settings</h1>
          <p className="screen-subtitle">What plugins may reach, and how the host asks you about it.</p>
        </div>
      </div>
      <SettingsNav sections={SECTIONS} />
      <div id="settings-fs-scopes" className="settings-anchor">
        <ScopesSection kind="fs" />
      </div>
      <div id="settings-process-scopes" className="settings-anchor">
        <ScopesSection kind="process" />
      </div>
      <div id="settings-secrets" className="settings-anchor">
        <SecretsSection />
      </div>
      <div id="settings-publishers" className="settings-anchor">
        <TrustedPublishersSection />
      </div>
      <div id="settings-marketplace" className="settings-anchor">
        <MarketplaceKeyForm />
      </div>
      <div id="settings-hosts" className="settings-anchor">
        <HostsPathForm />
      </div>
      <div id="settings-clipboard" className="settings-anchor">
        <ClipboardPolicyForm />
      </div>
      <div id="settings-approvals" className="settings-anchor">
        <ApprovalsSection />
      </div>
      <div id="settings-setup" className="settings-anchor">
        <SetupOverridesSection />
      </div>
    </div>
  );
}
