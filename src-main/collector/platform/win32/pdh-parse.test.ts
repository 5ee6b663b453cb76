import { describe, expect, it } from 'vitest';
import {
  diskFromInstance,
  isRealInterfaceInstance,
  isValidCounterStatus,
  parseFormattedCounterArray,
  parseGpuAdapterInstance,
  parseGpuEngineInstance,
  parseGpuProcessMemoryInstance,
  parseRawCounterArray,
} from './pdh-parse.ts';
import { buildFormattedCounterArray, buildRawCounterArray } from './win32-fixtures.ts';

const PDH_CSTATUS_INVALID_DATA = 0xc0000bba;
const PDH_CSTATUS_NO_INSTANCE = 0x800007d1;

/** `\GPU Engine(*)\Utilization Percentage` instances as a machine with one NVIDIA adapter lists them. */
const recordedEngines = [
  { name: 'pid_9524_luid_0x00000000_0x0000C2F1_phys_0_eng_0_engtype_3D', value: 61.5 },
  { name: 'pid_9524_luid_0x00000000_0x0000C2F1_phys_0_eng_1_engtype_Copy', value: 3.25 },
  { name: 'pid_9524_luid_0x00000000_0x0000C2F1_phys_0_eng_3_engtype_VideoDecode', value: 0 },
  { name: 'pid_1400_luid_0x00000000_0x0000C2F1_phys_0_eng_0_engtype_3D', value: 4 },
  { name: 'pid_2100_luid_0x00000000_0x0000C2F1_phys_0_eng_7_engtype_', value: 0 },
  { name: 'pid_3000_luid_0x00000000_0x0000C2F1_phys_0_eng_5_engtype_Compute_0', value: 12 },
  // A rate's first collection for a context that just appeared.
  { name: 'pid_7777_luid_0x00000000_0x0000C2F1_phys_0_eng_0_engtype_3D', value: 0, status: PDH_CSTATUS_INVALID_DATA },
];

describe('parseFormattedCounterArray', () => {
  const built = buildFormattedCounterArray(recordedEngines);
  const values = parseFormattedCounterArray(built.bytes, built.baseAddress, built.length, recordedEngines.length);

  it('reads each valid item’s name (through its pointer) and double value', () => {
    expect(values).toEqual(recordedEngines.filter((e) => e.status === undefined).map(({ name, value }) => ({ name, value })));
  });

  it('leaves out items whose status is not valid data', () => {
    expect(values.some((v) => v.name.startsWith('pid_7777'))).toBe(false);
  });

  it('no items, no values; a single-instance counter has an empty name', () => {
    expect(parseFormattedCounterArray(Buffer.alloc(0), 0n, 0, 0)).toEqual([]);
    const single = buildFormattedCounterArray([{ name: '', value: 1_234_567_890 }]);
    expect(parseFormattedCounterArray(single.bytes, single.baseAddress, single.length, 1)).toEqual([{ name: '', value: 1_234_567_890 }]);
  });

  it('refuses an item count larger than the buffer', () => {
    expect(() => parseFormattedCounterArray(built.bytes, built.baseAddress, 24 * 2, 3)).toThrow(RangeError);
  });
});

describe('parseRawCounterArray', () => {
  it('reads FirstValue (the cumulative bytes of a bulk count), 64-bit, valid items only', () => {
    const items = [
      { name: '0 C:', value: 2 ** 42 + 5 },
      { name: '1 D:', value: 1_000 },
      { name: '_Total', value: 2 ** 42 + 1_005 },
      { name: '2', value: 9, status: PDH_CSTATUS_NO_INSTANCE },
    ];
    const built = buildRawCounterArray(items);
    expect(parseRawCounterArray(built.bytes, built.baseAddress, built.length, items.length)).toEqual([
      { name: '0 C:', value: 2 ** 42 + 5 },
      { name: '1 D:', value: 1_000 },
      { name: '_Total', value: 2 ** 42 + 1_005 },
    ]);
  });

  it('skips a negative raw value (a counter that is not a count)', () => {
    const built = buildRawCounterArray([{ name: 'x', value: -1 }]);
    expect(parseRawCounterArray(built.bytes, built.baseAddress, built.length, 1)).toEqual([]);
  });
});

