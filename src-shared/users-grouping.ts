/**
 * The Users page's rows: a snapshot's processes summed by user (users.ts `UserRow`), pure, the
 * same for main's `users` query and the page's live rows.
 *
 * - One row per distinct `ProcessRow.user`; the processes whose user is null (their owner could
 *   not be read: not elevated) form the "Unknown" row (`user: null`), listed last.
 * - A figure is the sum of the members' known values, and null only when no member has it.
 *   Disk is read + write and network received + sent, per member first (null when both are).
 * - Sessions attach to the row of their user. Process rows name users as the OS's account name
 *   (Windows: LookupAccountSid's name; Linux: /etc/passwd's name, or the uid as text when it has
 *   none); a session may say `DOMAIN\name` or differ in case on Windows, so a session that matches
 *   no row exactly matches by the account part (after the last `\`), case-insensitively.
 *   A session whose user has no visible process still gets a row (0 processes, every figure
 *   null): Task Manager lists a signed-in user even when their processes can't be read. Sessions
 *   with no user (a login screen) attach to no row.
 * - Rows are sorted by user name (case-insensitive, then exactly), the Unknown row last; members by
 *   pid; each row's sessions by id. The order depends on nothing but the inputs.
 */
import type { ProcessIdentity, ProcessRow } from './snapshot.ts';
import type { UserRow, UserSession } from './users.ts';

interface Accumulator {
  user: string | null;
  members: ProcessIdentity[];
  cpuPercent: number | null;
  memoryBytes: number | null;
  diskBytesPerSec: number | null;
  networkBytesPerSec: number | null;
  gpuPercent: number | null;
  sessions: UserSession[];
}

export function groupProcessesByUser(processes: readonly ProcessRow[], sessions: readonly UserSession[]): UserRow[] {
  const byUser = new Map<string | null, Accumulator>();
  const rowOf = (user: string | null): Accumulator => {
    let row = byUser.get(user);
    if (!row) {
      row = { user, members: [], cpuPercent: null, memoryBytes: null, diskBytesPerSec: null, networkBytesPerSec: null, gpuPercent: null, sessions: [] };
      byUser.set(user, row);
    }
    return row;
  };
  for (const member of processes) {
    const row = rowOf(member.user);
    row.members.push({ pid: member.pid, startTimeMs: member.startTimeMs });
    row.cpuPercent = addKnown(row.cpuPercent, member.cpuPercent);
    row.memoryBytes = addKnown(row.memoryBytes, member.memoryBytes);
    row.diskBytesPerSec = addKnown(row.diskBytesPerSec, addKnown(member.ioReadBytesPerSec, member.ioWriteBytesPerSec));
    row.networkBytesPerSec = addKnown(row.networkBytesPerSec, addKnown(member.netRxBytesPerSec, member.netTxBytesPerSec));
    row.gpuPercent = addKnown(row.gpuPercent, member.gpuPercent);
  }
  const named = [...byUser.keys()].filter((user) => user !== null);
  for (const session of sessions) {
    if (session.user === null) continue;
    rowOf(sessionOwner(session.user, named)).sessions.push(session);
  }
  return [...byUser.values()].sort(byUserName).map((row) => ({
    user: row.user,
    processCount: row.members.length,
    cpuPercent: row.cpuPercent,
    memoryBytes: row.memoryBytes,
    diskBytesPerSec: row.diskBytesPerSec,
    networkBytesPerSec: row.networkBytesPerSec,
    gpuPercent: row.gpuPercent,
    members: row.members.sort((a, b) => a.pid - b.pid || a.startTimeMs - b.startTimeMs),
    sessions: row.sessions.sort((a, b) => compareText(a.id, b.id)),
  }));
}

/** Null only when both are: a figure known for some members is the sum of theirs. */
function addKnown(sum: number | null, value: number | null): number | null {
  return sum === null && value === null ? null : (sum ?? 0) + (value ?? 0);
}

/** The process rows' name for a session's user: the same name, else the one with the same account part, else its own. */
function sessionOwner(user: string, named: readonly string[]): string {
  if (named.includes(user)) return user;
  const account = accountPart(user);
  return named.find((name) => accountPart(name) === account) ?? user;
}

/** `DOMAIN\name` → `name`, lower-cased (Windows' account names ignore case). */
function accountPart(user: string): string {
  return user.slice(user.lastIndexOf('\\') + 1).toLowerCase();
}

function byUserName(a: Accumulator, b: Accumulator): number {
  if (a.user === null || b.user === null) return (a.user === null ? 1 : 0) - (b.user === null ? 1 : 0);
  return compareText(a.user.toLowerCase(), b.user.toLowerCase()) || compareText(a.user, b.user);
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
