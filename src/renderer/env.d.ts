import type { GatehouseApi } from '../shared/gatehouse-api';

declare global {
  interface Window {
    /** The host's named verbs, exposed by the preload (or the browser suite's binding). */
    readonly gatehouse: GatehouseApi;
  }
}

export {};
