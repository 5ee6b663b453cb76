/**
 * Memory composition as Task Manager's bar shows it: in use, modified, standby, free, as shares of
 * the installed memory, where the OS gives those lists (Windows; Linux's closest equivalents); else
 * in use, cached, free. Pure. Cached memory is part of what is available (it can be given back), so
 * the bar draws it inside the available part, capped at it: on Linux shared memory is counted in
 * "Cached" but can't be reclaimed, and the parts must never add up past the whole.
 */
import type { MemoryFigures } from '../../../src-shared/snapshot.ts';

/** `available` stands for cached + free where the OS does not say what is cached. */
export type CompositionKey = 'inUse' | 'modified' | 'standby' | 'cached' | 'free' | 'available';

export interface CompositionPart {
  key: CompositionKey;
  bytes: number;
  /** Share of the installed memory, 0–1. */
  fraction: number;
}

export function memoryComposition(memory: MemoryFigures): CompositionPart[] {
  const total = memory.totalBytes;
  if (!(total > 0)) return [];
  const clamp = (bytes: number) => Math.min(total, Math.max(0, bytes));
  const inUse = clamp(memory.usedBytes);
  const available = Math.min(clamp(memory.availableBytes), total - inUse);
  const part = (key: CompositionKey, bytes: number): CompositionPart => ({ key, bytes, fraction: bytes / total });
  const { modifiedBytes, standbyBytes, freeBytes } = memory;
  if (modifiedBytes !== null && standbyBytes !== null && freeBytes !== null) {
    // Each list is capped at what is left of the whole after the parts before it.
    let left = total - inUse;
    const take = (bytes: number) => {
      const taken = Math.min(clamp(bytes), left);
      left -= taken;
      return taken;
    };
    return [part('inUse', inUse), part('modified', take(modifiedBytes)), part('standby', take(standbyBytes)), part('free', take(freeBytes))];
  }
  if (memory.cachedBytes === null) return [part('inUse', inUse), part('available', available)];
  const cached = Math.min(clamp(memory.cachedBytes), available);
  return [part('inUse', inUse), part('cached', cached), part('free', available - cached)];
}
