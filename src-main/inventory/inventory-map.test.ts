import { describe, expect, it } from 'vitest';
import { known, missing, type Fact, type Inventory } from '../../src-shared/inventory.ts';
import { REASON } from './fact-rules.ts';
import { fixture, rawFixture, SNAPSHOT_FACTS, type FixtureName } from './inventory-fixtures.ts';
import { failedInventory, isVirtualMachine, mapInventory, virtualizationFact } from './inventory-map.ts';
import { childOutputSchema, type ChildOutput } from './si-results.ts';

const meta = { bootId: 'boot-1', readAtMs: 1_700_000_000_000, readMs: 900 };
const si = <T>(value: T) => known(value, 'systeminformation');
const adapter = <T>(value: T) => known(value, 'adapter');
const GiB = 1024 ** 3;

function mapped(name: FixtureName, change?: (output: ChildOutput) => void): Inventory {
  const output = fixture(name);
  change?.(output);
  return mapInventory(output, SNAPSHOT_FACTS[name], meta);
}

describe('mapInventory: a Windows laptop', () => {
  const inv = mapped('windows-laptop');

  it('reads the machine and the CPU, the adapter winning where it reads exactly', () => {
    expect(inv.error).toBeNull();
    expect(inv.machine).toEqual({
      osName: si('Microsoft Windows 11 Home'),
      osVersion: si('10.0.22631'),
      manufacturer: si('LENOVO'),
      model: si('20XW0055US'),
      hostname: si('LAPTOP-7Q2KD'),
      isVirtualMachine: si(false),
    });
    expect(inv.cpu).toEqual({
      model: adapter('11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz'),
      baseSpeedMhz: si(2800),
      sockets: si(1),
      cores: si(4),
      logicalProcessors: adapter(8),
      isVirtualizationEnabled: si(true),
      l1CacheBytes: si(196608 + 131072),
      l2CacheBytes: si(5242880),
      l3CacheBytes: si(12582912),
    });
  });

  it('reads memory: installed minus what the OS sees is hardware reserved', () => {
    expect(inv.memory).toEqual({
      speedMhz: si(4267),
      slotsUsed: si(2),
      slotsTotal: si(2),
      formFactor: si('Row of chips'),
      hardwareReservedBytes: si(16 * GiB - 16847835136),
    });
  });

  it('matches disks by number to the PDH instances, with their letters, system drive and page file', () => {
    expect(inv.disks).toEqual([
      {
        snapshotId: '0 C:',
        device: 'Disk 0',
        model: si('SAMSUNG MZVLB512HBJQ-000L7'),
        kind: si('NVMe'),
        capacityBytes: si(512105932800),
        formattedBytes: si(510770802688),
        isSystemDisk: si(true),
        hasPageFile: si(true),
        mounts: ['C:'],
      },
      {
        snapshotId: '1 E:',
        device: 'Disk 1',
        model: si('SanDisk Cruzer Blade USB Device'),
        kind: si('Removable'),
        capacityBytes: si(15999172608),
        formattedBytes: si(15997960192),
        isSystemDisk: si(false),
        hasPageFile: si(false),
        mounts: ['E:'],
      },
    ]);
  });

  it('matches adapters to the mangled PDH names and leaves loopback out', () => {
    expect(inv.adapters.map((a) => [a.name, a.snapshotId, a.connectionType.value, a.linkSpeedBitsPerSec.value])).toEqual([
      ['Wi-Fi', 'Intel[R] Wi-Fi 6 AX201 160MHz', 'Wi-Fi', 866_700_000],
      ['Ethernet 2', 'Realtek USB GbE Family Controller _2', 'Ethernet', null],
      ['vEthernet (WSL)', 'Hyper-V Virtual Ethernet Adapter', 'Virtual', 10_000_000_000],
    ]);
    const wifi = inv.adapters[0];
    expect(wifi?.description).toEqual(si('Intel(R) Wi-Fi 6 AX201 160MHz'));
    expect(wifi?.ipv4).toEqual(['192.168.1.23']);
    expect(wifi?.macAddress).toEqual(si('a4:c3:f0:12:34:56'));
    expect(inv.adapters[1]?.ipv4).toEqual([]);
    expect(inv.adapters[1]?.linkSpeedBitsPerSec).toEqual(missing(REASON.machine));
  });

  it('puts the only GPU on the only snapshot GPU, with its driver date; integrated memory is not dedicated', () => {
    expect(inv.gpus).toEqual([
      {
        snapshotId: 'luid_0x00000000_0x0000c2f1_phys_0',
        name: si('Intel(R) Iris(R) Xe Graphics'),
        vendor: si('Intel Corporation'),
        driverVersion: si('31.0.101.4502'),
        driverDate: si('2023-06-15'),
        dedicatedMemoryBytes: missing(REASON.machine),
        sharedMemoryBytes: missing(REASON.noSharedMemory),
      },
    ]);
  });
});

