// Long-running actions as main, preload and renderer see them: what runs, and the events of streamed ones.
import type { ActionEvent } from '@gatehouse/plugin-sdk';

/** One running process exec or workflow, for the app's Running indicator. Every string is plain text. */
export interface RunningActionView {
  pluginId: string;
  correlationId: string;
  action: 'system.process.exec' | 'system.workflow.run';
  /** What runs, as the user would type it: "docker logs -f web", or the workflow's title. */
  summary: string;
  /** Epoch milliseconds. */
  startedAt: number;
  /** The plugin asked for live output. */
  streaming: boolean;
  /** Output bytes sent to the plugin so far (streamed chunks). */
  bytesSent: number;
}

/** Main → renderer: one event of a streamed request, for that plugin's port only. */
export interface ActionEventEnvelope {
  pluginId: string;
  correlationId: string;
  event: ActionEvent;
}
