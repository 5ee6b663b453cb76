import { describe, expect, it } from 'vitest';
import type { AlertSubject } from '../../../src-shared/alerts.ts';
import { processRow } from '../../../src-shared/testing/fixtures.ts';
import { runningTargets, sortedAlerts } from './alert-links.ts';

describe('runningTargets', () => {
  const burn = processRow({ pid: 42, startTimeMs: 1_000, name: 'burn' });
  const tab = processRow({ pid: 43, startTimeMs: 2_000, name: 'chrome' });
  const snapshot = { processes: [burn, tab], apps: [{ id: 'chrome', name: 'Chrome', category: 'app' as const, isResponding: true, members: [{ pid: 43, startTimeMs: 2_000 }] }] };
  it.each<[string, AlertSubject, number[]]>([
    ['the process, same identity', { kind: 'process', pid: 42, startTimeMs: 1_000, name: 'burn' }, [42]],
    ['not a reused pid', { kind: 'process', pid: 42, startTimeMs: 999, name: 'burn' }, []],
    ['an app’s members', { kind: 'app', appId: 'chrome', name: 'Chrome' }, [43]],
    ['an app that is gone', { kind: 'app', appId: 'gone', name: 'Gone' }, []],
    ['the machine: no process', { kind: 'machine', device: null }, []],
  ])('%s', (_name, subject, pids) => {
    expect(runningTargets(subject, snapshot).map((p) => p.pid)).toEqual(pids);
  });
});

describe('sortedAlerts', () => {
  const alert = (id: string, firedAtMs: number, clearedAtMs: number | null) => ({
    id,
    ruleId: 'r',
    ruleName: 'r',
    subject: { kind: 'machine' as const, device: null },
    firedAtMs,
    clearedAtMs,
    value: null,
    message: id,
    actions: [],
  });
  it('puts active ones newest fired first, and past ones newest cleared first', () => {
    const { active, recent } = sortedAlerts([alert('a', 1, null), alert('b', 5, 9), alert('c', 3, null), alert('d', 2, 12)]);
    expect(active.map((a) => a.id)).toEqual(['c', 'a']);
    expect(recent.map((a) => a.id)).toEqual(['d', 'b']);
  });
});
