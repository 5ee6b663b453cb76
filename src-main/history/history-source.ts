/**
 * What answers the history queries, for both hosts' query path (core/query-service.ts) and the
 * REST routes (`/api/history/*`): implemented by `HistoryStore` (history-store.ts), which reads in
 * its writer thread. Queries must already be parsed (`querySchema`). Every method resolves, never
 * rejects:
 * - `series` / `processesAt`: the query's result, or a failure: INVALID_ARGUMENT naming the field
 *   (`fromMs` of a range wholly in the future, `atMs` in the future), NO_HISTORY (nothing recorded
 *   in the range; nothing at or before the moment within its minute), HISTORY_OFF (the store is
 *   not working: its reason).
 * - `status`: recording, or paused with the reason; oldest/newest moments held; bytes on disk.
 */
import type { AnyQueryResult, HistoryStatus, QueryOf } from '../../src-shared/query.ts';

export interface HistorySource {
  series(query: QueryOf<'historySeries'>): Promise<AnyQueryResult>;
  processesAt(query: QueryOf<'processesAt'>): Promise<AnyQueryResult>;
  status(): Promise<HistoryStatus>;
}
