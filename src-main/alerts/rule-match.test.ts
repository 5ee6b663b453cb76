import { describe, expect, it } from 'vitest';
import type { RuleMatch } from '../../src-shared/alerts.ts';
import type { App } from '../../src-shared/snapshot.ts';
import { FIXTURE_TIME_MS, processRow } from '../../src-shared/testing/fixtures.ts';
import { comparableName, isAppMatched, isProcessMatched, prepareMatch, SnapshotIndex, wantedNames } from './rule-match.ts';

const chrome = processRow({ pid: 10, name: 'chrome.exe', exePath: 'C:\\Program Files\\Google\\Chrome\\chrome.exe' });
const burn = processRow({ pid: 11, name: 'burn', exePath: '/usr/local/bin/burn' });
const app = (name: string): App => ({ id: `app-${name}`, name, category: 'app', members: [{ pid: 10, startTimeMs: FIXTURE_TIME_MS }], isResponding: null });

describe('rule matching', () => {
  it.each<[string, RuleMatch, NodeJS.Platform, boolean, boolean]>([
    // match, platform, chrome.exe matched, burn matched
    ['any process', {}, 'linux', true, true],
    ['a name without .exe', { name: 'chrome' }, 'linux', true, false],
    ['a name with .exe, the process without', { name: 'burn.exe' }, 'linux', false, true],
    ['case folds on Windows', { name: 'Chrome' }, 'win32', true, false],
    ['case folds on macOS', { name: 'BURN' }, 'darwin', false, true],
    ['case is exact on Linux', { name: 'Chrome' }, 'linux', false, false],
    ['an exact path', { path: '/usr/local/bin/burn' }, 'linux', false, true],
    ['another path', { path: '/usr/bin/burn' }, 'linux', false, false],
    ['a Windows path in other case and slashes', { path: 'c:/program files/google/chrome/CHROME' }, 'win32', true, false],
    ['name and path must both match', { name: 'burn', path: '/usr/bin/burn' }, 'linux', false, false],
  ])('%s', (_, match, platform, isChrome, isBurn) => {
    const prepared = prepareMatch(match, platform);
    expect([isProcessMatched(prepared, chrome, platform), isProcessMatched(prepared, burn, platform)]).toEqual([isChrome, isBurn]);
    // The index answers the same as walking the rows.
    const expected = [...(isChrome ? [10] : []), ...(isBurn ? [11] : [])];
    const index = new SnapshotIndex([chrome, burn], [], platform);
    expect(index.processesMatching(prepared).map((row) => row.pid)).toEqual(expected);
    // And an index of only what the rules want (the evaluator's) answers the same.
    const wanted = new SnapshotIndex([chrome, burn], [], platform, wantedNames([prepared, prepareMatch({ name: 'other' }, platform)], platform));
    expect(wanted.processesMatching(prepared).map((row) => row.pid)).toEqual(expected);
  });

  it.each<[string, NodeJS.Platform, string, boolean]>([
    ['Google Chrome', 'linux', 'Google Chrome', true],
    ['google chrome', 'win32', 'Google Chrome', true],
    ['google chrome', 'linux', 'Google Chrome', false],
  ])('app %s on %s matches %s: %s', (wanted, platform, name, isMatched) => {
    const prepared = prepareMatch({ app: wanted }, platform);
    expect(isAppMatched(prepared, app(name), platform)).toBe(isMatched);
    expect(new SnapshotIndex([], [app(name)], platform).appsMatching(prepared).length).toBe(isMatched ? 1 : 0);
  });

  it.each<[string, NodeJS.Platform, string]>([
    ['a.exe', 'linux', 'a'],
    ['a.EXE', 'linux', 'a.EXE'],
    ['a.exe.exe', 'linux', 'a.exe'],
    ['a.EXE', 'win32', 'a'],
    ['.exe', 'linux', '.exe'],
    ['C:/X/Y.exe', 'win32', 'c:\\x\\y'],
  ])('%s on %s compares as %s', (text, platform, comparable) => expect(comparableName(text, platform)).toBe(comparable));
});

describe("a tick's figures for the rules over any process", () => {
  const rows = [processRow({ pid: 1, cpuPercent: 90 }), processRow({ pid: 2, cpuPercent: null }), processRow({ pid: 3, cpuPercent: 2 }), processRow({ pid: 4, cpuPercent: 45 })];
  const read = (row: (typeof rows)[number]) => row.cpuPercent;

  it('reads each figure once, unknown ones as NaN and counted', () => {
    const index = new SnapshotIndex(rows, [], 'linux');
    const figures = index.figuresOf('cpuPercent', read);
    expect([...figures.values]).toEqual([90, NaN, 2, 45]);
    expect(figures.unknown).toBe(1);
    expect(index.figuresOf('cpuPercent', () => 0)).toBe(figures);
    expect([...index.pids()]).toEqual([1, 2, 3, 4]);
  });

  it.each<[number, number, number[]]>([
    // loosest above, loosest below, positions past one of them
    [40, -Infinity, [0, 3]],
    [40, 5, [0, 2, 3]],
    [Infinity, 5, [2]],
    [95, -Infinity, []],
  ])('past above %d or below %d: rows %j', (floorAbove, ceilBelow, positions) => {
    expect(new SnapshotIndex(rows, [], 'linux').candidatesOf('cpuPercent', read, floorAbove, ceilBelow)).toEqual(positions);
  });
});
