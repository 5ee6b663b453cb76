/**
 * Pushes snapshots, collector status and shell state to each window's preload over its own
 * `MessageChannelMain` port. Per tick the delta from the previous snapshot is computed once and
 * sent to every port that holds that previous snapshot; a port that doesn't (it just attached, the
 * page reloaded) gets the whole snapshot. A steady delta is a few KB where a whole snapshot of
 * 2,000 processes is over 1 MB (README "Benchmarks"), so the structured clone per tick stays small.
 * Broadcasts (query.ts: the inventory, …) go to every page; one that attaches later gets the
 * retained ones (the core's `BroadcastHub`) right after its first snapshot.
 */
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import type { PushMessage } from '../../src-shared/ipc.ts';
import type { Broadcast } from '../../src-shared/query.ts';
import type { ShellState } from '../../src-shared/shell.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { computeDelta, type SnapshotDelta } from '../../src-shared/stream.ts';

/** The end of the channel main keeps. Main only posts on it; it never reads from the page. */
export interface PushPortLike {
  postMessage(message: PushMessage): void;
  close(): void;
}

interface Subscriber {
  port: PushPortLike;
  /** Seq of the snapshot this port last received, or null before its first one. */
  lastSeq: number | null;
}

export interface PushPublisherOptions {
  /** The latest broadcast of each retained type (`BroadcastHub.retained`), for a page that attaches now. */
  retainedBroadcasts?: () => readonly Broadcast[];
}

export class PushPublisher {
  private readonly subscribers = new Map<number, Subscriber>();
  private readonly retainedBroadcasts: () => readonly Broadcast[];
  private latest: Snapshot | null = null;
  private status: CollectorStatus | null = null;
  private shell: ShellState | null = null;

  constructor(options: PushPublisherOptions = {}) {
    this.retainedBroadcasts = options.retainedBroadcasts ?? (() => []);
  }

  /** A page (target id = its webContents id) attached: it replaces any earlier port of the same page. */
  attach(targetId: number, port: PushPortLike): void {
    this.detach(targetId);
    const subscriber: Subscriber = { port, lastSeq: null };
    this.subscribers.set(targetId, subscriber);
    if (this.status) port.postMessage({ type: 'status', status: this.status });
    if (this.shell) port.postMessage({ type: 'shell', state: this.shell });
    if (this.latest) {
      port.postMessage({ type: 'snapshot', snapshot: this.latest });
      subscriber.lastSeq = this.latest.seq;
    }
    for (const broadcast of this.retainedBroadcasts()) port.postMessage({ type: 'broadcast', broadcast });
  }

  detach(targetId: number): void {
    const old = this.subscribers.get(targetId);
    if (!old) return;
    this.subscribers.delete(targetId);
    old.port.close();
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** `fromCollector`: the collector's own change from the previous snapshot, passed on when it has that base. */
  publishSnapshot(next: Snapshot, fromCollector: SnapshotDelta | null = null): void {
    const previous = this.latest;
    this.latest = next;
    let delta: PushMessage | null = null;
    for (const subscriber of this.subscribers.values()) {
      if (previous && subscriber.lastSeq === previous.seq) {
        delta ??= { type: 'delta', delta: fromCollector?.baseSeq === previous.seq ? fromCollector : computeDelta(previous, next) };
        subscriber.port.postMessage(delta);
      } else {
        subscriber.port.postMessage({ type: 'snapshot', snapshot: next });
      }
      subscriber.lastSeq = next.seq;
    }
  }

  publishStatus(status: CollectorStatus): void {
    this.status = status;
    // A collector that went down sends no more snapshots; its next run starts from a whole one.
    if (status.state !== 'up') this.forgetSnapshot();
    this.toAll({ type: 'status', status });
  }

  publishShell(state: ShellState): void {
    this.shell = state;
    this.toAll({ type: 'shell', state });
  }

  publishBroadcast(broadcast: Broadcast): void {
    this.toAll({ type: 'broadcast', broadcast });
  }

  close(): void {
    for (const id of [...this.subscribers.keys()]) this.detach(id);
  }

  /** Forgets the snapshot sent last, so the next one goes whole to every page (the window's source changed: src-main/app/remote/view-source.ts). */
  startOver(): void {
    this.forgetSnapshot();
  }

  private forgetSnapshot(): void {
    this.latest = null;
    for (const subscriber of this.subscribers.values()) subscriber.lastSeq = null;
  }

  private toAll(message: PushMessage): void {
    for (const subscriber of this.subscribers.values()) subscriber.port.postMessage(message);
  }
}
