/**
 * The live stream of the headless host (WebSocket `/api/stream`) and its delta format.
 *
 * Messages, server → client:
 *  - `{ type: "snapshot", snapshot }`: a whole snapshot; the first message after `auth`, and again
 *    whenever the client can't be sent a delta (after the collector restarted, say).
 *  - `{ type: "delta", delta }`: what changed since the snapshot of `delta.baseSeq` (see `SnapshotDelta`).
 *  - `{ type: "status", status }`: the collector's status (up, down, …), at once and on change.
 *  - `{ type: "result", id, result }`: the answer to a command.
 *  - `{ type: "answer", id, answer }`: the answer to a query (query.ts), also for a view-only token.
 *  - `{ type: "broadcast", broadcast }`: a push besides snapshots (query.ts `Broadcast`: the inventory, …),
 *    to every authenticated page whatever its update speed; a page that connects later is sent the latest
 *    retained one (the inventory) right after its first snapshot.
 * Client → server:
 *  - `{ type: "auth", token }`: first, within 5 s (else the socket is closed with code 4401). The view
 *    token's connection may read and query; only the control token's may run commands that act. When
 *    the token is replaced on the host (rotation), its connections are closed with 4401 and
 *    `WS_TOKEN_CHANGED_REASON`.
 *  - `{ type: "view", cadence }`: what this page receives (`ViewCadence`), at any time after `auth`;
 *    until it is sent, every snapshot. Parsed with `viewCadenceSchema` (commands.ts); anything else closes the
 *    socket with 4400 and changes nothing.
 *  - `{ type: "command", id, name, args }`: a command of `commandSchemas`, validated as over HTTP.
 *  - `{ type: "query", id, query }`: a query, parsed with `querySchema` (query-schema.ts); allowed without
 *    `--allow-control`. A query of the wrong shape is answered INVALID_ARGUMENT with its id; a message
 *    without a numeric id closes the socket with 4400.
 */
import type { CollectorStatus } from './collector-status.ts';
import type { CommandResult, ViewCadence } from './commands.ts';
import type { AnyQueryResult, Broadcast } from './query.ts';

export type { ViewCadence };
import type { App, ProcessIdentity, ProcessRow, Snapshot } from './snapshot.ts';

/** Close code for a missing or wrong token (4000–4999 are the application's own). */
export const WS_CLOSE_UNAUTHORIZED = 4401;
/**
 * The reason given with 4401 to a page whose token was replaced while it was connected (the host's
 * token file changed): it is refused from now on, and the page says so rather than "wrong token".
 */
export const WS_TOKEN_CHANGED_REASON = 'the token changed';
/** Close code when the client sends something that is not a message of this protocol. */
export const WS_CLOSE_PROTOCOL = 4400;

/**
 * A snapshot as the change from the one before it (`baseSeq`):
 * - `system`: every figure but `processes` and `apps` (small; always sent whole);
 * - `upserted`: whole rows of processes that are new or of which any field changed;
 * - `removed`: identities of processes that are gone (or whose pid now names another process);
 * - `apps`: the whole app list when it changed, omitted when it did not.
 * Applying it to the base snapshot gives the new snapshot's figures and rows exactly (rows that
 * are new, or whose pid was reused, come last).
 */
export interface SnapshotDelta {
  seq: number;
  baseSeq: number;
  system: Omit<Snapshot, 'processes' | 'apps'>;
  upserted: ProcessRow[];
  removed: ProcessIdentity[];
  apps?: App[];
}

/**
 * What `TaskManagerApi.onSnapshotMessage` delivers: a whole snapshot, or the change from the last
 * snapshot that listener was given. `assembleSnapshot` turns them into snapshots.
 */
export type SnapshotMessage = { readonly type: 'snapshot'; readonly snapshot: Snapshot } | { readonly type: 'delta'; readonly delta: SnapshotDelta };

/**
 * The snapshot after `message`: its own, or `current` with the delta applied (unchanged rows stay
 * the very same objects). Null when the delta does not apply to `current`: wait for a whole one. Pure.
 */
export function assembleSnapshot(current: Snapshot | null, message: SnapshotMessage): Snapshot | null {
  if (message.type === 'snapshot') return message.snapshot;
  return current ? applyDelta(current, message.delta) : null;
}

