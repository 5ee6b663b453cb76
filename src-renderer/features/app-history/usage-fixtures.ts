/**
 * Test support: usage rows of App history and Top consumers (query.ts), every figure known unless
 * overridden.
 */
import type { GroupUsage, HistoryEvent, ProcessUsage, Usage } from '../../../src-shared/query.ts';

export function usage(overrides: Partial<Usage> = {}): Usage {
  return {
    cpuTimeMs: 60_000,
    cpuPercentMean: 1.5,
    memoryPeakBytes: 200 * 1024 * 1024,
    memoryMeanBytes: 100 * 1024 * 1024,
    diskReadBytes: 1024,
    diskWriteBytes: 2048,
    gpuTimeMs: null,
    netRxBytes: null,
    netTxBytes: null,
    ...overrides,
  };
}

export function groupUsage(overrides: Partial<GroupUsage> = {}): GroupUsage {
  return { ...usage(), kind: 'app', name: 'app', exePath: null, processCount: 1, ...overrides };
}

export function processUsage(overrides: Partial<ProcessUsage> = {}): ProcessUsage {
  return { ...usage(), pid: 100, startTimeMs: 1_700_000_000_000, name: 'proc', exePath: null, user: 'me', appName: null, ...overrides };
}

export function historyEvent(overrides: Partial<HistoryEvent> = {}): HistoryEvent {
  return { atMs: 1_700_000_000_000, kind: 'start', pid: 100, startTimeMs: 1_700_000_000_000, name: 'proc', detail: null, ...overrides };
}
