/**
 * The Users treegrid's rows: one per user (UserRow from `groupProcessesByUser`), opened to its
 * processes (looked up by identity in the snapshot), sorted by the chosen column at both levels.
 * A search keeps a user whose name matches with all its processes, else the processes that match
 * (the Processes tab's search) under their user, opened. Pure.
 */
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import type { UserRow } from '../../../src-shared/users.ts';
import { collator } from '../../components/compare-values.ts';
import type { GridRow } from '../../components/grid-types.ts';
import { sortRows, type TableColumn, type TableSort } from '../../components/table-model.ts';
import { rowKey } from '../../store/view-slice.ts';
import { matchesSearch, normalizeQuery } from '../processes/search.ts';
import { usersStrings as text } from './users-strings.ts';

export type UsersRow = { kind: 'user'; user: UserRow } | { kind: 'process'; process: ProcessRow };

/** A user row's key; the Unknown row (user null) has its own, which no account name can take. */
export const userKey = (user: string | null): string => (user === null ? 'unknown' : `user:${user}`);

export const userName = (user: string | null): string => user ?? text.unknownUser;

/** Ties: users by name (Unknown last), processes by name then PID. */
function tie(a: UsersRow, b: UsersRow): number {
  if (a.kind === 'user' && b.kind === 'user') return (a.user.user === null ? 1 : 0) - (b.user.user === null ? 1 : 0) || collator.compare(userName(a.user.user), userName(b.user.user));
  if (a.kind === 'process' && b.kind === 'process') return collator.compare(a.process.name, b.process.name) || a.process.pid - b.process.pid;
  return 0;
}

export interface UserRowsInput {
  users: readonly UserRow[];
  processes: readonly ProcessRow[];
  expanded: ReadonlySet<string>;
  search: string;
  columns: readonly TableColumn<UsersRow>[];
  sort: TableSort;
}

export function buildUserRows({ users, processes, expanded, search, columns, sort }: UserRowsInput): GridRow<UsersRow>[] {
  const byIdentity = new Map<string, ProcessRow>();
  for (const p of processes) byIdentity.set(rowKey(p.pid, p.startTimeMs), p);
  const query = normalizeQuery(search);
  const rows: GridRow<UsersRow>[] = [];
  const userRows = sortRows(
    users.map((user): UsersRow => ({ kind: 'user', user })),
    columns,
    sort,
    tie,
  );
  for (const row of userRows) {
    if (row.kind !== 'user') continue;
    const members = row.user.members.map((m) => byIdentity.get(rowKey(m.pid, m.startTimeMs))).filter((p): p is ProcessRow => p !== undefined);
    const isNameMatch = query === '' || userName(row.user.user).toLowerCase().includes(query);
    const shown = isNameMatch ? members : members.filter((p) => matchesSearch(p, query));
    if (!isNameMatch && shown.length === 0) continue;
    const key = userKey(row.user.user);
    const isExpanded = shown.length > 0 && (expanded.has(key) || !isNameMatch);
    rows.push({ key, data: row, level: 1, hasChildren: shown.length > 0, isExpanded });
    if (!isExpanded) continue;
    const children = sortRows(
      shown.map((process): UsersRow => ({ kind: 'process', process })),
      columns,
      sort,
      tie,
    );
    for (const child of children) if (child.kind === 'process') rows.push({ key: rowKey(child.process.pid, child.process.startTimeMs), data: child, level: 2, hasChildren: false, isExpanded: false });
  }
  return rows;
}
