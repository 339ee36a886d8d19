import { parseDiffLines } from '../../lib/diff-lines';

/** A unified diff as text; the +/- signs stay, colour only helps. */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  const lines = parseDiffLines(diff);
  if (lines.length === 0) return <p className="muted">No change.</p>;
  return (
    <pre className="diff" aria-label={label} tabIndex={0}>
      {lines.map((line, index) => (
        <span key={index} className={`diff-line diff-${line.kind}`}>
          {line.text === '' ? ' ' : line.text}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
