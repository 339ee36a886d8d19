import type { PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import type { ConfirmationRequest } from '../shared/confirmation';
import type { Marketplace } from './trust/marketplace';
import type { AuditLog } from './audit';
import type { RememberedApproval } from './confirm/approval-memory';
import type { BrokerCaller } from './broker';
import type { PauseSwitch } from './services/pause-switch';
import type { PluginsService } from './services/plugins-service';
import type { ScopesService } from './services/scopes-service';
import type { SecretsService } from './services/secrets-service';
import type { SettingsService } from './services/settings-service';
import type { SetupService } from './services/setup-service';
import type { TrustService } from './services/trust-service';

/** The host core as the app (and the browser suite) uses it. */
export interface HostCore {
  /** Always resolves to an envelope; `caller.pluginId` comes from the host, never from the message. */
  handlePrivilegedAction(caller: BrokerCaller, message: unknown): Promise<PrivilegedActionResponse>;
  handlePluginStorage(caller: BrokerCaller, message: unknown): Promise<PrivilegedActionResponse>;
  plugins: PluginsService;
  confirmations: {
    pending(): ConfirmationRequest[];
    onChange(listener: (pending: ConfirmationRequest[]) => void): () => void;
    /** Ends every shown or queued prompt of one plugin (the user's "Decline all from this plugin"). */
    declinePlugin(pluginId: string): number;
  };
  /** The kill switch: while paused every request is refused and no prompt waits. */
  pause: PauseSwitch;
  approvals: {
    list(): RememberedApproval[];
    revoke(pluginId: string, key?: string): number;
  };
  /** The audit log, to read; the host's own services write it. */
  audit: Pick<AuditLog, 'query' | 'get' | 'verify' | 'exportTo' | 'onAppend' | 'startupReport'>;
  trust: TrustService;
  /** A signed plugin index: install candidates, checked against their entry before the normal install. */
  marketplace: Marketplace;
  secrets: SecretsService;
  scopes: ScopesService;
  settings: SettingsService;
  /** Plugins' setup on this machine: status, run, teardown, the user's overrides. */
  setup: SetupService;
  close(): Promise<void>;
}
