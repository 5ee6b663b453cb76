import { describe, expect, it } from 'vitest';
import { gpuEnginesFromClients, processGpuPercent, sumBytesBy, summarizeGpuEngines, type GpuClientCounters, type GpuEngineUtilization } from './gpu.ts';

const engines = (entries: Record<string, number>): Map<string, number> => new Map(Object.entries(entries));

/** amdgpu fdinfo counters (ns) of one client. */
const before = engines({ gfx: 1_873_543_456, compute: 0, dec: 10_000_000, enc: 0 });

describe('processGpuPercent', () => {
  it.each([
    {
      name: 'the busiest engine is the process\'s GPU % (Task Manager semantics)',
      next: engines({ gfx: 1_873_543_456 + 250_000_000, compute: 0, dec: 10_000_000 + 500_000_000, enc: 0 }),
      intervalMs: 1000,
      expected: 50,
    },
    {
      name: 'a 500 ms tick',
      next: engines({ gfx: 1_873_543_456 + 100_000_000, compute: 0, dec: 10_000_000, enc: 0 }),
      intervalMs: 500,
      expected: 20,
    },
    {
      name: 'an idle client reads 0, not null',
      next: before,
      intervalMs: 1000,
      expected: 0,
    },
    {
      name: 'an engine with several instances (video ×2) past 100 is capped',
      next: engines({ gfx: 1_873_543_456, compute: 0, dec: 10_000_000 + 1_800_000_000, enc: 0 }),
      intervalMs: 1000,
      expected: 100,
    },
    {
      name: 'an engine that went backwards is skipped, the others still count',
      next: engines({ gfx: 5, compute: 0, dec: 10_000_000 + 300_000_000, enc: 0 }),
      intervalMs: 1000,
      expected: 30,
    },
    {
      name: 'an engine new in this sample is skipped',
      next: engines({ gfx: 1_873_543_456 + 100_000_000, compute: 0, dec: 10_000_000, enc: 0, enc_1: 900_000_000 }),
      intervalMs: 1000,
      expected: 10,
    },
  ])('$name', ({ next, intervalMs, expected }) => {
    expect(processGpuPercent(before, next, intervalMs)).toBe(expected);
  });

  it.each([
    { name: 'first sample (no previous counters)', prev: undefined, next: before, intervalMs: 1000 },
    { name: 'no previous counters (process did not use the GPU)', prev: null, next: before, intervalMs: 1000 },
    { name: 'the process closed its GPU fd', prev: before, next: null, intervalMs: 1000 },
    { name: 'zero interval', prev: before, next: before, intervalMs: 0 },
    { name: 'negative interval', prev: before, next: before, intervalMs: -10 },
    { name: 'every engine went backwards (a new client with the same pid)', prev: before, next: engines({ gfx: 1, dec: 2 }), intervalMs: 1000 },
    { name: 'no engine in common', prev: before, next: engines({ render: 5_000_000 }), intervalMs: 1000 },
  ])('null when $name', ({ prev, next, intervalMs }) => {
    expect(processGpuPercent(prev, next, intervalMs)).toBeNull();
  });

  it('is exact for a jittered interval', () => {
    const next = engines({ gfx: 1_873_543_456 + 333_000_000 });
    expect(processGpuPercent(before, next, 1017)).toBeCloseTo((333_000_000 / 1_017_000_000) * 100, 10);
  });
});

