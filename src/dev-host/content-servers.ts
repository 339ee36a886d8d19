// Two loopback servers: the built renderer on the app origin, and plugin content on
// `http://<plugin-id>.localhost:<port>` (Chromium resolves *.localhost to loopback), so every plugin gets
// its own origin. Both resolve paths and set headers with the app's own modules. The browser suite and
// the development host both serve through these; the development host adds a path token.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appCsp, appResponseHeaders } from '../host/app-csp';
import { pluginResponseHeaders, readPluginFile, refusalHeaders } from '../host/plugin-content';

export interface RunningServer {
  origin: string;
  port: number;
  close(): Promise<void>;
}

export interface ContentServerOptions {
  /**
   * When set, every request must start with `/<token>/`; anything else is refused with 404 before a file
   * is looked at. Other programs on this machine can reach a loopback port, but cannot guess the token.
   */
  token?: string;
}

function rawPathname(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

/** The path below `/<token>`, or null when the request does not carry the token. */
function pathBelowToken(path: string, token: string | undefined): string | null {
  if (token === undefined) return path;
  const match = /^\/([^/]*)(\/.*)?$/.exec(path);
  const given = Buffer.from(match?.[1] ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return match?.[2] ?? '/';
}

function refuse(res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, refusalHeaders());
  res.end(reason);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** Serves plugin files from `dirOf(pluginId)` (null = not servable) with the plugin CSP. */
export async function startPluginServer(
  dirOf: (pluginId: string) => string | null,
  appOrigin: () => string,
  options: ContentServerOptions = {},
): Promise<RunningServer> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
      const path = pathBelowToken(rawPathname(req), options.token);
      if (path === null) return refuse(res, 404, 'not found');
      const host = (req.headers.host ?? '').toLowerCase();
      const match = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.localhost(?::\d+)?$/.exec(host);
      const dir = match?.[1] ? dirOf(match[1]) : null;
      if (dir === null) return refuse(res, 404, 'no such active plugin');
      const file = await readPluginFile(dir, path);
      if (!file.ok) return refuse(res, file.status, file.reason);
      res.writeHead(200, pluginResponseHeaders(file.contentType, appOrigin()));
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch(() => refuse(res, 500, 'internal error'));
  });
  const port = await listen(server);
  return { origin: `http://localhost:${port}`, port, close: closer(server) };
}

/** Serves the built renderer with the app CSP; plugin frames may come from `pluginFrameSource` only. */
export async function startAppServer(
  rendererDir: string,
  pluginFrameSource: string,
  options: ContentServerOptions = {},
): Promise<RunningServer> {
  const csp = appCsp({ pluginFrameSource });
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
      const path = pathBelowToken(rawPathname(req), options.token);
      if (path === null) return refuse(res, 404, 'not found');
      const file = await readPluginFile(rendererDir, path === '/' ? '/index.html' : path);
      if (!file.ok) return refuse(res, file.status, file.reason);
      res.writeHead(200, appResponseHeaders(file.contentType, csp));
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch(() => refuse(res, 500, 'internal error'));
  });
  const port = await listen(server);
  return { origin: `http://127.0.0.1:${port}`, port, close: closer(server) };
}
