// What the host remembers about each plugin's setup, in its settings file: the digest it was last made ready
// with, and the user's overrides. Read through zod; an entry that does not parse counts as nothing stored.
import { z } from 'zod';
import type { SettingsStore } from '../ports';

const SETUP_STATE_KEY = 'setup.plugins';

export const setupOverridesSchema = z.strictObject({
  /** Values of the variables the plugin declares, passed to that plugin's scoped processes only. */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/), z.string().max(32_768)).default({}),
  /** A declared `~/...` path → the absolute path the user keeps it at instead. */
  paths: z
    .record(
      z.string().max(4096),
      z
        .string()
        .max(4096)
        .regex(/^\/(?!.*\/\/)(?!.*\/\.\.?(?:\/|$)).*[^/]$/, 'must be an absolute path'),
    )
    .default({}),
  /** "I set this up myself": setup is never offered; the requirements are still checked. */
  selfManaged: z.boolean().default(false),
});
export type SetupOverrides = z.infer<typeof setupOverridesSchema>;

const entrySchema = z.object({
  readyDigest: z.string().nullable().default(null),
  overrides: setupOverridesSchema.default({ env: {}, paths: {}, selfManaged: false }),
});
export type SetupStateEntry = z.infer<typeof entrySchema>;

export function createSetupState(settings: SettingsStore) {
  const all = (): Record<string, unknown> => {
    const value = settings.get(SETUP_STATE_KEY);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  };
  const get = (pluginId: string): SetupStateEntry => {
    const parsed = entrySchema.safeParse(all()[pluginId] ?? {});
    return parsed.success ? parsed.data : entrySchema.parse({});
  };
  const put = (pluginId: string, entry: SetupStateEntry | null): void => {
    const next = { ...all() };
    if (entry) next[pluginId] = entry;
    else delete next[pluginId];
    settings.set(SETUP_STATE_KEY, next);
  };
  return {
    get,
    setReady: (pluginId: string, digest: string | null) => put(pluginId, { ...get(pluginId), readyDigest: digest }),
    setOverrides: (pluginId: string, overrides: SetupOverrides) => put(pluginId, { ...get(pluginId), overrides }),
    forget: (pluginId: string) => put(pluginId, null),
  };
}
export type SetupState = ReturnType<typeof createSetupState>;
