/**
 * "Open details" from the Apps table: the Processes tab with the chosen processes selected and the
 * main one focused and in view. For an app that is its oldest process (the one its name comes
 * from). A search that would hide it is cleared; in the tree view, its ancestors are opened. Pure:
 * the tab applies the plan to the store.
 */
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import type { ViewMode } from '../../store/settings.ts';
import { rowKey, type RowKey } from '../../store/view-slice.ts';
import { matchesSearch, normalizeQuery } from '../processes/search.ts';
import type { AppsTargets } from './app-targets.ts';

export interface DetailsPlan {
  selected: RowKey[];
  focused: RowKey;
  /** The search would hide the focused process. */
  isSearchCleared: boolean;
  /** Tree view: the focused process's ancestors, to open. */
  expand: RowKey[];
}

const oldest = (processes: readonly ProcessRow[]): ProcessRow | undefined =>
  processes.reduce<ProcessRow | undefined>((best, p) => (!best || p.startTimeMs < best.startTimeMs || (p.startTimeMs === best.startTimeMs && p.pid < best.pid) ? p : best), undefined);

export function openDetailsPlan(targets: AppsTargets, processes: readonly ProcessRow[], search: string, viewMode: ViewMode): DetailsPlan | null {
  const main = targets.apps.length > 0 ? oldest(targets.apps[0]?.members ?? []) : targets.processes[0];
  if (!main) return null;
  const query = normalizeQuery(search);
  const expand: RowKey[] = [];
  if (viewMode === 'tree') {
    const byPid = new Map(processes.map((p) => [p.pid, p]));
    const seen = new Set<number>([main.pid]);
    let node = main;
    let parent = byPid.get(node.ppid);
    while (parent && !seen.has(parent.pid) && parent.startTimeMs <= node.startTimeMs) {
      seen.add(parent.pid);
      expand.push(rowKey(parent.pid, parent.startTimeMs));
      node = parent;
      parent = byPid.get(node.ppid);
    }
  }
  return {
    selected: targets.all.map((p) => rowKey(p.pid, p.startTimeMs)),
    focused: rowKey(main.pid, main.startTimeMs),
    isSearchCleared: query !== '' && !matchesSearch(main, query),
    expand,
  };
}
