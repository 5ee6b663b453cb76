/**
 * The contract's read path in the core (src-shared/query.ts), one function both hosts call with
 * whatever a page or client sent: parsed with `querySchema` first (anything else answers
 * INVALID_ARGUMENT and reaches no source), then answered from the sources. A query reads only, so
 * the hosts allow it for a view-only token. The history store will answer longer ranges here.
 */
import type { Failure } from '../../src-shared/results.ts';
import { failure } from '../../src-shared/results.ts';
import type { AnyQueryResult, Query, QueryAnswers } from '../../src-shared/query.ts';
import { querySchema } from '../../src-shared/query-schema.ts';
import type { InventorySource } from './inventory-source.ts';
import type { RecentSeriesRing } from './recent-series-ring.ts';
import { isHistoryReadQuery, type HistorySource } from '../history/history-source.ts';
import { DEFAULT_HISTORY_SETTINGS, type HistoryStatus } from '../../src-shared/query.ts';
import { NO_ALERTS_VIEW, NO_RULES_VIEW, type AlertSource } from '../alerts/alert-source.ts';
import type { ServicesView } from '../../src-shared/services.ts';
import type { StartupView } from '../../src-shared/startup.ts';
import type { UsersView } from '../../src-shared/users.ts';

/** A page's facts read fresh when asked (Startup apps, Services, Users): the view, or why there is none. */
export interface ViewSource<T> {
  view(): Promise<{ ok: true; value: T } | Failure>;
}

export interface QuerySources {
  ring: RecentSeriesRing;
  inventory: InventorySource;
  /** The history store (src-main/history/); absent when recording is off (`--no-history`): HISTORY_OFF. */
  history?: HistorySource;
  /** The rules and alerts (src-main/alerts/); absent: no rules, no alerts. */
  alerts?: AlertSource;
  /** Startup apps (src-main/startup/startup-service.ts); absent: UNSUPPORTED. */
  startup?: ViewSource<StartupView>;
  /** Services (src-main/services/services-service.ts); absent: UNSUPPORTED. */
  services?: ViewSource<ServicesView>;
  /** Users (src-main/users/users-service.ts); absent: UNSUPPORTED. */
  users?: ViewSource<UsersView>;
  /** Wall clock, ms since the Unix epoch (the same clock as `takenAtMs`); tests pass their own. */
  now?: () => number;
}

/** Outside data as a query, or INVALID_ARGUMENT saying in plain words what is wrong. */
export function parseQuery(input: unknown): { ok: true; value: Query } | Failure {
  const parsed = querySchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return failure('INVALID_ARGUMENT', `query: ${where}${issue?.message ?? 'not a query'}`);
}

/**
 * The answer to `input` (unparsed outside data). Async because the history store's ranges will be
 * read off the caller's turn; today's answers are at hand.
 */
export function answerQuery(input: unknown, sources: QuerySources): Promise<AnyQueryResult> {
  const parsed = parseQuery(input);
  if (!parsed.ok) return Promise.resolve(parsed);
  return answerParsedQuery(parsed.value, sources);
}

/** The answer to a query already parsed by `parseQuery` (a host that parses at its own boundary). */
export async function answerParsedQuery(query: Query, sources: QuerySources): Promise<AnyQueryResult> {
  const history = sources.history;
  if (history) {
    // Read by the history writer, off this thread.
    if (isHistoryReadQuery(query)) return history.read(query);
    if (query.kind === 'historyStatus') return { ok: true, kind: 'historyStatus', value: await history.status() };
  }
  switch (query.kind) {
    case 'startup':
      return answerView('startup', sources.startup, 'startup apps are not read by this host');
    case 'services':
      return answerView('services', sources.services, 'services are not read by this host');
    case 'users':
      return answerView('users', sources.users, 'users are not read by this host');
    default:
      return answerFromSources(query, sources);
  }
}

async function answerView<K extends 'startup' | 'services' | 'users'>(kind: K, source: ViewSource<QueryAnswers[K]> | undefined, absent: string): Promise<AnyQueryResult> {
  if (!source) return failure('UNSUPPORTED', absent);
  const result = await source.view();
  return result.ok ? ({ ok: true, kind, value: result.value } as AnyQueryResult) : result;
}

function answerFromSources(query: Exclude<Query, { kind: 'startup' | 'services' | 'users' }>, sources: QuerySources): AnyQueryResult {
  switch (query.kind) {
    case 'recentSeries': {
      const nowMs = (sources.now ?? Date.now)();
      return { ok: true, kind: 'recentSeries', value: { spanMs: sources.ring.spanMs, points: sources.ring.points(nowMs) } };
    }
    case 'inventory':
      return { ok: true, kind: 'inventory', value: sources.inventory.current() };
    case 'historySeries':
    case 'processesAt':
    case 'topConsumers':
    case 'appHistory':
    case 'historyEvents':
      return failure('HISTORY_OFF', 'history is not recorded by this host');
    case 'historyStatus':
      return { ok: true, kind: 'historyStatus', value: HISTORY_OFF_STATUS };
    case 'rules':
      return { ok: true, kind: 'rules', value: sources.alerts?.rulesView() ?? NO_RULES_VIEW };
    case 'alerts':
      return { ok: true, kind: 'alerts', value: sources.alerts?.alertsView() ?? NO_ALERTS_VIEW };
  }
}

/** The status of a host that records no history (`--no-history`). */
export const HISTORY_OFF_STATUS: HistoryStatus = {
  state: 'off',
  reason: 'history is not recorded by this host',
  oldestMs: null,
  newestMs: null,
  bytes: null,
  dir: null,
  notice: null,
  settings: DEFAULT_HISTORY_SETTINGS,
};