describe('mapInventory: Windows before the first snapshot', () => {
  it('lists the disks without letters, and says why their volumes are unknown', () => {
    const inv = mapInventory(fixture('windows-laptop'), null, meta);
    expect(inv.disks.map((d) => [d.device, d.snapshotId, d.mounts, d.formattedBytes, d.kind.value])).toEqual([
      ['Disk 0', null, [], missing('Not matched to a disk the system counts'), 'NVMe'],
      ['Disk 1', null, [], missing('Not matched to a disk the system counts'), 'Removable'],
    ]);
  });
});

describe('mapInventory: a Linux desktop', () => {
  const inv = mapped('linux-desktop');

  it('treats firmware placeholders as missing, not as a model', () => {
    expect(inv.machine.manufacturer).toEqual(missing(REASON.machine));
    expect(inv.machine.model).toEqual(missing(REASON.machine));
    expect(inv.machine.osVersion).toEqual(si('24.04.1 LTS (kernel 6.8.0-45-generic)'));
    expect(inv.machine.isVirtualMachine).toEqual(si(false));
  });

  it('counts the populated slots of the baseboard and the fastest module', () => {
    expect(inv.memory).toEqual({
      speedMhz: si(3200),
      slotsUsed: si(2),
      slotsTotal: si(4),
      formFactor: si('DIMM'),
      hardwareReservedBytes: si(32 * GiB - 33576468480),
    });
  });

  it('sums each disk partitions once, places / and the swap areas, and leaves loop and optical devices out', () => {
    expect(inv.disks.map((d) => [d.device, d.snapshotId, d.kind.value, d.formattedBytes.value, d.isSystemDisk.value, d.hasPageFile.value, d.mounts])).toEqual([
      ['nvme0n1', 'nvme0n1', 'NVMe', 982820896768 + 1124999168, true, true, ['/boot/efi', '/']],
      ['sda', 'sda', 'HDD', 3936818200576, false, true, ['/data']],
    ]);
    expect(inv.disks[0]?.model).toEqual(si('Samsung SSD 980 PRO 1TB'));
    expect(inv.disks[0]?.capacityBytes).toEqual(si(1000204886016));
  });

  it('reads adapters by kernel name; a down Wi-Fi link has no speed', () => {
    expect(inv.adapters.map((a) => [a.name, a.snapshotId, a.connectionType.value, a.linkSpeedBitsPerSec.value])).toEqual([
      ['enp5s0', 'enp5s0', 'Ethernet', 1_000_000_000],
      ['wlp4s0', 'wlp4s0', 'Wi-Fi', null],
      ['docker0', 'docker0', 'Virtual', null],
    ]);
    expect(inv.adapters[0]?.description).toEqual(missing(REASON.noDescription));
  });

  it('keeps the adapter name and memory of the NVIDIA GPU, names the sysfs one from systeminformation', () => {
    expect(inv.gpus.map((g) => [g.snapshotId, g.name, g.dedicatedMemoryBytes, g.driverVersion.value, g.driverDate])).toEqual([
      ['GPU-5f3c2a1b-0000-0000-0000-000000000000', adapter('NVIDIA GeForce RTX 3070'), adapter(8589934592), '550.107.02', missing(REASON.noDriverDate)],
      ['card1', si('AlderLake-S GT1'), missing(REASON.machine), null, missing(REASON.noDriverDate)],
    ]);
  });

  it.each<[string, string[], [boolean | null, boolean | null]]>([
    ['zram swap is memory, on no disk', ['/dev/zram0'], [false, false]],
    ['no swap', [], [false, false]],
    ['a swap file on /data', ['/data/swapfile'], [false, true]],
    ['swap on LVM cannot be placed', ['/dev/dm-1'], [null, null]],
  ])('page file: %s', (_case, pageFiles, expected) => {
    const inv2 = mapped('linux-desktop', (o) => {
      o.calls.platformExtras = { ok: true, ms: 1, value: { pageFiles, systemDrive: null, gpuDrivers: [] } };
    });
    expect(inv2.disks.map((d) => d.hasPageFile.value)).toEqual(expected);
  });

  it('says a fact needs administrator rights when dmidecode could not run', () => {
    const inv2 = mapped('linux-desktop', (o) => {
      o.isElevated = false;
      o.calls.memLayout = { ok: true, ms: 5, value: [{ size: 33576468480, bank: '', type: '', clockSpeed: 0, formFactor: '' }] };
    });
    expect(inv2.memory.slotsUsed).toEqual(missing(REASON.admin));
    expect(inv2.memory.speedMhz).toEqual(missing(REASON.admin));
  });
});

describe('mapInventory: this VM (recorded)', () => {
  const inv = mapped('vm-debian');

  it('knows it is a VM from the CPU hypervisor flag and says so in each missing fact', () => {
    expect(inv.machine.isVirtualMachine).toEqual(si(true));
    expect(inv.cpu.l1CacheBytes).toEqual(missing(REASON.virtualMachine));
    expect(inv.cpu.baseSpeedMhz).toEqual(missing(REASON.virtualMachine));
    expect(inv.memory.slotsUsed).toEqual(missing(REASON.virtualMachine));
  });

  it('reads the virtio disk and the one adapter, matched by name', () => {
    expect(inv.disks.map((d) => [d.snapshotId, d.kind.value, d.isSystemDisk.value, d.hasPageFile.value, d.mounts])).toEqual([['vda', 'Virtual', true, false, ['/']]]);
    expect(inv.adapters.map((a) => [a.snapshotId, a.ipv4, a.macAddress.value])).toEqual([['eth0', ['192.0.2.2'], '02:fc:00:00:00:01']]);
    expect(inv.gpus).toEqual([]);
  });
});

