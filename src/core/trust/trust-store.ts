import { describePublicKey, isPublicKeyBase64, KEY_ID_PATTERN } from '@gatehouse/plugin-sdk/node';
import { z } from 'zod';
import { systemClock, type Clock, type SettingsStore } from '../ports';
import { isDisplayText } from './display-text';
import { TrustError } from './trust-error';

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

/** Trusted publisher keys, persisted in settings. */
export interface TrustStore {
  /** Every trusted key, oldest first. */
  list(): TrustedPublisher[];
  get(keyId: string): TrustedPublisher | undefined;
  /** The base64 public key for a key id, or undefined: pass as `trustedKeys` to verifyPluginBundle. */
  lookup(keyId: string): string | undefined;
  /** Trusts a key (base64 raw ed25519) under a display name; re-adding a key renames it and keeps addedAt. */
  add(input: { publicKey: string; name: string }): TrustedPublisher;
  /** Stops trusting a key; true when it was trusted. */
  remove(keyId: string): boolean;
}

/**
 * The trusted publisher keys kept under one settings key. Entries that do not parse, or whose key id
 * or fingerprint does not match their public key, are ignored (they trust nothing).
 * @example const trust = createTrustStore(settings); trust.add({ publicKey, name: 'Example Corp' });
 */
export function createTrustStore(settings: SettingsStore, options: { clock?: Clock } = {}): TrustStore {
  const clock = options.clock ?? systemClock;

  const read = (): TrustedPublisher[] => {
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
  const write = (publishers: TrustedPublisher[]): void => settings.set(TRUSTED_PUBLISHERS_SETTINGS_KEY, publishers);

  return {
    list: () => read(),
    get: (keyId) => read().find((publisher) => publisher.keyId === keyId),
    lookup: (keyId) => read().find((publisher) => publisher.keyId === keyId)?.publicKey,
    add({ publicKey, name }) {
      if (!isPublicKeyBase64(publicKey)) throw new TrustError('INVALID_INPUT', 'A publisher key must be base64 of the raw 32-byte ed25519 public key.');
      const trimmed = typeof name === 'string' ? name.trim() : '';
      if (trimmed.length === 0 || trimmed.length > 100 || !isDisplayText(trimmed)) {
        throw new TrustError('INVALID_INPUT', 'A publisher name is 1 to 100 characters of plain text.');
      }
      const { keyId, fingerprint } = describePublicKey(publicKey);
      const publishers = read();
      const existing = publishers.find((publisher) => publisher.keyId === keyId);
      if (!existing && publishers.length >= MAX_PUBLISHERS) throw new TrustError('INVALID_INPUT', `At most ${MAX_PUBLISHERS} publisher keys can be trusted.`);
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
      const publishers = read();
      const remaining = publishers.filter((publisher) => publisher.keyId !== keyId);
      if (remaining.length === publishers.length) return false;
      write(remaining);
      return true;
    },
  };
}
