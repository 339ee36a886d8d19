// The CSP of the app's own pages (the trusted renderer). Pure, so the browser suite serves the same policy.

export interface AppCspOptions {
  /** CSP source of plugin frames: `gatehouse-plugin:` in the app, `http://*.localhost:<port>` in the browser suite. */
  pluginFrameSource: string;
  /** The development server needs its client script and websocket; never set in a packaged build. */
  devServerOrigin?: string;
}

/** The renderer loads its own bundle only, frames plugin origins only, and connects nowhere. */
export function appCsp(options: AppCspOptions): string {
  const dev = options.devServerOrigin;
  const devSocket = dev ? dev.replace(/^http/, 'ws') : null;
  return [
    "default-src 'none'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    dev ? `connect-src 'self' ${devSocket}` : "connect-src 'none'",
    `frame-src ${options.pluginFrameSource}`,
    `child-src ${options.pluginFrameSource}`,
    "worker-src 'none'",
    "object-src 'none'",
    "manifest-src 'none'",
    "media-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers of every app page response. */
export function appResponseHeaders(contentType: string, csp: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}
