import { describe, expect, it } from 'vitest';
import type { RuleMatch, RuleScope } from './alerts.ts';
import { comparableName, isCaseInsensitivePlatform, matchingProcesses } from './rule-match.ts';
import { processRow } from './testing/fixtures.ts';

describe('comparableName', () => {
  it.each([
    ['chrome.exe', 'linux', 'chrome'],
    ['Chrome.EXE', 'win32', 'chrome'],
    ['Chrome', 'linux', 'Chrome'],
    ['Chrome', 'darwin', 'chrome'],
    ['C:/Apps/Code.exe', 'win32', 'c:\\apps\\code'],
    ['.exe', 'linux', '.exe'],
  ])('%s on %s: %s', (text, platform, expected) => {
    expect(comparableName(text, platform)).toBe(expected);
  });
});

describe('isCaseInsensitivePlatform', () => {
  it.each([
    ['win32', true],
    ['darwin', true],
    ['linux', false],
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
  it.each<[string, RuleScope, RuleMatch | undefined, string, number[]]>([
    ['any process', 'process', undefined, 'linux', [10, 11, 20, 21]],
    ['by name', 'process', { name: 'burn' }, 'linux', [10, 11]],
    ['by name and path', 'process', { name: 'burn', path: '/tmp/burn' }, 'linux', [11]],
    ['by name without .exe, any case on Windows', 'process', { name: 'code' }, 'win32', [20]],
    ['by name, exact case on Linux', 'process', { name: 'code' }, 'linux', []],
    ['by path, any case and either slash on Windows', 'process', { path: 'c:/apps/helper.exe' }, 'win32', [21]],
    ['an app rule: its members', 'app', { app: 'Visual Studio Code' }, 'linux', [20, 21]],
    ['a process rule within an app', 'process', { app: 'Visual Studio Code', name: 'helper' }, 'linux', [21]],
    ['a process rule naming only an app: its members, not every process', 'process', { app: 'Visual Studio Code' }, 'linux', [20, 21]],
    ['a machine rule: none', 'machine', undefined, 'linux', []],
  ])('%s', (_name, scope, match, platform, pids) => {
    expect(matchingProcesses(scope, match, snapshot, platform).map((p) => p.pid)).toEqual(pids);
  });
});
