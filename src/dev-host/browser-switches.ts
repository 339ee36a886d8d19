// The Chromium switches of the browser suite and the development host: the app's own network lockdown
// (src/main/network-rules.ts), with the two loopback content servers reached directly, as a development
// build reaches its dev server.
import { networkLockdownSwitches } from '../host/network-rules';

/** The app server listens on 127.0.0.1 and plugin content on `<id>.localhost`; no other host is bypassed. */
export const HARNESS_PROXY_BYPASS = ['127.0.0.1', 'localhost', '*.localhost'] as const;

export const harnessBrowserSwitches: string[] = networkLockdownSwitches(HARNESS_PROXY_BYPASS);
