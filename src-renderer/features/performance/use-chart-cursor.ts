/**
 * A big chart's cursor: the pointer over the chart, or arrow keys on its readout line, put it on a
 * row; the readout says that moment and its figures; a click or Enter shows the processes of that
 * moment (time travel, on the Processes tab). Compact charts have none (their page's big chart does).
 */
import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import { formatClock } from '../../format.ts';
import { useApi, useAppStore, useStoreApi } from '../../store/store-context.tsx';
import { goToTime } from '../../store/time-travel.ts';
import { historyStrings } from '../../history-strings.ts';
import { strings } from '../../strings.ts';
import { nearestRow, rowFigures, rowMs, tAtFraction } from './chart-cursor.ts';
import type { Row } from './series.ts';
import { chartHistory } from './use-chart-history.ts';

/** The tick column on the right of a big chart (TimeChart's YAxis width): not part of the time axis. */
export const Y_AXIS_PX = 72;

export interface ChartCursor {
  /** The cursor's row's x (seconds), null when it is nowhere. */
  t: number | null;
  readout: string;
  /** The moment under the cursor, ms since the epoch; null when it is nowhere. */
  atMs: number | null;
  onPointerMove(event: MouseEvent<HTMLElement>): void;
  onPointerLeave(): void;
  onClick(event: MouseEvent<HTMLElement>): void;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  index: number;
}

export function useChartCursor<K extends string>(rows: readonly Row<K>[], keys: readonly K[], windowSec: number, formatY: (value: number) => string): ChartCursor {
  const endMs = useAppStore((s) => chartHistory(s).endMs);
  const api = useApi();
  const store = useStoreApi();
  // The moment chosen, not a row's place: live rows move left each tick, the cursor stays on its moment.
  const [chosenMs, setChosenMs] = useState<number | null>(null);
  const index = chosenMs === null || endMs === null ? -1 : nearestRow(rows, (chosenMs - endMs) / 1000);
  const row = index >= 0 ? rows[index] : undefined;
  const readout =
    row && endMs !== null ? historyStrings.cursor(formatClock(rowMs(row, endMs)), rowFigures(row, keys, historyStrings.series, formatY, strings.unknown)) : '';
  const choose = (at: number) => {
    const chosen = rows[at];
    setChosenMs(chosen && endMs !== null ? rowMs(chosen, endMs) : null);
  };

  const indexAt = (event: MouseEvent<HTMLElement>): number => {
    const box = event.currentTarget.getBoundingClientRect();
    return nearestRow(rows, tAtFraction((event.clientX - box.left) / (box.width - Y_AXIS_PX), windowSec));
  };
  const pick = (at: number) => {
    const picked = rows[at];
    if (!picked || endMs === null) return;
    void goToTime(api, store, rowMs(picked, endMs));
    store.getState().setActiveTab('processes');
  };
  const last = rows.length - 1;
  return {
    t: row?.t ?? null,
    readout,
    atMs: row && endMs !== null ? rowMs(row, endMs) : null,
    index,
    onPointerMove: (event) => choose(indexAt(event)),
    onPointerLeave: () => setChosenMs(null),
    onClick: (event) => pick(indexAt(event)),
    onKeyDown: (event) => {
      const from = index < 0 ? last : index;
      const next = { ArrowLeft: from - 1, ArrowRight: from + 1, Home: 0, End: last }[event.key];
      if (next !== undefined) {
        event.preventDefault();
        choose(Math.max(0, Math.min(last, next)));
      } else if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        pick(from);
      }
    },
  };
}
