/**
 * The Processes tab: toolbar, the process table, the details of the focused process, and the
 * context menu and keys that send commands (errors are shown in plain words). Enter on a row opens
 * or closes it in the tree (as Task Manager's groups), else moves to its details; Escape there goes
 * back to the table.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import { PRIORITIES } from '../../../src-shared/enums.ts';
import { ContextMenu, type MenuItem } from '../../components/ContextMenu.tsx';
import { DataGrid } from '../../components/DataGrid.tsx';
import { useAppStore, useStoreApi } from '../../store/store-context.tsx';
import { isInPast } from '../../store/time-travel-slice.ts';
import { COLUMN_IDS } from '../../store/settings.ts';
import { strings } from '../../strings.ts';
import { ActionDialogs, ActionNotice } from './ActionViews.tsx';
import { DetailsPanel } from './DetailsPanel.tsx';
import { isWindowsToolsOffered, type ProcessAction } from './process-commands.ts';
import { pastMenuItems } from './past-actions.ts';
import { processMenuItems } from './process-menu.ts';
import { useProcessActions } from './use-process-actions.ts';
import { DETAILS_TOGGLE_ID, PROCESS_GRID_ID, ProcessToolbar } from './ProcessToolbar.tsx';
import { useDetailsPanel } from './use-details-panel.ts';
import { useOrderFreeze } from './use-order-freeze.ts';
import { useProcessColumns, useProcessRows } from './use-process-rows.ts';

export function ProcessesTab() {
  const { rows, matchCount } = useProcessRows();
  const store = useStoreApi();
  const snapshot = useAppStore((s) => s.snapshot);
  // The desktop shell says which OS it runs on; a browser view of the host does not know (null).
  const platform = useAppStore((s) => s.shell?.platform ?? null);
  const actions = useProcessActions(snapshot);
  const isPast = useAppStore(isInPast);
  const columns = useProcessColumns();
  const mainRef = useRef<HTMLDivElement>(null);
  const details = useDetailsPanel(mainRef);
  const view = useAppStore(
    useShallow((s) => ({
      viewMode: s.viewMode,
      selected: s.selected,
      focusedKey: s.focusedKey,
      select: s.select,
      selectAll: s.selectAll,
      setFocused: s.setFocused,
      setExpanded: s.setProcessExpanded,
      sortBy: s.sortBy,
      setColumnWidth: s.setColumnWidth,
      search: s.search,
      setSearch: s.setSearch,
      keepSelectionInView: s.keepSelectionInView,
      setMatchCount: s.setProcessMatchCount,
    })),
  );
  const [menu, setMenu] = useState<{ x: number; y: number; isPriority: boolean } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const detailsRef = useRef<HTMLElement>(null);
  const { setMatchCount } = view;
  useEffect(() => setMatchCount(matchCount), [matchCount, setMatchCount]);
  useEffect(() => () => setMatchCount(null), [setMatchCount]);
  const onPointerInside = useOrderFreeze(
    menu !== null ||
      actions.confirm !== null ||
      actions.priorityConfirm !== null ||
      actions.affinityRow !== null ||
      actions.dumpRow !== null ||
      actions.isRunTaskOpen,
  );
  const focusedRow = useMemo(
    () => (view.focusedKey === null ? null : (rows.find((r) => r.key === view.focusedKey)?.data ?? null)),
    [rows, view.focusedKey],
  );

  /** The selected rows still on screen (or the focused one): looked up when a command is sent. */
  const targets = (): ProcessRow[] => {
    const chosen = rows.filter((r) => view.selected.has(r.key)).map((r) => r.data);
    return chosen.length > 0 ? chosen : focusedRow ? [focusedRow] : [];
  };
  // In the past nothing acts on a process (the Delete key included): it may be gone, its pid reused.
  const act = (action: ProcessAction | 'affinity' | 'dump') => (isPast ? undefined : actions.request(action, targets()));

  const closeMenu = useCallback(() => setMenu(null), []);
  const activate = (key: string) => {
    const row = rows.find((r) => r.key === key);
    if (!row) return;
    const { name, pid } = row.data;
    if (view.viewMode === 'tree' && row.hasChildren) {
      view.setExpanded(key, !row.isExpanded);
      setAnnouncement(strings.announceExpanded(name, pid, !row.isExpanded));
    } else {
      // A closed panel opens for it (and takes the focus once it is there).
      if (!details.isShown) details.toggle();
      requestAnimationFrame(() => detailsRef.current?.focus());
      setAnnouncement(strings.announceDetails(name, pid));
    }
  };
  const focusGrid = () => document.getElementById(PROCESS_GRID_ID)?.focus();
  const clearSearch = () => {
    view.setSearch('');
    focusGrid();
  };
  const onMainKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !(event.target instanceof Node) || !detailsRef.current?.contains(event.target)) return;
    // Taken here: the Escape that leaves the details is not also the one that leaves the past (TimeTravelBanner).
    event.preventDefault();
    focusGrid();
  };
  const menuItems: MenuItem[] = pastMenuItems(menu?.isPriority
    ? PRIORITIES.map((priority) => ({
        id: `priority-${priority}`,
        label: strings.priorities[priority],
        isChecked: focusedRow?.priority === priority,
        onSelect: () => act({ priority }),
      }))
    : processMenuItems(focusedRow, platform, (choice) => (choice === 'priorityMenu' ? menu && setMenu({ ...menu, isPriority: true }) : act(choice))), isPast);

  return (
    <div className="tab-panel-body processes">
      <ProcessToolbar
        onRunTask={isWindowsToolsOffered(platform) ? actions.openRunTask : undefined}
        isDetailsShown={details.isShown}
        onToggleDetails={details.toggle}
        onExport={(format) => {
          // The export code loads when first used (it is not needed for the first rows). In the
          // past the rows are that moment's, and the file is named by it, not by the live tick.
          const shown = rows.map((r) => r.data);
          const takenAtMs = store.getState().travel?.takenAtMs ?? store.getState().viewAtMs ?? snapshot?.takenAtMs ?? Date.now();
          void import('./export-processes.ts').then(({ downloadFile, processesExport }) => downloadFile(processesExport(shown, format, takenAtMs)));
        }}
      />
      <ActionNotice actions={actions} />
      <div className="processes-main" ref={mainRef} onKeyDown={onMainKeyDown}>
        <DataGrid
          id={PROCESS_GRID_ID}
          label={strings.tableName}
          isTree={view.viewMode === 'tree'}
          columns={columns}
          flexColumnId="name"
          rows={rows}
          selected={view.selected}
          focusedKey={view.focusedKey}
          onSort={(id) => view.sortBy(id as (typeof COLUMN_IDS)[number])}
          onResize={(id, width) => view.setColumnWidth(id as (typeof COLUMN_IDS)[number], width)}
          onSelect={view.select}
          onFocus={view.setFocused}
          onToggle={view.setExpanded}
          onSelectAll={() => view.selectAll(rows.map((r) => r.key))}
          onContextMenu={(_key, x, y) => setMenu({ x, y, isPriority: false })}
          onDeleteKey={(_key, isShift) => act(isShift ? 'endTree' : 'endTask')}
          onActivate={activate}
          onPointerInside={onPointerInside}
          isFollowingFocus={view.keepSelectionInView}
          revealFocusOn={`${view.viewMode}:${view.search}`}
          emptyMessage={matchCount === 0 ? <NoMatches query={view.search.trim()} onClear={clearSearch} /> : null}
        />
        {details.isShown ? (
          <DetailsPanel
            ref={detailsRef}
            row={focusedRow}
            onClose={() => {
              details.toggle();
              document.getElementById(DETAILS_TOGGLE_ID)?.focus();
            }}
          />
        ) : null}
      </div>
      <p aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
      {menu ? (
        <ContextMenu
          key={menu.isPriority ? 'priority' : 'main'}
          label={menu.isPriority ? strings.menu.setPriority : strings.tableName}
          heading={menu.isPriority ? strings.menu.setPriority : undefined}
          onBack={menu.isPriority ? () => setMenu({ ...menu, isPriority: false }) : undefined}
          x={menu.x}
          y={menu.y}
          items={menuItems}
          onClose={closeMenu}
        />
      ) : null}
      <ActionDialogs actions={actions} logicalCores={snapshot?.cpu.logicalCores ?? 1} />
    </div>
  );
}

function NoMatches({ query, onClear }: { query: string; onClear(): void }) {
  return (
    <>
      {strings.noMatches(query)}{' '}
      <button type="button" onClick={onClear}>
        {strings.clearSearch}
      </button>
    </>
  );
}
