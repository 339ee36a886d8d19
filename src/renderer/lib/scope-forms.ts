// Scope editor forms: scope objects to form fields and back, with the client-side checks.
import {
  FS_OPERATION_TYPES,
  LIMITS,
  isAllowedEnvKey,
  isNormalizedAbsolutePath,
  isNormalizedScopeId,
  normalizeScopeId,
} from '@gatehouse/plugin-sdk';
import {
  FLAG_PATTERN as FLAG,
  FS_SCOPE_MAX_WRITE_BYTES,
  PROCESS_SCOPE_MAX_OUTPUT_BYTES,
  PROCESS_SCOPE_MAX_REMEMBER_MS,
  PROCESS_TOOLS,
  SECRET_NAME_PATTERN as SECRET_NAME,
  SHA256_PATTERN as SHA256,
  SUBCOMMAND_PATTERN as SUBCOMMAND,
  type ProcessTool,
} from '../../shared/scope-rules';

export type FieldErrors = Record<string, string>;

const MB = 1024 * 1024;
// The host's own limits (src/shared/scope-rules.ts), in the units the forms show.
export const FS_MAX_WRITE_MB = FS_SCOPE_MAX_WRITE_BYTES / MB;
export const PROCESS_MAX_OUTPUT_MB = PROCESS_SCOPE_MAX_OUTPUT_BYTES / MB;
export const PROCESS_MAX_TIMEOUT_S = LIMITS.timeoutMs / 1000;
const PROCESS_MAX_REMEMBER_MIN = PROCESS_SCOPE_MAX_REMEMBER_MS / 60_000;
export { PROCESS_TOOLS };
export type ProcessToolName = ProcessTool;

/** Non-empty trimmed lines of a textarea. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function checkId(id: string, errors: FieldErrors): void {
  if (id === '') errors.id = 'Enter an id.';
  else if (!isNormalizedScopeId(id))
    errors.id = `Use lowercase letters, digits, ".", "_" and "-" only, for example "${normalizeScopeId(id) || 'my-scope'}".`;
}

function checkTitle(title: string, errors: FieldErrors): void {
  if (title.trim() === '') errors.title = 'Enter a title.';
  else if (title.length > 200) errors.title = 'Keep the title to 200 characters.';
}

function checkPaths(field: string, paths: string[], errors: FieldErrors, required: boolean): void {
  if (required && paths.length === 0) errors[field] = 'List at least one folder.';
  const bad = paths.find((path) => !isNormalizedAbsolutePath(path));
  if (bad !== undefined) errors[field] = `"${bad}" is not an absolute path without "." or ".." parts.`;
}

function readNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

// ---- filesystem scopes ----

export interface FsScopeForm {
  id: string;
  title: string;
  roots: string;
  operations: string[];
  confirmation: 'always' | 'never';
  maxWriteMb: string;
}

export const EMPTY_FS_FORM: FsScopeForm = {
  id: '',
  title: '',
  roots: '',
  operations: ['mkdir', 'writeFile'],
  confirmation: 'always',
  maxWriteMb: '8',
};

/** Form fields for an existing filesystem scope. */
export function fsFormFromScope(scope: Record<string, unknown>): FsScopeForm {
  const bytes = typeof scope.maxWriteBytes === 'number' ? scope.maxWriteBytes : 8 * MB;
  return {
    id: String(scope.id ?? ''),
    title: String(scope.title ?? ''),
    roots: asStrings(scope.roots).join('\n'),
    operations: asStrings(scope.allowedOperations),
    confirmation: scope.confirmation === 'never' ? 'never' : 'always',
    maxWriteMb: String(Math.round((bytes / MB) * 1000) / 1000),
  };
}

/** The scope a form describes, or the errors that keep it from being saved. */
export function fsScopeFromForm(form: FsScopeForm): { scope: Record<string, unknown> | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  checkId(form.id, errors);
  checkTitle(form.title, errors);
  const roots = lines(form.roots);
  checkPaths('roots', roots, errors, true);
  const operations = FS_OPERATION_TYPES.filter((type) => form.operations.includes(type));
  if (operations.length === 0) errors.allowedOperations = 'Allow at least one operation.';
  const mb = readNumber(form.maxWriteMb);
  if (mb === null || mb <= 0 || mb > FS_MAX_WRITE_MB) errors.maxWriteBytes = `Enter a size above 0 and up to ${FS_MAX_WRITE_MB} MB.`;
  if (Object.keys(errors).length > 0) return { scope: null, errors };
  return {
    scope: {
      id: form.id,
      title: form.title.trim(),
      roots,
      allowedOperations: operations,
      confirmation: form.confirmation,
      maxWriteBytes: Math.max(1, Math.round((mb ?? 0) * MB)),
    },
    errors,
  };
}

