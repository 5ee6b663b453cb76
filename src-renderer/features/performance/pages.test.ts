import { describe, expect, it } from 'vitest';
import { known, missing } from '../../../src-shared/inventory.ts';
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { cpuFigures, memoryFigures, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { diskTitle } from './disk-page.ts';
import { CPU_MODEL, inventoryFixture, NO_VIRTUALIZATION } from './inventory.fixture.ts';
import { formatInUse } from './memory-page.ts';
import { factRow, listRow, pageText, type PageModel } from './page-model.ts';
import { pageModel } from './pages.ts';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

const machine: Snapshot = snapshot({
  cpu: cpuFigures({ totalPercent: 12, kernelPercent: 3, perCorePercent: [10, 14], logicalCores: 2, model: null, speedMhz: 2450, uptimeSec: 90_061 }),
  memory: memoryFigures({
    totalBytes: 16 * GB,
    usedBytes: 6 * GB,
    availableBytes: 10 * GB,
    cachedBytes: 7 * GB,
    commitBytes: 9 * GB,
    commitLimitBytes: 20 * GB,
    compressedBytes: 312 * MB,
    pagedPoolBytes: 600 * MB,
    nonPagedPoolBytes: 420 * MB,
  }),
  disks: [{ id: 'sda', name: 'sda', readBytesPerSec: 2 * MB, writeBytesPerSec: 512 * 1024, activePercent: 7, responseTimeMs: 0.44 }],
  network: [{ name: 'eth0', rxBytesPerSec: 125_000, txBytesPerSec: 1_025, rxTotalBytes: GB, txTotalBytes: 0 }],
  gpus: [
    { id: 'g0', name: '', vendor: 'intel', utilizationPercent: 5, memoryUsedBytes: 64 * MB, memoryTotalBytes: null, temperatureC: null, sharedMemoryUsedBytes: GB, engines: [] },
  ],
});

const rows = (model: PageModel) => Object.fromEntries([...model.figures, ...model.facts].map((r) => [r.label, r.value]));
const reasons = (model: PageModel) => Object.fromEntries(model.facts.map((r) => [r.label, r.reason]));

describe('factRow and listRow', () => {
  it.each([
    ['a known fact: its value formatted, no reason', known(4, 'systeminformation'), '4 cores', null],
    ['a missing fact: "—" and its own reason', missing('No permission'), '—', 'No permission'],
    ['no facts for the device: "—" and why', undefined, '—', 'nothing yet'],
  ] as const)('%s', (_, fact, value, reason) => {
    expect(factRow('Cores', fact, (n: number) => `${n} cores`, 'nothing yet')).toEqual({ label: 'Cores', value, reason });
  });

  it('lists addresses, "—" with why when there are none or no facts', () => {
    expect(listRow('IPv4', ['10.0.0.2', '10.0.0.3'], 'x', 'none')).toEqual({ label: 'IPv4', value: '10.0.0.2, 10.0.0.3', reason: null });
    expect(listRow('IPv4', [], 'x', 'none')).toEqual({ label: 'IPv4', value: '—', reason: 'none' });
    expect(listRow('IPv4', undefined, 'x', 'none')).toEqual({ label: 'IPv4', value: '—', reason: 'x' });
  });
});

describe('the CPU page', () => {
  it('shows the figures and the inventory’s facts, the model from the inventory where the adapter has none', () => {
    const model = pageModel({ kind: 'cpu' }, machine, inventoryFixture());
    expect(model.subtitle).toBe(CPU_MODEL);
    expect(rows(model)).toMatchObject({
      Utilisation: '12.0%',
      Speed: '2.45 GHz',
      'Up time': '1:01:01:01',
      'Base speed': '2.80 GHz',
      Sockets: '1',
      Cores: '4',
      'Logical processors': '8',
      Virtualization: '—',
      'L1 cache': '320.0 KB',
      'L2 cache': '5.0 MB',
      'L3 cache': '12.0 MB',
    });
    expect(reasons(model)['Virtualization']).toBe(NO_VIRTUALIZATION);
  });

  it('before the inventory is read: every fact "—" saying so, but the logical processors the snapshot counts', () => {
    const model = pageModel({ kind: 'cpu' }, machine, null);
    expect(model.subtitle).toBeNull();
    for (const fact of model.facts.filter((f) => f.label !== 'Logical processors')) {
      expect(fact).toMatchObject({ value: '—', reason: 'The machine’s facts are still being read.' });
    }
    expect(rows(model)['Logical processors']).toBe('2');
  });
});

describe('the Memory page', () => {
  it('shows in use with the compressed part, the pools, and the modules as "n of m"', () => {
    const model = pageModel({ kind: 'memory' }, machine, inventoryFixture());
    expect(rows(model)).toMatchObject({
      'In use (Compressed)': '6.0 GB (312.0 MB)',
      Available: '10.0 GB',
      Committed: '9.0 GB of 20.0 GB',
      'Paged pool': '600.0 MB',
      'Non-paged pool': '420.0 MB',
      Speed: '4267 MHz',
      'Slots used': '2 of 4',
      'Form factor': 'SODIMM',
      'Hardware reserved': '412.0 MB',
    });
  });

  it.each([
    [6 * GB, 312 * MB, '6.0 GB (312.0 MB)'],
    [6 * GB, null, '6.0 GB'],
    [null, 312 * MB, '—'],
  ])('in use %s, compressed %s: %s', (used, compressed, text) => {
    expect(formatInUse(used, compressed)).toBe(text);
  });

  it('shows the used slots alone where the board’s slot count is unknown, and Linux’s missing pools as "—"', () => {
    const inventory = inventoryFixture();
    const model = pageModel(
      { kind: 'memory' },
      snapshot({ memory: memoryFigures() }),
      { ...inventory, memory: { ...inventory.memory, slotsTotal: missing('Not reported') } },
    );
    expect(rows(model)).toMatchObject({ 'Slots used': '2', 'In use': '1.9 GB', 'Paged pool': '—', 'Non-paged pool': '—' });
  });
});

describe('the Disk page', () => {
  it.each([
    ['Windows: the device and its drive letters', '0 C: D:', 'Disk 0 (C: D:)', { device: 'Disk 0', mounts: ['C:', 'D:'] }, 'Disk 0 (C: D:)'],
    ['Linux: the device and its mount points', 'nvme0n1', 'nvme0n1 (Samsung SSD)', { device: 'nvme0n1', mounts: ['/', '/home'] }, 'Disk nvme0n1 (/ /home)'],
    ['no mounts: the device alone', 'sdb', 'sdb', { device: 'sdb', mounts: [] }, 'Disk sdb'],
    ['no facts, Windows: the adapter’s name, already Task Manager’s', '1 D: E:', 'Disk 1 (D: E:)', undefined, 'Disk 1 (D: E:)'],
    ['no facts, Linux: the kernel’s name, not the model in brackets', 'nvme0n1', 'nvme0n1 (Samsung SSD)', undefined, 'Disk nvme0n1'],
  ] as const)('%s', (_, id, name, facts, title) => {
    const all = facts ? { ...inventoryFixture().disks[0]!, ...facts } : undefined;
    expect(diskTitle(id, name, all)).toBe(title);
  });

  it('shows response time and read and write apart, and the facts of the matched disk', () => {
    const model = pageModel({ kind: 'disk', key: 'sda' }, machine, inventoryFixture());
    expect(model.title).toBe('Disk 0 (C:)');
    expect(model.subtitle).toBe('SAMSUNG MZVLB512HBJQ');
    expect(rows(model)).toMatchObject({
      'Active time': '7.0%',
      'Average response time': '0.4 ms',
      'Read speed': '2.0 MB/s',
      'Write speed': '512.0 KB/s',
      Capacity: '476.8 GB',
      Formatted: '476.0 GB',
      'System disk': 'Yes',
      'Page file': 'Yes',
      Type: 'NVMe',
    });
  });

  it('says the inventory found nothing for a disk it did not match', () => {
    const model = pageModel({ kind: 'disk', key: 'sdb' }, machine, inventoryFixture());
    expect(model.facts.every((f) => f.reason === 'The inventory found no facts for this device.')).toBe(true);
  });
});

describe('the Network page', () => {
  it('shows throughput in bits per second and the adapter’s facts', () => {
    const model = pageModel({ kind: 'network', key: 'eth0' }, machine, inventoryFixture());
    expect(model.title).toBe('Network eth0');
    expect(model.subtitle).toBe('Intel(R) Wi-Fi 6 AX201 160MHz');
    expect(rows(model)).toMatchObject({
      Send: '8.2 Kbps',
      Receive: '1.0 Mbps',
      'Connection type': 'Wi-Fi',
      'IPv4 address': '192.168.1.23',
      'IPv6 address': 'fe80::1c2b:3d4e:5f60:7182',
      'Link speed': '866.7 Mbps',
      'MAC address': 'a4:c3:f0:12:34:56',
    });
  });
});

describe('the GPU page', () => {
  it('fills what the adapter leaves null from the inventory (name, dedicated size), with shared memory and the driver', () => {
    const model = pageModel({ kind: 'gpu', key: 'g0' }, machine, inventoryFixture());
    expect(model.title).toBe('GPU 0');
    expect(model.subtitle).toBe('Intel(R) Iris(R) Xe Graphics');
    expect(rows(model)).toMatchObject({
      'GPU memory': '64.0 MB of 128.0 MB',
      'Shared GPU memory': '1.0 GB of 8.0 GB',
      Temperature: '—',
      'Driver version': '31.0.101.4502',
      'Driver date': '2023-06-13',
    });
  });
});

describe('pageText (Ctrl+C)', () => {
  it('is the title, what it is indented, a blank line, then a label<TAB>value line per figure and fact', () => {
    const text = pageText({
      title: 'CPU',
      subtitle: 'Intel Core',
      figures: [{ label: 'Utilisation', value: '12.0%', definition: 'd' }],
      facts: [{ label: 'Cores', value: '4', reason: null }, { label: 'Virtualization', value: '—', reason: 'hidden' }],
    });
    expect(text).toBe('CPU\n\tIntel Core\n\nUtilisation\t12.0%\nCores\t4\nVirtualization\t—\n');
  });

  it('has no indented line where the page does not know what the resource is', () => {
    expect(pageText({ title: 'Memory', subtitle: null, figures: [], facts: [] })).toBe('Memory\n\n\n');
  });

  it('copies the CPU page with its model, figures and facts', () => {
    const text = pageText(pageModel({ kind: 'cpu' }, machine, inventoryFixture()));
    expect(text.startsWith(`CPU\n\t${CPU_MODEL}\n\n`)).toBe(true);
    expect(text).toContain('Utilisation\t12.0%\n');
    expect(text).toContain('L3 cache\t12.0 MB\n');
  });
});
