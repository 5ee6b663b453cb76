/**
 * Startup impact, pure (docs/definitions.md § Startup apps, "Startup impact"): which login counts,
 * which stretch of history it reads (history's usage is per minute, so the 60 s after login are
 * read as the whole minutes that hold them), whether history recorded all of that stretch, and
 * what each entry's executable used in it. Never a guess: what history did not record is
 * "Not measured" with the reason. startup-service.ts asks history and passes the answers in.
 */
import type { AppHistory, GroupUsage } from '../../src-shared/query.ts';
import type { Failure } from '../../src-shared/results.ts';
import { STARTUP_IMPACT_WINDOW_MS, type StartupImpact } from '../../src-shared/startup.ts';
import type { UserSession } from '../../src-shared/users.ts';
import { isOwnUser } from '../history/history-settings.ts';
import { MINUTE_MS, stepStart } from '../history/history-rollup.ts';

/**
 * How much recorded time a fully recorded stretch may lack: one tick's interval at the slowest
 * update speed (10 s). Each tick stands for the time since the previous one, so whole minutes of
 * steady recording sum to their length give or take one interval.
 */
export const RECORDING_SLACK_MS = 10_000;

/** After the stretch ends, how long before its last minute is surely written (ticks come each second at the default speed). */
export const SETTLE_MS = 5_000;

/**
 * The login whose impact is shown: the latest `loginAtMs` of `user`'s active sessions (the one
 * the user is at; Windows rows name users "DOMAIN\\name"). Null when none is known.
 */
export function loginMomentOf(sessions: readonly UserSession[], user: string | null): number | null {
  let latest: number | null = null;
  for (const session of sessions) {
    if (session.state !== 'active' || session.loginAtMs === null) continue;
    if (!isOwnUser(session.user, user)) continue;
    if (latest === null || session.loginAtMs > latest) latest = session.loginAtMs;
  }
  return latest;
}

/** What is read for a login: the whole minutes [fromMs, toMs) that hold [loginAtMs, windowEndMs). */
export interface ImpactRange {
  loginAtMs: number;
  windowEndMs: number;
  fromMs: number;
  toMs: number;
}

export function impactRangeOf(loginAtMs: number): ImpactRange {
  const windowEndMs = loginAtMs + STARTUP_IMPACT_WINDOW_MS;
  return { loginAtMs, windowEndMs, fromMs: stepStart(loginAtMs, MINUTE_MS), toMs: stepStart(windowEndMs - 1, MINUTE_MS) + MINUTE_MS };
}

/**
 * What history says about one login: every executable's use of its range, or why there is no
 * figure. `isFinal`: the answer cannot change any more (kept for the login); not final: asked
 * again next time (the stretch is still being recorded, or history could not be read now).
 */
export type LoginUsage =
  | { state: 'measured'; loginAtMs: number; executables: readonly GroupUsage[] }
  | { state: 'notMeasured'; reason: string; isFinal: boolean };

/** What startup-service.ts read from history for a login's range. */
export interface LoginHistoryFacts {
  range: ImpactRange;
  nowMs: number;
  /** The oldest moment history holds (historyStatus), null when empty or unknown. */
  oldestMs: number | null;
  /** appHistory over [range.fromMs, range.toMs), or the failure history answered. */
  usage: { ok: true; value: AppHistory } | Failure;
  /** `recordingStarted` events from range.fromMs to windowEndMs: when a recorder (the app, a host) began. */
  recordingStartsMs: readonly number[];
  /** `gap` events from a minute before range.fromMs to windowEndMs (each at the last tick before it; detail "no samples for 42 s"). */
  gaps: readonly { atMs: number; detail: string | null }[];
}

const timeOf = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
const secondsOf = (ms: number) => `${Math.round(ms / 1_000)} s`;

/** "Not measured yet" while the range is still being recorded (and its last minute written), else null. */
export function pendingUsage(range: ImpactRange, nowMs: number): LoginUsage | null {
  if (nowMs >= range.toMs + SETTLE_MS) return null;
  return { state: 'notMeasured', reason: `not measured yet: the first minute after this login is measured from ${timeOf(range.toMs + SETTLE_MS)}`, isFinal: false };
}

