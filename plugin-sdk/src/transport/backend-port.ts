/**
 * The host posts `{ backend: data }` on the frame's port for each message the plugin's own backend sends to
 * its frame; the frame posts `{ toBackend: data }` to reach its backend. The plugin is always the port's.
 * Returns whether `message` is exactly such a message (`key` and nothing else); its data is `message[key]`.
 * @example if (isBackendPortMessage(event.data, 'backend')) render(event.data.backend);
 */
export function isBackendPortMessage<K extends 'backend' | 'toBackend'>(message: unknown, key: K): message is Record<K, unknown> {
  return typeof message === 'object' && message !== null && !Array.isArray(message) && Object.keys(message).join() === key;
}