describe('summarizeGpuEngines (Windows PDH GPU Engine instances)', () => {
  const A = 'luid_0x00000000_0x0000c2f1_phys_0';
  const B = 'luid_0x00000000_0x0001a3b4_phys_0';
  const engines: GpuEngineUtilization[] = [
    // A game: 3D 62 %, two copy engines 20 % + 15 %.
    { pid: 9524, adapterId: A, engineType: '3D', percent: 62 },
    { pid: 9524, adapterId: A, engineType: 'Copy', percent: 20 },
    { pid: 9524, adapterId: A, engineType: 'Copy', percent: 15 },
    // A browser decoding video and drawing a little.
    { pid: 7000, adapterId: A, engineType: 'VideoDecode', percent: 30 },
    { pid: 7000, adapterId: A, engineType: '3D', percent: 5 },
    // dwm on the other adapter.
    { pid: 1400, adapterId: B, engineType: '3D', percent: 8 },
    // An idle context.
    { pid: 3000, adapterId: A, engineType: '3D', percent: 0 },
  ];
  const summary = summarizeGpuEngines(engines);

  it('a process reads its busiest engine type, summed over that type’s engines', () => {
    expect(summary.byProcess.get(9524)).toBe(62);
    expect(summary.byProcess.get(7000)).toBe(30);
    expect(summary.byProcess.get(1400)).toBe(8);
  });

  it('an idle context is 0 %, a process with no engine instance is absent', () => {
    expect(summary.byProcess.get(3000)).toBe(0);
    expect(summary.byProcess.has(1)).toBe(false);
  });

  it('an adapter reads its busiest engine type summed over processes and engines', () => {
    // 3D on A: 62 + 5 + 0 = 67; Copy: 35; VideoDecode: 30.
    expect(summary.byAdapter.get(A)).toBe(67);
    expect(summary.byAdapter.get(B)).toBe(8);
  });

  it('an adapter lists every engine type, summed over processes and engines, by name', () => {
    expect(summary.enginesByAdapter.get(A)).toEqual([
      { name: '3D', utilizationPercent: 67 },
      { name: 'Copy', utilizationPercent: 35 },
      { name: 'VideoDecode', utilizationPercent: 30 },
    ]);
    expect(summary.enginesByAdapter.get(B)).toEqual([{ name: '3D', utilizationPercent: 8 }]);
  });

  it('the engine order does not follow the order PDH lists instances in (processes come and go)', () => {
    const reversed = summarizeGpuEngines([...engines].reverse());
    expect(reversed.enginesByAdapter.get(A)?.map((e) => e.name)).toEqual(['3D', 'Copy', 'VideoDecode']);
    const compute = summarizeGpuEngines([
      { pid: 1, adapterId: A, engineType: 'Compute_10', percent: 1 },
      { pid: 1, adapterId: A, engineType: 'Compute_2', percent: 2 },
    ]);
    expect(compute.enginesByAdapter.get(A)?.map((e) => e.name)).toEqual(['Compute_2', 'Compute_10']);
  });

  it('an engine type the driver leaves unnamed is not listed, but still counts for the adapter', () => {
    const s = summarizeGpuEngines([
      { pid: 1, adapterId: A, engineType: '', percent: 40 },
      { pid: 1, adapterId: A, engineType: 'Copy', percent: 3 },
    ]);
    expect(s.enginesByAdapter.get(A)).toEqual([{ name: 'Copy', utilizationPercent: 3 }]);
    expect(s.byAdapter.get(A)).toBe(40);
  });

  it('sums are capped at 100', () => {
    const s = summarizeGpuEngines([
      { pid: 1, adapterId: A, engineType: 'Copy', percent: 80 },
      { pid: 1, adapterId: A, engineType: 'Copy', percent: 70 },
      { pid: 2, adapterId: A, engineType: 'Copy', percent: 10 },
    ]);
    expect(s.byProcess.get(1)).toBe(100);
    expect(s.byAdapter.get(A)).toBe(100);
    expect(s.enginesByAdapter.get(A)).toEqual([{ name: 'Copy', utilizationPercent: 100 }]);
  });

  it('one process on two adapters reads the busier adapter’s engine type, not a sum across adapters', () => {
    const s = summarizeGpuEngines([
      { pid: 1, adapterId: A, engineType: '3D', percent: 40 },
      { pid: 1, adapterId: B, engineType: '3D', percent: 50 },
    ]);
    expect(s.byProcess.get(1)).toBe(50);
  });

  it('skips torn readings (negative, NaN, Infinity)', () => {
    const s = summarizeGpuEngines([
      { pid: 1, adapterId: A, engineType: '3D', percent: -5 },
      { pid: 1, adapterId: A, engineType: '3D', percent: Number.NaN },
      { pid: 1, adapterId: A, engineType: '3D', percent: Number.POSITIVE_INFINITY },
      { pid: 1, adapterId: A, engineType: 'Copy', percent: 3 },
    ]);
    expect(s.byProcess.get(1)).toBe(3);
  });

  it('no instances, nothing known', () => {
    const s = summarizeGpuEngines([]);
    expect(s.byProcess.size + s.byAdapter.size + s.enginesByAdapter.size).toBe(0);
  });
});

