// No frame of the app reaches the network: WebRTC may not use UDP on its own, every proxied connection
// goes nowhere, and every request that is not for the app's own schemes is cancelled. The rules
// themselves live in network-rules.ts, shared with the browser suite.
import { app, session, type Session } from 'electron';
import {
  isRequestAllowed,
  loopbackBypassOf,
  NOWHERE_PROXY,
  proxyBypassRules,
  WEBRTC_IP_HANDLING_POLICY,
  type RequestAllowance,
} from '../host/network-rules';

export interface NetworkLockdownOptions {
  /** Schemes the app serves itself (app pages, plugin files). */
  schemes: readonly string[];
  /** The loopback development server, reached directly in development only. */
  devServerUrl?: string | undefined;
}

/** Must run before `app` is ready: the switches apply to the whole browser process. */
export function lockDownNetwork(options: NetworkLockdownOptions): void {
  const devBypass = loopbackBypassOf(options.devServerUrl);
  const bypass = proxyBypassRules(devBypass ? [devBypass] : []);
  app.commandLine.appendSwitch('proxy-server', NOWHERE_PROXY);
  app.commandLine.appendSwitch('proxy-bypass-list', bypass);
  app.commandLine.appendSwitch('webrtc-ip-handling-policy', WEBRTC_IP_HANDLING_POLICY);

  const devOrigins = devBypass && options.devServerUrl ? devOriginsOf(options.devServerUrl) : [];
  const allowance: RequestAllowance = { schemes: options.schemes, origins: devOrigins };
  const locked = new WeakSet<Session>();
  const lock = (ses: Session): void => {
    if (locked.has(ses)) return;
    locked.add(ses);
    void ses.setProxy({ mode: 'fixed_servers', proxyRules: NOWHERE_PROXY, proxyBypassRules: bypass });
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isRequestAllowed(details.url, allowance) }));
  };
  app.on('session-created', lock);
  // Frames live in their window's web contents, so the policy of each web contents covers its frames.
  app.on('web-contents-created', (_event, contents) => contents.setWebRTCIPHandlingPolicy(WEBRTC_IP_HANDLING_POLICY));
  void app.whenReady().then(() => lock(session.defaultSession));
}

/** The development server's page origin and its hot-reload websocket. */
function devOriginsOf(devServerUrl: string): string[] {
  const url = new URL(devServerUrl);
  const socket = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [`${url.protocol}//${url.host}`, `${socket}//${url.host}`];
}
