// The marketplace index (plugins.json): the host reads it, `gatehouse-plugin index` writes it, one schema.
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { capabilitySchema } from '../capabilities.js';
import { isDisplayText } from './display-text.js';
import { SHA256_DIGEST_PATTERN } from './hash.js';
import { KEY_ID_PATTERN, describePublicKey, isPublicKeyBase64 } from './keys.js';
import { isSemver } from './semver.js';
import { isSignatureBase64, signCanonicalJson, verifyCanonicalJson } from './signing.js';

export const MARKETPLACE_INDEX_FORMAT = 1;
export const MARKETPLACE_INDEX_LIMITS = { entries: 10_000, indexBytes: 16 * 1024 * 1024 } as const;
const MAX_ENTRIES = MARKETPLACE_INDEX_LIMITS.entries;
const MAX_INDEX_BYTES = MARKETPLACE_INDEX_LIMITS.indexBytes;

const displayText = (max: number, multiline = false) =>
  z
    .string()
    .max(max)
    .refine((value) => isDisplayText(value, multiline), { message: 'must be plain text without control or bidi characters' });

const httpsUrlSchema = z
  .string()
  .max(2048)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
      } catch {
        return false;
      }
    },
    { message: 'must be an https: URL without credentials' },
  );

/** Where to get a bundle: a local archive, or an https download. Either way it is verified before install. */
export const marketplaceSourceSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('file'),
    path: z
      .string()
      .min(1)
      .max(4096)
      .refine((value) => !value.includes('\0'), { message: 'may not contain NUL' }),
  }),
  z.strictObject({ type: z.literal('url'), url: httpsUrlSchema }),
]);

/** One install candidate. Every string is plain text for display; there is no HTML field. */
export const marketplaceEntrySchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, { message: 'must be a plugin id ([A-Za-z0-9._-], at most 128)' }),
    name: displayText(100).min(1),
    version: z.string().refine(isSemver, { message: 'must be a semantic version' }),
    publisherKeyId: z.string().regex(KEY_ID_PATTERN),
    publisherPublicKey: z.string().refine(isPublicKeyBase64, { message: 'must be base64 of a raw 32-byte ed25519 key' }),
    digest: z.string().regex(SHA256_DIGEST_PATTERN),
    capabilities: z
      .array(capabilitySchema)
      .max(64)
      .refine((list) => new Set(list).size === list.length, { message: 'must not repeat a capability' }),
    riskTier: z.enum(['low', 'medium', 'high']),
    source: marketplaceSourceSchema,
    description: displayText(2000, true),
  })
  .refine(
    (entry) => !isPublicKeyBase64(entry.publisherPublicKey) || describePublicKey(entry.publisherPublicKey).keyId === entry.publisherKeyId,
    {
      message: 'publisherKeyId must be the key id of publisherPublicKey',
      path: ['publisherKeyId'],
    },
  );
export type MarketplaceEntry = z.infer<typeof marketplaceEntrySchema>;

export const marketplaceIndexSchema = z.strictObject({
  format: z.literal(MARKETPLACE_INDEX_FORMAT),
  entries: z
    .array(marketplaceEntrySchema)
    .max(MAX_ENTRIES)
    .refine((entries) => new Set(entries.map((entry) => `${entry.id}@${entry.version}`)).size === entries.length, {
      message: 'must not list the same id and version twice',
    }),
  signature: z.string().refine(isSignatureBase64, { message: 'must be base64 of a 64-byte ed25519 signature' }),
});
export type MarketplaceIndex = z.infer<typeof marketplaceIndexSchema>;

export type MarketplaceIndexFailureReason = 'index-malformed' | 'index-key-invalid' | 'signature-invalid';
export type MarketplaceIndexResult =
  { ok: true; entries: MarketplaceEntry[] } | { ok: false; reason: MarketplaceIndexFailureReason; detail: string };

/**
 * Validates a static plugins.json index: strict shape (unknown fields refused, https only, plain text)
 * and an ed25519 signature by the index key over the canonical JSON of `{ format, entries }`.
 * Entries are install candidates only; each bundle is still verified before install.
 * @example const index = validateMarketplaceIndex(await readFile('plugins.json', 'utf8'), indexPublicKey);
 */
export function validateMarketplaceIndex(json: unknown, indexPublicKey: string): MarketplaceIndexResult {
  if (!isPublicKeyBase64(indexPublicKey))
    return { ok: false, reason: 'index-key-invalid', detail: 'The index key must be base64 of a raw 32-byte ed25519 key.' };
  let raw = json;
  if (typeof json === 'string') {
    if (json.length > MAX_INDEX_BYTES) return { ok: false, reason: 'index-malformed', detail: 'The index is too large.' };
    try {
      raw = JSON.parse(json);
    } catch {
      return { ok: false, reason: 'index-malformed', detail: 'The index is not valid JSON.' };
    }
  }
  const parsed = marketplaceIndexSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'index';
    return { ok: false, reason: 'index-malformed', detail: `The index is malformed at ${where}: ${issue?.message ?? 'invalid'}.` };
  }
  // The signature covers the input as given; after the strict parse it holds no field beyond the schema.
  const { format, entries } = raw as { format: unknown; entries: unknown };
  if (!verifyCanonicalJson({ format, entries }, parsed.data.signature, indexPublicKey)) {
    return { ok: false, reason: 'signature-invalid', detail: 'The index signature does not match the index key.' };
  }
  return { ok: true, entries: parsed.data.entries };
}

/** Signs `{ format, entries }` with the index private key, giving the content of plugins.json. */
export function signMarketplaceIndex(entries: MarketplaceEntry[], privateKey: KeyObject | string): MarketplaceIndex {
  const payload = { format: MARKETPLACE_INDEX_FORMAT, entries };
  return { format: MARKETPLACE_INDEX_FORMAT, entries, signature: signCanonicalJson(payload, privateKey) };
}
