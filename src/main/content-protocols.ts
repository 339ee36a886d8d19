// The app's own pages and each plugin's files, served over privileged custom schemes.
import { net, protocol } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HostCore } from '../core/host-core-types';
import { appResponseHeaders } from '../host/app-csp';
import {
  contentTypeFor,
  decodePluginPath,
  pluginResponseHeaders,
  readPluginFile,
  refusalHeaders,
  servablePluginDir,
} from '../host/plugin-content';
import { APP_HOST, APP_SCHEME, PLUGIN_SCHEME } from '../host/url-policy';

/** Must run before `app` is ready: both schemes get real origins, are secure, and nothing else. */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    { scheme: PLUGIN_SCHEME, privileges: { standard: true, secure: true, corsEnabled: true } },
  ]);
}

const refused = (status: number, reason: string): Response => new Response(reason, { status, headers: refusalHeaders() });

function readOnly(request: Request): Response | null {
  return request.method === 'GET' || request.method === 'HEAD' ? null : refused(405, 'method not allowed');
}

/**
 * Serves the built renderer from `rootDir` at `gatehouse-app://app/`, with the app CSP. The same path
 * rules as plugin content; the bytes are read with net.fetch so a packaged app can read them from app.asar.
 */
export function serveAppContent(rootDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const notAllowed = readOnly(request);
    if (notAllowed) return notAllowed;
    const url = new URL(request.url);
    if (url.hostname !== APP_HOST) return refused(404, 'not found');
    const decoded = decodePluginPath(url.pathname === '/' ? '/index.html' : url.pathname);
    if (!decoded.ok) return refused(400, decoded.reason);
    const path = join(rootDir, ...decoded.segments);
    const file = await net.fetch(pathToFileURL(path).href).catch(() => null);
    if (!file || !file.ok) return refused(404, 'not found');
    return new Response(await file.arrayBuffer(), { status: 200, headers: appResponseHeaders(contentTypeFor(path), csp) });
  });
}

/** Serves `gatehouse-plugin://<id>/...` from that plugin's verified folder only, with the strict plugin CSP. */
export function servePluginContent(core: HostCore, appOrigin: string): void {
  protocol.handle(PLUGIN_SCHEME, async (request) => {
    const notAllowed = readOnly(request);
    if (notAllowed) return notAllowed;
    const url = new URL(request.url);
    const dir = servablePluginDir(core.plugins, url.hostname);
    if (dir === null) return refused(404, 'no such active plugin');
    const file = await readPluginFile(dir, url.pathname);
    if (!file.ok) return refused(file.status, file.reason);
    return new Response(new Uint8Array(file.body), { status: 200, headers: pluginResponseHeaders(file.contentType, appOrigin) });
  });
}
