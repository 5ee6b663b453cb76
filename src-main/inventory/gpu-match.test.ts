import { describe, expect, it } from 'vitest';
import { controllerVendor, matchGpus, pciAddress, type ControllerNames, type SnapshotGpu } from './gpu-match.ts';

const nvidia: ControllerNames = { vendor: 'NVIDIA Corporation', vendorId: '10de', model: 'GA104 [GeForce RTX 3070]', name: 'NVIDIA GeForce RTX 3070', deviceId: '2484' };
const intel: ControllerNames = { vendor: 'Intel Corporation', vendorId: '8086', model: 'AlderLake-S GT1', deviceId: '4680' };
const amd: ControllerNames = { vendor: 'Advanced Micro Devices, Inc. [AMD/ATI]', model: 'Navi 21 [Radeon RX 6800]', deviceId: '73bf' };

describe('matchGpus', () => {
  it.each<[string, ControllerNames[], SnapshotGpu[], [number, string][]]>([
    ['by name (nvidia-smi)', [nvidia], [{ id: 'GPU-5f3c', name: 'NVIDIA GeForce RTX 3070', vendor: 'nvidia' }], [[0, 'GPU-5f3c']]],
    ['by PCI device id (a sysfs name, ids given)', [nvidia, intel], [{ id: 'GPU-5f3c', name: 'NVIDIA GeForce RTX 3070', vendor: 'nvidia' }, { id: 'card1', name: 'Intel GPU 0x4680', vendor: 'intel' }], [[0, 'GPU-5f3c'], [1, 'card1']]],
    ['by the only one of a vendor', [amd, intel], [{ id: 'card0', name: 'AMD GPU', vendor: 'amd' }, { id: 'card1', name: 'Intel GPU', vendor: 'intel' }], [[0, 'card0'], [1, 'card1']]],
    ['Windows: the only one on each side', [intel], [{ id: 'luid_0x00000000_0x0000c2f1_phys_0', name: 'GPU 0', vendor: 'other' }], [[0, 'luid_0x00000000_0x0000c2f1_phys_0']]],
    ['Windows: two of each, no names: none', [intel, nvidia], [{ id: 'luid_a', name: 'GPU 0', vendor: 'other' }, { id: 'luid_b', name: 'GPU 1', vendor: 'other' }], []],
    ['two controllers with the same name: none', [nvidia, nvidia], [{ id: 'GPU-a', name: 'NVIDIA GeForce RTX 3070', vendor: 'nvidia' }, { id: 'GPU-b', name: 'NVIDIA GeForce RTX 3070', vendor: 'nvidia' }], []],
    ['no snapshot GPUs', [intel], [], []],
  ])('%s', (_case, controllers, gpus, expected) => {
    expect([...matchGpus(controllers, gpus)].sort()).toEqual(expected);
  });

  it('matches a sysfs card by its PCI address, the domain written or not', () => {
    const lspciIntel: ControllerNames = { vendor: 'Intel Corporation', model: 'AlderLake-S GT1', busAddress: '00:02.0' };
    const lspciAmd: ControllerNames = { vendor: 'Advanced Micro Devices, Inc. [AMD/ATI]', model: 'Navi 21', busAddress: '03:00.0' };
    const gpus: SnapshotGpu[] = [
      { id: 'card0', name: 'AMD GPU 0x73bf', vendor: 'amd' },
      { id: 'card1', name: 'AMD GPU 0x73bf', vendor: 'amd' },
    ];
    // Two AMD cards of one model: neither name nor vendor tells them apart, the bus does.
    const bus = new Map([
      ['card0', '0000:03:00.0'],
      ['card1', '0000:00:02.0'],
    ]);
    expect([...matchGpus([lspciIntel, lspciAmd], gpus, bus)].sort()).toEqual([
      [0, 'card1'],
      [1, 'card0'],
    ]);
  });

  it.each([
    ['0000:00:02.0', '00:02.0'],
    ['00:02.0', '00:02.0'],
    ['0001:0a:00.1', '0a:00.1'],
    ['', ''],
  ])('pciAddress(%s) = %s', (address, normal) => expect(pciAddress(address)).toBe(normal));

  it.each<[ControllerNames, string]>([
    [nvidia, 'nvidia'],
    [intel, 'intel'],
    [amd, 'amd'],
    [{ vendor: 'Microsoft', model: 'Microsoft Basic Render Driver' }, 'other'],
    [{ vendor: '', vendorId: '0x1002', model: '' }, 'amd'],
  ])('controllerVendor(%o) = %s', (c, vendor) => expect(controllerVendor(c)).toBe(vendor));
});
