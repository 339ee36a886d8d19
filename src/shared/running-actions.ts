// Long-running actions as main, preload and renderer see them: what runs, and the events of streamed ones.
import { actionEventSchema } from '@gatehouse/plugin-sdk';
import { z } from 'zod';

/** One running process exec or workflow, for the app's Running indicator. Every string is plain text. */
export const runningActionViewSchema = z.object({
  pluginId: z.string(),
  correlationId: z.string(),
  action: z.enum(['system.process.exec', 'system.workflow.run']),
  /** What runs, as the user would type it: "docker logs -f web", or the workflow's title. */
  summary: z.string(),
  /** Epoch milliseconds. */
  startedAt: z.number(),
  /** The plugin asked for live output. */
  streaming: z.boolean(),
  /** Output bytes sent to the plugin so far (streamed chunks). */
  bytesSent: z.number(),
});
export type RunningActionView = z.infer<typeof runningActionViewSchema>;

/** Main → renderer: one event of a streamed request, for that plugin's port only. */
export const actionEventEnvelopeSchema = z.object({
  pluginId: z.string(),
  correlationId: z.string(),
  event: actionEventSchema,
});
export type ActionEventEnvelope = z.infer<typeof actionEventEnvelopeSchema>;
