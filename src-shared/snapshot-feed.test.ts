import { describe, expect, it } from 'vitest';
import { SnapshotFeed } from './snapshot-feed.ts';
import type { Snapshot } from './snapshot.ts';
import { assembleSnapshot, computeDelta, type SnapshotMessage } from './stream.ts';
import { processRow, snapshot } from './testing/fixtures.ts';

/** What a listener rebuilds from what it is given. */
function rebuilt(feed: SnapshotFeed): { snapshots: Snapshot[]; types: string[] } {
  let current: Snapshot | null = null;
  const out = { snapshots: [] as Snapshot[], types: [] as string[] };
  feed.subscribe((message) => {
    out.types.push(message.type);
    current = assembleSnapshot(current, message);
    if (current) out.snapshots.push(current);
  });
  return out;
}

const s1 = snapshot({ seq: 1, processes: [processRow({ pid: 10 }), processRow({ pid: 11 })] });
const s2 = snapshot({ seq: 2, processes: [processRow({ pid: 10, cpuPercent: 50 }), processRow({ pid: 11 })] });
const s3 = snapshot({ seq: 3, processes: [processRow({ pid: 11 })] });

describe('SnapshotFeed', () => {
  it('gives a listener the latest whole snapshot, then deltas it can apply, keeping unchanged rows the same objects', () => {
    const feed = new SnapshotFeed();
    feed.receive({ type: 'snapshot', snapshot: s1 });
    const listener = rebuilt(feed);
    feed.receive({ type: 'delta', delta: computeDelta(s1, s2) });
    feed.receive({ type: 'delta', delta: computeDelta(s2, s3) });
    expect(listener.types).toEqual(['snapshot', 'delta', 'delta']);
    expect(listener.snapshots.map((s) => s.seq)).toEqual([1, 2, 3]);
    expect(listener.snapshots[2]?.processes.map((r) => r.pid)).toEqual([11]);
    expect(listener.snapshots[1]?.processes[1]).toBe(listener.snapshots[0]?.processes[1]);
    expect(feed.latest?.seq).toBe(3);
  });

  it('drops a delta that does not apply (a gap), and carries on from the next whole snapshot', () => {
    const feed = new SnapshotFeed();
    const listener = rebuilt(feed);
    const orphan: SnapshotMessage = { type: 'delta', delta: computeDelta(s1, s2) };
    feed.receive(orphan);
    feed.receive({ type: 'snapshot', snapshot: s2 });
    feed.receive({ type: 'delta', delta: computeDelta(s1, s3) }); // base 1, but the latest is 2
    feed.receive({ type: 'delta', delta: computeDelta(s2, s3) });
    expect(listener.types).toEqual(['snapshot', 'delta']);
    expect(listener.snapshots.map((s) => s.seq)).toEqual([2, 3]);
  });

  it('stops calling a listener once unsubscribed', () => {
    const feed = new SnapshotFeed();
    const seen: string[] = [];
    const off = feed.subscribe((message) => seen.push(message.type));
    feed.receive({ type: 'snapshot', snapshot: s1 });
    off();
    feed.receive({ type: 'snapshot', snapshot: s2 });
    expect(seen).toEqual(['snapshot']);
  });
});
