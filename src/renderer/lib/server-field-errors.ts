// Turns the host's validation issues into errors next to the form fields they name.
import type { HostFailure } from '../host-failure';
import { readFieldIssues } from './errors';
import { fieldOfIssuePath, type FieldErrors } from './scope-forms';

/** Field errors from a failed save, plus the issues no field of the form shows. */
export function serverFieldErrors(failure: HostFailure, fields: readonly string[]): { errors: FieldErrors; unplaced: string[] } {
  const errors: FieldErrors = {};
  const unplaced: string[] = [];
  for (const issue of readFieldIssues(failure)) {
    const field = fieldOfIssuePath(issue.path);
    const text = `${issue.path}: ${issue.message}`;
    if (fields.includes(field)) errors[field] = errors[field] ? `${errors[field]}; ${text}` : text;
    else unplaced.push(text);
  }
  return { errors, unplaced };
}
