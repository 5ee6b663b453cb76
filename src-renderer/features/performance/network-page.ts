/**
 * A network adapter's page: its name in the title, its description, throughput in bits per
 * second, and its facts. Pure.
 */
import type { AdapterFacts, Inventory } from '../../../src-shared/inventory.ts';
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { bitsPerSecOf, formatBitRate, formatBytes } from '../../format.ts';
import { absentReason, factRow, listRow, plain, type FactRow, type PageModel } from './page-model.ts';
import { performanceStrings } from './performance-strings.ts';

const p = performanceStrings;
export const SEND_COLOR = 'var(--perf-network)';
export const RECEIVE_COLOR = 'var(--perf-network-receive)';

export const adapterFactsOf = (inventory: Inventory | null, name: string): AdapterFacts | undefined =>
  inventory?.adapters.find((a) => a.snapshotId === name);

export function networkPage(snapshot: Snapshot | null, inventory: Inventory | null, name: string): PageModel {
  const n = snapshot?.network.find((i) => i.name === name) ?? null;
  const facts = adapterFactsOf(inventory, name);
  const d = p.definitions;
  return {
    title: p.network(name),
    subtitle: facts?.description.value ?? null,
    figures: [
      { label: p.send, value: formatBitRate(bitsPerSecOf(n?.txBytesPerSec ?? null)), definition: d.send, color: SEND_COLOR },
      { label: p.receive, value: formatBitRate(bitsPerSecOf(n?.rxBytesPerSec ?? null)), definition: d.receive, color: RECEIVE_COLOR },
      { label: p.totalSent, value: formatBytes(n?.txTotalBytes ?? null), definition: d.totalSent },
      { label: p.totalReceived, value: formatBytes(n?.rxTotalBytes ?? null), definition: d.totalReceived },
    ],
    facts: adapterFacts(facts, absentReason(inventory !== null)),
  };
}

function adapterFacts(f: AdapterFacts | undefined, why: string): FactRow[] {
  const n = p.factNames;
  return [
    factRow(n.adapterName, f?.description, plain, why),
    factRow(n.connectionType, f?.connectionType, plain, why),
    listRow(n.ipv4, f?.ipv4, why, p.noAddress),
    listRow(n.ipv6, f?.ipv6, why, p.noAddress),
    factRow(n.linkSpeed, f?.linkSpeedBitsPerSec, formatBitRate, why),
    factRow(n.macAddress, f?.macAddress, plain, why),
  ];
}
