// `node --import tsx --import ./use-source-build.mjs bin/gatehouse-plugin.js`: runs the real bin on the source.
import { register } from 'node:module';

register('./source-build-hooks.mjs', import.meta.url);
