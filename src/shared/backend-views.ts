// What the renderer sees of a plugin's backend: its state for the plugin's page, its last log lines, and the
// messages between the backend and the plugin's frame (the plugin is always the one the host names).
import { z } from 'zod';
import { pluginMessageSchema } from './plugin-message-bounds';

const pluginId = z.string().min(1).max(63);

export const backendStatusViewSchema = z.object({
  pluginId,
  state: z.enum(['stopped', 'starting', 'running', 'restarting', 'unavailable']),
  reason: z.string().nullable(),
  code: z.string().nullable(),
  restarts: z.number().int().min(0),
  startupMs: z.number().min(0).nullable(),
  isolation: z
    .object({
      osSandbox: z.enum(['bwrap', 'sandbox-exec']).nullable(),
      nodePermissions: z.boolean(),
      gaps: z.array(z.string()),
    })
    .nullable(),
});
export type BackendStatusView = z.infer<typeof backendStatusViewSchema>;

export const backendLogsViewSchema = z.object({
  lines: z.array(z.object({ at: z.number(), stream: z.enum(['stdout', 'stderr', 'host']), text: z.string() })),
  dropped: z.number().int().min(0),
});
export type BackendLogsView = z.infer<typeof backendLogsViewSchema>;

/** A backend's message for its plugin's frame; the renderer posts `data` on that plugin's port only. */
export const backendMessageEnvelopeSchema = z.object({ pluginId, data: pluginMessageSchema });
