// `@gatehouse/plugin-sdk/backend`: the backend side of a plugin, for code that runs in the host's isolated
// backend process (Node), never in a frame. Kept out of the browser build.
export * from './protocol.js';
// The channel's framing, shared with the host so both ends write a message the same way.
export { FramedMessageWriter } from './framed-writer.js';
export { connectBackend, BackendProtocolMismatchError, type BackendHost, type ConnectBackendOptions } from './connect.js';
export { createBackendTestHost, type BackendTestHost, type BackendTestRequest } from './test-host.js';
