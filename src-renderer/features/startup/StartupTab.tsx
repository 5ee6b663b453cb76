/**
 * The Startup apps tab: the programs that start at login (the `startup` query, read when the tab
 * opens, every few seconds while it is shown and after each action), in a sortable, searchable
 * grid; Enable/Disable, Open file location and Properties from the toolbar and the context menu
 * (right click, the context-menu key, Shift+F10), each refusal said in plain words. What the list
 * leaves out (notes) and why there is none (another OS) are said above it; the focused entry's
 * details (where it is kept, why its impact is not measured) under it. While the desktop app shows
 * another machine, the feedback names it ("Agent on build-server will not start at the next login.").
 */
import { useCallback, useMemo, useState } from 'react';
import type { StartupEntry } from '../../../src-shared/startup.ts';
import { CommandFeedbackView } from '../../components/CommandFeedbackView.tsx';
import { ContextMenu } from '../../components/ContextMenu.tsx';
import { LocalGrid } from '../../components/LocalGrid.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { gridColumns, nextSort, sortRows, type TableSort } from '../../components/table-model.ts';
import { useCommandFeedback } from '../../components/use-command-feedback.ts';
import { useApi, useAppStore } from '../../store/store-context.tsx';
import { useRefreshedQuery } from '../../store/use-refreshed-query.ts';
import { strings } from '../../strings.ts';
import { onMachine } from '../machines/on-machine.ts';
import { actionLabel, startupMenuItems, toggleAction, type StartupAction } from './startup-actions.ts';
import { byName, searchStartup, STARTUP_COLUMNS } from './startup-columns.ts';
import { StartupDetails } from './StartupDetails.tsx';
import { startupStrings as text } from './startup-strings.ts';

const QUERY = { kind: 'startup' } as const;
const entryKey = (entry: StartupEntry) => entry.id;

export function StartupTab() {
  const api = useApi();
  const { answer, reload } = useRefreshedQuery(QUERY);
  const feedback = useCommandFeedback();
  const machineName = useAppStore((s) => s.shell?.shownMachine?.name ?? null);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<TableSort>({ column: 'name', direction: 'ascending' });
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const view = answer?.ok ? answer.value : null;
  const rows = useMemo(() => sortRows(searchStartup(view?.entries ?? [], search), STARTUP_COLUMNS, sort, byName), [view, search, sort]);
  const columns = useMemo(() => gridColumns(STARTUP_COLUMNS, sort), [sort]);
  const focused = view?.entries.find((e) => e.id === focusedId) ?? null;
  const closeMenu = useCallback(() => setMenu(null), []);

  const act = (action: StartupAction, entry: StartupEntry | null = focused) => {
    if (!entry) return;
    const target = { id: entry.id };
    const commands = {
      enable: () => api.enableStartup(target),
      disable: () => api.disableStartup(target),
      openLocation: () => api.openStartupLocation(target),
      properties: () => api.openStartupProperties(target),
    };
    const named = onMachine(entry.name, machineName);
    const done = action === 'enable' ? text.enabled(named) : action === 'disable' ? text.disabled(named) : undefined;
    void feedback.send(onMachine(actionLabel(action), machineName), commands[action], { done }).then(reload);
  };

  const emptyMessage = answer === null ? strings.loading : !answer.ok ? answer.message : (view?.unavailableReason ?? (search.trim() === '' ? text.empty : text.noMatch));
  return (
    <div className="tab-panel-body startup">
      <div className="toolbar" role="toolbar" aria-label={text.toolbar}>
        <SearchBox label={strings.search} placeholder={text.searchPlaceholder} value={search} onChange={setSearch} />
        <button type="button" disabled={!focused} onClick={() => focused && act(toggleAction(focused))}>
          {focused ? actionLabel(toggleAction(focused)) : text.disable}
        </button>
        <button type="button" disabled={!focused} onClick={() => act('openLocation')}>
          {text.openLocation}
        </button>
        <button type="button" disabled={!focused} onClick={() => act('properties')}>
          {text.properties}
        </button>
      </div>
      {view?.unavailableReason ? <p className="notice">{view.unavailableReason}</p> : null}
      {view?.notes.map((note) => (
        <p key={note} className="notice page-note">
          {note}
        </p>
      ))}
      <CommandFeedbackView feedback={feedback} />
      <LocalGrid
        label={text.tableName}
        columns={columns}
        rows={rows}
        rowKey={entryKey}
        flexColumnId="command"
        onSort={(id) => setSort((s) => nextSort(s, id, STARTUP_COLUMNS))}
        onFocusedChange={setFocusedId}
        onContextMenu={(key, x, y) => {
          setFocusedId(key);
          setMenu({ x, y });
        }}
        emptyMessage={emptyMessage}
      />
      {focused ? <StartupDetails entry={focused} /> : null}
      {menu && focused ? <ContextMenu label={text.tableName} x={menu.x} y={menu.y} items={startupMenuItems(focused, (action) => act(action))} onClose={closeMenu} /> : null}
    </div>
  );
}
