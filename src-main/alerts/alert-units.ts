/**
 * A rule's figures in plain words for its alert messages ("85 %", "420 MB", "1.2 MB/s", "50 MB/min",
 * "3 s"). Binary multiples as Task Manager and the page show them (1 KB = 1024 B). Pure; main has
 * its own so that it never imports the renderer.
 */
import type { RuleMetric } from '../../src-shared/alerts.ts';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/** Whole numbers below 10 units keep one decimal ("1.5 GB"), the rest none ("420 MB"). */
function shown(value: number): string {
  const rounded = Math.abs(value) < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  // By the shown value, so that 1,048,575 B reads "1 MB", never "1024 KB".
  while (Math.abs(Number(shown(value))) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${shown(value)} ${UNITS[unit]}`;
}

/** A figure in its metric's units: % for the percentages, bytes, bytes/s for rates, bytes/min for growth. */
export function formatFigure(metric: RuleMetric, value: number): string {
  switch (metric) {
    case 'cpuPercent':
    case 'memoryUsedPercent':
    case 'gpuPercent':
      return `${shown(value)} %`;
    case 'diskBytesPerSec':
    case 'networkBytesPerSec':
      return `${formatBytes(value)}/s`;
    case 'memoryGrowthBytesPerMin':
      return `${formatBytes(value)}/min`;
    default:
      return formatBytes(value);
  }
}

/** A duration in seconds: "3 s", "10 min", "2 h", "1 h 30 min". */
export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${shown(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
