/**
 * `topConsumers` and `appHistory` from the store's usage (history-usage-db.ts), on the writer's
 * thread. A range wholly in the future is INVALID_ARGUMENT naming fromMs; nothing recorded in it
 * is NO_HISTORY.
 */
import type { AppHistory, GroupUsage, ProcessUsage, QueryOf, TopBy, TopConsumers } from '../../src-shared/query.ts';
import { failure, type Failure } from '../../src-shared/results.ts';
import type { IdBucket, IdEntry } from './history-usage-codec.ts';
import type { HistoryUsageDb, UsageKeyRow } from './history-usage-db.ts';
import { rankValue, topOf, usageOf } from './history-usage.ts';

type Answer<T> = { ok: true; value: T } | Failure;

function rangeProblem(fromMs: number, toMs: number, nowMs: number): Failure | null {
  if (fromMs > nowMs) return failure('INVALID_ARGUMENT', 'query: fromMs: the range is in the future');
  return toMs <= fromMs ? failure('INVALID_ARGUMENT', 'query: fromMs must be before toMs') : null;
}

function noHistory(fromMs: number, toMs: number): Failure {
  return failure('NO_HISTORY', `no usage was recorded from ${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()}`);
}

interface Named extends IdEntry {
  name: string;
  key: UsageKeyRow;
}

/** Entries with their names (an entry whose key is gone, pruned, is left out). */
function named(entries: Iterable<IdEntry>, keys: Map<number, UsageKeyRow>, kind?: UsageKeyRow['kind']): Named[] {
  const answer: Named[] = [];
  for (const entry of entries) {
    const key = keys.get(entry.id);
    if (key && (kind === undefined || key.kind === kind)) answer.push({ ...entry, name: key.name, key });
  }
  return answer;
}

function processUsageOf(entry: Named, capacityMs: number): ProcessUsage {
  const { key } = entry;
  return { pid: key.pid ?? 0, startTimeMs: key.startTimeMs ?? 0, name: key.name, exePath: key.exePath, user: key.user, appName: key.appName, ...usageOf(entry.totals, capacityMs) };
}

function groupUsageOf(entry: Named, capacityMs: number): GroupUsage {
  const kind = entry.key.kind === 'app' ? 'app' : 'executable';
  return { kind, name: entry.key.name, exePath: entry.key.exePath, processCount: entry.members.size, ...usageOf(entry.totals, capacityMs) };
}

const byKey = (entry: Named) => String(entry.id);

function ranked(bucket: IdBucket, usage: HistoryUsageDb, by: TopBy, limit: number): { processes: ProcessUsage[]; apps: GroupUsage[] } {
  // Ranked by id first, so names are read only for the top (and whatever ties with its last).
  const sorted = [...bucket.processes.values()].sort((a, b) => rankValue(b.totals, by) - rankValue(a.totals, by));
  const last = sorted[limit - 1];
  const candidates = last ? sorted.filter((e) => rankValue(e.totals, by) >= rankValue(last.totals, by)) : sorted;
  const processes = topOf(named(candidates, usage.keys(candidates.map((c) => c.id))), by, limit, byKey).map((e) => processUsageOf(e, bucket.capacityMs));
  const apps = topOf(named(bucket.groups.values(), usage.keys(bucket.groups.keys()), 'app'), by, limit, byKey).map((e) => groupUsageOf(e, bucket.capacityMs));
  return { processes, apps };
}

export function readTopConsumers(usage: HistoryUsageDb, query: QueryOf<'topConsumers'>, nowMs: number): Answer<TopConsumers> {
  const problem = rangeProblem(query.fromMs, query.toMs, nowMs);
  if (problem) return problem;
  const bucket = usage.readRange(query.fromMs, query.toMs, nowMs);
  if (!bucket) return noHistory(query.fromMs, query.toMs);
  const { processes, apps } = ranked(bucket, usage, query.by, query.limit);
  return { ok: true, value: { fromMs: query.fromMs, toMs: query.toMs, by: query.by, recordedMs: bucket.recordedMs, processes, apps } };
}

export function readAppHistory(usage: HistoryUsageDb, query: QueryOf<'appHistory'>, nowMs: number): Answer<AppHistory> {
  const problem = rangeProblem(query.fromMs, query.toMs, nowMs);
  if (problem) return problem;
  const bucket = usage.readRange(query.fromMs, query.toMs, nowMs, false);
  if (!bucket) return noHistory(query.fromMs, query.toMs);
  const keys = usage.keys(bucket.groups.keys());
  const all = (kind: UsageKeyRow['kind']) => {
    const entries = named(bucket.groups.values(), keys, kind);
    return topOf(entries, 'cpu', entries.length, byKey).map((e) => groupUsageOf(e, bucket.capacityMs));
  };
  return { ok: true, value: { fromMs: query.fromMs, toMs: query.toMs, recordedMs: bucket.recordedMs, apps: all('app'), executables: all('executable') } };
}
