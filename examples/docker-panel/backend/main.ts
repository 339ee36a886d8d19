// The Docker panel's backend: bundled into plugin/backend.mjs by the example's build, run by Gatehouse in its
// own sandboxed process while the plugin is active.
import { connectBackend } from '@gatehouse/plugin-sdk/backend';
import { startContainerWatch } from './container-watch';

startContainerWatch(await connectBackend());
console.log('docker panel backend ready: waiting for the panel to ask for live updates');
