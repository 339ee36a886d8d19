// Errors as the UI shows them: envelopes through the SDK's formatter, host failures with their code.
import { formatPrivilegedActionError, isPrivilegedActionErrorCode } from '@gatehouse/plugin-sdk';
import type { HostFailure } from '../host-failure';

/** `<context> (<code>): <error>` for a failed host call; privileged-action codes go through the SDK formatter. */
export function formatHostFailure(failure: HostFailure, context: string): string {
  if (isPrivilegedActionErrorCode(failure.code)) {
    const text = formatPrivilegedActionError(
      {
        ok: false,
        correlationId: 'host',
        code: failure.code,
        error: failure.error,
        ...(failure.details ? { details: failure.details } : {}),
      },
      { context },
    );
    // The last line names a correlation id, which a host call does not have.
    return text.split('\n').slice(0, -1).join('\n');
  }
  return `${context} (${failure.code}): ${failure.error}`;
}

/** One `{ path, message }` validation issue, as the host sends in `details.issues`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The validation issues of a failure, if it carries any. */
export function readFieldIssues(failure: HostFailure | null): FieldIssue[] {
  const issues = failure?.details?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: unknown) => {
    if (typeof issue !== 'object' || issue === null) return [];
    const { path, message } = issue as { path?: unknown; message?: unknown };
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}
