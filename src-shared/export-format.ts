/**
 * Export of process rows and system series points as CSV (RFC 4180) and JSON Lines, shared by the
 * host's `?format=` routes and the page's Export menu, so a file from either is the same. Types only
 * from the contract: this module holds no schema library (the page imports it).
 *
 * Columns carry their unit in the name (`cpu_percent`, `memory_bytes`, `…_bytes_per_sec`,
 * `taken_at_ms`); docs/export.md lists every column and links its definition. Unknown (`null`) is an
 * empty cell in CSV and `null` in JSON Lines, never 0.
 */
import type { GroupUsage, HistoryEvent, HistoryStatus, ProcessUsage, SystemPoint, Usage } from './query.ts';
import type { ProcessRow } from './snapshot.ts';

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One cell: a list (Windows services) is a JSON array in JSON Lines and `;`-separated in CSV. */
export type ExportCell = string | number | boolean | null | readonly string[];

export interface ExportColumn<Row> {
  /** snake_case, unit last: the CSV header and the JSON Lines key. */
  readonly name: string;
  readonly value: (row: Row) => ExportCell;
}

export const PROCESS_COLUMNS: readonly ExportColumn<ProcessRow>[] = [
  { name: 'pid', value: (r) => r.pid },
  { name: 'ppid', value: (r) => r.ppid },
  { name: 'name', value: (r) => r.name },
  { name: 'start_time_ms', value: (r) => r.startTimeMs },
  { name: 'user', value: (r) => r.user },
  { name: 'state', value: (r) => r.state },
  { name: 'cpu_percent', value: (r) => r.cpuPercent },
  { name: 'memory_bytes', value: (r) => r.memoryBytes },
  { name: 'resident_bytes', value: (r) => r.residentBytes },
  { name: 'commit_bytes', value: (r) => r.commitBytes },
  { name: 'threads', value: (r) => r.threads },
  { name: 'handles', value: (r) => r.handles },
  { name: 'io_read_bytes_per_sec', value: (r) => r.ioReadBytesPerSec },
  { name: 'io_write_bytes_per_sec', value: (r) => r.ioWriteBytesPerSec },
  { name: 'net_rx_bytes_per_sec', value: (r) => r.netRxBytesPerSec },
  { name: 'net_tx_bytes_per_sec', value: (r) => r.netTxBytesPerSec },
  { name: 'gpu_percent', value: (r) => r.gpuPercent },
  { name: 'gpu_memory_bytes', value: (r) => r.gpuMemoryBytes },
  { name: 'priority', value: (r) => r.priority },
  { name: 'is_efficiency_mode', value: (r) => r.isEfficiencyMode },
  { name: 'command_line', value: (r) => r.commandLine },
  { name: 'exe_path', value: (r) => r.exePath },
  { name: 'description', value: (r) => r.description },
  { name: 'publisher', value: (r) => r.publisher },
  { name: 'services', value: (r) => r.services },
];

/**
 * The sum of figures of several devices (disks, adapters): null when there are none or one of
 * them is unknown, because a partial sum would read as the machine's total.
 */
function sumKnown(values: readonly (number | null)[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) {
    if (value === null) return null;
    sum += value;
  }
  return sum;
}

/** The busiest GPU's utilization (as Task Manager's GPU column), null when none is known. */
function maxKnown(values: readonly (number | null)[]): number | null {
  let max: number | null = null;
  for (const value of values) if (value !== null && (max === null || value > max)) max = value;
  return max;
}

export const SYSTEM_COLUMNS: readonly ExportColumn<SystemPoint>[] = [
  { name: 'taken_at_ms', value: (p) => p.takenAtMs },
  { name: 'interval_ms', value: (p) => p.intervalMs },
  { name: 'cpu_percent', value: (p) => p.cpu.totalPercent },
  { name: 'cpu_kernel_percent', value: (p) => p.cpu.kernelPercent },
  { name: 'memory_total_bytes', value: (p) => p.memory.totalBytes },
  { name: 'memory_used_bytes', value: (p) => p.memory.usedBytes },
  { name: 'memory_available_bytes', value: (p) => p.memory.availableBytes },
  { name: 'memory_cached_bytes', value: (p) => p.memory.cachedBytes },
  { name: 'memory_commit_bytes', value: (p) => p.memory.commitBytes },
  { name: 'memory_commit_limit_bytes', value: (p) => p.memory.commitLimitBytes },
  { name: 'swap_used_bytes', value: (p) => p.memory.swapUsedBytes },
  { name: 'disk_read_bytes_per_sec', value: (p) => sumKnown(p.disks.map((d) => d.readBytesPerSec)) },
  { name: 'disk_write_bytes_per_sec', value: (p) => sumKnown(p.disks.map((d) => d.writeBytesPerSec)) },
  { name: 'net_rx_bytes_per_sec', value: (p) => sumKnown(p.network.map((n) => n.rxBytesPerSec)) },
  { name: 'net_tx_bytes_per_sec', value: (p) => sumKnown(p.network.map((n) => n.txBytesPerSec)) },
  { name: 'gpu_percent', value: (p) => maxKnown(p.gpus.map((g) => g.utilizationPercent)) },
  { name: 'processes', value: (p) => p.totals.processes },
  { name: 'threads', value: (p) => p.totals.threads },
  { name: 'handles', value: (p) => p.totals.handles },
];

