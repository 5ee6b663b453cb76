/**
 * What answers the history queries, for both hosts' query path (core/query-service.ts) and the
 * REST routes (`/api/history/*`): implemented by `HistoryStore` (history-store.ts), which reads in
 * its writer thread. Queries must already be parsed (`querySchema`). Every method resolves, never
 * rejects:
 * - `read`: the query's result, or a failure: INVALID_ARGUMENT naming the field
 *   (`fromMs` of a range wholly in the future, `atMs` in the future), NO_HISTORY (nothing recorded
 *   in the range; nothing at or before the moment within its minute), HISTORY_OFF (the store is
 *   not working: its reason).
 * - `status`: recording, or paused with the reason; oldest/newest moments held; bytes on disk.
 */
import type { AnyQueryResult, HistoryStatus, QueryOf } from '../../src-shared/query.ts';

/** The queries the store answers from what it holds (all but `historyStatus`). */
export type HistoryReadQuery = QueryOf<'historySeries' | 'processesAt' | 'topConsumers' | 'appHistory' | 'historyEvents'>;

export const HISTORY_READ_KINDS: ReadonlySet<HistoryReadQuery['kind']> = new Set(['historySeries', 'processesAt', 'topConsumers', 'appHistory', 'historyEvents']);

export function isHistoryReadQuery(query: { kind: string }): query is HistoryReadQuery {
  return (HISTORY_READ_KINDS as ReadonlySet<string>).has(query.kind);
}

export interface HistorySource {
  read(query: HistoryReadQuery): Promise<AnyQueryResult>;
  status(): Promise<HistoryStatus>;
}
