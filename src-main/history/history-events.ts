/**
 * History's events beyond process starts and exits (those are the store's `event` rows): recording
 * started (the writer's first tick), gaps (no tick for more than 3 intervals), and the commands a
 * user ran, in a table of their own (`history_note`) that carries a detail text and the process's
 * name (so a command on a process is still named after its identity is pruned). Read together by
 * `readEvents`, oldest first, at most MAX_HISTORY_EVENTS.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { CommandName, CommandResult } from '../../src-shared/commands.ts';
import { HISTORY_EVENT_KINDS, MAX_HISTORY_EVENTS, type HistoryEvent, type HistoryEventKind, type HistoryEvents, type QueryOf } from '../../src-shared/query.ts';
import { failure, type Failure } from '../../src-shared/results.ts';
import type { ProcessIdentity } from '../../src-shared/snapshot.ts';
import type { TickRecord } from './history-recorder.ts';
import { DEFAULT_RETENTION, retentionCutoffs, type HistoryRetention } from './history-rollup.ts';

/** A tick later than this many of the previous tick's intervals leaves a gap. */
export const GAP_INTERVALS = 3;

const NOTES_SCHEMA = `
CREATE TABLE IF NOT EXISTS history_note (t INTEGER NOT NULL, kind TEXT NOT NULL, pid INTEGER, start_ms INTEGER, name TEXT, detail TEXT);
CREATE INDEX IF NOT EXISTS history_note_t ON history_note (t);
`;

