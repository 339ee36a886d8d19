// Each plugin's setup as the host reports it: whether it is needed, the preview, and the last run.
import { create } from 'zustand';
import type { SetupRunReport, SetupStatusView } from '../../shared/setup-types';
import { callHost, gatehouse, type HostFailure } from '../gatehouse';

interface SetupState {
  byPlugin: Record<string, SetupStatusView>;
  /** A run or teardown the user started from this window, until it ends. */
  busy: Record<string, 'setup' | 'teardown'>;
  load(pluginId: string): Promise<void>;
  run(pluginId: string): Promise<SetupRunReport | HostFailure>;
  teardown(pluginId: string): Promise<SetupRunReport | HostFailure>;
  setOverrides(
    pluginId: string,
    overrides: { env: Record<string, string>; paths: Record<string, string>; selfManaged: boolean },
  ): Promise<HostFailure | null>;
}

export const useSetupStore = create<SetupState>()((set, get) => {
  const runWith = async (pluginId: string, which: 'setup' | 'teardown') => {
    set((state) => ({ busy: { ...state.busy, [pluginId]: which } }));
    const result = await callHost(() => (which === 'setup' ? gatehouse().setup.run(pluginId) : gatehouse().setup.teardown(pluginId)));
    set((state) => {
      const busy = { ...state.busy };
      delete busy[pluginId];
      return { busy };
    });
    await get().load(pluginId);
    return result.ok ? result.value : result;
  };
  return {
    byPlugin: {},
    busy: {},
    async load(pluginId) {
      const result = await callHost(() => gatehouse().setup.status(pluginId));
      if (result.ok) set((state) => ({ byPlugin: { ...state.byPlugin, [pluginId]: result.value } }));
    },
    run: (pluginId) => runWith(pluginId, 'setup'),
    teardown: (pluginId) => runWith(pluginId, 'teardown'),
    async setOverrides(pluginId, overrides) {
      const result = await callHost(() => gatehouse().setup.setOverrides(pluginId, overrides));
      if (!result.ok) return result;
      set((state) => ({ byPlugin: { ...state.byPlugin, [pluginId]: result.value } }));
      return null;
    },
  };
});

/** True when the host refuses the plugin's requests until its setup runs. */
export function setupNeeded(status: SetupStatusView | undefined): boolean {
  return status?.state === 'needed';
}
