// The host's own settings: where the hosts file is and the clipboard policy. Every change is audited
// (before → after) and refused when its record cannot be written.
import type { HostSettingsView } from '../../shared/ipc-contract';
import type { AuditedChange } from '../config-audit';
import { fieldChanges } from '../config-changes';
import { HostError } from '../host-error';
import { clipboardPolicySchema, DEFAULT_CLIPBOARD_POLICY, type ClipboardPolicy } from '../policy/clipboard-policy';
import type { SettingsStore } from '../ports';

const HOSTS_PATH_KEY = 'hosts.path';
const CLIPBOARD_POLICY_KEY = 'clipboard.policy';

export interface SettingsService {
  get(): HostSettingsView;
  /** Audited (hosts path and clipboard policy, before → after); refused when the record cannot be written. */
  update(patch: Partial<Pick<HostSettingsView, 'hostsPath' | 'clipboard'>>): Promise<HostSettingsView>;
}

export function createSettingsService(deps: {
  settings: SettingsStore;
  audited: AuditedChange;
  defaultHostsPath: string;
  confirmationTimeoutMs: number;
}) {
  const { settings, audited } = deps;
  const hostsPath = (): string => (settings.get(HOSTS_PATH_KEY) as string | undefined) ?? deps.defaultHostsPath;
  const clipboardPolicy = (): ClipboardPolicy => {
    const parsed = clipboardPolicySchema.safeParse(settings.get(CLIPBOARD_POLICY_KEY) ?? DEFAULT_CLIPBOARD_POLICY);
    return parsed.success ? parsed.data : DEFAULT_CLIPBOARD_POLICY;
  };
  const get = (): HostSettingsView => ({
    hostsPath: hostsPath(),
    clipboard: clipboardPolicy(),
    confirmationTimeoutMs: deps.confirmationTimeoutMs,
  });

  const service: SettingsService = {
    get,
    async update(patch) {
      // Both parts are checked before either is recorded or made.
      if (patch.hostsPath !== undefined && !patch.hostsPath.startsWith('/') && !/^[A-Za-z]:\\/.test(patch.hostsPath)) {
        throw new HostError('INVALID_INPUT', 'The hosts file location must be an absolute path.');
      }
      const clipboard = patch.clipboard === undefined ? undefined : clipboardPolicySchema.parse(patch.clipboard);
      const hostsBefore = hostsPath();
      if (patch.hostsPath !== undefined && patch.hostsPath !== hostsBefore) {
        const next = patch.hostsPath;
        await audited(
          { action: 'settings.hostsPath', summary: { changes: [{ field: 'hostsPath', before: hostsBefore, after: next }] } },
          () => settings.set(HOSTS_PATH_KEY, next),
        );
      }
      if (clipboard !== undefined) {
        const { changes } = fieldChanges(clipboardPolicy(), clipboard);
        if (changes.length)
          await audited({ action: 'settings.clipboard', summary: { changes } }, () => settings.set(CLIPBOARD_POLICY_KEY, clipboard));
      }
      return get();
    },
  };
  return { service, hostsPath, clipboardPolicy };
}
