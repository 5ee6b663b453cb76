/**
 * Formatting of figures for display. Pure. A missing figure (null) is "—", never 0; so is a value
 * that is no figure (NaN, infinite, or negative where only a temperature may be).
 * Binary multiples as Task Manager shows them (1 KB = 1024 B); rates in bytes per second.
 */
import { strings } from './strings.ts';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/** The value as it will be shown: whole bytes, one decimal past B. */
const shown = (value: number, unit: number) => (unit === 0 ? Math.round(value) : Math.round(value * 10) / 10);

function scaled(bytes: number): { value: number; unit: (typeof UNITS)[number] } {
  let value = bytes;
  let unit = 0;
  // By the shown value, so that 1,048,575 B reads "1.0 MB", never "1024.0 KB".
  while (shown(value, unit) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return { value, unit: UNITS[unit] ?? 'B' };
}

/** A figure to show: not missing (null), and a value a byte count, rate, percentage or count can have. */
const isFigure = (value: number | null): value is number => value !== null && Number.isFinite(value) && value >= 0;

/** "512 B", "1.5 MB", "23.4 GB". */
export function formatBytes(bytes: number | null): string {
  if (!isFigure(bytes)) return strings.unknown;
  const { value, unit } = scaled(bytes);
  return unit === 'B' ? `${Math.round(value)} B` : `${value.toFixed(1)} ${unit}`;
}

/** "0 B/s", "1.2 MB/s". */
export function formatRate(bytesPerSec: number | null): string {
  if (!isFigure(bytesPerSec)) return strings.unknown;
  const { value, unit } = scaled(bytesPerSec);
  return unit === 'B' ? `${Math.round(value)} B/s` : `${value.toFixed(1)} ${unit}/s`;
}

/** A percentage with one decimal, as Task Manager's CPU column: "12.5%". */
export function formatPercent(percent: number | null): string {
  if (!isFigure(percent)) return strings.unknown;
  return `${percent.toFixed(1)}%`;
}

/** "2.45 GHz" from MHz. */
export function formatMhz(mhz: number | null): string {
  if (!isFigure(mhz)) return strings.unknown;
  return Math.round(mhz) >= 1000 ? `${(mhz / 1000).toFixed(2)} GHz` : `${Math.round(mhz)} MHz`;
}

/** Uptime as Task Manager shows it: "d:hh:mm:ss". */
export function formatUptime(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return strings.unknown;
  const total = Math.floor(seconds);
  const days = Math.floor(total / 86_400);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days}:${two(Math.floor((total % 86_400) / 3600))}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
}

/** One formatter for every count (toLocaleString builds one per call). */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** A count with thousands separators: "12,345". */
export function formatCount(count: number | null): string {
  if (!isFigure(count)) return strings.unknown;
  return COUNT_FORMAT.format(Math.round(count));
}

/** "°C" with no decimals. */
export function formatCelsius(celsius: number | null): string {
  if (celsius === null || !Number.isFinite(celsius)) return strings.unknown;
  return `${Math.round(celsius)} °C`;
}

/** A moment as a wall-clock time in the user's locale: "14:03:07". */
export function formatClock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A moment (ms since the epoch) in local time, sortable as text: "2024-01-02 03:04:05". */
export function formatDateTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return strings.unknown;
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

const BIT_UNITS = ['bps', 'Kbps', 'Mbps', 'Gbps', 'Tbps'] as const;

/**
 * Network throughput as Task Manager shows it, in bits per second with decimal multiples
 * (1 Kbps = 1000 bps, as link speeds are rated): "0 bps", "8.2 Kbps", "1.5 Mbps", "1.0 Gbps".
 * Scaled by the shown value, so 999,960 bps reads "1.0 Mbps", never "1000.0 Kbps".
 */
export function formatBitRate(bitsPerSec: number | null): string {
  if (!isFigure(bitsPerSec)) return strings.unknown;
  let value = bitsPerSec;
  let unit = 0;
  const shownBits = (v: number, u: number) => (u === 0 ? Math.round(v) : Math.round(v * 10) / 10);
  while (shownBits(value, unit) >= 1000 && unit < BIT_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(value)} ${BIT_UNITS[0]}` : `${value.toFixed(1)} ${BIT_UNITS[unit] ?? 'bps'}`;
}

/** Bytes per second → bits per second; null stays null (unknown, never 0). */
export const bitsPerSecOf = (bytesPerSec: number | null): number | null => (bytesPerSec === null ? null : bytesPerSec * 8);

/** A duration in milliseconds with one decimal, as Task Manager's disk response time: "0.4 ms". */
export function formatMs(ms: number | null): string {
  if (!isFigure(ms)) return strings.unknown;
  return `${ms.toFixed(1)} ms`;
}
