/**
 * A rule's threshold in friendly units (%, MB, MB/s, MB/min) and in the contract's (%, bytes,
 * bytes/s, bytes/min): the editor shows and takes the one, the rule holds the other. A megabyte
 * here is 1024 × 1024 bytes, as the tables' "MB". Pure.
 */
import { EVENT_METRICS, type RuleMetric } from '../../../src-shared/alerts.ts';

export type FriendlyUnit = '%' | 'MB' | 'MB/s' | 'MB/min' | null;

const MB = 1024 * 1024;

const UNITS: Record<RuleMetric, FriendlyUnit> = {
  cpuPercent: '%',
  memoryUsedPercent: '%',
  gpuPercent: '%',
  memoryAvailableBytes: 'MB',
  memoryBytes: 'MB',
  diskBytesPerSec: 'MB/s',
  networkBytesPerSec: 'MB/s',
  memoryGrowthBytesPerMin: 'MB/min',
  started: null,
  exited: null,
};

/** The unit the editor shows for `metric`'s threshold; null for an event (no threshold). */
export const friendlyUnit = (metric: RuleMetric): FriendlyUnit => (EVENT_METRICS.has(metric) ? null : UNITS[metric]);

const factor = (metric: RuleMetric): number => (UNITS[metric] === '%' || UNITS[metric] === null ? 1 : MB);

/** A threshold typed in friendly units → the contract's units. */
export const toContractUnits = (value: number, metric: RuleMetric): number => value * factor(metric);

/** A rule's threshold → friendly units, to 3 decimals (50 MB reads "50", not 49.99999). */
export const toFriendlyUnits = (value: number, metric: RuleMetric): number => Math.round((value / factor(metric)) * 1000) / 1000;
