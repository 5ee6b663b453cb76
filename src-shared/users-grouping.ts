/**
 * The Users page's rows: a snapshot's processes summed by user (users.ts `UserRow`), pure, the
 * same for main's `users` query and the page's live rows. STUB until implemented.
 */
import type { ProcessRow } from './snapshot.ts';
import type { UserRow, UserSession } from './users.ts';

export function groupProcessesByUser(processes: readonly ProcessRow[], sessions: readonly UserSession[]): UserRow[] {
  void processes;
  void sessions;
  return [];
}
