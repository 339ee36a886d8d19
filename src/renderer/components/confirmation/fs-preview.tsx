import type { FsOperationPreview } from '../../../shared/confirmation';
import { formatBytes } from '../../lib/format';
import { FileContentPreview } from './file-content-preview';
import { groupByRoot } from './group-by-root';

/** New texts shown open in one prompt; more than this and each starts folded. */
const FOLD_AFTER = 2;

const VERBS: Record<string, string> = {
  mkdir: 'Create folder',
  writeFile: 'Write file',
  appendFile: 'Append to file',
  rename: 'Move',
  remove: 'Delete',
};

/**
 * Every filesystem operation in order, under the scope root it lands in (each root named once, the paths below
 * it relative), with its size and, for a write, what the file will hold.
 */
export function FsPreview({ operations }: { operations: FsOperationPreview[] }) {
  const groups = groupByRoot(operations);
  // A batch of many new files would bury the replaced ones: past a few, new text starts folded (diffs never do).
  const foldText = operations.filter((operation) => operation.content?.kind === 'text').length > FOLD_AFTER;
  return (
    <div className="preview-stack">
      {groups.map((group, groupIndex) => (
        <section key={groupIndex} className="op-group" aria-label={group.root ? `In ${group.root}` : 'Paths'}>
          {group.root && (
            <p className="op-root">
              In <code className="path">{group.root}</code>
            </p>
          )}
          <ol className="op-list">
            {group.items.map(({ operation, index }) => (
              <li key={index} className="op">
                <div className="op-line">
                  <span className={`op-type op-${operation.type}`}>{VERBS[operation.type] ?? operation.type}</span>
                  <code className="path" title={operation.path}>
                    {group.root && operation.relative !== undefined ? operation.relative : operation.path}
                  </code>
                  {operation.to !== undefined && (
                    <>
                      <span className="op-arrow">to</span>
                      <code className="path" title={operation.to}>
                        {destinationText(operation, group.root)}
                      </code>
                    </>
                  )}
                  {operation.bytes !== undefined && <span className="muted">{formatBytes(operation.bytes)}</span>}
                  {operation.detail && <span className="muted">{operation.detail}</span>}
                </div>
                {operation.content && (
                  <FileContentPreview
                    content={operation.content}
                    appending={operation.type === 'appendFile'}
                    name={operation.relative ?? operation.path}
                    folded={foldText}
                  />
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

/** A move within the same root shows the relative path; into another root, the full path. */
function destinationText(operation: FsOperationPreview, root: string | null): string {
  if (root && operation.toRoot === root && operation.toRelative !== undefined) return operation.toRelative;
  return operation.toRoot && operation.toRelative !== undefined
    ? `${operation.toRoot.replace(/\/$/, '')}/${operation.toRelative}`
    : (operation.to ?? '');
}
