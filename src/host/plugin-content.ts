// Serves a plugin's files from its verified folder only. Pure Node (no electron), so the app's custom
// protocol and the browser suite's plugin server run the very same checks and send the same headers.
import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { mayAct, type PluginRightsState } from '../core/plugins/may-act';

/** Largest file served to a plugin frame; plugin UIs are small static bundles. */
export const PLUGIN_FILE_MAX_BYTES = 32 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/** The content type a file is served with; unknown kinds are opaque bytes (nosniff keeps them inert). */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The CSP of every plugin response: the plugin's own scripts and styles only, no network, no nested
 * frames or workers, no forms, and it may be framed by the app alone. `sandbox allow-scripts` repeats the
 * iframe's sandbox attribute so plugin content stays sandboxed even if it is ever framed without one.
 */
export function pluginCsp(appOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'none'",
    "frame-src 'none'",
    "child-src 'none'",
    "worker-src 'none'",
    "object-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    `frame-ancestors ${appOrigin}`,
    'sandbox allow-scripts',
  ].join('; ');
}

/**
 * Headers sent with every plugin file. A plugin frame has an opaque origin (no allow-same-origin), so its
 * module scripts and web fonts are CORS requests from origin "null"; `Access-Control-Allow-Origin: null`
 * lets them load. It opens the files to no one else who matters: the only opaque-origin documents that
 * can reach this scheme are plugin frames, whose CSP allows scripts and fonts from their own origin only
 * and no fetch at all. No credentials are ever allowed.
 */
export function pluginResponseHeaders(contentType: string, appOrigin: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': pluginCsp(appOrigin),
    'Access-Control-Allow-Origin': 'null',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/** Headers of a refusal: no body worth sniffing, nothing cacheable. */
export function refusalHeaders(): Record<string, string> {
  return {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'no-store',
  };
}

export type PluginFileResult =
  { ok: true; status: 200; filePath: string; contentType: string; body: Buffer } | { ok: false; status: 400 | 403 | 404; reason: string };

const refuse = (status: 400 | 403 | 404, reason: string): PluginFileResult => ({ ok: false, status, reason });

/**
 * Splits a URL pathname (still percent-encoded, as it came off the wire) into decoded path segments, or
 * returns why it is refused. Encoded separators, dots, backslashes and NUL never become path syntax.
 */
export function decodePluginPath(rawPathname: string): { ok: true; segments: string[] } | { ok: false; reason: string } {
  if (!rawPathname.startsWith('/')) return { ok: false, reason: 'path must be absolute' };
  if (rawPathname.includes('\\') || rawPathname.includes('\0')) return { ok: false, reason: 'backslash or NUL in path' };
  // Refuse encoded forms before decoding, so `%2f`, `%5c`, `%00` and `%2e` never turn into syntax.
  if (/%(2f|5c|00|2e)/i.test(rawPathname)) return { ok: false, reason: 'encoded separator, dot or NUL in path' };
  const rawSegments = rawPathname.slice(1).split('/');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, reason: 'malformed percent-encoding' };
    }
    if (segment === '') return { ok: false, reason: 'empty path segment (directory or "//")' };
    if (segment === '.' || segment === '..') return { ok: false, reason: 'dot segment in path' };
    if (segment.startsWith('.')) return { ok: false, reason: 'hidden files are not served' };
    if (/[/\\]/.test(segment) || hasControlCharacter(segment)) return { ok: false, reason: 'control or separator character in path' };
    segments.push(segment);
  }
  return { ok: true, segments };
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Resolves `rawPathname` inside `rootDir` and reads the file. Every component is lstat'ed (a symlink
 * anywhere is refused), directories are refused, the realpath must stay inside the root, and the file
 * that is read is checked to be the very inode that was checked.
 */
export async function readPluginFile(rootDir: string, rawPathname: string): Promise<PluginFileResult> {
  const decoded = decodePluginPath(rawPathname);
  if (!decoded.ok) return refuse(400, decoded.reason);

  let realRoot: string;
  try {
    realRoot = await realpath(rootDir);
  } catch {
    return refuse(404, 'plugin folder is missing');
  }

  let current = realRoot;
  let last: Stats | null = null;
  for (const [index, segment] of decoded.segments.entries()) {
    current = join(current, segment);
    try {
      last = await lstat(current);
    } catch {
      return refuse(404, 'not found');
    }
    if (last.isSymbolicLink()) return refuse(403, 'symbolic links are not served');
    const isLeaf = index === decoded.segments.length - 1;
    if (!isLeaf && !last.isDirectory()) return refuse(404, 'not found');
  }
  if (!last || last.isDirectory()) return refuse(403, 'directories are not served');
  if (!last.isFile()) return refuse(403, 'only regular files are served');
  if (last.size > PLUGIN_FILE_MAX_BYTES) return refuse(403, 'file too large');

  let resolved: string;
  try {
    resolved = await realpath(current);
  } catch {
    return refuse(404, 'not found');
  }
  if (!resolved.startsWith(realRoot + sep)) return refuse(403, 'path leaves the plugin folder');

  let handle;
  try {
    handle = await open(resolved, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return refuse(404, 'not found');
  }
  try {
    const opened = await handle.stat();
    // A swap between the checks and the open shows up as a different inode.
    if (!opened.isFile() || opened.ino !== last.ino || opened.dev !== last.dev) return refuse(403, 'file changed while being served');
    if (opened.size > PLUGIN_FILE_MAX_BYTES) return refuse(403, 'file too large');
    const body = await handle.readFile();
    return { ok: true, status: 200, filePath: resolved, contentType: contentTypeFor(resolved), body };
  } finally {
    await handle.close();
  }
}

/** The folder a plugin frame may load from: only a plugin that may act now (the core's one answer) gets one. */
export function servablePluginDir(
  plugins: { get(id: string): PluginRightsState | null; contentDir(id: string): string | null },
  pluginId: string,
): string | null {
  if (mayAct(plugins.get(pluginId)) !== null) return null;
  return plugins.contentDir(pluginId);
}
