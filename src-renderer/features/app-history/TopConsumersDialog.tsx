/**
 * Top consumers over a range: "what used CPU / memory / disk between 03:00 and 03:15" — the 10
 * processes and the 10 apps that used most of it, and the range's events — in a dialog over any
 * tab (opened by App history, the time-travel banner, a Performance chart's range: the store's
 * `showTopConsumers`). Each table and the events can be saved as CSV or JSON Lines.
 */
import { historyStrings } from '../../history-strings.ts';
import { useMemo, useState } from 'react';
import { TOP_BY, type TopBy } from '../../../src-shared/query.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { MenuButton } from '../../components/MenuButton.tsx';
import { formatDateTime } from '../../format.ts';
import { useAppStore } from '../../store/store-context.tsx';
import type { UsageRange } from '../../store/usage-slice.ts';
import { appHistoryStrings } from './app-history-strings.ts';
import { EventsGrid } from './EventsGrid.tsx';
import { saveUsage } from './save-usage.ts';
import { groupColumns, groupKey, processColumns, processKey } from './usage-columns.ts';
import { historyFailureText } from './usage-messages.ts';
import { UsageTable } from './UsageTable.tsx';
import { useHistoryAnswer } from './use-history-answer.ts';
import './app-history.css';

/** How many processes and apps the panel ranks. */
export const TOP_LIMIT = 10;

export function TopConsumersDialog() {
  const range = useAppStore((s) => s.topRange);
  const close = useAppStore((s) => s.closeTopConsumers);
  return range === null ? null : <TopConsumers key={`${range.fromMs}-${range.toMs}`} range={range} onClose={close} />;
}

function TopConsumers({ range, onClose }: { range: UsageRange; onClose(): void }) {
  const text = appHistoryStrings.top;
  const [by, setBy] = useState<TopBy>('cpu');
  const top = useHistoryAnswer({ kind: 'topConsumers', fromMs: range.fromMs, toMs: range.toMs, by, limit: TOP_LIMIT });
  const events = useHistoryAnswer({ kind: 'historyEvents', fromMs: range.fromMs, toMs: range.toMs });
  const processCols = useMemo(() => processColumns(null), []);
  const appCols = useMemo(() => groupColumns(null), []);
  const message = top === null ? historyStrings.loading : top.ok ? text.none : historyFailureText(top);
  const processes = top?.ok ? top.value.processes : [];
  const apps = top?.ok ? top.value.apps : [];
  const eventRows = events?.ok ? events.value.events : [];
  return (
    <Dialog
      role="dialog"
      className="top-consumers"
      title={text.title(formatDateTime(range.fromMs), formatDateTime(range.toMs))}
      onCancel={onClose}
      initialFocus="input[type='radio']:checked"
      actions={
        <>
          <MenuButton
            label={text.export}
            items={[
              { id: 'top-processes-csv', label: text.processesCsv, onSelect: () => saveUsage({ what: 'top', rows: processes }, 'csv', range) },
              { id: 'top-processes-jsonl', label: text.processesJsonl, onSelect: () => saveUsage({ what: 'top', rows: processes }, 'jsonl', range) },
              { id: 'top-apps-csv', label: text.appsCsv, onSelect: () => saveUsage({ what: 'top-apps', rows: apps }, 'csv', range) },
              { id: 'top-apps-jsonl', label: text.appsJsonl, onSelect: () => saveUsage({ what: 'top-apps', rows: apps }, 'jsonl', range) },
              { id: 'events-csv', label: text.eventsCsv, onSelect: () => saveUsage({ what: 'events', rows: eventRows }, 'csv', range) },
              { id: 'events-jsonl', label: text.eventsJsonl, onSelect: () => saveUsage({ what: 'events', rows: eventRows }, 'jsonl', range) },
            ]}
          />
          <button type="button" onClick={onClose}>
            {text.close}
          </button>
        </>
      }
    >
      <fieldset className="top-consumers-by">
        <legend>{text.by}</legend>
        {TOP_BY.map((b) => (
          <label key={b}>
            <input type="radio" name="top-by" value={b} checked={by === b} onChange={() => setBy(b)} /> {text.byChoices[b]}
          </label>
        ))}
      </fieldset>
      <UsageTable caption={text.processes} columns={processCols} rows={processes} rowKey={processKey} emptyMessage={message} />
      <UsageTable caption={text.apps} columns={appCols} rows={apps} rowKey={groupKey} emptyMessage={message} />
      <h3>{text.events}</h3>
      <div className="top-consumers-events">
        <EventsGrid answer={events} />
      </div>
    </Dialog>
  );
}
