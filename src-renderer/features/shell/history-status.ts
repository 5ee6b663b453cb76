/**
 * The history status as lines of text for Settings. Pure: what is recording, why not, where, what is held.
 */
import type { HistoryStatus } from '../../../src-shared/query.ts';
import { formatBytes, formatDateTime } from '../../format.ts';
import { historyStrings } from '../../history-strings.ts';

export function historyStatusLines(status: HistoryStatus): string[] {
  const state = historyStrings.states[status.state];
  const lines = [status.reason === null ? state : historyStrings.statusReason(state, status.reason)];
  if (status.dir !== null) lines.push(historyStrings.folder(status.dir));
  lines.push(status.oldestMs === null || status.newestMs === null ? historyStrings.empty : historyStrings.held(formatDateTime(status.oldestMs), formatDateTime(status.newestMs)));
  // An unknown size reads "—" (formatBytes), not 0 bytes.
  lines.push(historyStrings.size(formatBytes(status.bytes)));
  return lines;
}
