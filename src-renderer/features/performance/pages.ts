/**
 * The model of the page of any resource, for the view and for Ctrl+C. Pure.
 */
import type { Inventory } from '../../../src-shared/inventory.ts';
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { cpuPage } from './cpu-page.ts';
import { diskPage } from './disk-page.ts';
import { gpuPage } from './gpu-page.ts';
import { memoryPage } from './memory-page.ts';
import { networkPage } from './network-page.ts';
import type { PageModel } from './page-model.ts';
import type { ResourceRef } from './resources.ts';

export function pageModel(ref: ResourceRef, snapshot: Snapshot | null, inventory: Inventory | null): PageModel {
  switch (ref.kind) {
    case 'cpu':
      return cpuPage(snapshot, inventory);
    case 'memory':
      return memoryPage(snapshot, inventory);
    case 'disk':
      return diskPage(snapshot, inventory, ref.key);
    case 'network':
      return networkPage(snapshot, inventory, ref.key);
    case 'gpu':
      return gpuPage(snapshot, inventory, ref.key);
  }
}
