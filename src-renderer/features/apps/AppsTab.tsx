/**
 * The Apps tab: `snapshot.apps` grouped as Task Manager does, in a treegrid named "Apps" — group
 * headers, apps with their summed figures, and an opened app's processes — with the Processes
 * tab's search box, sort by any column, and its commands from the context menu (right click, the
 * context-menu key, Shift+F10) and keys (Delete, Shift+Delete). Selection, focus and what is open
 * live in the store's view slice, so they survive switching tabs.
 */
import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ContextMenu } from '../../components/ContextMenu.tsx';
import { DataGrid } from '../../components/DataGrid.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { APP_COLUMN_IDS, type AppColumnId } from '../../store/settings.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { viewedSnapshot } from '../../store/time-travel-slice.ts';
import { strings } from '../../strings.ts';
import { appsStrings } from './apps-strings.ts';
import { ActionDialogs, ActionNotice } from '../processes/ActionViews.tsx';
import { categoryOfGroupKey, closedGroupKey } from './app-rows.ts';
import { useAppActions } from './use-app-actions.ts';
import { useAppColumns, useAppGroups, useAppRows } from './use-app-rows.ts';
import './apps.css';

const isAppColumn = (id: string): id is AppColumnId => (APP_COLUMN_IDS as readonly string[]).includes(id);

export function AppsTab() {
  const found = useAppGroups();
  const rows = useAppRows(found);
  const columns = useAppColumns();
  const view = useAppStore(
    useShallow((s) => ({
      hasSnapshot: viewedSnapshot(s) !== null,
      logicalCores: s.snapshot?.cpu.logicalCores ?? 1,
      search: s.search,
      setSearch: s.setSearch,
      selected: s.selected,
      focusedKey: s.focusedKey,
      select: s.select,
      selectAll: s.selectAll,
      setFocused: s.setFocused,
      setExpanded: s.setExpanded,
      sortAppsBy: s.sortAppsBy,
    })),
  );
  const { setExpanded } = view;

  // A group is open by default, so closing one is what the expanded set remembers.
  const onToggle = useCallback(
    (key: string, isExpanded: boolean) => {
      const category = categoryOfGroupKey(key, found.groups);
      if (category === null) setExpanded(key, isExpanded);
      else setExpanded(closedGroupKey(category), !isExpanded);
    },
    [found.groups, setExpanded],
  );
  const onActivate = useCallback(
    (key: string) => {
      const row = rows.find((r) => r.key === key);
      if (row?.hasChildren) onToggle(key, !row.isExpanded);
    },
    [rows, onToggle],
  );
  const { actions, menu, setMenu, menuItems, act } = useAppActions(rows, onToggle);
  const closeMenu = useCallback(() => setMenu(null), [setMenu]);

  return (
    <div className="tab-panel-body apps">
      <div className="toolbar" role="toolbar" aria-label={strings.tabs.apps}>
        <SearchBox label={strings.search} placeholder={strings.searchPlaceholder} value={view.search} onChange={view.setSearch} />
      </div>
      <ActionNotice actions={actions} />
      {view.hasSnapshot && rows.length === 0 ? <p className="notice">{view.search.trim() === '' ? appsStrings.appsEmpty : appsStrings.appsNoMatch}</p> : null}
      <DataGrid
        label={strings.appsTableName}
        isTree
        columns={columns}
        flexColumnId="name"
        rows={rows}
        selected={view.selected}
        focusedKey={view.focusedKey}
        onSort={(id) => isAppColumn(id) && view.sortAppsBy(id)}
        onSelect={view.select}
        onFocus={view.setFocused}
        onToggle={onToggle}
        onActivate={onActivate}
        onSelectAll={() => view.selectAll(rows.map((r) => r.key))}
        onContextMenu={(_key, x, y) => setMenu({ x, y, isPriority: false })}
        onDeleteKey={(_key, isShift) => act(isShift ? 'endTree' : 'endTask')}
      />
      {menu ? (
        <ContextMenu
          key={menu.isPriority ? 'priority' : 'main'}
          label={menu.isPriority ? strings.menu.setPriority : strings.appsTableName}
          heading={menu.isPriority ? strings.menu.setPriority : undefined}
          onBack={menu.isPriority ? () => setMenu({ ...menu, isPriority: false }) : undefined}
          x={menu.x}
          y={menu.y}
          items={menuItems()}
          onClose={closeMenu}
        />
      ) : null}
      <ActionDialogs actions={actions} logicalCores={view.logicalCores} />
    </div>
  );
}