describe('sumBytesBy', () => {
  it('sums per key and skips negative or non-finite readings', () => {
    const sums = sumBytesBy([
      { key: 10, bytes: 100 },
      { key: 10, bytes: 50 },
      { key: 11, bytes: 7 },
      { key: 11, bytes: -1 },
      { key: 12, bytes: Number.NaN },
    ]);
    expect([...sums]).toEqual([
      [10, 150],
      [11, 7],
    ]);
  });
});

describe('gpuEnginesFromClients (Linux DRM fdinfo, per card)', () => {
  const client = (gpuId: string, clientKey: string, engines: Record<string, number>): GpuClientCounters => ({
    gpuId,
    clientKey,
    engineBusyNs: new Map(Object.entries(engines)),
  });
  // Recorded shapes: amdgpu engines (gfx, compute, dec, enc) and i915 engines (render, copy, video).
  const prev = [
    client('card0', '0000:03:00.0/12', { gfx: 1_873_543_456, compute: 0, dec: 0, enc: 0 }),
    client('card0', '0000:03:00.0/13', { gfx: 10_000_000, compute: 0, dec: 5_000_000, enc: 0 }),
    client('card1', '0000:00:02.0/38', { render: 25_662_044_495, copy: 0, video: 750 }),
    // Closes before the next sample.
    client('card1', '0000:00:02.0/40', { render: 9_000_000_000, copy: 0, video: 0 }),
  ];
  const next = [
    // A game: gfx busy 400 ms of the second.
    client('card0', '0000:03:00.0/12', { gfx: 1_873_543_456 + 400_000_000, compute: 0, dec: 0, enc: 0 }),
    // A video player: gfx 50 ms, decode 250 ms.
    client('card0', '0000:03:00.0/13', { gfx: 60_000_000, compute: 0, dec: 255_000_000, enc: 0 }),
    client('card1', '0000:00:02.0/38', { render: 25_662_044_495 + 120_000_000, copy: 0, video: 750 }),
    // Opened since: its 900 ms since opening are not in this interval's Δ.
    client('card1', '0000:00:02.0/41', { render: 900_000_000, copy: 0, video: 0 }),
  ];

  it('sums the clients’ Δ busy time per card and engine, as a share of the interval, by name', () => {
    const engines = gpuEnginesFromClients(prev, next, 1000);
    expect(engines.get('card0')).toEqual([
      { name: 'compute', utilizationPercent: 0 },
      { name: 'dec', utilizationPercent: 25 },
      { name: 'enc', utilizationPercent: 0 },
      { name: 'gfx', utilizationPercent: 45 },
    ]);
    // The client that closed and the new one count for nothing: the sum never goes backwards.
    expect(engines.get('card1')).toEqual([
      { name: 'copy', utilizationPercent: 0 },
      { name: 'render', utilizationPercent: 12 },
      { name: 'video', utilizationPercent: 0 },
    ]);
  });

  it('divides by the measured interval and caps at 100', () => {
    expect(gpuEnginesFromClients(prev, next, 500).get('card0')?.find((e) => e.name === 'gfx')?.utilizationPercent).toBe(90);
    expect(gpuEnginesFromClients(prev, next, 200).get('card0')?.find((e) => e.name === 'gfx')?.utilizationPercent).toBe(100);
  });

  it('a counter that went backwards is skipped; an engine a client lists for the first time counts from 0 (amdgpu lists used engines only)', () => {
    const engines = gpuEnginesFromClients(
      [client('card0', 'a', { gfx: 5_000_000 })],
      [client('card0', 'a', { gfx: 1_000, dec: 300_000_000 })],
      1000,
    );
    expect(engines.get('card0')).toEqual([{ name: 'dec', utilizationPercent: 30 }]);
  });

  it('a card whose clients are all new is absent (unknown), and nothing is known over a zero interval', () => {
    expect(gpuEnginesFromClients([], next, 1000).size).toBe(0);
    expect(gpuEnginesFromClients(prev, next, 0).size).toBe(0);
  });
});
