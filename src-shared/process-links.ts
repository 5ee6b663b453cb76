/**
 * Parent links of a snapshot's processes, shared by the main process (trees to end) and the
 * renderer (trees to show). Pure.
 */
import type { ProcessRow } from './snapshot.ts';

/** Rows by their parent's pid (a row that names itself as parent is left out). */
export function childrenByParent(processes: readonly ProcessRow[]): Map<number, ProcessRow[]> {
  const children = new Map<number, ProcessRow[]>();
  for (const p of processes) {
    if (p.pid === p.ppid) continue;
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  return children;
}
