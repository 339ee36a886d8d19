import { scopeViolation } from '../action-failure';

/** setuid, setgid and sticky: bits that change who a program runs as or who may delete, never granted by a write. */
export const SPECIAL_BITS = 0o7000;
const WORLD_WRITABLE = 0o002;

export interface ModeRules {
  /** Whether the scope lets files and folders be writable by every user. */
  allowWorldWritable: boolean;
}

/** Refuses a requested mode with setuid, setgid or sticky bits, or world-writable where the scope does not allow it. */
export function checkRequestedMode(mode: number | undefined, rules: ModeRules, details: Record<string, unknown> = {}): void {
  if (mode === undefined) return;
  const octal = `0${mode.toString(8)}`;
  if ((mode & SPECIAL_BITS) !== 0) {
    throw scopeViolation('special-mode-bits', `Mode ${octal} sets setuid, setgid or sticky bits, which are never granted.`, {
      ...details,
      mode: octal,
    });
  }
  if ((mode & WORLD_WRITABLE) !== 0 && !rules.allowWorldWritable) {
    throw scopeViolation('world-writable-mode', `Mode ${octal} makes the entry writable by every user, which this scope does not allow.`, {
      ...details,
      mode: octal,
    });
  }
}

/**
 * The permission bits a written file ends with: the requested mode (already checked), else the replaced
 * file's bits, else 0o666 less the umask. Bits kept from an old file or the default lose setuid, setgid
 * and sticky, and lose world-write where the scope does not allow it.
 */
export function resultFileMode(requested: number | undefined, existing: number | undefined, rules: ModeRules): number {
  if (requested !== undefined) return requested;
  const kept = (existing ?? 0o666 & ~process.umask()) & ~SPECIAL_BITS & 0o777;
  return rules.allowWorldWritable ? kept : kept & ~WORLD_WRITABLE;
}

/** The mode a new directory is created with (mkdir applies the umask): world-write dropped unless allowed. */
export function resultDirMode(requested: number | undefined, rules: ModeRules): number {
  if (requested !== undefined) return requested;
  return rules.allowWorldWritable ? 0o777 : 0o777 & ~WORLD_WRITABLE;
}
