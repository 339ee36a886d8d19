import type { ValidationIssue } from './validate.js';

/**
 * Thrown by the request builders when their input breaks the contract. `issues` names each failing field.
 * @example
 * try {
 *   createClipboardWriteActionRequest({ text: 42 as never });
 * } catch (error) {
 *   if (error instanceof PrivilegedActionValidationError) console.error(error.issues[0]?.path); // 'payload.text'
 * }
 */
export class PrivilegedActionValidationError extends Error {
  readonly code: 'VALIDATION_FAILED' | 'ACTION_NOT_SUPPORTED';
  readonly issues: ValidationIssue[];
  constructor(failure: { code?: 'VALIDATION_FAILED' | 'ACTION_NOT_SUPPORTED'; error: string; issues: ValidationIssue[] }) {
    super(failure.error);
    this.name = 'PrivilegedActionValidationError';
    this.code = failure.code ?? 'VALIDATION_FAILED';
    this.issues = failure.issues;
  }
}
