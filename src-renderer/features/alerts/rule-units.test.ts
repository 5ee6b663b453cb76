import { describe, expect, it } from 'vitest';
import type { RuleMetric } from '../../../src-shared/alerts.ts';
import { friendlyUnit, toContractUnits, toFriendlyUnits } from './rule-units.ts';

describe('rule units', () => {
  it.each<[RuleMetric, number, string | null, number]>([
    ['cpuPercent', 40, '%', 40],
    ['memoryUsedPercent', 90, '%', 90],
    ['memoryBytes', 2048, 'MB', 2048 * 1024 * 1024],
    ['memoryAvailableBytes', 500, 'MB', 500 * 1024 * 1024],
    ['diskBytesPerSec', 1.5, 'MB/s', 1.5 * 1024 * 1024],
    ['networkBytesPerSec', 10, 'MB/s', 10 * 1024 * 1024],
    ['memoryGrowthBytesPerMin', 50, 'MB/min', 50 * 1024 * 1024],
  ])('%s: %d %s is %d in the contract, and back', (metric, friendly, unit, contract) => {
    expect(friendlyUnit(metric)).toBe(unit);
    expect(toContractUnits(friendly, metric)).toBe(contract);
    expect(toFriendlyUnits(contract, metric)).toBe(friendly);
  });

  it('has no unit for an event', () => {
    expect(friendlyUnit('started')).toBeNull();
    expect(friendlyUnit('exited')).toBeNull();
  });

  it('reads a byte count that is no whole megabyte to 3 decimals', () => {
    expect(toFriendlyUnits(1_000_000, 'memoryBytes')).toBe(0.954);
  });
});
