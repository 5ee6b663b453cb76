import { describe, expect, it } from 'vitest';
import { snapshot } from '../../../src-shared/testing/fixtures.ts';
import { historyPoint } from '../../store/history.ts';
import { enginePointsOf, engineRows, enginesByType, engineTypes, type EnginePoint } from './engine-history.ts';

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
  it('reads a GPU’s engines from the chart history, leaving out points without that GPU', () => {
    const withGpu = (takenAtMs: number, engines: { name: string; utilizationPercent: number | null }[]) =>
      historyPoint(
        snapshot({
          takenAtMs,
          gpus: [{ id: 'g0', name: 'GPU', vendor: 'other', utilizationPercent: 1, memoryUsedBytes: null, memoryTotalBytes: null, temperatureC: null, sharedMemoryUsedBytes: null, engines }],
        }),
      );
    const history = [withGpu(1000, [{ name: '3D', utilizationPercent: 7 }, { name: 'Copy', utilizationPercent: 2 }, { name: 'Copy', utilizationPercent: 5 }]), historyPoint(snapshot({ takenAtMs: 2000 })), withGpu(3000, [{ name: '3D', utilizationPercent: null }])];
    expect(enginePointsOf(history, 'g0')).toEqual([point(1000, { '3D': 7, Copy: 5 }), point(3000, { '3D': null })]);
    expect(enginePointsOf(history, 'g1')).toEqual([]);
  });
});

describe('engine rows', () => {
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
