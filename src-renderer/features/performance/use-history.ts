/**
 * The chart history and the chosen window, for the components that draw over time. One
 * subscription each; what they compute from it is memoised by the history array, which changes
 * once per snapshot.
 */
import { useShallow } from 'zustand/react/shallow';
import type { HistoryPoint } from '../../store/history.ts';
import type { HistoryWindowSec } from '../../store/settings.ts';
import { useAppStore } from '../../store/store-context.tsx';

export function useHistory(): { history: HistoryPoint[]; windowSec: HistoryWindowSec } {
  return useAppStore(useShallow((s) => ({ history: s.history, windowSec: s.historyWindowSec })));
}
