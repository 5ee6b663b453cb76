/**
 * The bench's Markdown table, goals beside the figures (issue #8). Pure.
 */
import type { AccuracyResult } from './accuracy.ts';
import { goalRows, renderGoals, type AlertsResult, type DriftResult, type GoalInput, type HistoryStoreResult, type ProductResult } from './goals.ts';

interface ToolRow {
  tool: string;
  processes: number;
  cpuMsPerTick: number;
  wallMs: { median: number; p90: number };
  note?: string;
}
interface SizeRow {
  target: number;
  tools: ToolRow[];
  forksPerTick: number;
  bytesPerTick: { steady: number; full: number };
  collectorRssBytes: number | null;
  hostRssBytes: number | null;
  /** The collector `npm run serve` forked (bundle, lean heap); absent in reports from before it was measured. */
  serveCollectorRssBytes?: number | null;
  /** The whole product (`npm run serve`, one page); absent in reports from before it was measured. */
  product?: ProductResult | null;
  productWithoutHistory?: ProductResult | null;
}
export interface Report {
  takenAt: string;
  machine: { cpu: string; logicalCpus: number; memoryBytes: number; kernel: string; node: string };
  ticks: number;
  sizes: SizeRow[];
  accuracy: AccuracyResult[];
  renderer: unknown;
  drift?: DriftResult | null;
  /** bench/history-bench.ts's budgets; absent in reports from before they were measured. */
  historyStore?: HistoryStoreResult | null;
  /** bench/alerts-bench.ts's figures; absent in reports from before they were measured. */
  alerts?: AlertsResult | null;
}

const mb = (bytes: number | null) => (bytes === null ? '—' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (peer: number | undefined, ours: number) => (peer === undefined || !(ours > 0) ? '—' : `${(peer / ours).toFixed(1)}×`);

export function renderReport(report: Report): string {
  const lines: string[] = [];
  const m = report.machine;
  lines.push(`Measured ${report.takenAt.slice(0, 10)} on ${m.cpu}, ${m.logicalCpus} logical CPUs, ${mb(m.memoryBytes)} RAM, Linux ${m.kernel}, Node ${m.node}; ${report.ticks} samples per tool per size at 1 Hz.`, '');
  lines.push('| processes | tool | CPU ms per sample (mean) | wall ms (median / p90) | our collector is cheaper by |', '|---:|---|---:|---:|---:|');
  for (const size of report.sizes) {
    const ours = size.tools.find((t) => t.tool === 'this collector');
    for (const tool of size.tools) {
      const cheaper = tool === ours || !ours ? '' : tool.tool === 'C floor' ? `${(ours.cpuMsPerTick / Math.max(tool.cpuMsPerTick, 0.01)).toFixed(1)}× the floor` : ratio(tool.cpuMsPerTick, ours.cpuMsPerTick);
      lines.push(`| ${tool.processes} | ${tool.tool}${tool.note ? ` (${tool.note})` : ''} | ${tool.cpuMsPerTick} | ${tool.wallMs.median} / ${tool.wallMs.p90} | ${cheaper} |`);
    }
  }
  lines.push(
    '',
    '| processes | collector share of one core at 1 Hz | forks per tick | bytes to the UI per tick, steady (full) | sampler RSS (the bench’s in-process collector) | `npm run serve`: host RSS | `npm run serve`: its collector RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const size of report.sizes) {
    const ours = size.tools.find((t) => t.tool === 'this collector');
    lines.push(
      `| ${ours?.processes ?? size.target} | ${ours ? `${(ours.cpuMsPerTick / 10).toFixed(2)} %` : '—'} | ${size.forksPerTick} | ${kb(size.bytesPerTick.steady)} (${kb(size.bytesPerTick.full)}) | ${mb(size.collectorRssBytes)} | ${mb(size.hostRssBytes)} | ${mb(size.serveCollectorRssBytes ?? null)} |`,
    );
  }
  lines.push('', '| burner | our CPU % (median) | /proc truth (median) | max error, points | mean error, points |', '|---|---:|---:|---:|---:|');
  for (const a of report.accuracy) lines.push(`| ${a.burner} | ${a.oursPercent} | ${a.truthPercent} | ${a.maxErrorPoints} | ${a.meanErrorPoints} |`);
  const products = report.sizes.filter((s) => s.product);
  const withoutHistory = report.sizes.filter((s) => s.productWithoutHistory);
  if (products.length > 0) {
    lines.push(
      '',
      '| processes (history recorded unless said) | `npm run serve` host: CPU ms per tick, RSS | its collector: CPU ms per tick, RSS | whole product, share of one core at 1 Hz | system calls per tick: collector (C floor) |',
      '|---:|---:|---:|---:|---:|',
    );
    for (const size of products) {
      const p = size.product as ProductResult;
      const calls = p.collectorSyscallsPerTick === null ? '—' : `${p.collectorSyscallsPerTick} (${p.floorSyscallsPerTick ?? '—'})`;
      lines.push(
        `| ${p.processes} | ${p.hostCpuMsPerTick} ms, ${mb(p.hostRssBytes)} | ${p.collectorCpuMsPerTick} ms, ${mb(p.collectorRssBytes)} | ${((p.hostCpuMsPerTick + p.collectorCpuMsPerTick) / 10).toFixed(2)} % | ${calls} |`,
      );
    }
  }
  for (const size of withoutHistory) {
    const p = size.productWithoutHistory as ProductResult;
    lines.push(`| ${p.processes}, history off | ${p.hostCpuMsPerTick} ms, ${mb(p.hostRssBytes)} | ${p.collectorCpuMsPerTick} ms, ${mb(p.collectorRssBytes)} | ${((p.hostCpuMsPerTick + p.collectorCpuMsPerTick) / 10).toFixed(2)} % | — |`);
  }
  const r = report.renderer as Record<string, unknown> | null;
  if (r) {
    const busy = r['scriptLayoutStyleMsPerTick'] as { median: number; p90: number } | undefined;
    lines.push(
      '',
      '| renderer at ~2,000 processes | value |',
      '|---|---:|',
      `| main-thread script + layout + style per tick, median (p90) | ${busy?.median ?? '—'} ms (${busy?.p90 ?? '—'} ms) |`,
      `| main-thread task time per tick | ${String(r['mainThreadTaskMsPerTick'] ?? '—')} ms |`,
      `| long tasks over 50 ms | ${String(r['longTasksOver50Ms'] ?? '—')} |`,
      `| navigation to first rows | ${String(r['navigationToFirstRowsMs'] ?? '—')} ms |`,
      `| script before the first rows | ${typeof r['scriptBytesBeforeFirstRows'] === 'number' ? `${(r['scriptBytesBeforeFirstRows'] / 1000).toFixed(1)} kB` : '—'} |`,
    );
  }
  lines.push('', ...renderGoals(goalRows({ sizes: report.sizes, accuracy: report.accuracy, renderer: r as GoalInput['renderer'], drift: report.drift ?? null, historyStore: report.historyStore ?? null, alerts: report.alerts ?? null })));
  return `${lines.join('\n')}\n`;
}