/** Whether history can measure the login, and if so every executable's use of its range. */
export function loginUsageOf(facts: LoginHistoryFacts): LoginUsage {
  const { range } = facts;
  const pending = pendingUsage(range, facts.nowMs);
  if (pending) return pending;
  const lateStart = facts.recordingStartsMs.find((t) => t > range.loginAtMs && t < range.windowEndMs);
  if (lateStart !== undefined) {
    return {
      state: 'notMeasured',
      reason: `history started recording ${secondsOf(lateStart - range.loginAtMs)} after this login (Task Manager or its host started later), so the start of the first minute was not recorded`,
      isFinal: true,
    };
  }
  const gap = facts.gaps.find((g) => g.atMs < range.windowEndMs);
  if (gap) {
    return { state: 'notMeasured', reason: `history has a gap around this login (${gap.detail ?? 'no samples for a while'})`, isFinal: true };
  }
  if (!facts.usage.ok) {
    if (facts.usage.code !== 'NO_HISTORY') return { state: 'notMeasured', reason: facts.usage.message, isFinal: false };
    const isOlder = facts.oldestMs !== null && range.loginAtMs < facts.oldestMs;
    const reason = isOlder
      ? `this login (${timeOf(range.loginAtMs)}) is older than what history holds (from ${timeOf(facts.oldestMs ?? 0)})`
      : `history was not recording in the first minute after this login (${timeOf(range.loginAtMs)})`;
    return { state: 'notMeasured', reason, isFinal: true };
  }
  const startedMs = Math.max(range.fromMs, ...facts.recordingStartsMs.filter((t) => t <= range.loginAtMs));
  const expectedMs = range.toMs - startedMs;
  if (facts.usage.value.recordedMs < expectedMs - RECORDING_SLACK_MS) {
    return {
      state: 'notMeasured',
      reason: `history recorded only ${secondsOf(facts.usage.value.recordedMs)} of the ${secondsOf(expectedMs)} around this login`,
      isFinal: true,
    };
  }
  return { state: 'measured', loginAtMs: range.loginAtMs, executables: facts.usage.value.executables };
}

const isWindowsPath = (p: string) => /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('\\\\');

/**
 * Whether history's executable `recorded` is the entry's `exePath`: the same path, as history
 * groups executables; Windows paths (a drive letter, a UNC share) case-blind and either separator,
 * as Windows names one file.
 */
export function isSameExecutable(exePath: string, recorded: string): boolean {
  if (exePath === recorded) return true;
  if (!isWindowsPath(exePath) || !isWindowsPath(recorded)) return false;
  const norm = (p: string) => p.replace(/\//g, '\\').toLowerCase();
  return norm(exePath) === norm(recorded);
}

/** An entry's impact at the login `usage` is about: its executable's processes in the range (0 of them: it did not run then). */
export function entryImpact(exePath: string | null, usage: LoginUsage): StartupImpact {
  if (usage.state === 'notMeasured') return { state: 'notMeasured', reason: usage.reason };
  if (exePath === null) return { state: 'notMeasured', reason: 'the program this entry starts is not known, so its processes cannot be found in history' };
  const mine = usage.executables.filter((e) => e.exePath !== null && isSameExecutable(exePath, e.exePath));
  const known = (e: GroupUsage) => e.diskReadBytes !== null || e.diskWriteBytes !== null;
  const diskBytes = mine.length > 0 && !mine.some(known) ? null : mine.reduce((sum, e) => sum + (e.diskReadBytes ?? 0) + (e.diskWriteBytes ?? 0), 0);
  return {
    state: 'measured',
    loginAtMs: usage.loginAtMs,
    cpuTimeMs: mine.reduce((sum, e) => sum + e.cpuTimeMs, 0),
    diskBytes,
    processCount: mine.reduce((sum, e) => sum + e.processCount, 0),
  };
}
