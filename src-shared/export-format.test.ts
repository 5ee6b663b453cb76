import { describe, expect, it } from 'vitest';
import { csvField, exportFileName, PROCESS_COLUMNS, SYSTEM_COLUMNS, toCsv, toJsonLines, type ExportCell } from './export-format.ts';
import { parseCsv, parseCsvObjects } from './testing/csv-parse.ts';
import { FIXTURE_TIME_MS, processRow, snapshot } from './testing/fixtures.ts';
import type { SystemPoint } from './query.ts';

describe('csvField', () => {
  it.each<[string, ExportCell, string]>([
    ['null is an empty cell', null, ''],
    ['a number as written', 12.5, '12.5'],
    ['zero stays zero (known, not unknown)', 0, '0'],
    ['a boolean', false, 'false'],
    ['plain text', 'bash', 'bash'],
    ['a comma forces quotes', 'a,b', '"a,b"'],
    ['quotes are doubled inside quotes', 'say "hi"', '"say ""hi"""'],
    ['a newline in a command line is kept inside quotes', 'sh -c "a\nb"', '"sh -c ""a\nb"""'],
    ['CRLF inside quotes', 'a\r\nb', '"a\r\nb"'],
    ['= is defused', '=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+ is defused', '+1+1', "'+1+1"],
    ['- is defused', '-2+3', "'-2+3"],
    ['@ is defused', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab is defused', '\t=1', "'\t=1"],
    ['a leading CR is defused and quoted', '\r=1', '"\'\r=1"'],
    ['= later in the text is left alone', 'a=b', 'a=b'],
    ['a list is joined with ;', ['sshd', 'cron'], 'sshd;cron'],
    ['an empty list is an empty cell', [], ''],
    ['a non-finite number is unknown', Number.NaN, ''],
  ])('%s', (_, cell, expected) => {
    expect(csvField(cell)).toBe(expected);
  });
});

describe('process rows', () => {
  const rows = [
    processRow({ pid: 42, name: 'busy loop', cpuPercent: 97.5, memoryBytes: 1_048_576, commandLine: 'node -e "for(;;){}"\nsecond line', services: ['a', 'b'] }),
    processRow({ pid: 7, name: '=cmd|calc', cpuPercent: 0, memoryBytes: null }),
  ];

  it('CSV: a header with units in the names, one record per row, CRLF line ends, parsed back by an RFC 4180 reader', () => {
    const text = toCsv(PROCESS_COLUMNS, rows);
    expect(text.startsWith('pid,ppid,name,start_time_ms,user,state,cpu_percent,memory_bytes,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const records = parseCsvObjects(text);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ pid: '42', name: 'busy loop', cpu_percent: '97.5', memory_bytes: '1048576', user: '', command_line: 'node -e "for(;;){}"\nsecond line', services: 'a;b' });
    expect(records[1]).toMatchObject({ pid: '7', name: "'=cmd|calc", cpu_percent: '0', memory_bytes: '', services: '' });
    expect(parseCsv(text).every((record) => record.length === PROCESS_COLUMNS.length)).toBe(true);
  });

  it('JSON Lines: one object per line, null kept as null, lists as arrays, no formula escaping (JSON is not run)', () => {
    const lines = toJsonLines(PROCESS_COLUMNS, rows).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const first = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    const second = JSON.parse(lines[1] ?? '') as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(PROCESS_COLUMNS.map((c) => c.name));
    expect(first).toMatchObject({ pid: 42, cpu_percent: 97.5, user: null, command_line: 'node -e "for(;;){}"\nsecond line', services: ['a', 'b'] });
    expect(second).toMatchObject({ name: '=cmd|calc', cpu_percent: 0, memory_bytes: null });
  });

  it('no rows: CSV is the header alone, JSON Lines is empty', () => {
    expect(parseCsv(toCsv(PROCESS_COLUMNS, []))).toHaveLength(1);
    expect(toJsonLines(PROCESS_COLUMNS, [])).toBe('');
  });
});

describe('system points', () => {
  const { processes: _p, apps: _a, volumes: _v, ...base } = snapshot();
  const point = (overrides: Partial<SystemPoint>): SystemPoint => ({ ...base, ...overrides });
  const disk = (read: number | null, write: number | null) => ({ id: 'd', name: 'd', readBytesPerSec: read, writeBytesPerSec: write, activePercent: null, responseTimeMs: null });

  it.each<[string, SystemPoint, Record<string, unknown>]>([
    ['the fixture: figures the OS has not given are null', point({}), { taken_at_ms: FIXTURE_TIME_MS, cpu_percent: null, memory_used_bytes: 2_000_000_000, disk_read_bytes_per_sec: null, gpu_percent: null, handles: null }],
    ['disks are summed', point({ disks: [disk(100, 5), disk(50, 0)] }), { disk_read_bytes_per_sec: 150, disk_write_bytes_per_sec: 5 }],
    ['one unknown disk makes the sum unknown, not a partial total', point({ disks: [disk(100, 5), disk(null, 1)] }), { disk_read_bytes_per_sec: null, disk_write_bytes_per_sec: 6 }],
    ['CPU', point({ cpu: { ...base.cpu, totalPercent: 12.5, kernelPercent: 2 } }), { cpu_percent: 12.5, cpu_kernel_percent: 2 }],
  ])('%s', (_, p, expected) => {
    const record = JSON.parse(toJsonLines(SYSTEM_COLUMNS, [p]).trim()) as Record<string, unknown>;
    expect(record).toMatchObject(expected);
    const csv = parseCsvObjects(toCsv(SYSTEM_COLUMNS, [p]))[0];
    for (const [name, value] of Object.entries(expected)) expect(csv?.[name]).toBe(value === null ? '' : String(value));
  });
});

describe('exportFileName', () => {
  it.each([
    [exportFileName('processes', 'csv', 1_700_000_000_123), 'taskmgr-processes-1700000000123.csv'],
    [exportFileName('system', 'jsonl', 1, 2), 'taskmgr-system-1-2.jsonl'],
  ])('%s', (name, expected) => {
    expect(name).toBe(expected);
  });
});
