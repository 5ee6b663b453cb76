import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-shared/testing/csv-parse.ts';
import { groupUsage, historyEvent, processUsage } from './usage-fixtures.ts';
import { usageExport } from './usage-export.ts';

const RANGE = { fromMs: 1_700_000_000_000, toMs: 1_700_000_900_000 };

describe('usageExport', () => {
  it('writes App history’s table as CSV that reads back, unknown as an empty cell, named by the range', () => {
    const file = usageExport({ what: 'apps', rows: [groupUsage({ name: '=cmd', processCount: 3, gpuTimeMs: null })] }, 'csv', RANGE);
    expect(file.fileName).toBe('taskmgr-apps-1700000000000-1700000900000.csv');
    expect(file.contentType).toContain('text/csv');
    const [header, row] = parseCsv(file.text);
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(cell('name')).toBe("'=cmd"); // defused: a spreadsheet would run it
    expect(cell('process_count')).toBe('3');
    expect(cell('cpu_time_ms')).toBe('60000');
    expect(cell('gpu_time_ms')).toBe('');
  });

  it('writes top processes and events as JSON Lines, one object per row, null kept', () => {
    const top = usageExport({ what: 'top', rows: [processUsage({ pid: 7, name: 'a' }), processUsage({ pid: 8, name: 'b' })] }, 'jsonl', RANGE);
    expect(top.fileName).toBe('taskmgr-top-1700000000000-1700000900000.jsonl');
    const lines = top.text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => [l['pid'], l['name'], l['gpu_time_ms']])).toEqual([
      [7, 'a', null],
      [8, 'b', null],
    ]);
    const events = usageExport({ what: 'events', rows: [historyEvent({ kind: 'exit', detail: null })] }, 'jsonl', RANGE);
    expect(JSON.parse(events.text)).toMatchObject({ kind: 'exit', detail: null, pid: 100 });
  });

  it('names top apps apart from top processes', () => {
    expect(usageExport({ what: 'top-apps', rows: [] }, 'csv', RANGE).fileName).toBe('taskmgr-top-apps-1700000000000-1700000900000.csv');
  });
});
