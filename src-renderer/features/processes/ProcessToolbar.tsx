/**
 * Above the Processes table: the search box (Ctrl+F focuses it; Escape clears it and goes back to
 * the table, its selection kept), flat or tree view, expand/collapse all (tree), "Keep selection in
 * view", Run new task (Windows), which columns to show (a column this host can't fill says why),
 * and the details panel's toggle.
 */
import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ExportFormat } from '../../../src-shared/export-format.ts';
import { SEARCH_BOX_ID } from '../../components/SearchBox.tsx';
import { usePopover } from '../../components/use-popover.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { viewedSnapshot } from '../../store/time-travel-slice.ts';
import { COLUMN_IDS } from '../../store/settings.ts';
import { strings } from '../../strings.ts';
import { shownColumns } from './column-availability.ts';
import { COLUMNS } from './columns.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { GoToTime } from './GoToTime.tsx';
import { expandableKeys } from './process-rows.ts';
import { useUnavailableColumns } from './use-process-rows.ts';

/** The Apps tab's search box has the same id: Ctrl+F finds whichever is shown. */
export const SEARCH_INPUT_ID = SEARCH_BOX_ID;
/** The Details toggle: focus goes back to it when the panel's own close button hides the panel. */
export const DETAILS_TOGGLE_ID = 'details-toggle';
/** The Processes table's grid element. */
export const PROCESS_GRID_ID = 'process-grid';

interface ProcessToolbarProps {
  /** The Run new task button's action; no button without it (not Windows). */
  onRunTask?: (() => void) | undefined;
  isDetailsShown: boolean;
  onToggleDetails(): void;
  /** Saves the rows as shown in the format chosen in the Export menu. */
  onExport(format: ExportFormat): void;
}

export function ProcessToolbar({ onRunTask, isDetailsShown, onToggleDetails, onExport }: ProcessToolbarProps) {
  const { search, setSearch, viewMode, setViewMode, expandAll, collapseAll, keepSelectionInView, setKeepSelectionInView } = useAppStore(
    useShallow((s) => ({
      search: s.search,
      setSearch: s.setSearch,
      viewMode: s.viewMode,
      setViewMode: s.setViewMode,
      expandAll: s.expandAllProcesses,
      collapseAll: s.collapseAllProcesses,
      keepSelectionInView: s.keepSelectionInView,
      setKeepSelectionInView: s.setKeepSelectionInView,
    })),
  );
  const processes = useAppStore((s) => viewedSnapshot(s)?.processes);
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
      <GoToTime />
      <ColumnsMenu />
      <ExportMenu onExport={onExport} />
      <button type="button" id={DETAILS_TOGGLE_ID} aria-pressed={isDetailsShown} onClick={onToggleDetails}>
        {strings.detailsPanel.toggle}
      </button>
    </div>
  );
}

/** Which columns to show; a column this host can't fill is off unless turned on, and says why. */
function ColumnsMenu() {
  const { isOpen, setOpen, anchorRef } = usePopover();
  const buttonRef = useRef<HTMLButtonElement>(null);
  return (
    <div
      className="menu-anchor"
      ref={anchorRef}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !isOpen) return;
        event.preventDefault();
        setOpen(false);
        buttonRef.current?.focus(); // Escape gives the focus back where the menu was opened
      }}
    >
      <button ref={buttonRef} type="button" aria-haspopup="true" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
        {strings.columnsMenu}
      </button>
      {isOpen ? <ColumnsPopover /> : null}
    </div>
  );
}

/** The open Columns menu (what the host can fill is judged only while it is open). */
function ColumnsPopover() {
  const { visibleColumns, chosenColumns, setColumnShown } = useAppStore(
    useShallow((s) => ({ visibleColumns: s.visibleColumns, chosenColumns: s.chosenColumns, setColumnShown: s.setColumnShown })),
  );
  const unavailable = useUnavailableColumns();
  const shown = shownColumns(visibleColumns, chosenColumns, unavailable);
  return (
    <fieldset className="popover columns-menu" aria-label={strings.columnsMenu}>
      {COLUMN_IDS.map((id) => {
        const reason = unavailable[id];
        const isShown = shown.includes(id);
        return (
          <div key={id} className="columns-menu-item" title={COLUMNS[id].definition}>
            <label>
              <input
                type="checkbox"
                checked={isShown}
                disabled={id === 'name'}
                aria-describedby={reason === undefined ? undefined : `column-reason-${id}`}
                onChange={() => setColumnShown(id, !isShown)}
              />
              {COLUMNS[id].label}
            </label>
            {reason === undefined ? null : (
              <span id={`column-reason-${id}`} className="columns-menu-reason">
                {reason}
              </span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
