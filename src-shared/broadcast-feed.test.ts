import { describe, expect, it } from 'vitest';
import { BroadcastFeed } from './broadcast-feed.ts';
import type { Broadcast } from './query.ts';
import { inventoryFixture } from './testing/inventory-fixture.ts';

const inventoryBroadcast = (bootId: string): Broadcast => ({ type: 'inventory', inventory: inventoryFixture({ bootId }) });

describe('BroadcastFeed', () => {
  it('passes each broadcast to every listener', () => {
    const feed = new BroadcastFeed();
    const a: Broadcast[] = [];
    const b: Broadcast[] = [];
    feed.subscribe((x) => a.push(x));
    feed.subscribe((x) => b.push(x));
    feed.receive(inventoryBroadcast('one'));
    expect(a).toEqual([inventoryBroadcast('one')]);
    expect(b).toEqual(a);
  });

  it('gives a late listener the latest inventory at once, only the latest', () => {
    const feed = new BroadcastFeed();
    feed.receive(inventoryBroadcast('one'));
    feed.receive(inventoryBroadcast('two'));
    const late: Broadcast[] = [];
    feed.subscribe((x) => late.push(x));
    expect(late).toEqual([inventoryBroadcast('two')]);
  });

  it('gives a listener nothing before the first broadcast, and nothing after it unsubscribed', () => {
    const feed = new BroadcastFeed();
    const seen: Broadcast[] = [];
    const off = feed.subscribe((x) => seen.push(x));
    expect(seen).toEqual([]);
    off();
    feed.receive(inventoryBroadcast('one'));
    expect(seen).toEqual([]);
  });
});
