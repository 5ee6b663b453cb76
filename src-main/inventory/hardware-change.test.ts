import { describe, expect, it } from 'vitest';
import { deviceKey, hasHardwareChanged } from './hardware-change.ts';

const devices = (disks: string[], network: string[], gpus: string[]) => ({
  disks: disks.map((id) => ({ id, name: id, readBytesPerSec: 1, writeBytesPerSec: 2, activePercent: 3, responseTimeMs: null })),
  network: network.map((name) => ({ name, rxBytesPerSec: 1, txBytesPerSec: 2, rxTotalBytes: 3, txTotalBytes: 4 })),
  gpus: gpus.map((id) => ({ id, name: id, vendor: 'other' as const, utilizationPercent: null, memoryUsedBytes: null, memoryTotalBytes: null, sharedMemoryUsedBytes: null, temperatureC: null, engines: [] })),
});

const base = deviceKey(devices(['0 C:', '1 D:'], ['Intel[R] Wi-Fi 6 AX201 160MHz'], ['luid_a']));

describe('hardware change', () => {
  it.each([
    ['the same devices in another order', devices(['1 D:', '0 C:'], ['Intel[R] Wi-Fi 6 AX201 160MHz'], ['luid_a']), false],
    ['a USB disk plugged in', devices(['0 C:', '1 D:', '2 E:'], ['Intel[R] Wi-Fi 6 AX201 160MHz'], ['luid_a']), true],
    ['a disk removed', devices(['0 C:'], ['Intel[R] Wi-Fi 6 AX201 160MHz'], ['luid_a']), true],
    ['a VPN adapter appeared', devices(['0 C:', '1 D:'], ['Intel[R] Wi-Fi 6 AX201 160MHz', 'TAP-Windows Adapter V9'], ['luid_a']), true],
    ['an eGPU attached', devices(['0 C:', '1 D:'], ['Intel[R] Wi-Fi 6 AX201 160MHz'], ['luid_a', 'luid_b']), true],
  ])('%s → %s', (_case, next, changed) => expect(hasHardwareChanged(base, deviceKey(next))).toBe(changed));

  it('ignores the load figures', () => {
    const busy = devices(['0 C:', '1 D:'], ['Intel[R] Wi-Fi 6 AX201 160MHz'], ['luid_a']);
    busy.disks[0] = { ...busy.disks[0]!, readBytesPerSec: 9e9 };
    expect(hasHardwareChanged(base, deviceKey(busy))).toBe(false);
  });

  it('adopts the first devices seen when the read had no snapshot to compare with', () => {
    expect(hasHardwareChanged(null, base)).toBe(false);
  });

  it('tells a disk id from an interface with the same name', () => {
    expect(deviceKey(devices(['x'], [], []))).not.toBe(deviceKey(devices([], ['x'], [])));
  });
});
