/**
 * The Apps table's rows, in order: a header per group (level 1), its apps (level 2) and, under an
 * app of several processes that the user opened, its processes (level 3). An app of one process
 * is that process: it has no expander. Pure.
 *
 * Keys are prefixed so they never clash with the Processes table's `pid:startTime` keys in the
 * shared view slice. Groups are open unless the user closed them, so for a group the expanded set
 * holds `closedGroupKey(category)` (the user's action), not the group's own key. While searching,
 * every group is open and an app found by its processes is opened on them.
 */
import type { AppCategory, ProcessRow } from '../../../src-shared/snapshot.ts';
import type { GridRow } from '../../components/grid-types.ts';
import { rowKey } from '../../store/view-slice.ts';
import type { AppSummary } from './app-groups.ts';
import type { GroupMatch } from './app-search.ts';

export type AppsRow =
  | { kind: 'group'; category: AppCategory; appCount: number }
  | { kind: 'app'; app: AppSummary }
  | { kind: 'member'; process: ProcessRow };

export const groupKey = (category: AppCategory) => `group:${category}`;
export const closedGroupKey = (category: AppCategory) => `group-closed:${category}`;
export const appKey = (id: string) => `app:${id}`;
export const memberKey = (appId: string, process: ProcessRow) => `${appKey(appId)}/${rowKey(process.pid, process.startTimeMs)}`;

/** The category of a group row's key, or null for any other key. */
export function categoryOfGroupKey(key: string, groups: readonly { category: AppCategory }[]): AppCategory | null {
  return groups.find((g) => groupKey(g.category) === key)?.category ?? null;
}

/** `isSearching`: a search is on (every group shown open). */
export function buildAppRows(groups: readonly GroupMatch[], expanded: ReadonlySet<string>, isSearching = false): GridRow<AppsRow>[] {
  const rows: GridRow<AppsRow>[] = [];
  for (const group of groups) {
    const isGroupOpen = isSearching || !expanded.has(closedGroupKey(group.category));
    rows.push({
      key: groupKey(group.category),
      data: { kind: 'group', category: group.category, appCount: group.apps.length },
      level: 1,
      hasChildren: true,
      isExpanded: isGroupOpen,
    });
    if (!isGroupOpen) continue;
    for (const { app, members, isByMember } of group.apps) {
      const key = appKey(app.id);
      const hasChildren = app.members.length > 1;
      const isOpen = hasChildren && (isByMember || expanded.has(key));
      rows.push({ key, data: { kind: 'app', app }, level: 2, hasChildren, isExpanded: isOpen });
      if (!isOpen) continue;
      for (const process of members) {
        rows.push({ key: memberKey(app.id, process), data: { kind: 'member', process }, level: 3, hasChildren: false, isExpanded: false });
      }
    }
  }
  return rows;
}
