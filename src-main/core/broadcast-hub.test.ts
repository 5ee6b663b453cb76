import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src-shared/inventory.ts';
import type { Broadcast } from '../../src-shared/query.ts';
import { inventoryFixture } from '../../src-shared/testing/inventory-fixture.ts';
import { BroadcastHub } from './broadcast-hub.ts';
import { NO_INVENTORY, type InventorySource } from './inventory-source.ts';

/** An inventory source a test drives: `emit` is a finished read. */
function fakeSource(initial: Inventory | null = null): InventorySource & { emit(inventory: Inventory): void; listenerCount(): number } {
  let current = initial;
  const listeners = new Set<(inventory: Inventory) => void>();
  return {
    current: () => current,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (inventory) => {
      current = inventory;
      for (const listener of listeners) listener(inventory);
    },
    listenerCount: () => listeners.size,
  };
}

describe('BroadcastHub', () => {
  it('relays each inventory change to every subscriber', () => {
    const source = fakeSource();
    const hub = new BroadcastHub({ inventory: source });
    const a: Broadcast[] = [];
    const b: Broadcast[] = [];
    hub.subscribe((x) => a.push(x));
    hub.subscribe((x) => b.push(x));
    const inventory = inventoryFixture();
    source.emit(inventory);
    expect(a).toEqual([{ type: 'inventory', inventory }]);
    expect(b).toEqual(a);
  });

  it('retains the latest inventory for a late subscriber, none before the first read', () => {
    const source = fakeSource();
    const hub = new BroadcastHub({ inventory: source });
    expect(hub.retained()).toEqual([]);
    source.emit(inventoryFixture({ bootId: 'first' }));
    source.emit(inventoryFixture({ bootId: 'second' }));
    expect(hub.retained()).toEqual([{ type: 'inventory', inventory: inventoryFixture({ bootId: 'second' }) }]);
  });

  it('starts from an inventory the source already has', () => {
    const inventory = inventoryFixture();
    const hub = new BroadcastHub({ inventory: fakeSource(inventory) });
    expect(hub.retained()).toEqual([{ type: 'inventory', inventory }]);
  });

  it('sends nothing to an unsubscribed listener, and close stops relaying', () => {
    const source = fakeSource();
    const hub = new BroadcastHub({ inventory: source });
    const seen: Broadcast[] = [];
    const off = hub.subscribe((x) => seen.push(x));
    off();
    source.emit(inventoryFixture());
    expect(seen).toEqual([]);
    hub.close();
    expect(source.listenerCount()).toBe(0);
  });

  it('with NO_INVENTORY: nothing retained, nothing sent', () => {
    const hub = new BroadcastHub({ inventory: NO_INVENTORY });
    const seen: Broadcast[] = [];
    hub.subscribe((x) => seen.push(x));
    expect(hub.retained()).toEqual([]);
    expect(seen).toEqual([]);
  });
});
