import type { PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import type { BrokerCaller } from './broker';
import type { AuditService } from './services/audit-service';
import type { ApprovalsService, ConfirmationsService } from './services/confirmations-service';
import type { MarketplaceService } from './services/marketplace-service';
import type { BackendsService } from './services/backends-service';
import type { PauseSwitch } from './services/pause-switch';
import type { RunningActionsService } from './services/running-actions';
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
  /** Plugin backend processes: status, logs, and messages to and from the plugin's frame. */
  backends: BackendsService;
  confirmations: ConfirmationsService;
  /** The kill switch: while paused every request is refused and no prompt waits. */
  pause: PauseSwitch;
  approvals: ApprovalsService;
  /** The audit log, to read; the host's own services write it. */
  audit: AuditService;
  trust: TrustService;
  /** A signed plugin index: install candidates, checked against their entry before the normal install. */
  marketplace: MarketplaceService;
  secrets: SecretsService;
  scopes: ScopesService;
  settings: SettingsService;
  /** Running process execs and workflows: the list, the user's Stop, a plugin's cancel and acks, streamed events. */
  running: RunningActionsService;
  /** Plugins' setup on this machine: status, run, teardown, the user's overrides. */
  setup: SetupService;
  close(): Promise<void>;
}
