/** Stable codes of `scaffoldPlugin` (and `gatehouse-plugin init`) failures. */
export type ScaffoldErrorCode = 'scaffold-target-not-empty' | 'scaffold-target-not-folder' | 'scaffold-invalid-option';

/** Why a plugin could not be scaffolded; nothing was written when this is thrown before the first file. */
export class ScaffoldError extends Error {
  readonly code: ScaffoldErrorCode;
  constructor(code: ScaffoldErrorCode, message: string) {
    super(message);
    this.name = 'ScaffoldError';
    this.code = code;
  }
}

export function isScaffoldError(error: unknown): error is ScaffoldError {
  return error instanceof ScaffoldError;
}
