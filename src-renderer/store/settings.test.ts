import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, MAX_COLLAPSED_PROCESSES, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, parseStoredSettings, type Settings } from './settings.ts';

describe('parseStoredSettings', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'fast'],
    ['a number', 42],
    ['an array', ['fast', 'perCore']],
    ['an empty object', {}],
  ])('gives the defaults for %s', (_what, stored) => {
    expect(parseStoredSettings(stored)).toEqual(DEFAULT_SETTINGS);
  });

  it('falls back field by field for values of the wrong type or out of their set', () => {
    const parsed = parseStoredSettings({
      updateSpeed: 'ludicrous',
      cpuMode: 1,
      historyWindowSec: 120,
      visibleColumns: 'name,pid',
      columnWidths: [100, 200],
      sort: 'cpu',
      viewMode: 'grid',
      activeTab: 'drivers',
      collapsedProcesses: '1:2',
      keepSelectionInView: 'yes',
    });
    expect(parsed).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the valid fields next to invalid ones', () => {
    const parsed = parseStoredSettings({ updateSpeed: 'slow', cpuMode: 'nonsense', sort: { column: 'memory', direction: 'sideways' } });
    expect(parsed.updateSpeed).toBe('slow');
    expect(parsed.cpuMode).toBe(DEFAULT_SETTINGS.cpuMode);
    expect(parsed.sort).toEqual({ column: 'memory', direction: DEFAULT_SETTINGS.sort.direction });
  });

  it('falls back to the default sort column for an unknown one', () => {
    expect(parseStoredSettings({ sort: { column: 'colour', direction: 'ascending' } }).sort).toEqual({
      column: DEFAULT_SETTINGS.sort.column,
      direction: 'ascending',
    });
  });

  it('keeps the Apps table’s sort apart, checked against its own columns', () => {
    expect(parseStoredSettings({ appsSort: { column: 'processes', direction: 'ascending' } }).appsSort).toEqual({ column: 'processes', direction: 'ascending' });
    expect(parseStoredSettings({ appsSort: { column: 'pid', direction: 'up' } }).appsSort).toEqual(DEFAULT_SETTINGS.appsSort);
    expect(parseStoredSettings({ appsSort: 'name' }).appsSort).toEqual(DEFAULT_SETTINGS.appsSort);
  });

  it('drops unknown and non-string column ids, keeping the order of the rest', () => {
    expect(parseStoredSettings({ visibleColumns: ['name', 'colour', 'memory', 7, null, 'pid'] }).visibleColumns).toEqual([
      'name',
      'memory',
      'pid',
    ]);
  });

  it('always keeps the name column visible, first when it was missing', () => {
    expect(parseStoredSettings({ visibleColumns: ['cpu', 'memory'] }).visibleColumns).toEqual(['name', 'cpu', 'memory']);
    expect(parseStoredSettings({ visibleColumns: [] }).visibleColumns).toEqual(['name']);
  });

  it('shows a column once even when it was stored twice', () => {
    expect(parseStoredSettings({ visibleColumns: ['name', 'cpu', 'cpu', 'name'] }).visibleColumns).toEqual(['name', 'cpu']);
  });

  it('keeps widths in range and drops the rest', () => {
    const parsed = parseStoredSettings({
      columnWidths: {
        name: 300,
        pid: MIN_COLUMN_WIDTH,
        cpu: MAX_COLUMN_WIDTH,
        memory: MIN_COLUMN_WIDTH - 1,
        disk: MAX_COLUMN_WIDTH + 1,
        network: '120',
        gpu: null,
        colour: 100,
      },
    });
    expect(parsed.columnWidths).toEqual({ name: 300, pid: MIN_COLUMN_WIDTH, cpu: MAX_COLUMN_WIDTH });
  });

  it('keeps collapsed tree nodes that are row keys, once each, the newest when there are too many', () => {
    expect(parseStoredSettings({ collapsedProcesses: ['1:5', 'x', 7, '1:5', '2:6', '3:'] }).collapsedProcesses).toEqual(['1:5', '2:6']);
    const many = Array.from({ length: MAX_COLLAPSED_PROCESSES + 5 }, (_, i) => `${i}:1`);
    const kept = parseStoredSettings({ collapsedProcesses: many }).collapsedProcesses;
    expect(kept).toHaveLength(MAX_COLLAPSED_PROCESSES);
    expect(kept[0]).toBe('5:1');
  });

  it('gives back what a JSON round trip of valid settings stored', () => {
    const settings: Settings = {
      updateSpeed: 'paused',
      cpuMode: 'perCore',
      historyWindowSec: 300,
      visibleColumns: ['name', 'pid', 'threads', 'commandLine'],
      columnWidths: { name: 320, commandLine: 640 },
      sort: { column: 'threads', direction: 'ascending' },
      appsSort: { column: 'processes', direction: 'ascending' },
      viewMode: 'tree',
      activeTab: 'performance',
      chosenColumns: ['network', 'efficiencyMode'],
      isDetailsPanelOpen: false,
      collapsedProcesses: ['1:1700000000000', '812:1700000012345'],
      keepSelectionInView: true,
    };
    expect(parseStoredSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings);
  });

  it('accepts every figure column of a process, shown, sorted, chosen and sized', () => {
    const columns = ['name', 'parentPid', 'priority', 'handles', 'workingSet', 'commit', 'ioRead', 'ioWrite', 'gpuMemory', 'efficiencyMode', 'startTime', 'description', 'publisher', 'services', 'path'] as const;
    const parsed = parseStoredSettings({
      visibleColumns: columns,
      chosenColumns: ['efficiencyMode', 'services'],
      sort: { column: 'startTime', direction: 'ascending' },
      columnWidths: { workingSet: 120, path: 500 },
    });
    expect(parsed.visibleColumns).toEqual(columns);
    expect(parsed.chosenColumns).toEqual(['efficiencyMode', 'services']);
    expect(parsed.sort).toEqual({ column: 'startTime', direction: 'ascending' });
    expect(parsed.columnWidths).toEqual({ workingSet: 120, path: 500 });
  });

  it('loads settings stored before the chosen columns and the details panel existed, with their defaults', () => {
    const stored = { updateSpeed: 'slow', visibleColumns: ['name', 'pid', 'cpu', 'gpu'], sort: { column: 'pid', direction: 'ascending' } };
    const parsed = parseStoredSettings(JSON.parse(JSON.stringify(stored)));
    expect(parsed.visibleColumns).toEqual(['name', 'pid', 'cpu', 'gpu']);
    expect(parsed.chosenColumns).toEqual([]);
    expect(parsed.isDetailsPanelOpen).toBe(true);
  });

  it.each<[string, unknown, { chosenColumns: string[]; isDetailsPanelOpen: boolean }]>([
    ['wrong types', { chosenColumns: 'gpu', isDetailsPanelOpen: 'no' }, { chosenColumns: [], isDetailsPanelOpen: true }],
    ['unknown and repeated ids', { chosenColumns: ['gpu', 'colour', 'gpu', 3], isDetailsPanelOpen: false }, { chosenColumns: ['gpu'], isDetailsPanelOpen: false }],
  ])('checks the chosen columns and the details panel choice: %s', (_what, stored, expected) => {
    expect(parseStoredSettings(stored)).toMatchObject(expected);
  });

  it('accepts each update speed, CPU mode, chart window and tab', () => {
    for (const updateSpeed of ['fast', 'normal', 'slow', 'paused'] as const) expect(parseStoredSettings({ updateSpeed }).updateSpeed).toBe(updateSpeed);
    for (const cpuMode of ['machine', 'perCore'] as const) expect(parseStoredSettings({ cpuMode }).cpuMode).toBe(cpuMode);
    for (const historyWindowSec of [60, 300] as const) expect(parseStoredSettings({ historyWindowSec }).historyWindowSec).toBe(historyWindowSec);
    for (const activeTab of ['processes', 'apps', 'performance', 'appHistory', 'startup', 'services', 'users'] as const) expect(parseStoredSettings({ activeTab }).activeTab).toBe(activeTab);
  });
});
