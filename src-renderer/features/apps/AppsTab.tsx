/**
 * The Apps tab: `snapshot.apps` grouped as Task Manager does, in a treegrid named "Apps" — group
 * headers, apps with their summed figures, and an opened app's processes. Selection, focus and
 * what is open live in the store's view slice, so they survive switching tabs.
 */
import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DataGrid } from '../../components/DataGrid.tsx';
import { useAppStore } from '../../store/store-context.tsx';
import { strings } from '../../strings.ts';
import { categoryOfGroupKey, closedGroupKey } from './app-rows.ts';
import { useAppColumns, useAppGroups, useAppRows } from './use-app-rows.ts';
import './apps.css';

export function AppsTab() {
  const groups = useAppGroups();
  const rows = useAppRows(groups);
  const columns = useAppColumns();
  const view = useAppStore(
    useShallow((s) => ({
      hasSnapshot: s.snapshot !== null,
      selected: s.selected,
      focusedKey: s.focusedKey,
      select: s.select,
      selectAll: s.selectAll,
      setFocused: s.setFocused,
      setExpanded: s.setExpanded,
    })),
  );
  const { setExpanded } = view;

  // A group is open by default, so closing one is what the expanded set remembers.
  const onToggle = useCallback(
    (key: string, isExpanded: boolean) => {
      const category = categoryOfGroupKey(key, groups);
      if (category === null) setExpanded(key, isExpanded);
      else setExpanded(closedGroupKey(category), !isExpanded);
    },
    [groups, setExpanded],
  );
  const onActivate = useCallback(
    (key: string) => {
      const row = rows.find((r) => r.key === key);
      if (row?.hasChildren) onToggle(key, !row.isExpanded);
    },
    [rows, onToggle],
  );

  return (
    <div className="tab-panel-body apps">
      {view.hasSnapshot && rows.length === 0 ? <p className="notice">{strings.appsEmpty}</p> : null}
      <DataGrid
        label={strings.appsTableName}
        isTree
        columns={columns}
        flexColumnId="name"
        rows={rows}
        selected={view.selected}
        focusedKey={view.focusedKey}
        onSelect={view.select}
        onFocus={view.setFocused}
        onToggle={onToggle}
        onActivate={onActivate}
        onSelectAll={() => view.selectAll(rows.map((r) => r.key))}
      />
    </div>
  );
}
