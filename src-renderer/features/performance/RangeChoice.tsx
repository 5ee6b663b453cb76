/**
 * The charts' range: Live (the feed's last minutes) or the last hour, day, week or month from the
 * history store. A labelled select: arrow keys change it, as any select.
 */
import { HISTORY_RANGES, type HistoryRange } from '../../store/history-range.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { historyStrings } from '../../history-strings.ts';

const isRange = (value: string): value is HistoryRange => (HISTORY_RANGES as readonly string[]).includes(value);

export function RangeChoice() {
  const range = useAppStore((s) => s.historyRange);
  const setRange = useAppStore((s) => s.setHistoryRange);
  return (
    <label className="perf-range">
      {historyStrings.range}{' '}
      <select value={range} onChange={(event) => isRange(event.target.value) && setRange(event.target.value)}>
        {HISTORY_RANGES.map((r) => (
          <option key={r} value={r}>
            {historyStrings.ranges[r]}
          </option>
        ))}
      </select>
    </label>
  );
}
