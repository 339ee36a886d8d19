import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { correlationIdSchema } from '../primitives.js';
import { stepIdSchema } from './workflow.js';

// Whole numbers through Number.isSafeInteger, not zod's int format, whose range tables cost the browser file 0.4 KB.
/** Position of an event in its request's stream: 0, 1, 2… in the order the host sent them. */
const seqSchema = z.number().check(z.refine(Number.isSafeInteger, 'must be a whole number'), z.gte(0));
const outputStreamSchema = z.literal(['stdout', 'stderr']);
const STEP_STATUSES = ['running', 'ok', 'failed', 'skipped', 'cancelled'] as const;
/** What a workflow step is doing now, in its `step` events. */
export type ActionStepStatus = (typeof STEP_STATUSES)[number];

/**
 * One event of a streamed request (`stream: true`), in order: `started` (the facts the plugin may know: the
 * command and argv, or the workflow's step ids; never a pid), then `output` chunks (whole characters in the
 * request's encoding), `skipped` markers where the host dropped output the frame did not take in time, and
 * `step` transitions of a workflow. The host renderer ends the stream with `end` and then posts the one final
 * response envelope, exactly as for an unstreamed request.
 */
export const actionEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('started'),
    seq: seqSchema,
    startedAt: z.number(),
    command: z.optional(z.string()),
    args: z.optional(z.array(z.string())),
    steps: z.optional(z.array(stepIdSchema).check(z.maxLength(LIMITS.workflowSteps))),
  }),
  z.strictObject({
    type: z.literal('output'),
    seq: seqSchema,
    stream: outputStreamSchema,
    data: z.string().check(z.maxLength(LIMITS.outputChunkLength)),
  }),
  z.strictObject({ type: z.literal('skipped'), seq: seqSchema, stream: outputStreamSchema, bytes: seqSchema }),
  z.strictObject({
    type: z.literal('step'),
    seq: seqSchema,
    index: z.number().check(z.refine(Number.isInteger, 'must be a whole number'), z.gte(0), z.lte(LIMITS.workflowSteps - 1)),
    id: stepIdSchema,
    status: z.literal(STEP_STATUSES),
  }),
  z.strictObject({ type: z.literal('end'), seq: seqSchema }),
]);
export type ActionEvent = z.infer<typeof actionEventSchema>;
export type ActionOutputEvent = Extract<ActionEvent, { type: 'output' }>;
export type ActionStepEvent = Extract<ActionEvent, { type: 'step' }>;

/** Host → plugin, on the plugin's port: one event of the request with this correlation id. */
export const actionEventMessageSchema = z.strictObject({ correlationId: correlationIdSchema, event: actionEventSchema });
export type ActionEventMessage = z.infer<typeof actionEventMessageSchema>;

/**
 * Plugin → host, on its port: stop the running request with this correlation id (its process group gets
 * SIGTERM, then SIGKILL; a workflow stops before its next step). The plugin is the port's, never the message's.
 */
export const actionCancelMessageSchema = z.strictObject({ correlationId: correlationIdSchema, cancel: z.literal(true) });
export type ActionCancelMessage = z.infer<typeof actionCancelMessageSchema>;

/**
 * Plugin → host, on its port: every event up to `ack` was taken. The host keeps a small window of unacknowledged
 * output per stream; past it output waits, and past a budget it is dropped with a `skipped` marker.
 */
export const actionAckMessageSchema = z.strictObject({ correlationId: correlationIdSchema, ack: seqSchema });
export type ActionAckMessage = z.infer<typeof actionAckMessageSchema>;
