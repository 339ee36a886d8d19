// Where each plugin's frame loads from, fetched from the host once per plugin and kept.
import { create } from 'zustand';
import type { PluginFrame } from '../../shared/ipc-contract';
import { callHost, gatehouse, type HostFailure } from '../gatehouse';

export type FrameEntry = { status: 'loading' } | { status: 'ready'; frame: PluginFrame } | { status: 'error'; error: HostFailure };

interface FramesState {
  frames: Record<string, FrameEntry>;
  /** Bumped to load a plugin's frame again from scratch. */
  reloads: Record<string, number>;
  /** Fetches the frame location unless it is known or on its way. */
  ensure(pluginId: string): void;
  forget(pluginId: string): void;
  reload(pluginId: string): void;
}

export const useFramesStore = create<FramesState>()((set, get) => ({
  frames: {},
  reloads: {},
  ensure(pluginId) {
    const known = get().frames[pluginId];
    if (known && known.status !== 'error') return;
    set((state) => ({ frames: { ...state.frames, [pluginId]: { status: 'loading' } } }));
    void callHost(() => gatehouse().plugins.frame(pluginId)).then((result) => {
      if (get().frames[pluginId]?.status !== 'loading') return;
      const entry: FrameEntry = result.ok ? { status: 'ready', frame: result.value } : { status: 'error', error: result };
      set((state) => ({ frames: { ...state.frames, [pluginId]: entry } }));
    });
  },
  forget(pluginId) {
    set((state) => {
      const { [pluginId]: _gone, ...rest } = state.frames;
      return { frames: rest };
    });
  },
  reload(pluginId) {
    set((state) => ({ reloads: { ...state.reloads, [pluginId]: (state.reloads[pluginId] ?? 0) + 1 } }));
  },
}));
