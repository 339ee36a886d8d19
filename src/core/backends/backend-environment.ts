// A backend's environment is built from nothing: none of the host's variables (tokens, SSH_AUTH_SOCK,
// DBUS_SESSION_BUS_ADDRESS, proxies, NODE_OPTIONS) reaches it.

/** The whole environment a backend process starts with. */
export function backendEnvironment(): Record<string, string> {
  return { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', TMPDIR: '/tmp', HOME: '/tmp' };
}
