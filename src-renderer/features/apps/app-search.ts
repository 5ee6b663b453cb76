/**
 * Search of the Apps table, with the Processes table's matcher (processes/search.ts): an app is
 * shown when its name matches (fuzzily, as a process name does), with all its processes; or when
 * some of its processes match, with just those, opened so they are seen. Pure.
 */
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import { isFuzzyMatch, matchesSearch } from '../processes/search.ts';
import type { AppGroup, AppSummary } from './app-groups.ts';

export interface AppMatch {
  app: AppSummary;
  /** The processes to list under the app: all of them, or those that matched. */
  members: readonly ProcessRow[];
  /** Matched by some of its processes, not by its name: opened to show them. */
  isByMember: boolean;
}

export interface GroupMatch {
  category: AppGroup['category'];
  apps: AppMatch[];
}

/** `query` normalised (normalizeQuery); an empty one shows everything. Groups left with no app are left out. */
export function searchApps(groups: readonly AppGroup[], query: string): GroupMatch[] {
  const out: GroupMatch[] = [];
  for (const group of groups) {
    const apps: AppMatch[] = [];
    for (const app of group.apps) {
      if (query === '' || isFuzzyMatch(app.name.toLowerCase(), query)) {
        apps.push({ app, members: app.members, isByMember: false });
        continue;
      }
      const members = app.members.filter((p) => matchesSearch(p, query));
      if (members.length > 0) apps.push({ app, members, isByMember: true });
    }
    if (apps.length > 0) out.push({ category: group.category, apps });
  }
  return out;
}
