// The network lockdown as only Electron can show it: the WebRTC policy of every web contents, the
// session proxy, the request filter, and a WebRTC attempt from a plugin frame against a local canary.
import { _electron as electron, test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNetworkCanary } from '../harness/network-canary';
import { repoRoot } from '../harness/paths';

function electronBinary(): string | null {
  const dir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

test('electron: no frame reaches the network, through WebRTC, the proxy or a request', async () => {
  const binary = electronBinary();
  if (!binary) {
    console.log('electron network suite skipped: no Electron binary on this machine');
    test.skip(true, 'no Electron binary on this machine');
    return;
  }
  const canary = await startNetworkCanary();
  const userData = await mkdtemp(join(tmpdir(), 'gatehouse-electron-'));
  const app = await electron.launch({
    executablePath: binary,
    args: [join(repoRoot, 'out', 'main', 'index.js'), `--user-data-dir=${userData}`],
    env: { ...process.env, ELECTRON_RENDERER_URL: '' },
  });
  try {
    const page = await app.firstWindow();
    await page.getByRole('navigation', { name: 'Plugins' }).getByRole('button', { name: 'Local DNS', exact: true }).click();
    await expect.poll(() => page.frames().some((frame) => frame.url().startsWith('gatehouse-plugin://local-dns/'))).toBe(true);

    const settings = await app.evaluate(async ({ session, webContents }) => ({
      policies: webContents.getAllWebContents().map((contents) => contents.getWebRTCIPHandlingPolicy()),
      proxy: await session.defaultSession.resolveProxy('https://example.com/'),
      loopbackProxy: await session.defaultSession.resolveProxy('http://127.0.0.2/'),
    }));
    expect(new Set(settings.policies)).toEqual(new Set(['disable_non_proxied_udp']));
    expect(settings.proxy).toBe('PROXY 127.0.0.1:0');
    expect(settings.loopbackProxy).toBe('PROXY 127.0.0.1:0');

    const frame = page.frames().find((candidate) => candidate.url().startsWith('gatehouse-plugin://local-dns/'));
    await frame?.evaluate(async (server) => {
      // The suite's tsconfig has no DOM types; the frame has the real constructor.
      const Peer = (
        globalThis as unknown as {
          RTCPeerConnection: new (config: unknown) => {
            createDataChannel(label: string): unknown;
            createOffer(): Promise<unknown>;
            setLocalDescription(offer: unknown): Promise<void>;
            close(): void;
          };
        }
      ).RTCPeerConnection;
      const pc = new Peer({
        iceServers: [
          { urls: `stun:${server}` },
          { urls: [`turn:${server}?transport=udp`, `turn:${server}?transport=tcp`], username: 'exfil', credential: 'exfil' },
        ],
      });
      pc.createDataChannel('out');
      await pc.setLocalDescription(await pc.createOffer());
      await new Promise((resolve) => setTimeout(resolve, 3000));
      pc.close();
    }, canary.address);
    // A request from main's own session goes through the same filter as the frames'.
    const fetched = await app.evaluate(
      async ({ session }, url) =>
        session.defaultSession.fetch(url).then(
          () => 'answered',
          (error: Error) => error.message,
        ),
      `http://${canary.address}/`,
    );
    expect(fetched).not.toBe('answered');
    expect(canary.received).toEqual([]);
  } finally {
    await app.close();
    await rm(userData, { recursive: true, force: true });
    await canary.close();
  }
});
