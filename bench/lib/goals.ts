/**
 * The whole product's goals (issue #18) beside what one bench run measured: one row per goal, met
 * or not, or "not measured" when the run lacked the figure (a tool missing, `--drift` not asked).
 * Pure: the report in, the rows out.
 */
import type { AccuracyResult } from './accuracy.ts';

/** Every process of ours as `npm run serve` runs it (bundles, lean heap), one page connected. */
export interface ProductResult {
  processes: number;
  ticks: number;
  /** CPU ms per tick (mean over `ticks` at 1 Hz) of the host and of the collector it forked. */
  hostCpuMsPerTick: number;
  collectorCpuMsPerTick: number;
  hostRssBytes: number | null;
  collectorRssBytes: number | null;
  /** System calls per tick (strace -c -f over 10 ticks), of the collector and of the C floor; null where not counted. */
  collectorSyscallsPerTick: number | null;
  floorSyscallsPerTick: number | null;
}

/** Resident memory at tick 120 and at the last tick of a long run at 4 Hz (`--drift`). */
export interface DriftResult {
  ticks: number;
  intervalMs: number;
  processes: number;
  host: { startBytes: number | null; endBytes: number | null };
  collector: { startBytes: number | null; endBytes: number | null };
}

interface ToolCpu {
  tool: string;
  cpuMsPerTick: number;
}

/** The history store's budgets on a synthetic machine (bench/history-bench.ts, its last line). */
export interface HistoryStoreResult {
  processes: number;
  /** The writer's write_bytes (WAL and checkpoints) per day, bytes. */
  bytesWrittenPerDay: number;
  /** The store with the default retention, nothing pruned by the cap, bytes. */
  steadyStateBytes: number;
  /** `processesAt` over 2,000 rows, median ms. */
  processesAtMs: number;
  /** A 24 h series at 1 min, median ms. */
  dayChartMs: number;
  /** Top 10 over 24 h (not aligned on hours) from the per-minute usage, median ms. */
  top24hMs?: number;
}

/** Rule evaluation per tick (bench/alerts-bench.ts, its last line). */
export interface AlertsResult {
  rules: number;
  processes: number;
  ticks: number;
  medianMs: number;
  p99Ms: number;
}

export interface GoalInput {
  sizes: { target: number; tools: ToolCpu[]; bytesPerTick: { steady: number }; product?: ProductResult | null; productWithoutHistory?: ProductResult | null }[];
  accuracy: AccuracyResult[];
  renderer: {
    scriptLayoutStyleMsPerTick?: { median: number; p90: number };
    longTasksOver50Ms?: number;
    navigationToFirstRowsMs?: number;
    scriptBytesBeforeFirstRows?: number;
  } | null;
  drift?: DriftResult | null;
  historyStore?: HistoryStoreResult | null;
  alerts?: AlertsResult | null;
}

export interface GoalRow {
  figure: string;
  goal: string;
  measured: string;
  /** Null: not measured in this run. */
  isMet: boolean | null;
}

const MB = 1024 * 1024;
const fixed = (value: number, digits = 2) => value.toFixed(digits);

function productCpu(product: ProductResult): number {
  return product.hostCpuMsPerTick + product.collectorCpuMsPerTick;
}

function toolCpu(size: GoalInput['sizes'][number] | undefined, tool: string): number | null {
  const found = size?.tools.find((t) => t.tool === tool);
  return found && found.cpuMsPerTick > 0 ? found.cpuMsPerTick : null;
}

function row(figure: string, goal: string, value: number | null, format: (v: number) => string, isMet: (v: number) => boolean): GoalRow {
  return value === null || !Number.isFinite(value) ? { figure, goal, measured: 'not measured', isMet: null } : { figure, goal, measured: format(value), isMet: isMet(value) };
}

