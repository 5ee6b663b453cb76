/**
 * Where the core gets the machine's facts (src-shared/inventory.ts). src-main/inventory/ implements
 * it (systeminformation in its own child, off the sampling tick); the hosts take one through this
 * seam, and `NO_INVENTORY` stands in until that is wired and in tests.
 */
import type { Inventory } from '../../src-shared/inventory.ts';

export interface InventorySource {
  /** The latest facts, or null until the first read has finished. */
  current(): Inventory | null;
  /** Called with each new inventory (the first read, a hardware change). Returns the unsubscribe. */
  onChange(listener: (inventory: Inventory) => void): () => void;
}

/** A source that never has an inventory: the query answers null and no broadcast is sent. */
export const NO_INVENTORY: InventorySource = {
  current: () => null,
  onChange: () => () => undefined,
};
