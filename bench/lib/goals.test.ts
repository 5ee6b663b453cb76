import { describe, expect, it } from 'vitest';
import { goalRows, renderGoals, type GoalInput, type ProductResult } from './goals.ts';

const MB = 1024 * 1024;
const product = (overrides: Partial<ProductResult> = {}): ProductResult => ({
  processes: 2000,
  ticks: 30,
  hostCpuMsPerTick: 6,
  collectorCpuMsPerTick: 30,
  hostRssBytes: 65 * MB,
  collectorRssBytes: 75 * MB,
  collectorSyscallsPerTick: 6100,
  floorSyscallsPerTick: 6010,
  ...overrides,
});
const size = (target: number, ours: number, floor: number, psutil: number, p: ProductResult | null) => ({
  target,
  tools: [
    { tool: 'this collector', cpuMsPerTick: ours },
    { tool: 'C floor', cpuMsPerTick: floor },
    { tool: 'psutil', cpuMsPerTick: psutil },
  ],
  bytesPerTick: { steady: 4300 },
  product: p,
});
const input: GoalInput = {
  sizes: [size(100, 4, 1.3, 14, product({ processes: 100, hostCpuMsPerTick: 1, collectorCpuMsPerTick: 2 })), size(500, 15, 6, 60, product({ hostCpuMsPerTick: 3, collectorCpuMsPerTick: 6 })), size(2000, 48, 24, 230, product())],
  accuracy: [
    { burner: 'one busy thread', oursPercent: 50, truthPercent: 50, maxErrorPoints: 0.7, meanErrorPoints: 0.3 },
    { burner: 'four', oursPercent: 99, truthPercent: 99, maxErrorPoints: 2.6, meanErrorPoints: 0.7 },
  ],
  renderer: { scriptLayoutStyleMsPerTick: { median: 7.5, p90: 13 }, longTasksOver50Ms: 0, navigationToFirstRowsMs: 900, scriptBytesBeforeFirstRows: 290_000 },
  drift: null,
};
const byFigure = (rows: ReturnType<typeof goalRows>) => new Map(rows.map((r) => [r.figure, r]));

