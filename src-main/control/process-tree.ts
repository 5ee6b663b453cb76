/**
 * A process and its descendants from a snapshot's parent links, leaves first (the order to end
 * them in, so no child is re-parented mid-way). A child is only a child if it started no earlier
 * than its parent (a reused pid is nobody's child). Pure.
 */
import { childrenByParent } from '../../src-shared/process-links.ts';
import type { ProcessIdentity, ProcessRow } from '../../src-shared/snapshot.ts';

export function treeLeavesFirst(root: ProcessIdentity, processes: readonly ProcessRow[]): ProcessIdentity[] {
  const children = childrenByParent(processes);
  const out: ProcessIdentity[] = [];
  const seen = new Set<number>();
  const visit = (pid: number, startTimeMs: number) => {
    if (seen.has(pid)) return;
    seen.add(pid);
    for (const child of children.get(pid) ?? []) {
      if (child.startTimeMs >= startTimeMs) visit(child.pid, child.startTimeMs);
    }
    out.push({ pid, startTimeMs });
  };
  visit(root.pid, root.startTimeMs);
  return out;
}
