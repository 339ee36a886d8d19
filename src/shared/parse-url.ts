// The one way the shell and the renderer read a URL they did not write: the WHATWG parser, or null where
// it refuses the text (URL.parse is missing from some Node versions this project supports).

export function parseUrl(raw: string | null | undefined): URL | null {
  if (!raw) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}