describe('goalRows', () => {
  it('computes each ratio from the same run and says met or not', () => {
    const rows = byFigure(goalRows(input));
    expect(rows.get('CPU at 1 Hz, ~100 processes, host + collector')).toEqual({ figure: 'CPU at 1 Hz, ~100 processes, host + collector', goal: '≤ 0.3 % of one core', measured: '0.30 %', isMet: true });
    expect(rows.get('host + collector vs the C floor, 500')).toMatchObject({ measured: '1.5×', isMet: true });
    expect(rows.get('host + collector vs the C floor, 2,000')).toMatchObject({ measured: '1.5×', isMet: true });
    expect(rows.get('whole product vs psutil alone, 2,000')).toMatchObject({ measured: '6.4× cheaper', isMet: true });
    expect(rows.get('collector alone vs the C floor, 2,000')).toMatchObject({ measured: '2.0×', isMet: false });
    expect(rows.get('collector RSS at 2,000 after 120 ticks')).toMatchObject({ measured: '75.0 MB', isMet: false });
    expect(rows.get('host RSS at 2,000 after 120 ticks')).toMatchObject({ measured: '65.0 MB', isMet: true });
    expect(rows.get('renderer main thread per tick at 2,000 rows, median')).toMatchObject({ isMet: true });
    expect(rows.get('renderer main thread per tick at 2,000 rows, p90')).toMatchObject({ isMet: false });
    expect(rows.get('navigation to first rows')).toMatchObject({ measured: '900 ms', isMet: false });
    expect(rows.get('script the page needs before the first rows')).toMatchObject({ measured: '290.0 kB', isMet: true });
    expect(rows.get('CPU % accuracy, mean error (worst burner)')).toMatchObject({ measured: '0.70 points', isMet: false });
    expect(rows.get('CPU % accuracy, worst 1 s window')).toMatchObject({ measured: '2.60 points', isMet: false });
  });

  it('says "not measured" instead of inventing a figure, and the drift only from a full 2,400-tick run', () => {
    const withoutTools = { ...input, sizes: input.sizes.map((s) => ({ ...s, tools: s.tools.filter((t) => t.tool === 'this collector'), product: null })), renderer: null };
    const rows = goalRows(withoutTools);
    for (const r of rows.filter((x) => !x.figure.startsWith('bytes') && !x.figure.startsWith('CPU % accuracy'))) expect(r).toMatchObject({ measured: 'not measured', isMet: null });
    const drift = (ticks: number) => ({ ticks, intervalMs: 250, processes: 2000, host: { startBytes: 60 * MB, endBytes: 63 * MB }, collector: { startBytes: 70 * MB, endBytes: 76 * MB } });
    expect(byFigure(goalRows({ ...input, drift: drift(1200) })).get('host memory drift over 2,400 ticks at 4 Hz')?.isMet).toBeNull();
    const full = byFigure(goalRows({ ...input, drift: drift(2400) }));
    expect(full.get('host memory drift over 2,400 ticks at 4 Hz')).toMatchObject({ measured: '+3.0 MB', isMet: true });
    expect(full.get('collector memory drift over 2,400 ticks at 4 Hz')).toMatchObject({ measured: '+6.0 MB', isMet: false });
  });

  it('reads what recording history costs at 500 as the whole product with it on minus off', () => {
    const sizes = input.sizes.map((s) => (s.target === 500 ? { ...s, productWithoutHistory: product({ hostCpuMsPerTick: 2, collectorCpuMsPerTick: 6 }) } : s));
    // 9 ms a tick on, 8 off: +1 ms a tick at 1 Hz = +0.1 % of one core.
    expect(byFigure(goalRows({ ...input, sizes })).get('recording history, whole product at 500, on − off (issue #15)')).toMatchObject({ measured: '+0.10 %', isMet: true });
    expect(byFigure(goalRows(input)).get('recording history, whole product at 500, on − off (issue #15)')).toMatchObject({ measured: 'not measured', isMet: null });
  });

  it("reads the history store's budgets from its bench, each against its goal", () => {
    const rows = byFigure(goalRows({ ...input, historyStore: { processes: 500, bytesWrittenPerDay: 270e6, steadyStateBytes: 1.2e9, processesAtMs: 20.5, dayChartMs: 51 } }));
    expect(rows.get('history: bytes written per day, 500 processes, defaults (issue #15)')).toMatchObject({ measured: '270 MB', isMet: true });
    expect(rows.get('history: store at steady state, 500 processes, defaults (issue #15)')).toMatchObject({ measured: '1200 MB', isMet: false });
    expect(rows.get('history: processes at a moment, 2,000 rows (issue #15)')).toMatchObject({ measured: '20.5 ms', isMet: true });
    expect(rows.get('history: a 24 h chart at 1 min (issue #15)')).toMatchObject({ measured: '51.0 ms', isMet: false });
    expect(byFigure(goalRows(input)).get('history: a 24 h chart at 1 min (issue #15)')).toMatchObject({ measured: 'not measured', isMet: null });
  });

  it('reads rule evaluation from its bench against 1 ms a tick', () => {
    const alerts = (medianMs: number) => ({ rules: 50, processes: 2000, ticks: 1000, medianMs, p99Ms: 3 });
    const figure = 'alerts: 50 rules at 2,000 processes, per tick, median (issue #16)';
    expect(byFigure(goalRows({ ...input, alerts: alerts(0.62) })).get(figure)).toMatchObject({ measured: '0.62 ms', isMet: true });
    expect(byFigure(goalRows({ ...input, alerts: alerts(1.4) })).get(figure)).toMatchObject({ measured: '1.40 ms', isMet: false });
    expect(byFigure(goalRows(input)).get(figure)).toMatchObject({ measured: 'not measured', isMet: null });
  });

  it('renders one Markdown row per goal, unmet ones in bold', () => {
    const lines = renderGoals(goalRows(input));
    expect(lines).toHaveLength(goalRows(input).length + 2);
    expect(lines).toContain('| collector alone vs the C floor, 2,000 | ≤ 1.3× | 2.0× | **not met** |');
  });
});
