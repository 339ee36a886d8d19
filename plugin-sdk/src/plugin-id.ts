import * as z from 'zod/mini';

/**
 * A plugin id: one DNS label of lowercase letters, digits and inner hyphens, at most 63 characters, that
 * starts with a letter. The id is the host of the plugin's own origin (`gatehouse-plugin://<id>/` in the
 * app, `<id>.localhost` in a browser), and in a standard URL scheme a host of digits is parsed as an IPv4
 * address: `gatehouse-plugin://1234/` becomes `gatehouse-plugin://0.0.4.210/`, so a numeric id would not
 * name its own origin.
 */
export const PLUGIN_ID_PATTERN = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The rule in words, for error messages. */
export const PLUGIN_ID_RULE =
  'must start with a lowercase letter and contain only lowercase letters, digits and inner hyphens (at most 63)';

/** zod schema of a plugin id (the manifest's `id`). */
export const pluginIdSchema = z.string().check(z.regex(PLUGIN_ID_PATTERN, PLUGIN_ID_RULE));

/**
 * True when `value` is a valid plugin id.
 * @example isPluginId('docker-panel') // true; isPluginId('1234') // false
 */
export function isPluginId(value: unknown): value is string {
  return typeof value === 'string' && PLUGIN_ID_PATTERN.test(value);
}