export type ServerMessage =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'delta'; delta: SnapshotDelta }
  | { type: 'status'; status: CollectorStatus }
  | { type: 'result'; id: number; result: CommandResult }
  | { type: 'answer'; id: number; answer: AnyQueryResult }
  | { type: 'broadcast'; broadcast: Broadcast };

export type ClientMessage =
  | { type: 'auth'; token: string }
  | { type: 'view'; cadence: ViewCadence }
  | { type: 'command'; id: number; name: string; args: unknown }
  | { type: 'query'; id: number; query: unknown };


/**
 * The link between the page and where its data comes from. The desktop app's page is always
 * `connected` (its main process is its host); a page of the headless host follows its WebSocket:
 * `lost` while it reconnects, `refused` when the host turned its token down (it does not retry).
 * Separate from the collector's status: the host can be reachable while its collector is down.
 */
export interface ConnectionState {
  state: 'connecting' | 'connected' | 'lost' | 'refused';
  /** Why, in plain words; null when connected. */
  message: string | null;
  /** When the state last changed, ms since the Unix epoch. */
  sinceMs: number;
}

export function systemPart(snapshot: Snapshot): Omit<Snapshot, 'processes' | 'apps'> {
  const { processes: _processes, apps: _apps, ...system } = snapshot;
  return system;
}

/** The delta from `prev` to `next`. Pure. */
export function computeDelta(prev: Snapshot, next: Snapshot): SnapshotDelta {
  const before = new Map<number, ProcessRow>();
  for (const row of prev.processes) before.set(row.pid, row);
  const upserted: ProcessRow[] = [];
  const removed: ProcessIdentity[] = [];
  const nextPids = new Set<number>();
  for (const row of next.processes) {
    nextPids.add(row.pid);
    const old = before.get(row.pid);
    if (old && old.startTimeMs !== row.startTimeMs) removed.push({ pid: old.pid, startTimeMs: old.startTimeMs });
    if (!old || !rowsEqual(old, row)) upserted.push(row);
  }
  for (const row of prev.processes) {
    if (!nextPids.has(row.pid)) removed.push({ pid: row.pid, startTimeMs: row.startTimeMs });
  }
  const delta: SnapshotDelta = { seq: next.seq, baseSeq: prev.seq, system: systemPart(next), upserted, removed };
  if (!appsEqual(prev.apps, next.apps)) delta.apps = next.apps;
  return delta;
}

/**
 * The snapshot that `delta` describes, from its base. Pure. Rows keep the base's order; new rows
 * come last. Null when `base` is not the delta's base (the client must wait for a snapshot).
 */
export function applyDelta(base: Snapshot, delta: SnapshotDelta): Snapshot | null {
  if (base.seq !== delta.baseSeq) return null;
  const rows = new Map<number, ProcessRow>();
  for (const row of base.processes) rows.set(row.pid, row);
  for (const gone of delta.removed) {
    if (rows.get(gone.pid)?.startTimeMs === gone.startTimeMs) rows.delete(gone.pid);
  }
  for (const row of delta.upserted) rows.set(row.pid, row);
  return { ...delta.system, processes: [...rows.values()], apps: delta.apps ?? base.apps };
}

/** Whether two rows carry the same figures (the `services` list compared by content). Pure. */
export function rowsEqual(a: ProcessRow, b: ProcessRow): boolean {
  for (const key in a) {
    const x = a[key as keyof ProcessRow];
    const y = b[key as keyof ProcessRow];
    // The one list field (`services`) is a new array in every snapshot: compare it by content.
    if (x !== y && !(Array.isArray(x) && Array.isArray(y) && stringsEqual(x, y))) return false;
  }
  return true;
}

function stringsEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function appsEqual(a: readonly App[], b: readonly App[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      !x ||
      !y ||
      x.id !== y.id ||
      x.name !== y.name ||
      x.category !== y.category ||
      x.isResponding !== y.isResponding ||
      x.members.length !== y.members.length
    ) {
      return false;
    }
    for (let j = 0; j < x.members.length; j++) {
      if (x.members[j]?.pid !== y.members[j]?.pid || x.members[j]?.startTimeMs !== y.members[j]?.startTimeMs) return false;
    }
  }
  return true;
}
