import { describe, expect, it } from 'vitest';
import {
  bitsPerSecOf,
  formatBitRate,
  formatBytes,
  formatCelsius,
  formatCount,
  formatDateTime,
  formatMhz,
  formatMs,
  formatPercent,
  formatRate,
  formatUptime,
} from './format.ts';

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;
const TB = 1024 * GB;
const PB = 1024 * TB;
const UNKNOWN = '—';

/** What no figure may ever be shown as: a value the OS did not give, or one that isn't a figure. */
const NOT_FIGURES = [null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [512, '512 B'],
    [1023, '1023 B'],
    [KB, '1.0 KB'],
    [1536, '1.5 KB'],
    [MB - 1, '1.0 MB'],
    [MB, '1.0 MB'],
    [1.5 * MB, '1.5 MB'],
    [GB - 1, '1.0 GB'],
    [GB, '1.0 GB'],
    [23.4 * GB, '23.4 GB'],
    [TB, '1.0 TB'],
    [2.5 * TB, '2.5 TB'],
    [PB, '1.0 PB'],
    // Nothing past PB: the value grows instead.
    [2048 * PB, '2048.0 PB'],
  ])('%d bytes is "%s"', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('rounds a fraction of a byte to a whole byte', () => {
    expect(formatBytes(511.6)).toBe('512 B');
  });

  it('never shows 1024 of a unit: a value that rounds up moves to the next unit', () => {
    expect(formatBytes(1023.6)).toBe('1.0 KB');
    expect(formatBytes(1023.96 * KB)).toBe('1.0 MB');
    expect(formatBytes(1023.9 * KB)).toBe('1023.9 KB');
  });

  it.each([...NOT_FIGURES, -1, -2 * MB])('%s is "—"', (bytes) => {
    expect(formatBytes(bytes)).toBe(UNKNOWN);
  });
});

describe('formatRate', () => {
  it.each([
    [0, '0 B/s'],
    [1023, '1023 B/s'],
    [KB, '1.0 KB/s'],
    [1.2 * MB, '1.2 MB/s'],
    [MB - 1, '1.0 MB/s'],
    [GB, '1.0 GB/s'],
    [3 * TB, '3.0 TB/s'],
    [PB, '1.0 PB/s'],
  ])('%d bytes per second is "%s"', (bytesPerSec, text) => {
    expect(formatRate(bytesPerSec)).toBe(text);
  });

  it.each([...NOT_FIGURES, -1])('%s is "—"', (bytesPerSec) => {
    expect(formatRate(bytesPerSec)).toBe(UNKNOWN);
  });
});

describe('formatPercent', () => {
  it.each([
    [0, '0.0%'],
    [12.5, '12.5%'],
    [12.34, '12.3%'],
    [12.36, '12.4%'],
    [0.04, '0.0%'],
    [0.06, '0.1%'],
    [99.96, '100.0%'],
    [100, '100.0%'],
    // Per-core mode goes past 100 (× logical cores).
    [800, '800.0%'],
  ])('%d is "%s"', (percent, text) => {
    expect(formatPercent(percent)).toBe(text);
  });

  it.each([...NOT_FIGURES, -0.5])('%s is "—"', (percent) => {
    expect(formatPercent(percent)).toBe(UNKNOWN);
  });
});

describe('formatMhz', () => {
  it.each([
    [0, '0 MHz'],
    [800, '800 MHz'],
    [999, '999 MHz'],
    [999.4, '999 MHz'],
    // Would read "1000 MHz" otherwise.
    [999.6, '1.00 GHz'],
    [1000, '1.00 GHz'],
    [2450, '2.45 GHz'],
    [3999.9, '4.00 GHz'],
  ])('%d MHz is "%s"', (mhz, text) => {
    expect(formatMhz(mhz)).toBe(text);
  });

  it.each([...NOT_FIGURES, -1])('%s is "—"', (mhz) => {
    expect(formatMhz(mhz)).toBe(UNKNOWN);
  });
});