describe('isValidCounterStatus', () => {
  it.each([
    [0, true],
    [1, true],
    [PDH_CSTATUS_INVALID_DATA, false],
    [PDH_CSTATUS_NO_INSTANCE, false],
    [-1, false],
  ])('%d → %s', (status, valid) => {
    expect(isValidCounterStatus(status)).toBe(valid);
  });
});

describe('GPU instance names', () => {
  it.each([
    {
      name: 'pid_9524_luid_0x00000000_0x0000C2F1_phys_0_eng_0_engtype_3D',
      parsed: { pid: 9524, adapterId: 'luid_0x00000000_0x0000c2f1_phys_0', engineIndex: 0, engineType: '3D' },
    },
    {
      name: 'pid_12_luid_0x00000001_0x0000ABCD_phys_1_eng_11_engtype_Video Codec',
      parsed: { pid: 12, adapterId: 'luid_0x00000001_0x0000abcd_phys_1', engineIndex: 11, engineType: 'Video Codec' },
    },
    {
      name: 'pid_3000_luid_0x00000000_0x0000C2F1_phys_0_eng_5_engtype_Compute_0',
      parsed: { pid: 3000, adapterId: 'luid_0x00000000_0x0000c2f1_phys_0', engineIndex: 5, engineType: 'Compute_0' },
    },
    {
      name: 'pid_2100_luid_0x00000000_0x0000C2F1_phys_0_eng_7_engtype_',
      parsed: { pid: 2100, adapterId: 'luid_0x00000000_0x0000c2f1_phys_0', engineIndex: 7, engineType: '' },
    },
    { name: '_Total', parsed: null },
    { name: 'pid_x_luid_0x0_0x0_phys_0_eng_0_engtype_3D', parsed: null },
    { name: 'luid_0x00000000_0x0000C2F1_phys_0', parsed: null },
  ])('engine $name', ({ name, parsed }) => {
    expect(parseGpuEngineInstance(name)).toEqual(parsed);
  });

  it('process memory and adapter memory instances name the same adapter as the engines do', () => {
    expect(parseGpuProcessMemoryInstance('pid_9524_luid_0x00000000_0x0000C2F1_phys_0')).toEqual({ pid: 9524, adapterId: 'luid_0x00000000_0x0000c2f1_phys_0' });
    expect(parseGpuAdapterInstance('luid_0x00000000_0x0000C2F1_phys_0')).toBe('luid_0x00000000_0x0000c2f1_phys_0');
    expect(parseGpuProcessMemoryInstance('pid_9524_luid_0x00000000_0x0000C2F1_phys_0_eng_0_engtype_3D')).toBeNull();
    expect(parseGpuAdapterInstance('pid_9524_luid_0x00000000_0x0000C2F1_phys_0')).toBeNull();
    expect(parseGpuAdapterInstance('_Total')).toBeNull();
  });
});

describe('diskFromInstance', () => {
  it.each([
    ['0 C:', { id: '0 C:', name: 'Disk 0 (C:)' }],
    ['1 D: E:', { id: '1 D: E:', name: 'Disk 1 (D: E:)' }],
    ['2', { id: '2', name: 'Disk 2' }],
    ['_Total', null],
    ['HarddiskVolume3', null],
  ])('%s', (instance, disk) => {
    expect(diskFromInstance(instance)).toEqual(disk);
  });
});

describe('isRealInterfaceInstance', () => {
  it.each([
    ['Intel[R] Ethernet Connection [7] I219-V', true],
    ['Realtek 8822CE Wireless LAN 802.11ac PCI-E NIC', true],
    ['isatap.{8F1B2C3D-0000-4000-8000-1234567890AB}', false],
    ['Teredo Tunneling Pseudo-Interface', false],
    ['_Total', false],
  ])('%s → %s', (name, real) => {
    expect(isRealInterfaceInstance(name)).toBe(real);
  });
});
