/** The part of keytar the secret store uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/** Imports keytar on first use, so the host starts where the native module is missing. */
export async function loadKeytar(): Promise<KeytarLike> {
  const mod = (await import('keytar')) as unknown as { default?: KeytarLike } & Partial<KeytarLike>;
  const keytar = mod.default ?? (mod as KeytarLike);
  if (typeof keytar.getPassword !== 'function') throw new Error('keytar did not load.');
  return keytar;
}
