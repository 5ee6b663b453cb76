/**
 * The App history tab (as Task Manager's, over any range): what each app or executable used —
 * CPU time, mean CPU %, peak and mean memory, disk read and written, GPU time, network where known
 * — in a sortable grid, or the range's events (starts, exits, commands, gaps); Top consumers of
 * the range, export of the table, and "Delete usage history". A host that keeps no usage, history
 * off and an empty range each say so in words. The range and the view live in the store (they
 * survive switching tabs); a preset range ends when the tab opened, was set or reloaded.
 */
import { historyStrings } from '../../history-strings.ts';
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { QueryOf } from '../../../src-shared/query.ts';
import { MenuButton } from '../../components/MenuButton.tsx';
import { useAppStore } from '../../store/store-context.tsx';
import type { UsageView } from '../../store/usage-slice.ts';
import { strings } from '../../strings.ts';
import { appHistoryStrings } from './app-history-strings.ts';
import { DeleteUsage } from './DeleteUsage.tsx';
import { EventsGrid } from './EventsGrid.tsx';
import { LocalGrid } from '../../components/LocalGrid.tsx';
import { RangePicker } from './RangePicker.tsx';
import { saveUsage } from './save-usage.ts';
import { formatCpuTime, groupColumns, groupKey, isUsageColumn } from './usage-columns.ts';
import { historyFailureText } from './usage-messages.ts';
import { rangeOfChoice } from './usage-range.ts';
import { DEFAULT_USAGE_SORT, nextUsageSort, sortGroupUsage } from './usage-sort.ts';
import { useHistoryAnswer } from './use-history-answer.ts';
import './app-history.css';

const VIEWS = ['apps', 'executables', 'events'] as const satisfies readonly UsageView[];

export function AppHistoryTab() {
  const text = appHistoryStrings;
  const { showTopConsumers, choice, setChoice, view, setView } = useAppStore(
    useShallow((s) => ({ showTopConsumers: s.showTopConsumers, choice: s.usageChoice, setChoice: s.setUsageChoice, view: s.usageView, setView: s.setUsageView })),
  );
  // A preset range ends when it was chosen or reloaded: it does not creep on with the clock.
  const [nowMs, setNowMs] = useState(() => Date.now());
  const [reloadKey, setReloadKey] = useState(0);
  const [sort, setSort] = useState(DEFAULT_USAGE_SORT);
  const range = useMemo(() => rangeOfChoice(choice, nowMs), [choice, nowMs]);
  const reload = () => {
    setNowMs(Date.now());
    setReloadKey((k) => k + 1);
  };
  const usageQuery: QueryOf<'appHistory'> | null = view === 'events' ? null : { kind: 'appHistory', ...range };
  const eventsQuery: QueryOf<'historyEvents'> | null = view === 'events' ? { kind: 'historyEvents', ...range } : null;
  const usage = useHistoryAnswer(usageQuery, reloadKey);
  const events = useHistoryAnswer(eventsQuery, reloadKey);

  const columns = useMemo(() => groupColumns(sort), [sort]);
  const groups = usage?.ok ? (view === 'executables' ? usage.value.executables : usage.value.apps) : [];
  const rows = useMemo(() => sortGroupUsage(groups, sort), [groups, sort]);
  const message = usage === null ? historyStrings.loading : usage.ok ? text.empty : historyFailureText(usage);

  const save = (format: 'csv' | 'jsonl') => {
    if (view === 'events') {
      if (events?.ok) saveUsage({ what: 'events', rows: events.value.events }, format, range);
      return;
    }
    saveUsage({ what: 'apps', rows }, format, range);
  };

  return (
    <div className="tab-panel-body app-history">
      <div className="toolbar app-history-toolbar" role="toolbar" aria-label={text.toolbar}>
        <RangePicker
          choice={choice}
          range={range}
          onChange={(next) => {
            setChoice(next);
            setNowMs(Date.now());
          }}
        />
        <div role="group" aria-label={text.show} className="app-history-views">
          {VIEWS.map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
              {text.views[v]}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => showTopConsumers(range.fromMs, range.toMs)}>
          {text.topConsumersButton}
        </button>
        <MenuButton
          label={strings.exportMenu.button}
          items={[
            { id: 'export-csv', label: text.exportLabels.groupsCsv, onSelect: () => save('csv') },
            { id: 'export-jsonl', label: text.exportLabels.groupsJsonl, onSelect: () => save('jsonl') },
          ]}
        />
        <button type="button" onClick={reload}>
          {text.reload}
        </button>
        <DeleteUsage onDeleted={reload} />
      </div>
      {usage?.ok && view !== 'events' ? <p className="app-history-recorded">{text.recorded(formatCpuTime(usage.value.recordedMs))}</p> : null}
      {view === 'events' ? (
        <EventsGrid answer={events} />
      ) : (
        <LocalGrid
          key={view}
          label={text.tables[view]}
          columns={columns}
          rows={rows}
          rowKey={groupKey}
          onSort={(id) => isUsageColumn(id) && setSort((s) => nextUsageSort(s, id))}
          emptyMessage={message}
        />
      )}
    </div>
  );
}
