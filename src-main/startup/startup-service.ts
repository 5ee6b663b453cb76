/**
 * The Startup apps page's source: the platform adapter's entries (startup-platform.ts), each with
 * its impact at the current login from the history store (startup-impact.ts has the rules). The
 * login is this user's latest active session (sessions-platform.ts). What history says about a
 * login is kept once it can no longer change (the first minute after it is past and recorded, or
 * surely not), so a page open all day reads history once per login. The commands pass through to
 * the adapter.
 */
import type { AnyQueryResult, AppHistory } from '../../src-shared/query.ts';
import { failure, type CommandResult, type Failure } from '../../src-shared/results.ts';
import type { StartupView } from '../../src-shared/startup.ts';
import type { ViewSource } from '../core/query-service.ts';
import type { HistorySource } from '../history/history-source.ts';
import type { SessionsPlatform } from '../users/sessions-platform.ts';
import type { StartupPlatform } from './startup-platform.ts';
import { entryImpact, impactRangeOf, loginMomentOf, loginUsageOf, pendingUsage, type LoginUsage } from './startup-impact.ts';
import { MINUTE_MS } from '../history/history-rollup.ts';

export interface StartupServiceDeps {
  platform: StartupPlatform;
  sessions: SessionsPlatform;
  /** The history store; absent when this host records none (`--no-history`): every impact is "Not measured". */
  history?: HistorySource;
  /** The account whose login counts (core/current-user.ts `currentUserName`). */
  currentUser: () => string | null;
  /** Wall clock, ms since the epoch (tests pass their own). */
  now?: () => number;
}

/** The `startup` query's source, and the page's commands passed to the adapter. */
export interface StartupService extends ViewSource<StartupView>, Omit<StartupPlatform, 'list'> {}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createStartupService(deps: StartupServiceDeps): StartupService {
  const now = deps.now ?? Date.now;
  /** The latest login's final answer. */
  let kept: { loginAtMs: number; usage: LoginUsage } | null = null;

  async function loginAt(): Promise<{ ok: true; loginAtMs: number } | { ok: false; reason: string }> {
    const user = deps.currentUser();
    if (user === null) return { ok: false, reason: 'the login time is unknown: this account has no name the system lists sessions by' };
    try {
      const listing = await deps.sessions.list();
      if (listing.unavailableReason !== null) return { ok: false, reason: `the login time is unknown: ${listing.unavailableReason}` };
      const loginAtMs = loginMomentOf(listing.sessions, user);
      return loginAtMs === null ? { ok: false, reason: `the login time is unknown: no active session of ${user} with its login time is listed` } : { ok: true, loginAtMs };
    } catch (error) {
      return { ok: false, reason: `the login time is unknown: the sessions could not be read (${errorText(error)})` };
    }
  }

  async function loginUsage(history: HistorySource, loginAtMs: number): Promise<LoginUsage> {
    if (kept?.loginAtMs === loginAtMs) return kept.usage;
    const range = impactRangeOf(loginAtMs);
    const nowMs = now();
    const pending = pendingUsage(range, nowMs);
    if (pending) return pending;
    const events = async (eventKind: 'recordingStarted' | 'gap', fromMs: number) => {
      const answer = await history.read({ kind: 'historyEvents', fromMs, toMs: range.windowEndMs, eventKind });
      return answer.ok && answer.kind === 'historyEvents' ? answer.value.events : []; // NO_HISTORY: none (appHistory says why)
    };
    const [status, usage, starts, gaps] = await Promise.all([
      history.status(),
      history.read({ kind: 'appHistory', fromMs: range.fromMs, toMs: range.toMs }),
      events('recordingStarted', range.fromMs),
      events('gap', range.fromMs - MINUTE_MS),
    ]);
    const answer = loginUsageOf({
      range,
      nowMs,
      oldestMs: status.oldestMs,
      usage: appHistoryOf(usage),
      recordingStartsMs: starts.map((e) => e.atMs),
      gaps: gaps.map((e) => ({ atMs: e.atMs, detail: e.detail })),
    });
    if (answer.state === 'measured' || answer.isFinal) kept = { loginAtMs, usage: answer };
    return answer;
  }

  async function currentUsage(): Promise<LoginUsage> {
    if (!deps.history) return { state: 'notMeasured', reason: 'history is not recorded by this host, so nothing was measured', isFinal: false };
    const login = await loginAt();
    if (!login.ok) return { state: 'notMeasured', reason: login.reason, isFinal: false };
    return loginUsage(deps.history, login.loginAtMs);
  }

  return {
    async view() {
      try {
        const listing = await deps.platform.list();
        const usage = listing.entries.length > 0 ? await currentUsage() : null;
        const entries = usage ? listing.entries.map((facts) => ({ ...facts, impact: entryImpact(facts.exePath, usage) })) : [];
        return { ok: true, value: { entries, notes: listing.notes, unavailableReason: listing.unavailableReason } };
      } catch (error) {
        return failure('INTERNAL', `the startup apps could not be read: ${errorText(error)}`);
      }
    },
    setEnabled: (id, enabled): Promise<CommandResult> => deps.platform.setEnabled(id, enabled),
    openLocation: (id) => deps.platform.openLocation(id),
    openProperties: (id) => deps.platform.openProperties(id),
  };
}

function appHistoryOf(result: AnyQueryResult): { ok: true; value: AppHistory } | Failure {
  if (!result.ok) return result;
  return result.kind === 'appHistory' ? { ok: true, value: result.value } : failure('INTERNAL', `history answered ${result.kind} to appHistory`);
}
