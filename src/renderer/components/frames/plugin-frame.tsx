import { useEffect, useRef, useState } from 'react';
import type { PluginInfo } from '../../../shared/plugin-info';
import { pluginPorts } from '../../plugin-ports-instance';
import { useFramesStore } from '../../stores/frames-store';
import { ErrorMessage } from '../common/error-message';
import { Loading } from '../common/loading';

// Powerful browser features are off for plugin content whatever its own headers say.
const FRAME_PERMISSIONS =
  "camera 'none'; microphone 'none'; geolocation 'none'; clipboard-read 'none'; clipboard-write 'none'; usb 'none'; serial 'none'; hid 'none'";

/**
 * One plugin's sandboxed frame. Every load (first, reload, navigation) gets a fresh port; the old one is
 * closed, so a frame that navigates away loses its connection.
 */
export function PluginFrame({ plugin, visible }: { plugin: PluginInfo; visible: boolean }) {
  const entry = useFramesStore((state) => state.frames[plugin.id]);
  const ensure = useFramesStore((state) => state.ensure);
  const ref = useRef<HTMLIFrameElement>(null);
  const [loaded, setLoaded] = useState(false);
  const pluginId = plugin.id;

  useEffect(() => ensure(pluginId), [ensure, pluginId]);
  useEffect(() => () => pluginPorts().disconnect(pluginId), [pluginId]);

  if (!entry || entry.status === 'loading') {
    return visible ? <Loading label={`Opening ${plugin.name}…`} /> : null;
  }
  if (entry.status === 'error') {
    return visible ? <ErrorMessage failure={entry.error} context={`${plugin.name} could not be opened`} /> : null;
  }
  return (
    <div className="frame-holder" hidden={!visible}>
      {!loaded && visible && (
        <div className="frame-loading">
          <Loading label={`Opening ${plugin.name}…`} />
        </div>
      )}
      <iframe
        ref={ref}
        className="plugin-frame"
        src={entry.frame.url}
        title={plugin.name}
        sandbox="allow-scripts"
        allow={FRAME_PERMISSIONS}
        referrerPolicy="no-referrer"
        onLoad={() => {
          const target = ref.current?.contentWindow;
          if (!target) return;
          pluginPorts().connect(pluginId, target, entry.frame);
          setLoaded(true);
        }}
      />
    </div>
  );
}
