import { randomUUID } from 'node:crypto';
import { correlationIdSchema } from '@gatehouse/plugin-sdk';

/** The message's own correlation id when it is valid (so the plugin can match the answer), else a host one. */
export function correlationIdOf(message: unknown): string {
  const raw = (message as { correlationId?: unknown } | null)?.correlationId;
  return correlationIdSchema.safeParse(raw).success ? (raw as string) : `host-${randomUUID()}`;
}
