import { useEffect } from 'react';
import { useScopesStore } from '../../stores/scopes-store';
import { useSettingsStore } from '../../stores/settings-store';
import { ApprovalsSection } from './approvals-section';
import { ClipboardPolicyForm } from './clipboard-policy-form';
import { HostsPathForm } from './hosts-path-form';
import { MarketplaceKeyForm } from './marketplace-key-form';
import { ScopesSection } from './scopes-section';
import { SecretsSection } from './secrets-section';
import { TrustedPublishersSection } from './trusted-publishers-section';

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
      <ScopesSection kind="fs" />
      <ScopesSection kind="process" />
      <SecretsSection />
      <TrustedPublishersSection />
      <MarketplaceKeyForm />
      <HostsPathForm />
      <ClipboardPolicyForm />
      <ApprovalsSection />
    </div>
  );
}
