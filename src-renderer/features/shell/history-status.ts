/**
 * The history status as lines of text for Settings. Pure: what is recording, why not, what is held.
 */
import type { HistoryStatus } from '../../../src-shared/query.ts';
import { formatBytes, formatDateTime } from '../../format.ts';
import { strings } from '../../strings.ts';

export function historyStatusLines(status: HistoryStatus): string[] {
  const state = strings.history.states[status.state];
  const lines = [status.reason === null ? state : strings.history.statusReason(state, status.reason)];
  lines.push(status.oldestMs === null || status.newestMs === null ? strings.history.empty : strings.history.held(formatDateTime(status.oldestMs), formatDateTime(status.newestMs)));
  // An unknown size reads "—" (formatBytes), not 0 bytes.
  lines.push(strings.history.size(formatBytes(status.bytes)));
  return lines;
}
