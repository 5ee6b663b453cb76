import { describe, expect, it } from 'vitest';
import type { RuleMatch, RuleScope } from './alerts.ts';
import { isCaseInsensitivePlatform, matchingProcesses, nameMatches } from './rule-match.ts';
import { processRow } from './testing/fixtures.ts';

describe('nameMatches', () => {
  it.each([
    ['chrome', 'chrome.exe', false, true],
    ['chrome.exe', 'chrome', false, true],
    ['Chrome', 'chrome.exe', true, true],
    ['Chrome', 'chrome', false, false],
    ['chrome', 'chromedriver', true, false],
    ['burn', 'burn', false, true],
  ])('%s ~ %s (case-insensitive: %s): %s', (pattern, name, isCaseInsensitive, expected) => {
    expect(nameMatches(pattern, name, isCaseInsensitive)).toBe(expected);
  });
});

describe('isCaseInsensitivePlatform', () => {
  it.each([
    ['win32', true],
    ['darwin', true],
    ['linux', false],
    [null, false],
  ])('%s: %s', (platform, expected) => {
    expect(isCaseInsensitivePlatform(platform)).toBe(expected);
  });
});

describe('matchingProcesses', () => {
  const burn = processRow({ pid: 10, name: 'burn', exePath: '/opt/burn/burn' });
  const burnCopy = processRow({ pid: 11, name: 'burn', exePath: '/tmp/burn' });
  const editor = processRow({ pid: 20, name: 'Code.exe', exePath: 'C:\\Apps\\Code.exe' });
  const helper = processRow({ pid: 21, name: 'helper.exe', exePath: 'C:\\Apps\\helper.exe' });
  const snapshot = {
    processes: [burn, burnCopy, editor, helper],
    apps: [{ id: 'code', name: 'Visual Studio Code', category: 'app' as const, isResponding: true, members: [editor, helper].map((p) => ({ pid: p.pid, startTimeMs: p.startTimeMs })) }],
  };
  it.each<[string, RuleScope, RuleMatch | undefined, boolean, number[]]>([
    ['any process', 'process', undefined, false, [10, 11, 20, 21]],
    ['by name', 'process', { name: 'burn' }, false, [10, 11]],
    ['by name and path', 'process', { name: 'burn', path: '/tmp/burn' }, false, [11]],
    ['by name without .exe, any case on Windows', 'process', { name: 'code' }, true, [20]],
    ['by name, exact case on Linux', 'process', { name: 'code' }, false, []],
    ['by path, any case on Windows', 'process', { path: 'c:\\apps\\helper.exe' }, true, [21]],
    ['an app rule: its members', 'app', { app: 'Visual Studio Code' }, false, [20, 21]],
    ['a process rule within an app', 'process', { app: 'Visual Studio Code', name: 'helper' }, false, [21]],
    ['a machine rule: none', 'machine', undefined, false, []],
  ])('%s', (_name, scope, match, isCaseInsensitive, pids) => {
    expect(matchingProcesses(scope, match, snapshot, isCaseInsensitive).map((p) => p.pid)).toEqual(pids);
  });
});
