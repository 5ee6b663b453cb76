/**
 * `GET /api/process/:pid/info`: a row with its chain of parents up to the root and its children.
 * Pure, from one snapshot. A parent is only a parent if it started before the child (a reused pid
 * is not anyone's parent).
 */
import type { ProcessRow, Snapshot } from '../../src-shared/snapshot.ts';

export interface ProcessInfo {
  process: ProcessRow;
  /** Nearest first, up to pid 1 (or the first ancestor the snapshot does not have). */
  parents: ProcessRow[];
  children: ProcessRow[];
}

export function processInfo(snapshot: Snapshot, pid: number): ProcessInfo | null {
  const byPid = new Map(snapshot.processes.map((p) => [p.pid, p]));
  const row = byPid.get(pid);
  if (!row) return null;
  const parents: ProcessRow[] = [];
  const seen = new Set([row.pid]);
  let current = row;
  for (;;) {
    const parent = byPid.get(current.ppid);
    if (!parent || seen.has(parent.pid) || parent.startTimeMs > current.startTimeMs) break;
    parents.push(parent);
    seen.add(parent.pid);
    current = parent;
  }
  const children = snapshot.processes.filter((p) => p.ppid === pid && p.pid !== pid && p.startTimeMs >= row.startTimeMs);
  return { process: row, parents, children };
}
