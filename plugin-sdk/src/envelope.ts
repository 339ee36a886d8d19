import * as z from 'zod/mini';
import { isPrivilegedActionErrorCode, type PrivilegedActionErrorCode } from './error-codes.js';

export interface PrivilegedActionSuccessResponse<T = unknown> {
  ok: true;
  correlationId: string;
  result: T;
}

export interface PrivilegedActionErrorResponse<T = unknown> {
  ok: false;
  correlationId: string;
  code: PrivilegedActionErrorCode;
  error: string;
  details?: Record<string, unknown>;
  /** A partial result, where one exists (a failed process's output, a partial workflow). */
  result?: T;
}

export type PrivilegedActionResponse<T = unknown> = PrivilegedActionSuccessResponse<T> | PrivilegedActionErrorResponse<T>;

/** Loose structural schema of an envelope, for code that receives one from outside (transport, IPC). */
export const privilegedActionResponseSchema = z.union([
  z.object({ ok: z.literal(true), correlationId: z.string(), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    correlationId: z.string(),
    // Typed as the code union the refinement guarantees (zod/mini's refine does not narrow a type guard).
    code: z.string().check(z.refine(isPrivilegedActionErrorCode, 'must be an exported error code')) as z.ZodMiniType<
      PrivilegedActionErrorCode,
      string
    >,
    error: z.string(),
    details: z.optional(z.record(z.string(), z.unknown())),
    result: z.optional(z.unknown()),
  }),
]);

/**
 * True for `{ ok: true, correlationId, result }`.
 * @example if (isPrivilegedActionSuccessResponse(response)) show(response.result);
 */
export function isPrivilegedActionSuccessResponse<T>(response: unknown): response is PrivilegedActionSuccessResponse<T> {
  return isRecord(response) && response.ok === true && typeof response.correlationId === 'string' && 'result' in response;
}

/**
 * True for `{ ok: false, correlationId, code, error, ... }` with an exported code.
 * @example if (isPrivilegedActionErrorResponse(response) && response.code === 'CANCELLED') return;
 */
export function isPrivilegedActionErrorResponse<T>(response: unknown): response is PrivilegedActionErrorResponse<T> {
  return (
    isRecord(response) &&
    response.ok === false &&
    typeof response.correlationId === 'string' &&
    isPrivilegedActionErrorCode(response.code) &&
    typeof response.error === 'string'
  );
}

/**
 * Thrown by `unwrapPrivilegedActionResponse` for an error envelope; carries the envelope.
 * @example
 * try { unwrapPrivilegedActionResponse(response); } catch (e) { if (e instanceof PrivilegedActionError) console.log(e.code); }
 */
export class PrivilegedActionError extends Error {
  readonly code: PrivilegedActionErrorCode;
  readonly correlationId: string;
  readonly details: Record<string, unknown> | undefined;
  readonly response: PrivilegedActionErrorResponse;
  constructor(response: PrivilegedActionErrorResponse) {
    super(response.error);
    this.name = 'PrivilegedActionError';
    this.code = response.code;
    this.correlationId = response.correlationId;
    this.details = response.details;
    this.response = response;
  }
}

/**
 * Returns the result of a success envelope, or throws a `PrivilegedActionError` for an error envelope.
 * @example const { stdout } = unwrapPrivilegedActionResponse(await requestPrivilegedAction(request));
 */
export function unwrapPrivilegedActionResponse<T>(response: PrivilegedActionResponse<T>): T {
  if (isPrivilegedActionSuccessResponse<T>(response)) return response.result;
  if (isPrivilegedActionErrorResponse<T>(response)) throw new PrivilegedActionError(response);
  throw new PrivilegedActionError({
    ok: false,
    correlationId: 'unknown',
    code: 'TRANSPORT_FAILED',
    error: 'The host answered with something that is not a response envelope.',
  });
}

/**
 * Builds an error envelope.
 * @example createPrivilegedActionErrorResponse('pa-1234abcd', 'CANCELLED', 'The user declined.')
 */
export function createPrivilegedActionErrorResponse<T = never>(
  correlationId: string,
  code: PrivilegedActionErrorCode,
  error: string,
  details?: Record<string, unknown>,
  result?: T,
): PrivilegedActionErrorResponse<T> {
  const response: PrivilegedActionErrorResponse<T> = { ok: false, correlationId, code, error };
  if (details !== undefined) response.details = details;
  if (result !== undefined) response.result = result;
  return response;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
