import { describe, expect, it } from 'vitest';
import { processRow } from '../../../src-shared/testing/fixtures.ts';
import type { AppSummary } from './app-groups.ts';
import type { AppsTargets } from './app-targets.ts';
import { openDetailsPlan } from './open-details.ts';

const T = 1_700_000_000_000;
const init = processRow({ pid: 1, ppid: 0, name: 'init', startTimeMs: T });
const shell = processRow({ pid: 10, ppid: 1, name: 'bash', startTimeMs: T + 10 });
const older = processRow({ pid: 30, ppid: 10, name: 'sleep', startTimeMs: T + 20 });
const newer = processRow({ pid: 20, ppid: 10, name: 'sleep', startTimeMs: T + 30 });
const processes = [init, shell, older, newer];
const sleepApp = { id: 'exe:sleep', name: 'sleep', members: [newer, older] } as AppSummary;
const ofApp: AppsTargets = { apps: [sleepApp], processes: [], all: [newer, older], roots: [newer, older] };
const ofProcess: AppsTargets = { apps: [], processes: [newer], all: [newer], roots: [newer] };

describe('openDetailsPlan', () => {
  it('for an app: selects all its processes and focuses the oldest', () => {
    expect(openDetailsPlan(ofApp, processes, '', 'flat')).toEqual({ selected: [`20:${T + 30}`, `30:${T + 20}`], focused: `30:${T + 20}`, isSearchCleared: false, expand: [] });
  });

  it('for a process: that process', () => {
    expect(openDetailsPlan(ofProcess, processes, '', 'flat')?.focused).toBe(`20:${T + 30}`);
  });

  it('keeps a search that shows the process and clears one that would hide it', () => {
    expect(openDetailsPlan(ofProcess, processes, 'sle', 'flat')?.isSearchCleared).toBe(false);
    expect(openDetailsPlan(ofProcess, processes, 'bash', 'flat')?.isSearchCleared).toBe(true);
  });

  it('in the tree view opens its ancestors, and stops at a reused pid or a loop', () => {
    expect(openDetailsPlan(ofProcess, processes, '', 'tree')?.expand).toEqual([`10:${T + 10}`, `1:${T}`]);
    const reusedParent = processRow({ pid: 10, ppid: 1, name: 'bash', startTimeMs: T + 99 });
    expect(openDetailsPlan(ofProcess, [init, reusedParent, newer], '', 'tree')?.expand).toEqual([]);
    const a = processRow({ pid: 40, ppid: 41, startTimeMs: T });
    const b = processRow({ pid: 41, ppid: 40, startTimeMs: T });
    expect(openDetailsPlan({ apps: [], processes: [a], all: [a], roots: [a] }, [a, b], '', 'tree')?.expand).toEqual([`41:${T}`]);
  });

  it('nothing chosen: no plan', () => {
    expect(openDetailsPlan({ apps: [], processes: [], all: [], roots: [] }, processes, '', 'flat')).toBeNull();
  });
});
