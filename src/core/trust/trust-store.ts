import { describePublicKey, isPublicKeyBase64, KEY_ID_PATTERN } from '@gatehouse/plugin-sdk/node';
import { z } from 'zod';
import { systemClock, type Clock, type SettingsStore } from '../ports';
import { isDisplayText } from './display-text';
import { HostError } from '../host-error';

/** Settings key holding the list of trusted publisher keys. */
export const TRUSTED_PUBLISHERS_SETTINGS_KEY = 'trustedPublishers';

const MAX_PUBLISHERS = 500;

export const trustedPublisherSchema = z.strictObject({
  keyId: z.string().regex(KEY_ID_PATTERN),
  publicKey: z.string().refine(isPublicKeyBase64),
  name: z.string().min(1).max(100),
  fingerprint: z.string(),
  addedAt: z.iso.datetime(),
});
/** A publisher key the user trusts; keyId and fingerprint are always derived from publicKey. */
export type TrustedPublisher = z.infer<typeof trustedPublisherSchema>;

/** Trusted publisher keys, persisted in settings, plus this build's built-in keys held in memory only. */
export interface TrustStore {
  /** Every trusted key: built-in keys first, then the stored ones, oldest first. */
  list(): TrustedPublisher[];
  get(keyId: string): TrustedPublisher | undefined;
  /** The base64 public key for a key id, or undefined: pass as `trustedKeys` to verifyPluginBundle. */
  lookup(keyId: string): string | undefined;
  /** Trusts a key (base64 raw ed25519) under a display name; re-adding a key renames it and keeps addedAt. */
  add(input: { publicKey: string; name: string }): TrustedPublisher;
  /** Stops trusting a stored key; true when it was trusted. Built-in and never-trusted keys give false. */
  remove(keyId: string): boolean;
  /**
   * Deletes stored entries that an older build wrote: never-trusted keys, and copies of built-in keys
   * (which are held in memory only). Returns what was deleted, for the audit log.
   */
  purgeStale(): TrustedPublisher[];
}

export interface TrustStoreOptions {
  clock?: Clock;
  /**
   * Keys this build trusts out of the box. They are consulted in memory and never written to settings,
   * so a profile another build shares never inherits them.
   */
  builtIn?: ReadonlyArray<{ publicKey: string; name: string }>;
  /**
   * Public keys this build never trusts, stored or not: keys whose private half is public (the
   * development key, in a build that is not a development build). Adding one is refused.
   */
  neverTrusted?: readonly string[];
}

/**
 * The trusted publisher keys kept under one settings key. Entries that do not parse, or whose key id
 * or fingerprint does not match their public key, are ignored (they trust nothing).
 * @example const trust = createTrustStore(settings); trust.add({ publicKey, name: 'Example Corp' });
 */
export function createTrustStore(settings: SettingsStore, options: TrustStoreOptions = {}): TrustStore {
  const clock = options.clock ?? systemClock;
  const neverTrusted = new Set((options.neverTrusted ?? []).map((publicKey) => describePublicKey(publicKey).keyId));
  const startedAt = new Date(clock.now()).toISOString();
  const builtIn: TrustedPublisher[] = [];
  for (const { publicKey, name } of options.builtIn ?? []) {
    const { keyId, fingerprint } = describePublicKey(publicKey);
    if (neverTrusted.has(keyId) || builtIn.some((entry) => entry.keyId === keyId)) continue;
    builtIn.push({ keyId, publicKey, name, fingerprint, addedAt: startedAt });
  }
  const builtInEntry = (keyId: string): TrustedPublisher | undefined => builtIn.find((entry) => entry.keyId === keyId);

  /** The valid stored entries, never-trusted ones included (purge needs to see them). */
  const readStored = (): TrustedPublisher[] => {
    const stored = settings.get(TRUSTED_PUBLISHERS_SETTINGS_KEY);
    if (!Array.isArray(stored)) return [];
    const seen = new Set<string>();
    const publishers: TrustedPublisher[] = [];
    for (const item of stored) {
      const parsed = trustedPublisherSchema.safeParse(item);
      if (!parsed.success || seen.has(parsed.data.keyId)) continue;
      const derived = describePublicKey(parsed.data.publicKey);
      if (derived.keyId !== parsed.data.keyId || derived.fingerprint !== parsed.data.fingerprint) continue;
      seen.add(parsed.data.keyId);
      publishers.push(parsed.data);
    }
    return publishers;
  };
  /** The stored keys that count: never-trusted and built-in keys are left out. */
  const read = (): TrustedPublisher[] => readStored().filter((entry) => !neverTrusted.has(entry.keyId) && !builtInEntry(entry.keyId));
  const all = (): TrustedPublisher[] => [...builtIn, ...read()];
  const write = (publishers: TrustedPublisher[]): void => settings.set(TRUSTED_PUBLISHERS_SETTINGS_KEY, publishers);

  return {
    list: () => all(),
    get: (keyId) => all().find((publisher) => publisher.keyId === keyId),
    lookup: (keyId) => all().find((publisher) => publisher.keyId === keyId)?.publicKey,
    add({ publicKey, name }) {
      if (!isPublicKeyBase64(publicKey))
        throw new HostError('INVALID_INPUT', 'A publisher key must be base64 of the raw 32-byte ed25519 public key.');
      const trimmed = typeof name === 'string' ? name.trim() : '';
      if (trimmed.length === 0 || trimmed.length > 100 || !isDisplayText(trimmed)) {
        throw new HostError('INVALID_INPUT', 'A publisher name is 1 to 100 characters of plain text.');
      }
      const { keyId, fingerprint } = describePublicKey(publicKey);
      if (neverTrusted.has(keyId)) {
        throw new HostError(
          'INVALID_INPUT',
          'This key signs the development examples and its private half is public; this build never trusts it.',
        );
      }
      // Already trusted by the build itself; writing it down would outlive this build.
      const alreadyBuiltIn = builtInEntry(keyId);
      if (alreadyBuiltIn) return alreadyBuiltIn;
      const publishers = readStored();
      const existing = publishers.find((publisher) => publisher.keyId === keyId);
      if (!existing && publishers.length >= MAX_PUBLISHERS)
        throw new HostError('INVALID_INPUT', `At most ${MAX_PUBLISHERS} publisher keys can be trusted.`);
      const entry: TrustedPublisher = {
        keyId,
        publicKey,
        name: trimmed,
        fingerprint,
        addedAt: existing?.addedAt ?? new Date(clock.now()).toISOString(),
      };
      write(existing ? publishers.map((publisher) => (publisher.keyId === keyId ? entry : publisher)) : [...publishers, entry]);
      return entry;
    },
    remove(keyId) {
      if (builtInEntry(keyId) || neverTrusted.has(keyId)) return false;
      const publishers = readStored();
      const remaining = publishers.filter((publisher) => publisher.keyId !== keyId);
      if (remaining.length === publishers.length) return false;
      write(remaining);
      return true;
    },
    purgeStale() {
      const publishers = readStored();
      const stale = (entry: TrustedPublisher): boolean => neverTrusted.has(entry.keyId) || builtInEntry(entry.keyId) !== undefined;
      const purged = publishers.filter(stale);
      if (purged.length > 0) write(publishers.filter((entry) => !stale(entry)));
      return purged;
    },
  };
}
