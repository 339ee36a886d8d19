// Two loopback servers: the built renderer on the app origin, and plugin content on
// `http://<plugin-id>.localhost:<port>` (Chromium resolves *.localhost to loopback), so every plugin gets
// its own origin. Both resolve paths and set headers with the app's own modules.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appCsp, appResponseHeaders } from '../../src/host/app-csp';
import { pluginResponseHeaders, readPluginFile, refusalHeaders } from '../../src/host/plugin-content';

export interface RunningServer {
  origin: string;
  port: number;
  close(): Promise<void>;
}

function rawPathname(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
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
export async function startPluginServer(dirOf: (pluginId: string) => string | null, appOrigin: () => string): Promise<RunningServer> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
      const host = (req.headers.host ?? '').toLowerCase();
      const match = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.localhost(?::\d+)?$/.exec(host);
      const dir = match?.[1] ? dirOf(match[1]) : null;
      if (dir === null) return refuse(res, 404, 'no such active plugin');
      const file = await readPluginFile(dir, rawPathname(req));
      if (!file.ok) return refuse(res, file.status, file.reason);
      res.writeHead(200, pluginResponseHeaders(file.contentType, appOrigin()));
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch(() => refuse(res, 500, 'internal error'));
  });
  const port = await listen(server);
  return { origin: `http://localhost:${port}`, port, close: closer(server) };
}

/** Serves the built renderer with the app CSP; plugin frames may come from `pluginFrameSource` only. */
export async function startAppServer(rendererDir: string, pluginFrameSource: string): Promise<RunningServer> {
  const csp = appCsp({ pluginFrameSource });
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
      const path = rawPathname(req);
      const file = await readPluginFile(rendererDir, path === '/' ? '/index.html' : path);
      if (!file.ok) return refuse(res, file.status, file.reason);
      res.writeHead(200, appResponseHeaders(file.contentType, csp));
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch(() => refuse(res, 500, 'internal error'));
  });
  const port = await listen(server);
  return { origin: `http://127.0.0.1:${port}`, port, close: closer(server) };
}
