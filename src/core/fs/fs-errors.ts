import { ActionFailure } from '../action-failure';

/** The errno name (`ENOENT`, `EACCES`, ...) of a Node error, if it has one. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** OS_ERROR naming the errno and the path it happened on; an ActionFailure passes through unchanged. */
export function osFailure(error: unknown, path: string, details: Record<string, unknown> = {}): ActionFailure {
  if (error instanceof ActionFailure) return error;
  const errno = errnoOf(error) ?? 'EUNKNOWN';
  return new ActionFailure('OS_ERROR', `The operating system refused the operation on ${path} (${errno}).`, {
    errno,
    path,
    ...details,
  });
}

/** OS_ERROR for a failure predicted before anything ran, with the errno the OS would give. */
export function predictedOsFailure(errno: string, message: string, path: string, details: Record<string, unknown> = {}): ActionFailure {
  return new ActionFailure('OS_ERROR', `${message} (${errno}).`, { errno, path, ...details });
}
