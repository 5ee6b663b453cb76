/**
 * The model of a resource's page from the newest snapshot and the inventory: recomputed once per
 * snapshot (or when the facts are read again), never per render.
 */
import { useMemo } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import type { PageModel } from './page-model.ts';
import { pageModel } from './pages.ts';
import type { ResourceRef } from './resources.ts';

export function usePageModel(kind: ResourceRef['kind'], key = ''): PageModel {
  const snapshot = useAppStore((s) => s.snapshot);
  const inventory = useAppStore((s) => s.inventory);
  return useMemo(() => {
    const ref: ResourceRef = kind === 'cpu' || kind === 'memory' ? { kind } : { kind, key };
    return pageModel(ref, snapshot, inventory);
  }, [kind, key, snapshot, inventory]);
}
