// The app needs no network. These rules say so in one place, free of Electron, so the shell
// (network-lockdown.ts) and the browser suite's Chromium run with the very same switches.
import { parseUrl } from '../shared/parse-url';
import { loopbackDevServerUrl } from './shell-mode';

/**
 * WebRTC may use UDP only through a proxy that carries UDP (ours carries nothing), and TCP only through
 * the proxy: ICE and TURN traffic is covered by neither CSP, nor the iframe sandbox, nor `allow`.
 */
export const WEBRTC_IP_HANDLING_POLICY = 'disable_non_proxied_udp' as const;

/**
 * A proxy that goes nowhere: nothing can listen on port 0, so every proxied connection fails at once and
 * no byte of it leaves the machine.
 */
export const NOWHERE_PROXY = 'http://127.0.0.1:0';

/**
 * Proxy bypass rules: `<-loopback>` takes away Chromium's implicit bypass of localhost, so loopback goes
 * to the nowhere proxy too; only the listed hosts (the development server) are reached directly.
 */
export function proxyBypassRules(bypass: readonly string[] = []): string {
  return ['<-loopback>', ...bypass].join(';');
}

/** Chromium command-line switches of the lockdown; `bypass` lists the only hosts reached directly. */
export function networkLockdownSwitches(bypass: readonly string[] = []): string[] {
  return [
    `--webrtc-ip-handling-policy=${WEBRTC_IP_HANDLING_POLICY}`,
    `--proxy-server=${NOWHERE_PROXY}`,
    `--proxy-bypass-list=${proxyBypassRules(bypass)}`,
  ];
}

/** The `host:port` a development server URL is reached at, for the bypass list; null unless it is the loopback dev server the shell accepts. */
export function loopbackBypassOf(raw: string | undefined): string | null {
  const href = loopbackDevServerUrl(raw);
  return href === null ? null : new URL(href).host;
}

export interface RequestAllowance {
  /** Schemes served by the app itself, without a colon: the app's pages and the plugins' files. */
  schemes: readonly string[];
  /** Origins reached over the network anyway: the loopback development server and its websocket. */
  origins?: readonly string[];
}

/** Schemes that never leave the process: inline and in-memory data. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:']);

/** True when a request may go ahead: our own schemes, local data, or a listed (development) origin. */
export function isRequestAllowed(raw: string, allowance: RequestAllowance): boolean {
  const url = parseUrl(raw);
  if (!url) return false;
  if (LOCAL_SCHEMES.has(url.protocol)) return true;
  if (allowance.schemes.some((scheme) => url.protocol === `${scheme}:`)) return true;
  if (url.username || url.password) return false;
  const origin = `${url.protocol}//${url.host}`;
  return (allowance.origins ?? []).includes(origin);
}
