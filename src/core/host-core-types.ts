import type { Capability, PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import type { ConfirmationRequest } from '../shared/confirmation';
import type { HostSettingsView, ScopeListing } from '../shared/ipc-contract';
import type { PluginInfo } from '../shared/plugin-info';
import type { PluginInspection } from '../shared/plugin-inspection';
import type { TrustedPublisher } from './trust';
import type { Marketplace } from './trust/marketplace';
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
    /** What installing this folder would mean, without installing it. */
    inspect(sourceDir: string): Promise<PluginInspection>;
    install(sourceDir: string): Promise<PluginInfo>;
    setStatus(id: string, to: 'active' | 'disabled' | 'removed'): Promise<PluginInfo | null>;
    setGrants(id: string, capabilities: Capability[]): Promise<PluginInfo>;
    /** The verified folder whose files may be served to the plugin frame; null when unavailable. */
    contentDir(id: string): string | null;
    /** The plugin's frame unloaded: its prompts are withdrawn and its running requests aborted; answers the prompts withdrawn. */
    frameClosed(id: string): number;
    onChange(listener: () => void): () => void;
  };
  confirmations: {
    pending(): ConfirmationRequest[];
    onChange(listener: (pending: ConfirmationRequest[]) => void): () => void;
    /** Ends every shown or queued prompt of one plugin (the user's "Decline all from this plugin"). */
    declinePlugin(pluginId: string): number;
  };
  /** The kill switch: while paused every request is refused and no prompt waits. */
  pause: {
    get(): boolean;
    set(paused: boolean): boolean;
  };
  approvals: {
    list(): RememberedApproval[];
    revoke(pluginId: string, key?: string): number;
  };
  audit: AuditLog;
  trust: {
    list(): TrustedPublisher[];
    /** Trusts a key; that publisher's installed plugins are checked again at once. */
    add(input: { publicKey: string; name: string }): Promise<TrustedPublisher>;
    /** Stops trusting a key; that publisher's plugins become unavailable at once. */
    remove(keyId: string): Promise<boolean>;
  };
  /** A signed plugin index: install candidates, checked against their entry before the normal install. */
  marketplace: Marketplace;
  secrets: {
    available(): Promise<boolean>;
    /** Names of the secrets kept for a process scope; values are never returned. */
    list(scopeId: string): Promise<string[]>;
    set(scopeId: string, name: string, value: string): Promise<void>;
    delete(scopeId: string, name: string): Promise<boolean>;
  };
  scopes: {
    list(): ScopeListing;
    /** Audited with a field-level before → after; refused when the record cannot be written. */
    save(kind: 'fs' | 'process', scope: unknown): Promise<ScopeListing>;
    remove(kind: 'fs' | 'process', id: string): Promise<ScopeListing>;
  };
  settings: {
    get(): HostSettingsView;
    /** Audited (hosts path and clipboard policy, before → after); refused when the record cannot be written. */
    update(patch: Partial<Pick<HostSettingsView, 'hostsPath' | 'clipboard'>>): Promise<HostSettingsView>;
  };
  close(): Promise<void>;
}
