/**
 * The Apps tab's model: `snapshot.apps` grouped as Task Manager does (Apps, Background processes,
 * System processes), each app with its figures summed over its members (DESIGN.md "Apps": "A
 * figure of an app is the sum of its members'"). Pure; O(processes + members) with one Map.
 *
 * - A member is found by its identity (pid, start time): a member whose identity is not among the
 *   processes (it exited, or its pid was reused) is skipped, and an app with no live member is left
 *   out (there is nothing to show or expand).
 * - A sum over members whose figures are all unknown (null) is unknown, shown as "—", never 0.
 * - Apps and members keep the snapshot's order: app-sort.ts orders them by the user's column.
 */
import type { AppCategory, ProcessRow, Snapshot } from '../../../src-shared/snapshot.ts';
import { APP_CATEGORIES } from '../../../src-shared/enums.ts';
import { rowKey } from '../../store/view-slice.ts';
import { diskRate } from '../processes/columns.ts';

/** The figures the Apps table shows, for an app (sums) or one of its processes. */
export interface AppFigures {
  /** Share of the whole machine, 0–100. */
  cpuPercent: number | null;
  memoryBytes: number | null;
  /** Read + write, bytes per second. */
  diskBytesPerSec: number | null;
  /** Sum of the members' GPU engine utilisation, 0–100 each. */
  gpuPercent: number | null;
}

export interface AppSummary extends AppFigures {
  id: string;
  name: string;
  category: AppCategory;
  /** Windows: false when one of its windows is hung ("Not responding"); null where unknown (Linux, background). */
  isResponding: boolean | null;
  /** The members found among the processes. Never empty. */
  members: ProcessRow[];
}

export interface AppGroup {
  category: AppCategory;
  /** Never empty: a group with no apps is left out. */
  apps: AppSummary[];
}

/** Adds two figures where either may be unknown: unknown only when both are. */
export function addFigure(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : a + b;
}

/** A process's own figures, in the Apps table's terms. */
export function processFigures(row: ProcessRow): AppFigures {
  return { cpuPercent: row.cpuPercent, memoryBytes: row.memoryBytes, diskBytesPerSec: diskRate(row), gpuPercent: row.gpuPercent };
}

export function groupApps(snapshot: Pick<Snapshot, 'processes' | 'apps'>): AppGroup[] {
  const byIdentity = new Map<string, ProcessRow>();
  for (const p of snapshot.processes) byIdentity.set(rowKey(p.pid, p.startTimeMs), p);

  const appsOf = new Map<AppCategory, AppSummary[]>(APP_CATEGORIES.map((c) => [c, []]));
  for (const app of snapshot.apps) {
    const summary: AppSummary = {
      id: app.id,
      name: app.name,
      category: app.category,
      isResponding: app.isResponding,
      members: [],
      cpuPercent: null,
      memoryBytes: null,
      diskBytesPerSec: null,
      gpuPercent: null,
    };
    const seen = new Set<string>();
    for (const member of app.members) {
      const key = rowKey(member.pid, member.startTimeMs);
      const row = byIdentity.get(key);
      if (!row || seen.has(key)) continue; // gone, pid reused, or listed twice
      seen.add(key);
      summary.members.push(row);
      summary.cpuPercent = addFigure(summary.cpuPercent, row.cpuPercent);
      summary.memoryBytes = addFigure(summary.memoryBytes, row.memoryBytes);
      summary.diskBytesPerSec = addFigure(summary.diskBytesPerSec, diskRate(row));
      summary.gpuPercent = addFigure(summary.gpuPercent, row.gpuPercent);
    }
    if (summary.members.length === 0) continue;
    appsOf.get(app.category)?.push(summary);
  }

  const groups: AppGroup[] = [];
  for (const category of APP_CATEGORIES) {
    const apps = appsOf.get(category) ?? [];
    if (apps.length > 0) groups.push({ category, apps });
  }
  return groups;
}
