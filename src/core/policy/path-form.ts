import type { OperandKind } from './process-tools';

const URL_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
// Addresses a chart or build context may be fetched from; `file://` is a local path in disguise.
const REMOTE_SCHEMES = new Set(['http', 'https', 'oci']);
const GIT_REMOTE_SCHEMES = new Set(['http', 'https', 'ssh', 'git', 'git+ssh', 'ssh+git']);

/** git reads `host:path` as ssh when a colon comes before any slash (connect.c, url_is_local_not_ssh). */
function isScpLike(value: string): boolean {
  const colon = value.indexOf(':');
  const slash = value.indexOf('/');
  return colon > 0 && (slash < 0 || colon < slash);
}

/**
 * Why a value cannot be checked as the local path the tool will open, `'remote'` when it is an address the
 * operand kind allows, or null for a plain path. Nothing is normalised: a backslash (a separator on
 * Windows, an escape for some tools), a `..` component, a control character, a leading `-` (read as an
 * option) and a URL where a path is meant are refused, so the path the host checks is the path the tool gets.
 */
export function pathFormProblem(value: string, accepts: Exclude<OperandKind, 'word'>): string | 'remote' | null {
  if (value === '') return 'is empty';
  if ([...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return 'contains a control character';
  const scheme = URL_SCHEME.exec(value)?.[1]?.toLowerCase();
  if (accepts === 'path-or-remote' && scheme !== undefined && REMOTE_SCHEMES.has(scheme)) return 'remote';
  if (accepts === 'git-remote' && ((scheme !== undefined && GIT_REMOTE_SCHEMES.has(scheme)) || (scheme === undefined && isScpLike(value))))
    return 'remote';
  if (scheme !== undefined) return 'is a URL, not a path inside the scope folders';
  if (value.includes('\\')) return 'contains a backslash, which tools read differently';
  if (value.startsWith('-')) return 'starts with "-", so the tool could read it as an option';
  if (value.split('/').includes('..')) return 'contains a ".." component; name the folder directly';
  return null;
}
