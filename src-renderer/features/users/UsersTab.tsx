/**
 * The Users tab: one row per user with the sums of their processes, live from each snapshot
 * (`groupProcessesByUser`, the same grouping as main's `users` query), opened to the processes (a
 * treegrid, keys as the Processes tree: Left/Right, Enter); an "Unknown" row for processes whose
 * owner this app may not read. The sessions come from the `users` query (read when the tab opens,
 * every few seconds while it is shown): their states in Status, the focused user's sessions under
 * the table. Go to details (the context menu) selects a user's or a process's rows in Processes.
 */
import { useCallback, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import { groupProcessesByUser } from '../../../src-shared/users-grouping.ts';
import { ContextMenu, type MenuItem } from '../../components/ContextMenu.tsx';
import { DataGrid } from '../../components/DataGrid.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { gridColumns, nextSort, type TableSort } from '../../components/table-model.ts';
import { useLocalSelection } from '../../components/use-local-selection.ts';
import { NoticeView } from '../../components/NoticeView.tsx';
import { useAppStore, useStoreApi } from '../../store/store-context.tsx';
import { useRefreshedQuery } from '../../store/use-refreshed-query.ts';
import { rowKey } from '../../store/view-slice.ts';
import { strings } from '../../strings.ts';
import { showProcesses } from '../alerts/show-processes.ts';
import { userColumns } from './user-columns.ts';
import { buildUserRows, type UsersRow } from './user-rows.ts';
import { UserSessions } from './UserSessions.tsx';
import { usersStrings as text } from './users-strings.ts';

const QUERY = { kind: 'users' } as const;

export function UsersTab() {
  const storeApi = useStoreApi();
  const { processes, cpuMode, logicalCores } = useAppStore(
    useShallow((s) => ({ processes: s.snapshot?.processes, cpuMode: s.cpuMode, logicalCores: s.snapshot?.cpu.logicalCores ?? 1 })),
  );
  const { answer } = useRefreshedQuery(QUERY);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<TableSort>({ column: 'cpu', direction: 'descending' });
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const selection = useLocalSelection();
  const sessions = answer?.ok ? answer.value.sessions : null;
  const users = useMemo(() => groupProcessesByUser(processes ?? [], sessions ?? []), [processes, sessions]);
  const tableColumns = useMemo(() => userColumns({ cpuMode, logicalCores }), [cpuMode, logicalCores]);
  const columns = useMemo(() => gridColumns(tableColumns, sort), [tableColumns, sort]);
  const rows = useMemo(() => buildUserRows({ users, processes: processes ?? [], expanded, search, columns: tableColumns, sort }), [users, processes, expanded, search, tableColumns, sort]);
  const focused = rows.find((r) => r.key === selection.focusedKey) ?? null;
  const focusedUser = focused?.data.kind === 'user' ? focused.data.user : null;
  const closeMenu = useCallback(() => setMenu(null), []);

  const onToggle = useCallback((key: string, isOpen: boolean) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (isOpen) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);

  const goToDetails = (row: UsersRow) => {
    const byKey = new Map((storeApi.getState().snapshot?.processes ?? []).map((p) => [rowKey(p.pid, p.startTimeMs), p]));
    const identities = row.kind === 'user' ? row.user.members : [row.process];
    const running = identities.map((m) => byKey.get(rowKey(m.pid, m.startTimeMs))).filter((p): p is ProcessRow => p !== undefined);
    setNotice(showProcesses(storeApi, running) ? null : text.noProcesses);
  };

  const menuItems = (): MenuItem[] => {
    if (!focused) return [];
    const toggle: MenuItem[] = focused.hasChildren
      ? [{ id: 'users-toggle', label: focused.isExpanded ? text.collapse : text.expand, onSelect: () => onToggle(focused.key, !focused.isExpanded) }]
      : [];
    return [...toggle, { id: 'users-details', label: text.goToDetails, onSelect: () => goToDetails(focused.data) }];
  };

  const sessionsNote = answer === null ? null : !answer.ok ? answer.message : answer.value.sessionsUnavailableReason;
  const emptyMessage = processes === undefined ? strings.loading : search.trim() === '' ? text.empty : text.noMatch;
  return (
    <div className="tab-panel-body users">
      <div className="toolbar" role="toolbar" aria-label={text.toolbar}>
        <SearchBox label={strings.search} placeholder={text.searchPlaceholder} value={search} onChange={setSearch} />
      </div>
      {sessionsNote ? <p className="notice">{sessionsNote}</p> : null}
      {notice ? <NoticeView text={notice} onDismiss={() => setNotice(null)} /> : null}
      <DataGrid
        label={text.tableName}
        isTree
        columns={columns}
        flexColumnId="user"
        rows={rows}
        selected={selection.selected}
        focusedKey={selection.focusedKey}
        onSort={(id) => setSort((s) => nextSort(s, id, tableColumns))}
        onSelect={selection.onSelect}
        onFocus={selection.setFocusedKey}
        onSelectAll={() => selection.selectAll(rows.map((r) => r.key))}
        onToggle={onToggle}
        onActivate={(key) => {
          const row = rows.find((r) => r.key === key);
          if (row?.hasChildren) onToggle(key, !row.isExpanded);
        }}
        onContextMenu={(_key, x, y) => setMenu({ x, y })}
        emptyMessage={emptyMessage}
      />
      {focusedUser ? <UserSessions user={focusedUser} /> : null}
      {menu && focused ? <ContextMenu label={text.tableName} x={menu.x} y={menu.y} items={menuItems()} onClose={closeMenu} /> : null}
    </div>
  );
}