// ---- process scopes ----

export interface ProcessScopeForm {
  id: string;
  title: string;
  /** One per line: an absolute path, optionally followed by its sha256. */
  executables: string;
  tool: ProcessToolName;
  allowedSubcommands: string;
  deniedSubcommands: string;
  /** One per line: a flag, optionally followed by the subcommand it applies to. */
  deniedFlags: string;
  cwdRoots: string;
  allowedEnvKeys: string;
  /** One per line: `ENV_KEY=secret-name`, the env keys the host fills from this scope's keychain secrets. */
  secretEnv: string;
  timeoutSeconds: string;
  maxOutputMb: string;
  confirmation: 'always' | 'per-command' | 'never';
  rememberMinutes: string;
  /** Rule fields this form does not edit, kept as they were. */
  otherRules: Record<string, unknown>;
  /** The tool's sandbox: the network, paths readable and writable beyond the working folders, one per line. */
  sandboxNetwork: boolean;
  sandboxReadPaths: string;
  sandboxWritePaths: string;
  /** Run without a sandbox where this platform has none (off by default). */
  allowUnsandboxed: boolean;
  /** The scope's risk text, kept as it was. */
  risk: string;
}

export const EMPTY_PROCESS_FORM: ProcessScopeForm = {
  id: '',
  title: '',
  executables: '',
  tool: 'git',
  allowedSubcommands: '',
  deniedSubcommands: '',
  deniedFlags: '',
  cwdRoots: '',
  allowedEnvKeys: '',
  secretEnv: '',
  timeoutSeconds: '60',
  maxOutputMb: '1',
  confirmation: 'always',
  rememberMinutes: '10',
  otherRules: {},
  sandboxNetwork: false,
  sandboxReadPaths: '',
  sandboxWritePaths: '',
  allowUnsandboxed: false,
  risk: '',
};

/** Form fields for an existing process scope. */
export function processFormFromScope(scope: Record<string, unknown>): ProcessScopeForm {
  const rules = (typeof scope.rules === 'object' && scope.rules !== null ? scope.rules : {}) as Record<string, unknown>;
  const { allowedSubcommands, deniedSubcommands, deniedFlags, ...otherRules } = rules;
  const confirmation = (typeof scope.confirmation === 'object' && scope.confirmation !== null ? scope.confirmation : {}) as Record<
    string,
    unknown
  >;
  const mode = confirmation.mode === 'never' || confirmation.mode === 'per-command' ? confirmation.mode : 'always';
  const executables = Array.isArray(scope.executables) ? scope.executables : [];
  const tool = PROCESS_TOOLS.includes(scope.tool as ProcessToolName) ? (scope.tool as ProcessToolName) : 'none';
  const sandbox = (typeof scope.sandbox === 'object' && scope.sandbox !== null ? scope.sandbox : {}) as Record<string, unknown>;
  return {
    id: String(scope.id ?? ''),
    title: String(scope.title ?? ''),
    executables: executables
      .map((entry: unknown) => {
        const { path, sha256 } = (entry ?? {}) as { path?: unknown; sha256?: unknown };
        return typeof sha256 === 'string' ? `${String(path)} ${sha256}` : String(path);
      })
      .join('\n'),
    tool,
    allowedSubcommands: asStrings(allowedSubcommands).map(showSubcommand).join('\n'),
    deniedSubcommands: asStrings(deniedSubcommands).map(showSubcommand).join('\n'),
    deniedFlags: (Array.isArray(deniedFlags) ? deniedFlags : [])
      .map((rule: unknown) => {
        if (typeof rule === 'string') return rule;
        const { flag, subcommand } = (rule ?? {}) as { flag?: unknown; subcommand?: unknown };
        return `${String(flag)} ${String(subcommand ?? '')}`.trim();
      })
      .join('\n'),
    cwdRoots: asStrings(scope.cwdRoots).join('\n'),
    allowedEnvKeys: asStrings(scope.allowedEnvKeys).join('\n'),
    secretEnv: showSecretEnv(scope.secretEnv),
    timeoutSeconds: typeof scope.timeoutCeilingMs === 'number' ? String(scope.timeoutCeilingMs / 1000) : EMPTY_PROCESS_FORM.timeoutSeconds,
    maxOutputMb:
      typeof scope.maxOutputBytes === 'number'
        ? String(Math.round((scope.maxOutputBytes / MB) * 1000) / 1000)
        : EMPTY_PROCESS_FORM.maxOutputMb,
    confirmation: mode,
    rememberMinutes:
      typeof confirmation.rememberMs === 'number' ? String(confirmation.rememberMs / 60000) : EMPTY_PROCESS_FORM.rememberMinutes,
    otherRules,
    sandboxNetwork: sandbox.network === true,
    sandboxReadPaths: asStrings(sandbox.readPaths).join('\n'),
    sandboxWritePaths: asStrings(sandbox.writePaths).join('\n'),
    allowUnsandboxed: sandbox.allowUnsandboxed === true,
    risk: typeof scope.risk === 'string' ? scope.risk : '',
  };
}

