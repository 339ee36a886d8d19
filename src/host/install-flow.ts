// Install with trust and consent: inspect a folder, show it, then install exactly what the user saw with
// the grants the user chose. The renderer holds a one-time ticket, never a path.
import { capabilitySchema } from '@gatehouse/plugin-sdk';
import type { HostCore } from '../core/host-core-types';
import { HostError } from '../core/host-error';
import { refusalText } from '../core/plugins/refusal-text';
import type { InstallTicket } from '../shared/ipc-contract';
import type { PluginInfo } from '../shared/plugin-info';
import type { PluginInspection } from '../shared/plugin-inspection';
import { removeStagedArchive, stageArchive } from './archive-staging';
import { createInstallTickets, type InstallTicketEntry, type InstallTickets } from './install-tickets';

export interface InstallRequest {
  token: string;
  grants: string[];
  trustPublisher?: { name: string } | undefined;
}

export interface InstallFlow {
  /** Inspects a folder main chose (picker or marketplace staging) and issues its ticket. */
  inspect(path: string, source: InstallTicket['source']): Promise<InstallTicket>;
  /** Unpacks an archive main chose into a private staging folder, inspects it and issues its ticket. */
  inspectArchive(file: string): Promise<InstallTicket>;
  /**
   * Waits for the user's choice (a folder, an archive, or a staged marketplace candidate) and inspects it as
   * its source says; null when the user cancelled.
   */
  inspectChosen(chosen: Promise<string | null>, source: InstallTicket['source']): Promise<InstallTicket | null>;
  /** Trusts the publisher the user saw (when asked), installs, then grants: the grants are the user's consent. */
  install(request: InstallRequest): Promise<PluginInfo>;
  cancel(token: string): Promise<boolean>;
  /** The installed copy inspected again: what changed since the user last consented. */
  review(pluginId: string): Promise<PluginInspection>;
}

/** Refused for a reason the bundle check gave: the reason code travels in details. */
function refusal(inspection: PluginInspection): HostError {
  const reason = inspection.reason ?? 'bundle-invalid';
  const code = reason === 'publisher-untrusted' ? 'PUBLISHER_UNTRUSTED' : 'BUNDLE_INVALID';
  return new HostError(code, refusalText({ ...inspection, reason }), { reason, file: inspection.file });
}

/** What must not change between the inspection the user saw and the install. */
function identityOf(inspection: PluginInspection): string {
  const manifest = inspection.manifest;
  return JSON.stringify([
    manifest?.id,
    manifest?.version,
    [...(manifest?.capabilities ?? [])].sort(),
    inspection.signed,
    inspection.publisher?.keyId ?? null,
  ]);
}

/** Creates the install flow over one host core. */
export function createInstallFlow(
  core: HostCore,
  tickets: InstallTickets = createInstallTickets(),
  archiveStagingDir?: string,
): InstallFlow {
  return {
    async inspect(path, source) {
      const inspection = await core.plugins.inspect(path);
      return { token: tickets.issue({ path, inspection }), inspection, source };
    },

    async inspectArchive(file) {
      const staged = await stageArchive(file, archiveStagingDir);
      try {
        const inspection = await core.plugins.inspect(staged);
        return { token: tickets.issue({ path: staged, inspection, staged: true }), inspection, source: 'file' };
      } catch (error) {
        await removeStagedArchive(staged);
        throw error;
      }
    },

    async inspectChosen(chosen, source) {
      const path = await chosen;
      if (path === null) return null;
      return source === 'file' ? this.inspectArchive(path) : this.inspect(path, source);
    },

    async install(request) {
      const ticket = tickets.take(request.token);
      if (!ticket) throw new HostError('INVALID_INPUT', 'This install was already used or has expired; choose the plugin again.');
      try {
        return await installTicket(ticket, request);
      } finally {
        // The plugin was copied into the plugins folder (or refused): the unpacked archive is not needed.
        if (ticket.staged) await removeStagedArchive(ticket.path);
      }
    },

    async cancel(token) {
      const ticket = tickets.take(token);
      if (ticket?.staged) await removeStagedArchive(ticket.path);
      return ticket !== null;
    },

    async review(pluginId) {
      const info = core.plugins.get(pluginId);
      if (!info) throw new HostError('PLUGIN_NOT_FOUND', `No installed plugin "${pluginId}".`);
      const dir = core.plugins.contentDir(pluginId);
      if (!dir)
        throw new HostError('PLUGIN_UNAVAILABLE', `Plugin "${info.name}" is unavailable: ${info.unavailableReason ?? 'unknown reason'}.`);
      return core.plugins.inspect(dir);
    },
  };

  async function installTicket(ticket: InstallTicketEntry, { grants, trustPublisher }: InstallRequest): Promise<PluginInfo> {
    const { path, inspection: seen } = ticket;
    if (!seen.manifest) throw refusal(seen);
    if (!seen.ok && seen.reason !== 'publisher-untrusted') throw refusal(seen);
    const invalid = grants.filter((grant) => !capabilitySchema.safeParse(grant).success);
    if (invalid.length) throw new HostError('INVALID_INPUT', `Unknown capabilities: ${invalid.join(', ')}.`);
    const undeclared = grants.filter((grant) => !seen.manifest?.capabilities.includes(grant));
    if (undeclared.length)
      throw new HostError('CAPABILITY_NOT_DECLARED', `The plugin did not ask for ${undeclared.join(', ')}.`, { undeclared });

    let trustedHere: string | null = null;
    if (!seen.ok) {
      const publisher = seen.publisher;
      if (!trustPublisher || !publisher) throw refusal(seen);
      if (!publisher.publicKey) {
        throw new HostError(
          'PUBLISHER_UNTRUSTED',
          'The bundle does not carry its publisher key; add the key under Settings → Trusted publishers first.',
          { reason: 'publisher-untrusted' },
        );
      }
      const before = core.trust.list().some((entry) => entry.keyId === publisher.keyId);
      // The key trusted is the one whose fingerprint the user was shown, not one read again from disk.
      await core.trust.add({ publicKey: publisher.publicKey, name: trustPublisher.name });
      if (!before) trustedHere = publisher.keyId;
    }

    let installed: PluginInfo;
    try {
      const now = await core.plugins.inspect(path);
      if (!now.ok) throw refusal(now);
      if (identityOf(now) !== identityOf(seen)) {
        throw new HostError('BUNDLE_INVALID', 'bundle-changed: the bundle changed after you reviewed it; choose it again.', {
          reason: 'bundle-changed',
        });
      }
      installed = await core.plugins.install(path);
    } catch (error) {
      // Trust given for this install only is taken back when nothing was installed.
      if (trustedHere) await core.trust.remove(trustedHere).catch(() => false);
      throw error;
    }
    return core.plugins.setGrants(installed.id, grants);
  }
}