/** "42 s", "3 min 5 s", "2 h 10 min": how long, in words a user reads at a glance. */
export function durationText(ms: number): string {
  const seconds = Math.round(ms / 1_000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The gap between two ticks, as its event's detail ("no samples for 42 s"), or null when there is none. */
export function gapDetail(previousMs: number, previousIntervalMs: number, tMs: number): string | null {
  return tMs - previousMs > GAP_INTERVALS * previousIntervalMs ? `no samples for ${durationText(tMs - previousMs)}` : null;
}

/** One command's note on one process. */
export interface CommandNote {
  pid: number;
  startTimeMs: number;
  detail: string;
}

/**
 * One alert event (src-main/alerts/alert-service.ts): a rule fired or cleared, or what one of its
 * actions did. `name` is the process's or the app's (kept with the note: the identity may be pruned).
 */
export interface AlertNote {
  atMs: number;
  pid: number | null;
  startTimeMs: number | null;
  name: string | null;
  /** "CPU hog fired: burn (4242): CPU 85 % for 3 s (above 40 %)", "CPU hog cleared", "CPU hog: set priority to below normal: done". */
  detail: string;
}

const outcomeText = (name: string, result: { ok: false; code: string; message: string } | { ok: true }) => (result.ok ? `${name}: done` : `${name}: ${result.code} — ${result.message}`);

/**
 * What to note of a command a user ran: one note per process it targeted ("kill: done",
 * "suspend: ACCESS_DENIED — …"; several processes: each one's own outcome), none for a command
 * on no process (settings, run new task, restart Explorer, history's own).
 */
export function commandNotes(name: CommandName, args: unknown, result: CommandResult): CommandNote[] {
  const targets: ProcessIdentity[] = [];
  if (typeof args === 'object' && args !== null) {
    const a = args as { pid?: unknown; startTimeMs?: unknown; members?: unknown };
    if (typeof a.pid === 'number' && typeof a.startTimeMs === 'number') targets.push({ pid: a.pid, startTimeMs: a.startTimeMs });
    else if (Array.isArray(a.members)) for (const m of a.members.slice(0, 1_000) as ProcessIdentity[]) targets.push({ pid: m.pid, startTimeMs: m.startTimeMs });
  }
  if (!result.ok || !('done' in result)) return targets.map((t) => ({ ...t, detail: outcomeText(name, result) }));
  // Several outcomes (a tree, an app): each process its own; the target itself when it is not listed.
  const notes = [
    ...result.done.map((d) => ({ pid: d.pid, startTimeMs: d.startTimeMs, detail: `${name}: done` })),
    ...result.gone.map((g) => ({ pid: g.pid, startTimeMs: g.startTimeMs, detail: `${name}: had already exited` })),
    ...result.failed.map((f) => ({ pid: f.pid, startTimeMs: f.startTimeMs, detail: outcomeText(name, { ok: false, code: f.code, message: f.message }) }))];
  const listed = new Set(notes.map((n) => `${n.pid}:${n.startTimeMs}`));
  for (const t of targets) if (!listed.has(`${t.pid}:${t.startTimeMs}`)) notes.push({ ...t, detail: `${name}: ${result.done.length} done, ${result.gone.length > 0 ? `${result.gone.length} already exited, ` : ''}${result.failed.length} failed` });
  return notes.slice(0, 1_000);
}

export class HistoryNotes {
  private readonly db: DatabaseSync;
  private lastT = Number.NaN;
  private lastIntervalMs = Number.NaN;

  constructor(db: DatabaseSync) {
    this.db = db;
    db.exec(NOTES_SCHEMA);
  }

  /** Notes recording started (this writer's first tick) and a gap since the previous tick. */
  addTick(tick: TickRecord): void {
    if (Number.isNaN(this.lastT)) this.insert(tick.t, 'recordingStarted', null, null);
    else {
      const detail = gapDetail(this.lastT, this.lastIntervalMs, tick.t);
      if (detail !== null) this.insert(this.lastT, 'gap', null, detail);
    }
    this.lastT = tick.t;
    this.lastIntervalMs = tick.point.intervalMs;
  }

  /** Notes what a user ran, named after the identity when the store knows it. */
  recordCommand(atMs: number, notes: readonly CommandNote[]): void {
    const nameOf = this.db.prepare('SELECT name FROM identity WHERE pid = ? AND start_ms = ?');
    for (const note of notes) {
      const name = nameOf.get(note.pid, note.startTimeMs)?.['name'];
      this.insert(atMs, 'command', { ...note, name: typeof name === 'string' ? name : null }, note.detail);
    }
  }

  /** Notes what the rules did: alerts fired and cleared, their actions' outcomes. */
  recordAlerts(notes: readonly AlertNote[]): void {
    for (const note of notes) {
      const target = note.pid !== null && note.startTimeMs !== null ? { pid: note.pid, startTimeMs: note.startTimeMs, name: note.name } : { pid: null, startTimeMs: null, name: note.name };
      this.insert(note.atMs, 'alert', target, note.detail);
    }
  }

  /** Notes are kept as long as the usage by the minute (30 days by default), the range App history reads them over. */
  prune(nowMs: number, retention: HistoryRetention = DEFAULT_RETENTION): void {
    this.db.prepare('DELETE FROM history_note WHERE t < ?').run(retentionCutoffs(nowMs, retention).usageMinutes);
  }

  private insert(t: number, kind: HistoryEventKind, target: { pid: number | null; startTimeMs: number | null; name: string | null } | null, detail: string | null): void {
    this.db.prepare('INSERT INTO history_note (t, kind, pid, start_ms, name, detail) VALUES (?, ?, ?, ?, ?, ?)').run(t, kind, target?.pid ?? null, target?.startTimeMs ?? null, target?.name ?? null, detail);
  }
}

const KINDS: ReadonlySet<string> = new Set(HISTORY_EVENT_KINDS);

/**
 * The events of [fromMs, toMs), oldest first: process starts and exits (the store's `event` rows
 * with their identity's name) and the notes; only those of `eventKind` when it is given. NO_HISTORY when there are none and nothing was
 * recorded in the range (`hasRecorded`).
 */
export function readEvents(db: DatabaseSync, query: QueryOf<'historyEvents'>, nowMs: number, hasRecorded: (fromMs: number, toMs: number) => boolean): { ok: true; value: HistoryEvents } | Failure {
  if (query.fromMs > nowMs) return failure('INVALID_ARGUMENT', 'query: fromMs: the range is in the future');
  // Starts and exits are the store's `event` rows, the other kinds notes: a query for one kind reads only its table.
  const kind = query.eventKind;
  const isProcessKind = kind === 'start' || kind === 'exit';
  const parts: string[] = [];
  const args: (number | string)[] = [];
  if (kind === undefined || isProcessKind) {
    parts.push(`SELECT e.t AS t, e.kind AS kind, i.pid AS pid, i.start_ms AS start_ms, i.name AS name, NULL AS detail FROM event e LEFT JOIN identity i ON i.id = e.id WHERE e.t >= ? AND e.t < ?${kind === undefined ? '' : ' AND e.kind = ?'}`);
    args.push(query.fromMs, query.toMs, ...(kind === undefined ? [] : [kind]));
  }
  if (!isProcessKind) {
    parts.push(`SELECT t, kind, pid, start_ms, name, detail FROM history_note WHERE t >= ? AND t < ?${kind === undefined ? '' : ' AND kind = ?'}`);
    args.push(query.fromMs, query.toMs, ...(kind === undefined ? [] : [kind]));
  }
  const rows = db.prepare(`SELECT t, kind, pid, start_ms, name, detail FROM (${parts.join(' UNION ALL ')}) ORDER BY t, kind, pid LIMIT ?`).all(...args, MAX_HISTORY_EVENTS + 1);
  const num = (value: unknown) => (typeof value === 'number' ? value : null);
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const events: HistoryEvent[] = rows
    .filter((r) => KINDS.has(String(r['kind'])))
    .map((r) => ({ atMs: Number(r['t']), kind: String(r['kind']) as HistoryEventKind, pid: num(r['pid']), startTimeMs: num(r['start_ms']), name: text(r['name']), detail: text(r['detail']) }));
  if (events.length === 0 && !hasRecorded(query.fromMs, query.toMs)) {
    return failure('NO_HISTORY', `nothing was recorded from ${new Date(query.fromMs).toISOString()} to ${new Date(query.toMs).toISOString()}`);
  }
  return { ok: true, value: { fromMs: query.fromMs, toMs: query.toMs, events: events.slice(0, MAX_HISTORY_EVENTS), isTruncated: events.length > MAX_HISTORY_EVENTS } };
}