describe('a call that failed, a value of the wrong type', () => {
  it('turns cpu cache sizes sent as "" into missing facts, not a failed parse', () => {
    const raw = rawFixture('vm-debian');
    const parsed = childOutputSchema.parse(raw);
    expect(parsed.calls.cpu.ok && parsed.calls.cpu.value.cache).toEqual({ l1d: null, l1i: null, l2: null, l3: null });
  });

  it('costs only the failed call its facts, with why; the adapter keeps its own', () => {
    const inv = mapped('linux-desktop', (o) => {
      o.calls.cpu = { ok: false, ms: 3, error: 'spawn lscpu ENOENT' };
      o.calls.networkInterfaces = { ok: false, ms: 3, error: 'timeout' };
    });
    const why = REASON.callFailed('cpu', 'spawn lscpu ENOENT');
    expect(inv.cpu.cores).toEqual(missing(why));
    expect(inv.cpu.l3CacheBytes).toEqual(missing(why));
    expect(inv.cpu.model).toEqual(adapter('12th Gen Intel(R) Core(TM) i7-12700K'));
    expect(inv.adapters.map((a) => [a.snapshotId, a.macAddress])).toEqual([
      ['enp5s0', missing(REASON.callFailed('networkInterfaces', 'timeout'))],
      ['wlp4s0', missing(REASON.callFailed('networkInterfaces', 'timeout'))],
      ['docker0', missing(REASON.callFailed('networkInterfaces', 'timeout'))],
    ]);
    expect(inv.disks).toHaveLength(2);
  });
});

describe('failedInventory', () => {
  it('lists every snapshot device with the reason, and keeps only the adapter\u2019s exact facts', () => {
    const why = 'The read timed out after 20 s';
    const inv = failedInventory(why, SNAPSHOT_FACTS['linux-desktop'], meta);
    expect(inv.error).toBe(why);
    expect(inv.machine.osName).toEqual(missing(why));
    expect(inv.cpu.model).toEqual(adapter('12th Gen Intel(R) Core(TM) i7-12700K'));
    expect(inv.cpu.logicalProcessors).toEqual(adapter(20));
    expect(inv.cpu.cores).toEqual(missing(why));
    expect(inv.disks.map((d) => [d.snapshotId, d.model])).toEqual([
      ['nvme0n1', missing(why)],
      ['sda', missing(why)],
    ]);
    expect(inv.adapters.map((a) => a.snapshotId)).toEqual(['enp5s0', 'wlp4s0', 'docker0']);
    expect(inv.gpus.map((g) => [g.snapshotId, g.name])).toEqual([
      ['GPU-5f3c2a1b-0000-0000-0000-000000000000', adapter('NVIDIA GeForce RTX 3070')],
      ['card1', missing(why)],
    ]);
  });

  it('lists no devices before the first snapshot', () => {
    const inv = failedInventory('x', null, meta);
    expect([inv.disks, inv.adapters, inv.gpus]).toEqual([[], [], []]);
    expect(inv.cpu.model).toEqual(missing('x'));
  });
});

describe('virtual machine and virtualization', () => {
  const windows = (change: (o: ChildOutput) => void) => {
    const o = fixture('windows-laptop');
    change(o);
    return o;
  };

  it.each<[string, ChildOutput, boolean | null]>([
    ['a Windows 11 host with VBS (HypervisorPresent) is no VM', fixture('windows-laptop'), false],
    [
      'a Hyper-V guest (DMI says so)',
      windows((o) => {
        if (o.calls.system.ok) o.calls.system.value.virtual = true;
      }),
      true,
    ],
    ['a Linux guest with blank DMI (CPUID hypervisor bit)', fixture('vm-debian'), true],
    ['a Linux desktop', fixture('linux-desktop'), false],
  ])('isVirtualMachine: %s', (_case, output, expected) => expect(isVirtualMachine(output.platform, output.calls).value).toBe(expected));

  it.each<[string, boolean | null | undefined, boolean, Fact<boolean>]>([
    ['on in firmware, no hypervisor', true, false, si(true)],
    ['Hyper-V running: the firmware flag reads false', false, true, si(true)],
    ['off', false, false, si(false)],
    ['the firmware flag not read, no hypervisor', undefined, false, missing(REASON.machine)],
  ])('virtualizationFact on Windows: %s', (_case, firmware, hypervisorPresent, expected) => {
    const output = windows((o) => {
      if (o.calls.cpu.ok) o.calls.cpu.value.virtualization = hypervisorPresent;
      if (o.calls.platformExtras.ok) o.calls.platformExtras.value.virtualizationFirmwareEnabled = firmware;
    });
    expect(virtualizationFact('win32', output.calls, REASON.machine)).toEqual(expected);
  });
});