export function goalRows(input: GoalInput): GoalRow[] {
  const at = (target: number) => input.sizes.find((s) => s.target === target);
  const rows: GoalRow[] = [];
  const small = at(100)?.product;
  rows.push(row('CPU at 1 Hz, ~100 processes, host + collector', '≤ 0.3 % of one core', small ? productCpu(small) / 10 : null, (v) => `${fixed(v)} %`, (v) => v <= 0.3));
  for (const target of [500, 2000]) {
    const size = at(target);
    const product = size?.product;
    const floor = toolCpu(size, 'C floor');
    const psutil = toolCpu(size, 'psutil');
    const collector = toolCpu(size, 'this collector');
    const label = target.toLocaleString('en-US');
    rows.push(row(`host + collector vs the C floor, ${label}`, '≤ 1.5×', product && floor ? productCpu(product) / floor : null, (v) => `${fixed(v, 1)}×`, (v) => v <= 1.5));
    rows.push(row(`whole product vs psutil alone, ${label}`, '≥ 5× cheaper', product && psutil ? psutil / productCpu(product) : null, (v) => `${fixed(v, 1)}× cheaper`, (v) => v >= 5));
    rows.push(row(`collector alone vs the C floor, ${label}`, '≤ 1.3×', collector && floor ? collector / floor : null, (v) => `${fixed(v, 1)}×`, (v) => v <= 1.3));
  }
  const big = at(2000);
  rows.push(row('collector RSS at 2,000 after 120 ticks', '≤ 60 MB', big?.product?.collectorRssBytes ?? null, (v) => `${fixed(v / MB, 1)} MB`, (v) => v <= 60 * MB));
  rows.push(row('host RSS at 2,000 after 120 ticks', '≤ 70 MB', big?.product?.hostRssBytes ?? null, (v) => `${fixed(v / MB, 1)} MB`, (v) => v <= 70 * MB));
  const drift = input.drift;
  const growth = (part: DriftResult['host'] | undefined) => (part && part.startBytes !== null && part.endBytes !== null ? part.endBytes - part.startBytes : null);
  const driftOf = (name: 'host' | 'collector') =>
    row(`${name} memory drift over 2,400 ticks at 4 Hz`, '≤ 5 MB', drift && drift.ticks >= 2400 ? growth(drift[name]) : null, (v) => `${v >= 0 ? '+' : ''}${fixed(v / MB, 1)} MB`, (v) => v <= 5 * MB);
  rows.push(driftOf('host'), driftOf('collector'));
  rows.push(row('bytes from the collector to its host per tick, steady, 2,000', '≤ 40 KB', big ? big.bytesPerTick.steady : null, (v) => `${fixed(v / 1024, 1)} KB`, (v) => v <= 40 * 1024));
  const r = input.renderer;
  rows.push(row('renderer main thread per tick at 2,000 rows, median', '≤ 8 ms', r?.scriptLayoutStyleMsPerTick?.median ?? null, (v) => `${fixed(v)} ms`, (v) => v <= 8));
  rows.push(row('renderer main thread per tick at 2,000 rows, p90', '≤ 12 ms', r?.scriptLayoutStyleMsPerTick?.p90 ?? null, (v) => `${fixed(v)} ms`, (v) => v <= 12));
  rows.push(row('long tasks (> 50 ms) while ticking', 'none', r?.longTasksOver50Ms ?? null, (v) => String(v), (v) => v === 0));
  rows.push(row('script the page needs before the first rows', '≤ 300 kB', r?.scriptBytesBeforeFirstRows ?? null, (v) => `${fixed(v / 1000, 1)} kB`, (v) => v <= 300_000));
  rows.push(row('navigation to first rows', '≤ 500 ms', r?.navigationToFirstRowsMs ?? null, (v) => `${Math.round(v)} ms`, (v) => v <= 500));
  const mid = at(500);
  const recording = mid?.product && mid.productWithoutHistory ? (productCpu(mid.product) - productCpu(mid.productWithoutHistory)) / 10 : null;
  rows.push(row('recording history, whole product at 500, on − off (issue #15)', '≤ +0.3 % of one core', recording, (v) => `${v >= 0 ? '+' : ''}${fixed(v)} %`, (v) => v <= 0.3));
  const store = input.historyStore ?? null;
  rows.push(row('history: bytes written per day, 500 processes, defaults (issue #15)', '≤ 300 MB', store?.bytesWrittenPerDay ?? null, (v) => `${fixed(v / 1e6, 0)} MB`, (v) => v <= 300e6));
  rows.push(row('history: store at steady state, 500 processes, defaults (issue #15)', '≤ 1 GiB', store?.steadyStateBytes ?? null, (v) => `${fixed(v / 1e6, 0)} MB`, (v) => v <= 1024 ** 3));
  rows.push(row('history: processes at a moment, 2,000 rows (issue #15)', '≤ 50 ms', store?.processesAtMs ?? null, (v) => `${fixed(v, 1)} ms`, (v) => v <= 50));
  rows.push(row('history: a 24 h chart at 1 min (issue #15)', '≤ 50 ms', store?.dayChartMs ?? null, (v) => `${fixed(v, 1)} ms`, (v) => v <= 50));
  rows.push(row('history: top 10 over 24 h (issue #15)', '≤ 250 ms', store?.top24hMs ?? null, (v) => `${fixed(v, 1)} ms`, (v) => v <= 250));
  const alerts = input.alerts ?? null;
  rows.push(row('alerts: 50 rules at 2,000 processes, per tick, median (issue #16)', '≤ 1 ms', alerts?.medianMs ?? null, (v) => `${fixed(v, 2)} ms`, (v) => v <= 1));
  const worstMean = input.accuracy.length === 0 ? null : Math.max(...input.accuracy.map((a) => a.meanErrorPoints));
  const worstWindow = input.accuracy.length === 0 ? null : Math.max(...input.accuracy.map((a) => a.maxErrorPoints));
  rows.push(row('CPU % accuracy, mean error (worst burner)', '≤ 0.5 point', worstMean, (v) => `${fixed(v)} points`, (v) => v <= 0.5));
  rows.push(row('CPU % accuracy, worst 1 s window', '≤ 2.5 points', worstWindow, (v) => `${fixed(v)} points`, (v) => v <= 2.5));
  return rows;
}

export function renderGoals(rows: readonly GoalRow[]): string[] {
  const lines = ['| goal (issue #18) | target | measured | |', '|---|---:|---:|---|'];
  for (const r of rows) lines.push(`| ${r.figure} | ${r.goal} | ${r.measured} | ${r.isMet === null ? '—' : r.isMet ? 'met' : '**not met**'} |`);
  return lines;
}
