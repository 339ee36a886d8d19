import { fingerprintRows } from '../../lib/fingerprint';

/** A publisher key fingerprint in rows of grouped hex digits, large enough to compare group by group. */
export function Fingerprint({ value, variant = 'large' }: { value: string; variant?: 'large' | 'compact' | 'inline' }) {
  const rows = fingerprintRows(value);
  return (
    <code className={`fingerprint fingerprint-${variant}`}>
      {rows.map((row, index) => (
        // The trailing space keeps the text equal to the fingerprint for copying and for screen readers.
        <span key={index} className="fingerprint-row">
          {index < rows.length - 1 ? `${row} ` : row}
        </span>
      ))}
    </code>
  );
}
