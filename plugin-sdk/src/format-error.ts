import type { PrivilegedActionResponse } from './envelope.js';
import { LIMITS } from './limits.js';

export interface FormatPrivilegedActionErrorOptions {
  /** First words of the first line; default "Privileged action failed". */
  context?: string;
  /** Longest text kept per detail before it is cut with a marker; default `LIMITS.formattedDetailLength`. */
  maxDetailLength?: number;
}

// Self-contained on purpose (no imports, no outer names, no local function bindings, which some
// transpilers wrap in helpers): its source text is also shipped by getInlinePrivilegedActionErrorFormatterSource().
function formatPrivilegedActionErrorStandalone(response: unknown, options?: unknown): string {
  type Bag = Record<string, unknown>;
  const opts = (typeof options === 'object' && options !== null ? options : {}) as Bag;
  const max =
    typeof opts.maxDetailLength === 'number' && Number.isFinite(opts.maxDetailLength) && opts.maxDetailLength >= 1
      ? Math.floor(opts.maxDetailLength)
      : 2000;
  const context = typeof opts.context === 'string' && opts.context.trim() !== '' ? opts.context : 'Privileged action failed';
  const r = (typeof response === 'object' && response !== null && !Array.isArray(response) ? response : {}) as Bag;
  if (r.ok === true) return '';
  // Each entry is [label, text]; every text is cleaned and bounded in one pass at the end.
  const parts: [string, string][] = [];
  if (r.ok !== false) {
    parts.push([`${context} (TRANSPORT_FAILED): `, 'The host answered with something that is not a response envelope.']);
  } else {
    const code = typeof r.code === 'string' ? r.code : 'INTERNAL_ERROR';
    parts.push([`${context} (${code}): `, typeof r.error === 'string' ? r.error : 'No error message.']);
    // Exec-like fields may sit in details, in a partial result, or in the result of a failed workflow step.
    const sources: Bag[] = [];
    const candidates: unknown[] = [r.details, r.result];
    const result = r.result as Bag | null | undefined;
    if (typeof result === 'object' && result !== null && Array.isArray(result.steps)) {
      for (const step of result.steps as unknown[]) {
        const s = step as Bag | null;
        if (typeof s === 'object' && s !== null && s.status === 'error') candidates.push(s.result);
      }
    }
    for (const candidate of candidates) {
      if (typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate)) sources.push(candidate as Bag);
    }
    const stderr = sources.find((source) => typeof source.stderr === 'string' && source.stderr.trim() !== '');
    const stdout = sources.find((source) => typeof source.stdout === 'string' && source.stdout.trim() !== '');
    if (stderr) parts.push(['stderr: ', String(stderr.stderr)]);
    else if (stdout) parts.push(['stdout: ', String(stdout.stdout)]);
    const exit = sources.find((source) => typeof source.exitCode === 'number' && Number.isInteger(source.exitCode));
    if (exit) parts.push(['exitCode: ', String(exit.exitCode)]);
    const command = sources.find((source) => typeof source.command === 'string' && source.command.trim() !== '');
    if (command) {
      const args = (Array.isArray(command.args) ? (command.args as unknown[]) : []).filter((arg): arg is string => typeof arg === 'string');
      const quoted = args.map((arg) => (arg === '' || /[\s"'\\$`]/.test(arg) ? JSON.stringify(arg) : arg));
      parts.push(['command: ', [String(command.command), ...quoted].join(' ')]);
    }
    const cwd = sources.find((source) => typeof source.cwd === 'string' && source.cwd.trim() !== '');
    if (cwd) parts.push(['cwd: ', String(cwd.cwd)]);
    parts.push(['Correlation ID: ', typeof r.correlationId === 'string' && r.correlationId !== '' ? r.correlationId : 'unknown']);
  }
  return parts
    .map(([label, text]) => {
      const clean = text
        .replace(/\r\n?/g, '\n')
        // eslint-disable-next-line no-control-regex -- removing control characters is the point
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
        .trimEnd();
      return label + (clean.length > max ? `${clean.slice(0, max)}… [truncated ${clean.length - max} characters]` : clean);
    })
    .join('\n');
}

/**
 * Turns an error envelope into text for a plugin's UI: `<context> (<code>): <error>`, then `stderr:` or
 * `stdout:`, `exitCode:`, `command:` and `cwd:` lines when the response carries them, and last
 * `Correlation ID: <id>`. Each detail is cut at `LIMITS.formattedDetailLength` characters with a marker.
 * A success envelope gives ''.
 * @example
 * const response = await requestScopedProcessExec('git-write', { command: '/usr/bin/git', args: ['pull'] });
 * if (!response.ok) output.textContent = formatPrivilegedActionError(response, { context: 'git pull failed' });
 */
export function formatPrivilegedActionError(
  response: PrivilegedActionResponse<unknown>,
  options: FormatPrivilegedActionErrorOptions = {},
): string {
  const opts: FormatPrivilegedActionErrorOptions = typeof options === 'object' && options !== null ? options : {};
  return formatPrivilegedActionErrorStandalone(response, {
    ...opts,
    maxDetailLength: opts.maxDetailLength ?? LIMITS.formattedDetailLength,
  });
}

/**
 * Source text of a function expression `(response, options?) => string` that gives exactly what
 * `formatPrivilegedActionError` gives, for a page that cannot import modules. It has no imports or free names.
 * @example
 * const format = new Function(`return ${getInlinePrivilegedActionErrorFormatterSource()}`)();
 * format({ ok: false, correlationId: 'pa-1', code: 'CANCELLED', error: 'Declined.' });
 */
export function getInlinePrivilegedActionErrorFormatterSource(): string {
  return `(${formatPrivilegedActionErrorStandalone.toString()})`;
}