/** The history store's status as one row (`GET /api/history/status?format=`). */
export const HISTORY_STATUS_COLUMNS: readonly ExportColumn<HistoryStatus>[] = [
  { name: 'state', value: (s) => s.state },
  { name: 'reason', value: (s) => s.reason },
  { name: 'oldest_ms', value: (s) => s.oldestMs },
  { name: 'newest_ms', value: (s) => s.newestMs },
  { name: 'bytes', value: (s) => s.bytes },
];

/** The figures of a `Usage` (query.ts), after the columns naming what used them. */
function usageColumns<Row extends Usage>(): readonly ExportColumn<Row>[] {
  return [
    { name: 'cpu_time_ms', value: (u) => u.cpuTimeMs },
    { name: 'cpu_percent_mean', value: (u) => u.cpuPercentMean },
    { name: 'memory_peak_bytes', value: (u) => u.memoryPeakBytes },
    { name: 'memory_mean_bytes', value: (u) => u.memoryMeanBytes },
    { name: 'disk_read_bytes', value: (u) => u.diskReadBytes },
    { name: 'disk_write_bytes', value: (u) => u.diskWriteBytes },
    { name: 'gpu_time_ms', value: (u) => u.gpuTimeMs },
    { name: 'net_rx_bytes', value: (u) => u.netRxBytes },
    { name: 'net_tx_bytes', value: (u) => u.netTxBytes },
  ];
}

/** Top consumers' processes (`/api/history/top?format=`). */
export const PROCESS_USAGE_COLUMNS: readonly ExportColumn<ProcessUsage>[] = [
  { name: 'pid', value: (u) => u.pid },
  { name: 'start_time_ms', value: (u) => u.startTimeMs },
  { name: 'name', value: (u) => u.name },
  { name: 'exe_path', value: (u) => u.exePath },
  { name: 'user', value: (u) => u.user },
  { name: 'app', value: (u) => u.appName },
  ...usageColumns<ProcessUsage>(),
];

/** App history's apps and executables, and top consumers' apps (`/api/history/apps?format=`). */
export const GROUP_USAGE_COLUMNS: readonly ExportColumn<GroupUsage>[] = [
  { name: 'kind', value: (u) => u.kind },
  { name: 'name', value: (u) => u.name },
  { name: 'exe_path', value: (u) => u.exePath },
  { name: 'process_count', value: (u) => u.processCount },
  ...usageColumns<GroupUsage>(),
];

/** History's events (`/api/history/events?format=`). */
export const EVENT_COLUMNS: readonly ExportColumn<HistoryEvent>[] = [
  { name: 'at_ms', value: (e) => e.atMs },
  { name: 'kind', value: (e) => e.kind },
  { name: 'pid', value: (e) => e.pid },
  { name: 'start_time_ms', value: (e) => e.startTimeMs },
  { name: 'name', value: (e) => e.name },
  { name: 'detail', value: (e) => e.detail },
];

/** First characters that make a spreadsheet read a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Characters that force a CSV field into quotes (RFC 4180 §2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: empty for null, text defused against formulas, then quoted where RFC 4180 asks. */
export function csvField(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = typeof cell === 'string' ? cell : cell.join(';');
  // Only text is defused: a number is written by us and can't carry a formula.
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A header line and one line per row, each ended by CRLF (RFC 4180). */
export function toCsv<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => csvField(c.name)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** One JSON object per row and line (keys in column order), each ended by LF; no header line. */
export function toJsonLines<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[]): string {
  let text = '';
  for (const row of rows) {
    const record: Record<string, ExportCell> = {};
    for (const column of columns) {
      const cell = column.value(row);
      record[column.name] = typeof cell === 'number' && !Number.isFinite(cell) ? null : cell;
    }
    text += `${JSON.stringify(record)}\n`;
  }
  return text;
}

export function formatRows<Row>(format: ExportFormat, columns: readonly ExportColumn<Row>[], rows: readonly Row[]): string {
  return format === 'csv' ? toCsv(columns, rows) : toJsonLines(columns, rows);
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/**
 * The download's file name: `taskmgr-<what>-<ms since the epoch>[-<to ms>].<format>`. Times as
 * numbers because a clock time's colons are not allowed in a Windows file name.
 */
export function exportFileName(what: 'processes' | 'system' | 'history-status' | 'top' | 'top-apps' | 'apps' | 'events', format: ExportFormat, ...timesMs: readonly number[]): string {
  return `taskmgr-${[what, ...timesMs.map((t) => String(Math.trunc(t)))].join('-')}.${format}`;
}
