// The install the user is looking at: a one-time ticket from main and what installing it would mean.
import { create } from 'zustand';
import type { InstallTicket } from '../../shared/ipc-contract';
import type { PluginInfo } from '../../shared/plugin-info';
import { callHost, gatehouse, type HostFailure } from '../gatehouse';
import { usePluginsStore } from './plugins-store';

interface InstallState {
  ticket: InstallTicket | null;
  /** Main asks for a folder; the install dialog then shows what is in it. Resolves to the failure, or null. */
  chooseFolder(): Promise<HostFailure | null>;
  /** Main asks for a packed `.ghplugin` and unpacks it privately; the same install dialog follows. */
  chooseFile(): Promise<HostFailure | null>;
  /** Shows the install dialog for a ticket main issued (a folder, or a checked marketplace candidate). */
  open(ticket: InstallTicket): void;
  /** Closes the dialog without installing; main forgets the ticket. */
  cancel(): void;
  /** Installs the ticket's bundle with these grants, trusting its publisher first when a name is given. */
  install(grants: string[], trustPublisherAs: string | null): Promise<{ plugin: PluginInfo | null; failure: HostFailure | null }>;
}

export const useInstallStore = create<InstallState>()((set, get) => ({
  ticket: null,
  async chooseFolder() {
    const result = await callHost(() => gatehouse().plugins.inspect());
    if (!result.ok) return result;
    if (result.value) get().open(result.value);
    return null;
  },
  async chooseFile() {
    const result = await callHost(() => gatehouse().plugins.inspectFile());
    if (!result.ok) return result;
    if (result.value) get().open(result.value);
    return null;
  },
  open(ticket) {
    const previous = get().ticket;
    if (previous && previous.token !== ticket.token) void callHost(() => gatehouse().plugins.cancelInstall(previous.token));
    set({ ticket });
  },
  cancel() {
    const ticket = get().ticket;
    set({ ticket: null });
    if (ticket) void callHost(() => gatehouse().plugins.cancelInstall(ticket.token));
  },
  async install(grants, trustPublisherAs) {
    const ticket = get().ticket;
    if (!ticket) return { plugin: null, failure: { code: 'INVALID_INPUT', error: 'Nothing to install.' } };
    const request = { token: ticket.token, grants, ...(trustPublisherAs === null ? {} : { trustPublisher: { name: trustPublisherAs } }) };
    const result = await callHost(() => gatehouse().plugins.install(request));
    if (!result.ok) return { plugin: null, failure: result };
    usePluginsStore.getState().update(result.value.id, result.value);
    set((state) => (state.ticket?.token === ticket.token ? { ticket: null } : state));
    return { plugin: result.value, failure: null };
  },
}));
