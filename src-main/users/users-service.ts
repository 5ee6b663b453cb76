/**
 * The `users` query: the latest snapshot's processes summed by user (src-shared/users-grouping.ts,
 * the page's own function) with the login sessions of the sessions platform. COLLECTOR_DOWN before
 * the first snapshot: sums of nothing would read as users using nothing.
 */
import { failure } from '../../src-shared/results.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { groupProcessesByUser } from '../../src-shared/users-grouping.ts';
import type { UsersView } from '../../src-shared/users.ts';
import type { ViewSource } from '../core/query-service.ts';
import type { SessionsPlatform } from './sessions-platform.ts';

export interface UsersServiceDeps {
  /** Read on each query: pass a cached one (cached-sessions.ts) where reading is costly. */
  sessions: SessionsPlatform;
  latest(): Snapshot | null;
}

export function createUsersService(deps: UsersServiceDeps): ViewSource<UsersView> {
  return {
    view: async () => {
      const snapshot = deps.latest();
      if (!snapshot) return failure('COLLECTOR_DOWN', 'the collector is not running; the users’ figures will be back when it restarts');
      const listing = await deps.sessions.list();
      return { ok: true, value: usersView(snapshot, listing.sessions, listing.unavailableReason) };
    },
  };
}

/** The view of one snapshot and the sessions as read. Pure. */
export function usersView(snapshot: Snapshot, sessions: UsersView['sessions'], sessionsUnavailableReason: string | null): UsersView {
  return {
    takenAtMs: snapshot.takenAtMs,
    users: groupProcessesByUser(snapshot.processes, sessions),
    sessions,
    sessionsUnavailableReason,
  };
}
