/**
 * Above the Processes table: the search box (Ctrl+F focuses it; Escape clears it and goes back to
 * the table, its selection kept), flat or tree view, expand/collapse all (tree), "Keep selection in
 * view", which columns to show, and Run new task (Windows).
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/store-context.tsx';
import { COLUMN_IDS } from '../../store/settings.ts';
import { strings } from '../../strings.ts';
import { COLUMNS } from './columns.ts';
import { expandableKeys } from './process-rows.ts';

export const SEARCH_INPUT_ID = 'process-search';
/** The Processes table's grid element. */
export const PROCESS_GRID_ID = 'process-grid';

/** `onRunTask`: the Run new task button's action; no button without it (not Windows). */
export function ProcessToolbar({ onRunTask }: { onRunTask?: (() => void) | undefined }) {
  const { search, setSearch, viewMode, setViewMode, visibleColumns, toggleColumn } = useAppStore(
    useShallow((s) => ({
      search: s.search,
      setSearch: s.setSearch,
      viewMode: s.viewMode,
      setViewMode: s.setViewMode,
      visibleColumns: s.visibleColumns,
      toggleColumn: s.toggleColumn,
    })),
  );
  const { expandAll, collapseAll, keepSelectionInView, setKeepSelectionInView } = useAppStore(
    useShallow((s) => ({
      expandAll: s.expandAllProcesses,
      collapseAll: s.collapseAllProcesses,
      keepSelectionInView: s.keepSelectionInView,
      setKeepSelectionInView: s.setKeepSelectionInView,
    })),
  );
  const processes = useAppStore((s) => s.snapshot?.processes);
  const [isColumnsOpen, setColumnsOpen] = useState(false);
  return (
    <div className="toolbar" role="toolbar" aria-label={strings.tabs.processes}>
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        role="searchbox"
        aria-label={strings.search}
        placeholder={strings.searchPlaceholder}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            setSearch('');
            document.getElementById(PROCESS_GRID_ID)?.focus();
          }
        }}
      />
      <div role="radiogroup" aria-label={strings.viewLabel} className="segmented">
        {(['flat', 'tree'] as const).map((mode) => (
          <button key={mode} type="button" role="radio" aria-checked={viewMode === mode} onClick={() => setViewMode(mode)}>
            {mode === 'flat' ? strings.viewFlat : strings.viewTree}
          </button>
        ))}
      </div>
      {viewMode === 'tree' ? (
        <>
          <button type="button" onClick={expandAll}>
            {strings.expandAll}
          </button>
          <button type="button" onClick={() => collapseAll(expandableKeys(processes ?? []))}>
            {strings.collapseAll}
          </button>
        </>
      ) : null}
      <label>
        <input type="checkbox" checked={keepSelectionInView} onChange={(event) => setKeepSelectionInView(event.target.checked)} />
        {strings.keepSelectionInView}
      </label>
      {onRunTask ? (
        <button type="button" onClick={onRunTask}>
          {strings.runTask.button}
        </button>
      ) : null}
      <div className="menu-anchor">
        <button type="button" aria-haspopup="true" aria-expanded={isColumnsOpen} onClick={() => setColumnsOpen(!isColumnsOpen)}>
          {strings.columnsMenu}
        </button>
        {isColumnsOpen ? (
          <fieldset className="popover" aria-label={strings.columnsMenu} onKeyDown={(event) => event.key === 'Escape' && setColumnsOpen(false)}>
            {COLUMN_IDS.map((id) => (
              <label key={id}>
                <input type="checkbox" checked={visibleColumns.includes(id)} disabled={id === 'name'} onChange={() => toggleColumn(id)} />
                {COLUMNS[id].label}
              </label>
            ))}
          </fieldset>
        ) : null}
      </div>
    </div>
  );
}
