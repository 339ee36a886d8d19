// The keychain of the development host: the real Secret Service (or the OS keychain) under a service
// name of this run only, emptied on exit; else an in-memory keychain that says it is one.
import { randomBytes } from 'node:crypto';
import { createSecretStore, type KeytarLike, type SecretStore } from '../core/secrets';
import { loadKeytar } from '../core/secrets/load-keytar';

/** A named fake: keytar's surface over a Map, for machines without a keychain. Lives as long as the process. */
export function createMemoryKeytar(): KeytarLike {
  const items = new Map<string, string>();
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  return {
    getPassword: async (service, account) => items.get(key(service, account)) ?? null,
    setPassword: async (service, account, password) => void items.set(key(service, account), password),
    deletePassword: async (service, account) => items.delete(key(service, account)),
    findCredentials: async (service) =>
      [...items.entries()]
        .filter(([k]) => k.startsWith(`${service}\u0000`))
        .map(([k, password]) => ({ account: k.slice(service.length + 1), password })),
  };
}

export interface DevKeychain {
  store: SecretStore;
  description: string;
  /** Deletes every secret this run stored. */
  clear(): Promise<void>;
}

export async function chooseDevKeychain(): Promise<DevKeychain> {
  const service = `gatehouse-dev-${randomBytes(6).toString('hex')}`;
  const real = createSecretStore({ service, timeoutMs: 5_000 });
  if (await real.available().catch(() => false)) {
    return {
      store: real,
      description: `the system keychain, service "${service}" (emptied on exit)`,
      async clear() {
        const keytar = await loadKeytar();
        for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
      },
    };
  }
  const memory = createMemoryKeytar();
  return {
    store: createSecretStore({ service, loadKeytar: async () => memory }),
    description: 'an in-memory fake keychain (no Secret Service reachable); secrets vanish on exit',
    clear: async () => undefined,
  };
}
