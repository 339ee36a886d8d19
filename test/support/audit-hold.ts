// Holds (or fails) one chosen audit append, so a test can act at an exact moment of a request's path.
import type { AuditRecord, AuditRecordInput } from '../../src/core/audit';

/** Holds the first append that `matches` until `release()` (or fails it); `reached` resolves when it is held. */
export function auditHold(matches: (input: AuditRecordInput) => boolean, mode: 'hold' | 'fail' = 'hold') {
  let armed = true;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const isReached = new Promise<void>((resolve) => (reached = resolve));
  const gate = async (input: AuditRecordInput, append: () => Promise<AuditRecord>): Promise<AuditRecord> => {
    if (armed && matches(input)) {
      armed = false;
      reached();
      if (mode === 'fail') throw new Error('disk full');
      await released;
    }
    return append();
  };
  return { gate, reached: isReached, release };
}
