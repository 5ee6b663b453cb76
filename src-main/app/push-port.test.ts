import { describe, expect, it } from 'vitest';
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import type { PushMessage } from '../../src-shared/ipc.ts';
import { applyDelta, computeDelta } from '../../src-shared/stream.ts';
import { processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { inventoryFixture } from '../../src-shared/testing/inventory-fixture.ts';
import type { Broadcast } from '../../src-shared/query.ts';
import { PushPublisher, type PushPortLike } from './push-port.ts';

class FakePort implements PushPortLike {
  readonly messages: PushMessage[] = [];
  isClosed = false;
  postMessage(message: PushMessage): void {
    this.messages.push(message);
  }
  close(): void {
    this.isClosed = true;
  }
}

const rows = (n: number, cpu = 1) => Array.from({ length: n }, (_, i) => processRow({ pid: 100 + i, cpuPercent: cpu }));
const up: CollectorStatus = { state: 'up', restarts: 0, message: null, sinceMs: 1 };

describe('PushPublisher', () => {
  it('sends a newly attached page the status and a whole snapshot, then deltas', () => {
    const publisher = new PushPublisher();
    const first = snapshot({ seq: 1, processes: rows(300) });
    publisher.publishStatus(up);
    publisher.publishSnapshot(first);
    const port = new FakePort();
    publisher.attach(1, port);
    expect(port.messages.map((m) => m.type)).toEqual(['status', 'snapshot']);
    const second = snapshot({ seq: 2, processes: [...rows(299), processRow({ pid: 999 })] });
    publisher.publishSnapshot(second);
    const last = port.messages.at(-1);
    expect(last?.type).toBe('delta');
    if (last?.type !== 'delta') return;
    expect(applyDelta(first, last.delta)).toEqual(second);
    // Only what changed travels: one row gone, one new.
    expect(last.delta.upserted.map((row) => row.pid)).toEqual([999]);
    expect(JSON.stringify(last.delta).length * 20).toBeLessThan(JSON.stringify(second).length);
  });

  it('passes the collector’s own delta on when it has the pages’ base, and computes one when it has not', () => {
    const publisher = new PushPublisher();
    const first = snapshot({ seq: 1, processes: rows(3) });
    const second = snapshot({ seq: 2, processes: rows(3, 5) });
    publisher.publishStatus(up);
    publisher.publishSnapshot(first);
    const port = new FakePort();
    publisher.attach(1, port);
    const fromCollector = computeDelta(first, second);
    publisher.publishSnapshot(second, fromCollector);
    const passed = port.messages.at(-1);
    expect(passed?.type === 'delta' && passed.delta).toBe(fromCollector);
    const third = snapshot({ seq: 3, processes: rows(3, 7) });
    const stale = computeDelta(first, third); // another base: not this page's
    publisher.publishSnapshot(third, stale);
    const computed = port.messages.at(-1);
    expect(computed?.type === 'delta' && computed.delta).not.toBe(stale);
    expect(computed?.type === 'delta' && applyDelta(second, computed.delta)).toEqual(third);
  });

  it('sends a whole snapshot after the collector was down, never a delta over the gap', () => {
    const publisher = new PushPublisher();
    const port = new FakePort();
    publisher.attach(1, port);
    publisher.publishSnapshot(snapshot({ seq: 7, processes: rows(3) }));
    publisher.publishStatus({ ...up, state: 'down', message: 'exited' });
    publisher.publishStatus({ ...up, state: 'starting' });
    publisher.publishSnapshot(snapshot({ seq: 1, processes: rows(3) }));
    expect(port.messages.map((m) => m.type)).toEqual(['snapshot', 'status', 'status', 'snapshot']);
  });

  it('replaces the port of a reloaded page and closes the old one', () => {
    const publisher = new PushPublisher();
    const old = new FakePort();
    const fresh = new FakePort();
    publisher.attach(1, old);
    publisher.publishSnapshot(snapshot({ seq: 1 }));
    publisher.attach(1, fresh);
    publisher.publishSnapshot(snapshot({ seq: 2 }));
    expect(old.isClosed).toBe(true);
    expect(old.messages).toHaveLength(1);
    expect(fresh.messages.map((m) => m.type)).toEqual(['snapshot', 'delta']);
    expect(publisher.size).toBe(1);
    publisher.close();
    expect(fresh.isClosed).toBe(true);
    expect(publisher.size).toBe(0);
  });

  it('broadcasts shell state to every page', () => {
    const publisher = new PushPublisher();
    const a = new FakePort();
    const b = new FakePort();
    publisher.attach(1, a);
    publisher.attach(2, b);
    publisher.publishShell({ isDesktopApp: true } as never);
    expect(a.messages).toEqual([{ type: 'shell', state: { isDesktopApp: true } }]);
    expect(b.messages).toEqual(a.messages);
  });

  it('sends a broadcast to every page', () => {
    const publisher = new PushPublisher();
    const a = new FakePort();
    const b = new FakePort();
    publisher.attach(1, a);
    publisher.attach(2, b);
    const broadcast: Broadcast = { type: 'inventory', inventory: inventoryFixture() };
    publisher.publishBroadcast(broadcast);
    expect(a.messages).toEqual([{ type: 'broadcast', broadcast }]);
    expect(b.messages).toEqual(a.messages);
  });

  it('gives a page that attaches later the retained broadcasts, right after its first snapshot', () => {
    let retained: Broadcast[] = [];
    const publisher = new PushPublisher({ retainedBroadcasts: () => retained });
    publisher.publishStatus(up);
    publisher.publishSnapshot(snapshot({ seq: 1 }));
    const early = new FakePort();
    publisher.attach(1, early);
    expect(early.messages.map((m) => m.type)).toEqual(['status', 'snapshot']);
    const inventory = inventoryFixture({ bootId: 'late' });
    retained = [{ type: 'inventory', inventory }];
    const late = new FakePort();
    publisher.attach(2, late);
    expect(late.messages.map((m) => m.type)).toEqual(['status', 'snapshot', 'broadcast']);
    expect(late.messages.at(-1)).toEqual({ type: 'broadcast', broadcast: { type: 'inventory', inventory } });
  });
});
