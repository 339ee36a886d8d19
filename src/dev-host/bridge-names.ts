/** The Playwright binding that carries `window.gatehouse` calls to the dispatcher. */
export const BINDING_NAME = '__gatehouseInvoke';
/** Where the host pushes dispatcher events into the main frame. */
export const DELIVER_NAME = '__gatehouseDeliver';
/** Reserved binding channel by which the page says which events it listens to (not a dispatcher channel). */
export const LISTEN_CHANNEL = '__gatehouse:listen';
