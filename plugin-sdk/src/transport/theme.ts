import * as z from 'zod/mini';

/** `type` of the message the host posts on a frame's port when the app's theme is known or changes. */
export const HOST_THEME_MESSAGE_TYPE = 'gatehouse:theme';

/** The app themes a plugin can follow. */
export const HOST_THEMES = ['light', 'dark'] as const;
export type HostTheme = (typeof HOST_THEMES)[number];

/**
 * The host's theme message: the theme's name and nothing else. The frame accepts it only on the port the
 * host handed over, so no other page can post one.
 */
export const hostThemeMessageSchema = z.strictObject({
  type: z.literal(HOST_THEME_MESSAGE_TYPE),
  theme: z.literal(HOST_THEMES),
});
export type HostThemeMessage = z.infer<typeof hostThemeMessageSchema>;

/**
 * Builds the theme message the host posts on a plugin's port; throws on anything but `'light'` or `'dark'`.
 * @example hostPort.postMessage(createHostThemeMessage('dark'));
 */
export function createHostThemeMessage(theme: HostTheme): HostThemeMessage {
  return hostThemeMessageSchema.parse({ type: HOST_THEME_MESSAGE_TYPE, theme });
}

/**
 * The theme a port message names, or null when it is not a valid theme message.
 * @example const theme = readHostThemeMessage(event.data);
 */
export function readHostThemeMessage(data: unknown): HostTheme | null {
  const parsed = hostThemeMessageSchema.safeParse(data);
  return parsed.success ? parsed.data.theme : null;
}

/** The part of a `document` that `applyThemeToDocument` touches. */
export interface ThemeDocumentLike {
  documentElement: { dataset: Record<string, string | undefined>; style: { colorScheme: string } };
}

/**
 * Follows a theme in a document: sets `data-theme` and `color-scheme` on its root element, so CSS can use
 * `:root[data-theme='dark']` or `light-dark()`. Anything but `'light'` or `'dark'` is ignored.
 * @example onThemeChange((theme) => applyThemeToDocument(theme));
 */
export function applyThemeToDocument(theme: HostTheme, doc?: ThemeDocumentLike): void {
  const target = doc ?? (globalThis as { document?: ThemeDocumentLike }).document;
  if (!target || !(HOST_THEMES as readonly unknown[]).includes(theme)) return;
  target.documentElement.dataset.theme = theme;
  target.documentElement.style.colorScheme = theme;
}