// "" means "the tool with no subcommand"; the form shows it as a word so the line is not dropped.
const NO_SUBCOMMAND = '(none)';
const showSubcommand = (words: string) => (words === '' ? NO_SUBCOMMAND : words);
const readSubcommand = (line: string) => (line === NO_SUBCOMMAND ? '' : line.replace(/\s+/g, ' '));

/** The scope a form describes, or the errors that keep it from being saved. */
export function processScopeFromForm(form: ProcessScopeForm): { scope: Record<string, unknown> | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  checkId(form.id, errors);
  checkTitle(form.title, errors);

  const executables = lines(form.executables).map((line) => {
    const [path = '', sha256, ...extra] = line.split(/\s+/);
    return { path, sha256, extra };
  });
  if (executables.length === 0) errors.executables = 'List at least one program.';
  for (const entry of executables) {
    if (!isNormalizedAbsolutePath(entry.path)) errors.executables = `"${entry.path}" is not an absolute path.`;
    else if (entry.sha256 !== undefined && !SHA256.test(entry.sha256))
      errors.executables = `The pin after "${entry.path}" must be a lowercase hex sha256.`;
    else if (entry.extra.length > 0) errors.executables = 'Write one program per line: its path, then optionally its sha256.';
  }

  const allowed = lines(form.allowedSubcommands).map(readSubcommand);
  const denied = lines(form.deniedSubcommands).map(readSubcommand);
  const badAllowed = allowed.find((words) => !SUBCOMMAND.test(words));
  if (badAllowed !== undefined) errors.allowedSubcommands = `"${badAllowed}" is not a subcommand (lowercase words separated by spaces).`;
  const badDenied = denied.find((words) => !SUBCOMMAND.test(words));
  if (badDenied !== undefined) errors.deniedSubcommands = `"${badDenied}" is not a subcommand (lowercase words separated by spaces).`;
  if (form.tool === 'none' && (allowed.length > 0 || denied.length > 0))
    errors.tool = 'Tool "none" takes exact argument patterns, not subcommands.';

  const deniedFlags = lines(form.deniedFlags).map((line) => {
    const [flag = '', ...words] = line.split(/\s+/);
    if (!FLAG.test(flag)) errors.deniedFlags = `"${flag}" is not a flag such as "-v" or "--mount".`;
    return words.length === 0 ? flag : { flag, subcommand: words.join(' ') };
  });

  const cwdRoots = lines(form.cwdRoots);
  checkPaths('cwdRoots', cwdRoots, errors, false);
  const envKeys = lines(form.allowedEnvKeys);
  const badKey = envKeys.find((key) => !isAllowedEnvKey(key));
  if (badKey !== undefined)
    errors.allowedEnvKeys = `"${badKey}" is not an environment variable name a scope may pass (code-loading keys such as LD_PRELOAD are refused).`;

  const secretEnv = readSecretEnv(form.secretEnv, errors);
  const readPaths = lines(form.sandboxReadPaths);
  const writePaths = lines(form.sandboxWritePaths);
  checkPaths('sandbox', [...readPaths, ...writePaths], errors, false);
  if ([...readPaths, ...writePaths].includes('/')) errors.sandbox = 'Name paths narrower than the whole filesystem.';

  const timeout = readNumber(form.timeoutSeconds);
  if (timeout === null || timeout <= 0 || timeout > PROCESS_MAX_TIMEOUT_S)
    errors.timeoutCeilingMs = `Enter 1 to ${PROCESS_MAX_TIMEOUT_S} seconds.`;
  const output = readNumber(form.maxOutputMb);
  if (output === null || output <= 0 || output > PROCESS_MAX_OUTPUT_MB)
    errors.maxOutputBytes = `Enter a size above 0 and up to ${PROCESS_MAX_OUTPUT_MB} MB.`;
  const remember = readNumber(form.rememberMinutes);
  if (form.confirmation === 'per-command' && (remember === null || remember * 60 < 1 || remember > PROCESS_MAX_REMEMBER_MIN)) {
    errors.confirmation = `Remember approvals for 1 second up to ${PROCESS_MAX_REMEMBER_MIN} minutes.`;
  }
  if (Object.keys(errors).length > 0) return { scope: null, errors };

  const rules: Record<string, unknown> = {
    ...form.otherRules,
    allowedSubcommands: allowed,
    deniedSubcommands: denied,
    deniedFlags,
  };
  return {
    scope: {
      id: form.id,
      title: form.title.trim(),
      executables: executables.map(({ path, sha256 }) => (sha256 ? { path, sha256 } : { path })),
      tool: form.tool,
      rules,
      cwdRoots,
      allowedEnvKeys: envKeys,
      secretEnv,
      timeoutCeilingMs: Math.max(1, Math.round((timeout ?? 0) * 1000)),
      maxOutputBytes: Math.max(1, Math.round((output ?? 0) * MB)),
      confirmation:
        form.confirmation === 'per-command'
          ? { mode: 'per-command', rememberMs: Math.max(1000, Math.round((remember ?? 0) * 60000)) }
          : { mode: form.confirmation },
      sandbox: { network: form.sandboxNetwork, readPaths, writePaths, allowUnsandboxed: form.allowUnsandboxed },
      ...(form.risk.trim() !== '' ? { risk: form.risk } : {}),
    },
    errors,
  };
}

