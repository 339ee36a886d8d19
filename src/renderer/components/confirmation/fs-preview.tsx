import type { ActionPreview } from '../../../shared/confirmation';
import { formatBytes } from '../../lib/format';

type Operation = Extract<ActionPreview, { kind: 'fs.mutate' }>['operations'][number];

const VERBS: Record<string, string> = {
  mkdir: 'Create folder',
  writeFile: 'Write file',
  appendFile: 'Append to file',
  rename: 'Move',
  remove: 'Delete',
};

/** Every filesystem operation, in order, with its paths and size. */
export function FsPreview({ operations }: { operations: Operation[] }) {
  return (
    <ol className="op-list">
      {operations.map((operation, index) => (
        <li key={index} className="op">
          <span className={`op-type op-${operation.type}`}>{VERBS[operation.type] ?? operation.type}</span>
          <code className="path">{operation.path}</code>
          {operation.to !== undefined && (
            <>
              <span className="op-arrow">to</span>
              <code className="path">{operation.to}</code>
            </>
          )}
          {operation.bytes !== undefined && <span className="muted">{formatBytes(operation.bytes)}</span>}
          {operation.detail && <span className="muted">{operation.detail}</span>}
        </li>
      ))}
    </ol>
  );
}
