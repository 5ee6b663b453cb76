/**
 * The contract's push path besides snapshots (query.ts `Broadcast`), in the core: each host
 * subscribes its pages' transport (the WebSocket stream, the Electron push port) and the hub sends
 * every broadcast to all of them. It relays the inventory source's changes; the hosts publish
 * history's status and the alert service's rules and alerts here (host.ts, main.ts).
 *
 * A broadcast that describes a state (the inventory, history's status; `RETAINED_BROADCAST_TYPES`) is retained:
 * `retained()` gives the latest of each such type, so a page that connects later starts from it
 * instead of waiting for the next change. Events (an `alert` that fired) are not retained.
 */
import { RETAINED_BROADCAST_TYPES, type BroadcastType } from '../../src-shared/broadcast-feed.ts';
import type { Broadcast } from '../../src-shared/query.ts';
import type { InventorySource } from './inventory-source.ts';

export class BroadcastHub {
  private readonly listeners = new Set<(broadcast: Broadcast) => void>();
  private readonly latest = new Map<BroadcastType, Broadcast>();
  private readonly offSources: (() => void)[] = [];

  constructor(sources: { inventory: InventorySource }) {
    const inventory = sources.inventory.current();
    if (inventory !== null) this.latest.set('inventory', { type: 'inventory', inventory });
    this.offSources.push(sources.inventory.onChange((next) => this.publish({ type: 'inventory', inventory: next })));
  }

  /** Sends `broadcast` to every subscriber (and keeps it for late ones when its type is retained). */
  publish(broadcast: Broadcast): void {
    if (RETAINED_BROADCAST_TYPES.has(broadcast.type)) this.latest.set(broadcast.type, broadcast);
    for (const listener of this.listeners) listener(broadcast);
  }

  /** The latest broadcast of each retained type, for a page that connects now. */
  retained(): Broadcast[] {
    return [...this.latest.values()];
  }

  /** `listener` gets every broadcast from now on (not the retained ones: see `retained()`). */
  subscribe(listener: (broadcast: Broadcast) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Stops relaying the sources (at shutdown). */
  close(): void {
    for (const off of this.offSources.splice(0)) off();
    this.listeners.clear();
  }
}
