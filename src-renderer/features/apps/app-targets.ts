/**
 * What a command from the Apps table acts on: the chosen rows (the selection still on screen, or
 * else the focused row) as whole apps and single processes. Pure.
 *
 * - An app row is the whole app (End task ends it with one `killApp`); a process row under it is
 *   that process, unless its app is chosen too. A group header is nothing to act on.
 * - `all` is every process once, for Suspend, Resume, priority and efficiency mode; `roots` are
 *   those of them whose parent is not among them, for End process tree (ending a child's tree
 *   after its parent's would only fail: it is gone).
 */
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import type { GridRow } from '../../components/grid-types.ts';
import { rowKey } from '../../store/view-slice.ts';
import type { AppSummary } from './app-groups.ts';
import type { AppsRow } from './app-rows.ts';

export interface AppsTargets {
  apps: AppSummary[];
  /** Processes chosen on their own (their app is not chosen). */
  processes: ProcessRow[];
  /** Every process of either, once, apps' members first. */
  all: ProcessRow[];
  /** The ones of `all` whose parent is not in `all`. */
  roots: ProcessRow[];
}

const identity = (p: ProcessRow) => rowKey(p.pid, p.startTimeMs);

export function appsTargets(rows: readonly GridRow<AppsRow>[], selected: ReadonlySet<string>, focusedKey: string | null): AppsTargets {
  let chosen = rows.filter((r) => selected.has(r.key));
  if (chosen.length === 0) chosen = rows.filter((r) => r.key === focusedKey);
  const apps: AppSummary[] = [];
  const loose: ProcessRow[] = [];
  for (const row of chosen) {
    if (row.data.kind === 'app') apps.push(row.data.app);
    else if (row.data.kind === 'member') loose.push(row.data.process);
  }
  const seen = new Set<string>();
  const all: ProcessRow[] = [];
  for (const p of apps.flatMap((a) => a.members)) {
    if (!seen.has(identity(p))) all.push(p);
    seen.add(identity(p));
  }
  const processes: ProcessRow[] = [];
  for (const p of loose) {
    if (seen.has(identity(p))) continue;
    seen.add(identity(p));
    processes.push(p);
    all.push(p);
  }
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const roots = all.filter((p) => {
    const parent = byPid.get(p.ppid);
    return !parent || parent.pid === p.pid || parent.startTimeMs > p.startTimeMs;
  });
  // Processes that started in one clock tick can name each other as parent: then none is a root.
  return { apps, processes, all, roots: roots.length > 0 || all.length === 0 ? roots : all };
}

/** Nothing to act on: only group headers chosen, or nothing. */
export const isEmpty = (targets: AppsTargets) => targets.all.length === 0;
