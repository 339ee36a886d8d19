// `@gatehouse/plugin-sdk/testing`: a fake host for unit tests of plugin code under Node.
export * from './fake-host.js';
export * from './fake-results.js';
export * from './fake-storage.js';
