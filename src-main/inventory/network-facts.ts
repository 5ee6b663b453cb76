/**
 * Network adapters: systeminformation's networkInterfaces mapped to `AdapterFacts` and matched to
 * the snapshot's interfaces (device-names.ts `matchInterface`). Pure. Loopback is left out, as the
 * snapshot leaves it out.
 */
import { known, missing, type AdapterFacts, type Fact } from '../../src-shared/inventory.ts';
import type { NetworkFigures } from '../../src-shared/snapshot.ts';
import { matchInterface } from './device-names.ts';
import { isPositive, isReportedText, REASON } from './fact-rules.ts';
import type { SiResults } from './si-results.ts';

type Interface = Extract<SiResults['networkInterfaces'], { ok: true }>['value'][number];

export function connectionTypeOf(i: Pick<Interface, 'type' | 'virtual'>): string | null {
  if (i.virtual === true) return 'Virtual';
  if (i.type === 'wired') return 'Ethernet';
  if (i.type === 'wireless') return 'Wi-Fi';
  return null;
}

const ZERO_MAC = /^(00[:-]){5}00$/;

/** systeminformation gives link speed in Mbit/s; −1, 0 or null when the driver does not say. */
export function linkSpeedFact(speedMbps: number | null, absent: string): Fact<number> {
  return isPositive(speedMbps) ? known(speedMbps * 1_000_000, 'systeminformation') : missing(absent);
}

export function adapterFacts(platform: string, values: SiResults, snapshot: readonly Pick<NetworkFigures, 'name'>[], absent: string): AdapterFacts[] {
  const names = snapshot.map((n) => n.name);
  const listed: AdapterFacts[] = [];
  if (values.networkInterfaces.ok) {
    for (const i of values.networkInterfaces.value) {
      if (i.internal === true || i.iface === null) continue;
      const description = i.ifaceName !== null && i.ifaceName !== i.iface ? i.ifaceName : null;
      const type = connectionTypeOf(i);
      listed.push({
        snapshotId: matchInterface(i.iface, description, names),
        name: i.iface,
        description: description !== null ? known(description, 'systeminformation') : missing(platform === 'linux' ? REASON.noDescription : absent),
        connectionType: type !== null ? known(type, 'systeminformation') : missing(absent),
        ipv4: i.ip4 ? [i.ip4] : [],
        ipv6: i.ip6 ? [i.ip6] : [],
        linkSpeedBitsPerSec: linkSpeedFact(i.speed, absent),
        macAddress: isReportedText(i.mac) && !ZERO_MAC.test(i.mac) ? known(i.mac, 'systeminformation') : missing(absent),
      });
    }
  }
  const why = values.networkInterfaces.ok ? 'systeminformation did not list this adapter' : REASON.callFailed('networkInterfaces', values.networkInterfaces.error);
  const unlisted = names.filter((n) => !listed.some((a) => a.snapshotId === n)).map((n) => unknownAdapter(n, why));
  return [...listed, ...unlisted];
}

export function unknownAdapter(name: string, reason: string): AdapterFacts {
  const gone = missing(reason);
  return { snapshotId: name, name, description: gone, connectionType: gone, ipv4: [], ipv6: [], linkSpeedBitsPerSec: gone, macAddress: gone };
}
