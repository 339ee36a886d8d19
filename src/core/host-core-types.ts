import type { Capability, PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import type { ConfirmationRequest } from '../shared/confirmation';
import type { HostSettingsView, ScopeListing } from '../shared/ipc-contract';
import type { PluginInfo } from '../shared/plugin-info';
import type { AuditLog } from './audit';
import type { RememberedApproval } from './confirm/approval-memory';
import type { BrokerCaller } from './broker';

/** The host core as the app (and the browser suite) uses it. */
export interface HostCore {
  /** Always resolves to an envelope; `caller.pluginId` comes from the host, never from the message. */
  handlePrivilegedAction(caller: BrokerCaller, message: unknown): Promise<PrivilegedActionResponse>;
  handlePluginStorage(caller: BrokerCaller, message: unknown): Promise<PrivilegedActionResponse>;
  plugins: {
    list(): PluginInfo[];
    get(id: string): PluginInfo | null;
    install(sourceDir: string): Promise<PluginInfo>;
    setStatus(id: string, to: 'active' | 'disabled' | 'removed'): Promise<PluginInfo | null>;
    setGrants(id: string, capabilities: Capability[]): Promise<PluginInfo>;
    /** The verified folder whose files may be served to the plugin frame; null when unavailable. */
    contentDir(id: string): string | null;
    onChange(listener: () => void): () => void;
  };
  confirmations: {
    pending(): ConfirmationRequest[];
    onChange(listener: (pending: ConfirmationRequest[]) => void): () => void;
  };
  approvals: {
    list(): RememberedApproval[];
    revoke(pluginId: string, key?: string): number;
  };
  audit: AuditLog;
  scopes: {
    list(): ScopeListing;
    save(kind: 'fs' | 'process', scope: unknown): ScopeListing;
    remove(kind: 'fs' | 'process', id: string): ScopeListing;
  };
  settings: {
    get(): HostSettingsView;
    update(patch: Partial<Pick<HostSettingsView, 'hostsPath' | 'clipboard'>>): HostSettingsView;
  };
  close(): Promise<void>;
}