describe('formatUptime', () => {
  it.each([
    [0, '0:00:00:00'],
    [59, '0:00:00:59'],
    [59.9, '0:00:00:59'],
    [60, '0:00:01:00'],
    [3599, '0:00:59:59'],
    [3600, '0:01:00:00'],
    [86_399, '0:23:59:59'],
    [86_400, '1:00:00:00'],
    [86_400 + 3600 + 60 + 1, '1:01:01:01'],
    [100 * 86_400 + 5, '100:00:00:05'],
  ])('%d s is "%s"', (seconds, text) => {
    expect(formatUptime(seconds)).toBe(text);
  });

  it.each([...NOT_FIGURES, -1])('%s is "—"', (seconds) => {
    expect(formatUptime(seconds)).toBe(UNKNOWN);
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [12_345, '12,345'],
    [1_234_567, '1,234,567'],
    [1234.6, '1,235'],
  ])('%d is "%s"', (count, text) => {
    expect(formatCount(count)).toBe(text);
  });

  it.each([...NOT_FIGURES, -1])('%s is "—"', (count) => {
    expect(formatCount(count)).toBe(UNKNOWN);
  });
});

describe('formatCelsius', () => {
  it.each([
    [0, '0 °C'],
    [45.4, '45 °C'],
    [45.6, '46 °C'],
    // A temperature below zero is a real reading, not a missing one.
    [-5, '-5 °C'],
  ])('%d is "%s"', (celsius, text) => {
    expect(formatCelsius(celsius)).toBe(text);
  });

  it.each(NOT_FIGURES)('%s is "—"', (celsius) => {
    expect(formatCelsius(celsius)).toBe(UNKNOWN);
  });
});

describe('formatDateTime', () => {
  it.each<[string, number | null, string]>([
    ['a moment, in local time', new Date(2024, 0, 2, 3, 4, 5).getTime(), '2024-01-02 03:04:05'],
    ['two-digit fields', new Date(2023, 10, 14, 22, 13, 20).getTime(), '2023-11-14 22:13:20'],
    ['milliseconds dropped', new Date(2024, 11, 31, 23, 59, 59, 999).getTime(), '2024-12-31 23:59:59'],
    ['unknown', null, '—'],
    ['no number', Number.NaN, '—'],
  ])('%s', (_what, ms, text) => {
    expect(formatDateTime(ms)).toBe(text);
  });
});

describe('formatBitRate', () => {
  it.each([
    [0, '0 bps'],
    [1, '1 bps'],
    [999, '999 bps'],
    [999.6, '1.0 Kbps'],
    [1000, '1.0 Kbps'],
    [8200, '8.2 Kbps'],
    [999_940, '999.9 Kbps'],
    [999_960, '1.0 Mbps'],
    [1_500_000, '1.5 Mbps'],
    [100_000_000, '100.0 Mbps'],
    [1e9, '1.0 Gbps'],
    [2.5e12, '2.5 Tbps'],
    [5e15, '5000.0 Tbps'],
  ])('%s bits/s is %s', (bits, text) => {
    expect(formatBitRate(bits)).toBe(text);
  });

  it.each([...NOT_FIGURES, -1])('%s is "—"', (value) => {
    expect(formatBitRate(value)).toBe(UNKNOWN);
  });
});

describe('bitsPerSecOf', () => {
  it.each([
    [0, 0],
    [125, 1000],
    [1.5, 12],
    [null, null],
  ])('%s bytes/s is %s bits/s', (bytes, bits) => {
    expect(bitsPerSecOf(bytes)).toBe(bits);
  });

  it('makes what a byte-rate figure shows read in bits: 125 KB/s of 1000 B is 1.0 Mbps', () => {
    expect(formatBitRate(bitsPerSecOf(125_000))).toBe('1.0 Mbps');
  });
});

describe('formatMs', () => {
  it.each([
    [0, '0.0 ms'],
    [0.44, '0.4 ms'],
    [12.25, '12.3 ms'],
    [1500, '1500.0 ms'],
  ])('%s ms is %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });

  it.each([...NOT_FIGURES, -1])('%s is "—"', (value) => {
    expect(formatMs(value)).toBe(UNKNOWN);
  });
});
