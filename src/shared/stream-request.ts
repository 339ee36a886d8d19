// One reading, in the core and in the host renderer, of whether a plugin message asked for a stream: the
// core then ends it with an `end` event, and the renderer posts the final envelope only after that event.

/** True when `message` is a process exec or workflow request whose payload says `stream: true`, valid or not. */
export function requestsStream(message: unknown): boolean {
  const request = (message as { request?: { action?: unknown; payload?: { stream?: unknown } } } | null)?.request;
  if (typeof request !== 'object' || request === null) return false;
  const action = request.action;
  if (action !== 'system.process.exec' && action !== 'system.workflow.run') return false;
  return typeof request.payload === 'object' && request.payload !== null && request.payload.stream === true;
}
