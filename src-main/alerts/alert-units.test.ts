import { describe, expect, it } from 'vitest';
import { formatBytes, formatFigure, formatSeconds } from './alert-units.ts';

describe('alert units', () => {
  it.each<[number, string]>([
    [0, '0 B'],
    [512, '512 B'],
    [1536, '1.5 KB'],
    [420 * 1024 * 1024, '420 MB'],
    [1024 * 1024 - 1, '1 MB'],
    [2.1 * 1024 ** 3, '2.1 GB'],
  ])('%d bytes read %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it.each<[Parameters<typeof formatFigure>[0], number, string]>([
    ['cpuPercent', 85, '85 %'],
    ['cpuPercent', 2.345, '2.3 %'],
    ['memoryUsedPercent', 99.6, '100 %'],
    ['diskBytesPerSec', 5 * 1024 * 1024, '5 MB/s'],
    ['memoryGrowthBytesPerMin', 50 * 1024 * 1024, '50 MB/min'],
    ['memoryAvailableBytes', 500 * 1024 * 1024, '500 MB'],
  ])('%s %d reads %s', (metric, value, text) => expect(formatFigure(metric, value)).toBe(text));

  it.each<[number, string]>([
    [0, '0 s'],
    [3, '3 s'],
    [90, '90 s'],
    [600, '10 min'],
    [7200, '2 h'],
    [5400 + 7200, '3 h 30 min'],
  ])('%d s reads %s', (seconds, text) => expect(formatSeconds(seconds)).toBe(text));
});
