import { describe, expect, it } from 'vitest';
import { isPartitionOf, kernelName, matchInterface, pdhDisk, pdhInstanceName, windowsDriveNumber } from './device-names.ts';

describe('device names', () => {
  it.each([
    ['/dev/sda', 'sda'],
    ['/dev/nvme0n1', 'nvme0n1'],
    ['vda', 'vda'],
  ])('kernelName(%s) = %s', (device, name) => expect(kernelName(device)).toBe(name));

  it.each([
    ['sda1', 'sda', true],
    ['sda12', 'sda', true],
    ['sdab', 'sda', false],
    ['sda', 'sda', false],
    ['nvme0n1p1', 'nvme0n1', true],
    ['nvme0n11', 'nvme0n1', false],
    ['nvme0n10', 'nvme0n1', false],
    ['mmcblk0p2', 'mmcblk0', true],
    ['sdb1', 'sda', false],
  ])('isPartitionOf(%s, %s) = %s', (partition, disk, expected) => expect(isPartitionOf(partition, disk)).toBe(expected));

  it.each([
    ['\\\\.\\PHYSICALDRIVE0', 0],
    ['\\\\.\\PhysicalDrive12', 12],
    ['C:', null],
    ['', null],
  ])('windowsDriveNumber(%s) = %s', (device, n) => expect(windowsDriveNumber(device)).toBe(n));

  it.each([
    ['0 C:', { number: 0, letters: ['C:'] }],
    ['1 D: E:', { number: 1, letters: ['D:', 'E:'] }],
    ['2', { number: 2, letters: [] }],
    ['_Total', null],
  ])('pdhDisk(%s)', (id, expected) => expect(pdhDisk(id)).toEqual(expected));

  it.each([
    ['Intel(R) Wi-Fi 6 AX201 160MHz', 'Intel[R] Wi-Fi 6 AX201 160MHz'],
    ['Realtek USB GbE Family Controller #2', 'Realtek USB GbE Family Controller _2'],
    ['TAP-Windows Adapter V9 (OpenVPN/WireGuard)', 'TAP-Windows Adapter V9 [OpenVPN_WireGuard]'],
    ['Back\\slash', 'Back_slash'],
    ['eth0', 'eth0'],
  ])('pdhInstanceName(%s) = %s', (description, instance) => expect(pdhInstanceName(description)).toBe(instance));
});

describe('matchInterface', () => {
  const windowsNames = ['Intel[R] Wi-Fi 6 AX201 160MHz', 'Realtek USB GbE Family Controller _2', 'Hyper-V Virtual Ethernet Adapter'];
  it.each([
    ['Linux: the same name', 'eth0', 'eth0', ['lo0', 'eth0'], 'eth0'],
    ['Windows: the description with ( ) mangled', 'Wi-Fi', 'Intel(R) Wi-Fi 6 AX201 160MHz', windowsNames, 'Intel[R] Wi-Fi 6 AX201 160MHz'],
    ['Windows: the description with # mangled', 'Ethernet 2', 'Realtek USB GbE Family Controller #2', windowsNames, 'Realtek USB GbE Family Controller _2'],
    ['Windows: a description PDH does not count', 'Bluetooth Network Connection', 'Bluetooth Device (Personal Area Network)', windowsNames, null],
    ['no description, no such name', 'wlan0', null, ['eth0'], null],
  ] as const)('%s', (_case, iface, description, names, expected) => expect(matchInterface(iface, description, names)).toBe(expected));

  it('matches nothing rather than the wrong one when the mangled name is not unique', () => {
    // Two snapshot entries spelled the same after mangling cannot be told apart.
    expect(matchInterface('Ethernet', 'NIC (1)', ['NIC [1]', 'NIC [1]'])).toBeNull();
  });
});
