import { describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_SETTINGS, type HistoryStatus } from '../../../src-shared/query.ts';
import { formatBytes, formatDateTime } from '../../format.ts';
import { historyStatusLines } from './history-status.ts';

const DAY = 86_400_000;
const base: HistoryStatus = { state: 'recording', reason: null, oldestMs: 1_780_000_000_000, newestMs: 1_780_000_000_000 + DAY, bytes: 52_428_800, dir: null, notice: null, settings: DEFAULT_HISTORY_SETTINGS };

describe('historyStatusLines', () => {
  it.each<[string, HistoryStatus, string[]]>([
    ['recording', base, ['Recording', `Held from ${formatDateTime(base.oldestMs)} to ${formatDateTime(base.newestMs)}`, `On disk: ${formatBytes(52_428_800)}`]],
    ['off, with why', { ...base, state: 'off', reason: 'started with --no-history', oldestMs: null, newestMs: null, bytes: null, dir: null, notice: null, settings: DEFAULT_HISTORY_SETTINGS }, ['Off: started with --no-history', 'Nothing recorded yet', 'On disk: —']],
    ['paused, disk full', { ...base, state: 'paused', reason: 'the disk is full' }, ['Paused: the disk is full', `Held from ${formatDateTime(base.oldestMs)} to ${formatDateTime(base.newestMs)}`, `On disk: ${formatBytes(52_428_800)}`]],
    [
      'read-only, in its folder',
      { ...base, state: 'readOnly', reason: 'serve writes to this folder', dir: '/home/me/.local/share/taskmgr/history' },
      ['Read only: serve writes to this folder', 'Folder: /home/me/.local/share/taskmgr/history', `Held from ${formatDateTime(base.oldestMs)} to ${formatDateTime(base.newestMs)}`, `On disk: ${formatBytes(52_428_800)}`],
    ],
  ])('%s', (_name, status, lines) => {
    expect(historyStatusLines(status)).toEqual(lines);
  });
});