/** `{ API_TOKEN: 'registry-token' }` → "API_TOKEN=registry-token" lines. */
export function showSecretEnv(value: unknown): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return '';
  return Object.entries(value as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, name]) => `${key}=${name}`)
    .join('\n');
}

/** "ENV_KEY=secret-name" lines → a mapping; a bad line or a repeated key is an error on the field. */
export function readSecretEnv(text: string, errors: FieldErrors): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const line of lines(text)) {
    const eq = line.indexOf('=');
    const key = eq === -1 ? line : line.slice(0, eq).trim();
    const name = eq === -1 ? '' : line.slice(eq + 1).trim();
    if (!isAllowedEnvKey(key))
      errors.secretEnv = `"${key}" is not an environment variable name a scope may pass (code-loading keys such as LD_PRELOAD are refused).`;
    else if (!SECRET_NAME.test(name)) errors.secretEnv = `Write "${key}=secret-name": a secret name of letters, digits, "_", "." and "-".`;
    else if (Object.hasOwn(mapping, key)) errors.secretEnv = `"${key}" is listed twice.`;
    else Object.defineProperty(mapping, key, { value: name, enumerable: true, writable: true, configurable: true });
  }
  return mapping;
}

/**
 * The form field a host validation path belongs to: `rules.deniedFlags[2]` → `deniedFlags`, `roots[0]` → `roots`.
 * The IPC door names a path inside the request (`scope.roots.0`), the core's policy check one inside the scope.
 */
export function fieldOfIssuePath(path: string): string {
  const parts = path.split(/[.[\]]+/).filter((part) => part !== '' && !/^\d+$/.test(part));
  if (parts[0] === 'scope') parts.shift();
  if (parts[0] === 'rules' && parts[1])
    return ['allowedSubcommands', 'deniedSubcommands', 'deniedFlags'].includes(parts[1]) ? parts[1] : 'rules';
  return parts[0] ?? '(root)';
}
