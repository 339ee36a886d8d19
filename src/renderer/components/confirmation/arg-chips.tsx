/** Each argument as its own chip, so spaces and empty arguments are visible exactly. */
export function ArgChips({ args }: { args: string[] }) {
  if (args.length === 0) return <span className="muted">no arguments</span>;
  return (
    <ol className="arg-chips" aria-label="Arguments">
      {args.map((arg, index) => (
        <li key={index}>
          <code className={`chip${arg === '' ? ' chip-empty' : ''}`}>{arg === '' ? '(empty)' : arg}</code>
        </li>
      ))}
    </ol>
  );
}
