import type { FsOperationPreview } from '../../../shared/confirmation';

export interface RootGroup {
  /** The scope root, or null for operations the host sent without one (an older host). */
  root: string | null;
  /** The operations under it, each with its place in the batch (the batch runs in that order). */
  items: { operation: FsOperationPreview; index: number }[];
}

/** Groups operations under their scope root, roots in order of first use, operations in batch order within each. */
export function groupByRoot(operations: FsOperationPreview[]): RootGroup[] {
  const groups: RootGroup[] = [];
  operations.forEach((operation, index) => {
    const root = operation.root ?? null;
    let group = groups.find((entry) => entry.root === root);
    if (!group) {
      group = { root, items: [] };
      groups.push(group);
    }
    group.items.push({ operation, index });
  });
  return groups;
}
