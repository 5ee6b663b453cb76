import { describe, expect, it } from 'vitest';
import { snapshot } from '../../../src-shared/testing/fixtures.ts';
import { appendEnginePoint, enginePoint, engineRows, enginesByType, engineTypes, type EnginePoint } from './engine-history.ts';

const point = (takenAtMs: number, percents: Record<string, number | null>): EnginePoint => ({ takenAtMs, percents });

describe('enginesByType', () => {
  it.each([
    ['one engine per type', [{ name: '3D', utilizationPercent: 12 }, { name: 'Copy', utilizationPercent: 0 }], { '3D': 12, Copy: 0 }],
    ['two of a type: the busiest', [{ name: 'Copy', utilizationPercent: 3 }, { name: 'Copy', utilizationPercent: 9 }], { Copy: 9 }],
    ['one of a type unknown: the known one', [{ name: 'Copy', utilizationPercent: null }, { name: 'Copy', utilizationPercent: 4 }], { Copy: 4 }],
    ['all unknown: null, never 0', [{ name: 'Video Decode', utilizationPercent: null }], { 'Video Decode': null }],
    ['no engines', [], {}],
  ])('%s', (_, engines, byType) => {
    expect(enginesByType(engines)).toEqual(byType);
  });
});

describe('engine points', () => {
  it('reads a GPU’s engines from a snapshot, none for a GPU it lacks', () => {
    const s = snapshot({
      takenAtMs: 5000,
      gpus: [{ id: 'g0', name: 'GPU', vendor: 'other', utilizationPercent: 1, memoryUsedBytes: null, memoryTotalBytes: null, temperatureC: null, sharedMemoryUsedBytes: null, engines: [{ name: '3D', utilizationPercent: 7 }] }],
    });
    expect(enginePoint(s, 'g0')).toEqual(point(5000, { '3D': 7 }));
    expect(enginePoint(s, 'g1')).toBeNull();
  });

  it('appends newer points only, keeping at most the capacity', () => {
    let points: EnginePoint[] = [];
    for (const t of [1000, 2000, 2000, 1500, 3000]) points = appendEnginePoint(points, point(t, {}), 2);
    expect(points.map((p) => p.takenAtMs)).toEqual([2000, 3000]);
  });

  it('draws one type over the window, seconds before the newest, unknown as null and a gap between distant points', () => {
    const points = [point(0, { '3D': 90 }), point(40_000, { '3D': 10 }), point(41_000, { '3D': null }), point(60_000, { '3D': 30, Copy: 2 })];
    expect(engineRows(points, 30_000, '3D')).toEqual([
      { t: -20, v: 10 },
      { t: -19, v: null },
      { t: -9.5, v: null },
      { t: 0, v: 30 },
    ]);
    expect(engineRows(points, 60_000, 'Copy').map((r) => r.v)).toEqual([null, null, null, null, null, 2]);
    expect(engineTypes(points)).toEqual(['3D', 'Copy']);
    expect(engineRows([], 60_000, '3D')).toEqual([]);
  });
});
