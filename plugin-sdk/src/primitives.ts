import * as z from 'zod/mini';
import { LIMITS } from './limits.js';
import { isNormalizedScopeId, normalizeScopeId } from './scope-id.js';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/**
 * A bounded single-line string without control characters.
 * @example lineSchema(200).parse('Restart the stack')
 */
export const lineSchema = (max: number) =>
  z.string().check(
    z.maxLength(max, `must be at most ${max} characters`),
    z.refine((s) => !CONTROL_CHARS.test(s), 'must be one line without control characters'),
  );

export const reasonSchema = z.string().check(z.maxLength(LIMITS.reasonLength, `must be at most ${LIMITS.reasonLength} characters`));

/**
 * True for `/a/b` (POSIX) or `C:\a\b` (Windows) with no empty, `.` or `..` segment and no NUL.
 * @example isNormalizedAbsolutePath('/srv/app') // true; isNormalizedAbsolutePath('/srv/../etc') // false
 */
export function isNormalizedAbsolutePath(value: string): boolean {
  if (value.length === 0 || value.length > LIMITS.pathLength || value.includes('\0')) return false;
  let rest: string;
  let separator: string;
  if (value.startsWith('/')) {
    if (value === '/') return true;
    rest = value.slice(1);
    separator = '/';
  } else if (/^[A-Za-z]:\\/.test(value)) {
    if (value.length === 3) return true;
    rest = value.slice(3);
    separator = '\\';
    if (rest.includes('/')) return false;
  } else {
    return false;
  }
  return rest.split(separator).every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export const absolutePathSchema = z
  .string()
  .check(
    z.maxLength(LIMITS.pathLength, `must be at most ${LIMITS.pathLength} characters`),
    z.refine(isNormalizedAbsolutePath, 'must be an absolute, normalized path (no relative form, no "." or ".." segments, no "//", no NUL)'),
  );

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * True for a dotted-quad IPv4 address without leading zeros.
 * @example isIPv4Address('127.0.0.1') // true; isIPv4Address('01.2.3.4') // false
 */
export function isIPv4Address(value: string): boolean {
  return IPV4.test(value);
}

/**
 * True for an IPv6 address in any RFC 4291 text form, including an embedded IPv4 tail; no zone id.
 * @example isIPv6Address('::ffff:192.168.0.1') // true; isIPv6Address(':::::') // false
 */
export function isIPv6Address(value: string): boolean {
  if (value.length < 2 || value.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(value)) return false;
  let head = value;
  let tailGroups = 0;
  const lastColon = value.lastIndexOf(':');
  if (value.includes('.')) {
    if (!isIPv4Address(value.slice(lastColon + 1))) return false;
    head = value.slice(0, lastColon + 1) + '0:0';
    tailGroups = 0;
  }
  const doubleColons = head.split('::').length - 1;
  if (doubleColons > 1) return false;
  const hex = /^[0-9A-Fa-f]{1,4}$/;
  if (doubleColons === 1) {
    const [left = '', right = ''] = head.split('::');
    const leftGroups = left === '' ? [] : left.split(':');
    const rightGroups = right === '' ? [] : right.split(':');
    if (![...leftGroups, ...rightGroups].every((g) => hex.test(g))) return false;
    return leftGroups.length + rightGroups.length + tailGroups <= 7;
  }
  const groups = head.split(':');
  return groups.length === 8 && groups.every((g) => hex.test(g));
}

export const ipAddressSchema = z.string().check(
  z.maxLength(45),
  z.refine((s) => isIPv4Address(s) || isIPv6Address(s), 'must be an IPv4 or IPv6 address'),
);

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * True for an RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
 * @example isHostname('api.local') // true; isHostname('a_b.com') // false
 */
export function isHostname(value: string): boolean {
  if (value.length === 0 || value.length > LIMITS.hostnameLength) return false;
  const labels = value.split('.');
  if (!labels.every((label) => LABEL.test(label))) return false;
  // An all-numeric last label would read as an IPv4 address to resolvers.
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

export const hostnameSchema = z
  .string()
  .check(
    z.maxLength(LIMITS.hostnameLength, `must be at most ${LIMITS.hostnameLength} characters`),
    z.refine(isHostname, 'must be an RFC 1123 host name (letters, digits, inner hyphens, dot-separated)'),
  );

export const scopeIdSchema = z.string().check(
  z.maxLength(LIMITS.scopeIdLength, `must be at most ${LIMITS.scopeIdLength} characters`),
  z.superRefine((value, ctx) => {
    if (!isNormalizedScopeId(value)) {
      const normal = normalizeScopeId(value);
      ctx.addIssue({
        code: 'custom',
        message: normal
          ? `must be a normalized scope id, "${normal}" (lowercase [a-z0-9._-], no leading or trailing "-")`
          : 'must be a normalized scope id (lowercase [a-z0-9._-], no leading or trailing "-")',
      });
    }
  }),
);

/** Environment keys whose value changes how a process loads code; a plugin may never set them. */
export const FORBIDDEN_ENV_KEYS: readonly string[] = [
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_EXTRA_CA_CERTS',
  'ELECTRON_RUN_AS_NODE',
  'PATH',
  'IFS',
  'ENV',
  'BASH_ENV',
  'SHELLOPTS',
  'BASHOPTS',
  'PROMPT_COMMAND',
  'PS4',
  'PYTHONPATH',
  'PYTHONSTARTUP',
  'PYTHONHOME',
  'PERL5OPT',
  'PERL5LIB',
  'PERLLIB',
  'RUBYOPT',
  'RUBYLIB',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'JDK_JAVA_OPTIONS',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_EXEC_PATH',
  'GIT_ASKPASS',
  'GIT_EDITOR',
  'GIT_PAGER',
  'GIT_EXTERNAL_DIFF',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_COUNT',
  'GIT_TEMPLATE_DIR',
  'SSH_ASKPASS',
  'EDITOR',
  'VISUAL',
  'PAGER',
  'BROWSER',
  'GCONV_PATH',
  'HOSTALIASES',
  'LOCALDOMAIN',
  'RES_OPTIONS',
  'MALLOC_CHECK_',
  'DOCKER_HOST_SSH_COMMAND',
  'KUBECTL_EXTERNAL_DIFF',
  'HELM_PLUGINS',
  'TF_CLI_CONFIG_FILE',
];
const FORBIDDEN_ENV_PREFIXES = ['LD_', 'DYLD_', 'GIT_CONFIG_KEY_', 'GIT_CONFIG_VALUE_', 'BASH_FUNC_', 'NPM_CONFIG_'];

/**
 * True when a plugin may name this environment key (the scope still decides whether it is allowed).
 * @example isAllowedEnvKey('KUBECONFIG') // true; isAllowedEnvKey('LD_PRELOAD') // false
 */
export function isAllowedEnvKey(key: string): boolean {
  if (key.length === 0 || key.length > LIMITS.envKeyLength || !/^[A-Z_][A-Z0-9_]*$/.test(key)) return false;
  if (FORBIDDEN_ENV_KEYS.includes(key)) return false;
  return !FORBIDDEN_ENV_PREFIXES.some((prefix) => key.startsWith(prefix));
}

export const envSchema = z
  .record(
    z
      .string()
      .check(
        z.refine(
          isAllowedEnvKey,
          'env keys must match ^[A-Z_][A-Z0-9_]*$ and not be a loader or injection key (LD_*, DYLD_*, NODE_OPTIONS, PATH, ...)',
        ),
      ),
    z.string().check(
      z.maxLength(LIMITS.envValueLength, `env values must be at most ${LIMITS.envValueLength} characters`),
      z.refine((v) => !v.includes('\0'), 'env values may not contain NUL'),
    ),
  )
  .check(z.refine((env) => Object.keys(env).length <= LIMITS.envEntries, `at most ${LIMITS.envEntries} env entries`));

// Whole numbers are checked with Number.isInteger rather than zod's int format, whose safe-integer range
// tables would add 0.4 KB to the browser file; the upper bound below is far inside that range anyway.
export const timeoutMsSchema = z
  .number()
  .check(
    z.refine(Number.isInteger, 'must be an integer number of milliseconds'),
    z.gte(1),
    z.lte(LIMITS.timeoutMs, `must be at most ${LIMITS.timeoutMs} ms`),
  );

export const modeSchema = z
  .number()
  .check(
    z.refine(Number.isInteger, 'must be an integer permission mask'),
    z.gte(0),
    z.lte(0o7777, 'must be a permission mask between 0 and 0o7777'),
  );

// Sets of strings are literal schemas rather than `z.enum`: the same check and the same message ("expected one
// of ..."), and the browser file does without zod's enum schema (0.2 KB gzipped).
export const encodingSchema = z.literal(['utf8', 'base64']);
export type Encoding = z.infer<typeof encodingSchema>;

export const correlationIdSchema = z
  .string()
  .check(
    z.minLength(8, 'must be at least 8 characters'),
    z.maxLength(LIMITS.correlationIdLength, `must be at most ${LIMITS.correlationIdLength} characters`),
    z.regex(/^[A-Za-z0-9._:-]+$/, 'may contain only letters, digits and . _ : -'),
  );
