import type { PluginInfo } from '../../../shared/plugin-info';
import { useNavigationStore } from '../../stores/navigation-store';

/** Where Stop puts the keyboard focus once the frame is gone. */
export const START_BUTTON_ID = 'plugin-start';

/** A runnable plugin whose frame the user stopped: nothing of it is loaded until Start. */
export function PluginStopped({ plugin }: { plugin: PluginInfo }) {
  const selectPlugin = useNavigationStore((state) => state.selectPlugin);
  return (
    <div className="blocked">
      <p className="blocked-title">{plugin.name} is stopped</p>
      <p className="blocked-body">
        Its page is unloaded: it runs no code and cannot ask for anything. Requests it left waiting were withdrawn.
      </p>
      <div className="blocked-actions">
        <button id={START_BUTTON_ID} type="button" className="button button-primary" onClick={() => selectPlugin(plugin.id)}>
          Start
        </button>
      </div>
    </div>
  );
}
