// Entry of the single-file browser build: the whole API on `globalThis.GatehouseSDK`.
export * from './index.js';
