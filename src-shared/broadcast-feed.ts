/**
 * The broadcast side of `TaskManagerApi` (query.ts `Broadcast`) for an implementation that receives
 * broadcasts from elsewhere (the preload from main's port, the browser client from the host's
 * socket): it passes each one on, and keeps the latest of each retained type so a listener that
 * subscribes later (a page component mounted after the inventory came) is given it at once.
 */
import type { Unsubscribe } from './api.ts';
import type { Broadcast } from './query.ts';

export type BroadcastType = Broadcast['type'];

/**
 * Broadcasts that describe a state (the machine's inventory, history's status): the latest one
 * stands until the next, so a late listener is given it. Events (an `alert` that fired) are not
 * listed here: a page that connects later asks the `alerts` query.
 */
export const RETAINED_BROADCAST_TYPES: ReadonlySet<BroadcastType> = new Set<BroadcastType>(['inventory', 'historyStatus', 'rules']);

export class BroadcastFeed {
  private readonly retained = new Map<BroadcastType, Broadcast>();
  private readonly listeners = new Set<(broadcast: Broadcast) => void>();

  /** A broadcast from the source, passed to every listener. */
  receive(broadcast: Broadcast): void {
    if (RETAINED_BROADCAST_TYPES.has(broadcast.type)) this.retained.set(broadcast.type, broadcast);
    for (const listener of this.listeners) listener(broadcast);
  }

  /** `listener` is given the retained broadcasts at once, then every new one. */
  subscribe(listener: (broadcast: Broadcast) => void): Unsubscribe {
    this.listeners.add(listener);
    for (const broadcast of this.retained.values()) listener(broadcast);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
