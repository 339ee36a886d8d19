import type { FsContentPreview } from '../../../shared/confirmation';
import { formatBytes } from '../../lib/format';
import { DiffView } from './diff-view';

/** What a write puts in a file: the diff against the old content, the new text, or its size and why nothing more. */
export function FileContentPreview({
  content,
  appending,
  name,
  folded = false,
}: {
  content: FsContentPreview;
  appending: boolean;
  name: string;
  folded?: boolean;
}) {
  switch (content.kind) {
    case 'diff':
      return (
        <div className="op-content">
          <p className="muted">
            Replaces {formatBytes(content.existingBytes)} with {formatBytes(content.bytes)}:
          </p>
          <DiffView diff={content.diff} label={`Changes to ${name}`} />
        </div>
      );
    case 'text': {
      const label = appending ? 'Adds at the end' : 'New content';
      const text = (
        <pre className="file-text" aria-label={`${appending ? 'Text added to' : 'New content of'} ${name}`} tabIndex={0}>
          {content.text === '' ? '(empty file)' : content.text}
        </pre>
      );
      return (
        <div className="op-content">
          {content.note && <p className="muted">{content.note}</p>}
          {folded ? (
            <details>
              <summary className="muted">{label}</summary>
              {text}
            </details>
          ) : (
            <>
              <p className="muted">{label}:</p>
              {text}
            </>
          )}
        </div>
      );
    }
    case 'summary':
      return <p className="op-content muted">{summaryText(content)}</p>;
  }
}

function summaryText(content: Extract<FsContentPreview, { kind: 'summary' }>): string {
  const size = formatBytes(content.bytes);
  const replaces =
    content.existingBytes === undefined
      ? ''
      : `; replaces ${content.existingBinary ? 'a binary file of ' : ''}${formatBytes(content.existingBytes)}`;
  switch (content.why) {
    case 'binary':
      return `Binary content, ${size}${replaces}. Not shown.`;
    case 'large':
      return `Too large to show: ${size}${replaces}.`;
    case 'budget':
      return `${size}; not shown (this request already shows as much content as a prompt holds).`;
  }
}
