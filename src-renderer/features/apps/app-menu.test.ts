import { describe, expect, it, vi } from 'vitest';
import { processRow } from '../../../src-shared/testing/fixtures.ts';
import type { GridRow } from '../../components/grid-types.ts';
import type { AppSummary } from './app-groups.ts';
import { appMenuItems } from './app-menu.ts';
import type { AppsRow } from './app-rows.ts';
import type { AppsTargets } from './app-targets.ts';

const targets = (all: AppsTargets['all']): AppsTargets => ({ apps: [], processes: all, all, roots: all });
const appRow = (isExpanded: boolean, hasChildren = true): GridRow<AppsRow> => ({
  key: 'app:x',
  data: { kind: 'app', app: { id: 'x' } as AppSummary },
  level: 2,
  hasChildren,
  isExpanded,
});
const labels = (items: ReturnType<typeof appMenuItems>) => items.map((i) => `${i.label}${i.isDisabled ? ' (disabled)' : ''}`);

describe('appMenuItems', () => {
  it('offers Expand on a closed app of several processes, then every command, Suspend for running processes', () => {
    expect(labels(appMenuItems(targets([processRow(), processRow({ pid: 2 })]), appRow(false), vi.fn()))).toEqual([
      'Expand',
      'End task',
      'End process tree',
      'Suspend',
      'Resume (disabled)',
      'Set priority…',
      'Open details',
    ]);
  });

  it('offers Collapse on an open app, Resume when a process is suspended', () => {
    const items = appMenuItems(targets([processRow({ state: 'stopped' })]), appRow(true), vi.fn());
    expect(labels(items)).toEqual(['Collapse', 'End task', 'End process tree', 'Suspend (disabled)', 'Resume', 'Set priority…', 'Open details']);
  });

  it('has no Expand for an app of one process, and disables everything for a group header', () => {
    expect(labels(appMenuItems(targets([processRow()]), appRow(false, false), vi.fn()))[0]).toBe('End task');
    const header: GridRow<AppsRow> = { key: 'group:app', data: { kind: 'group', category: 'app', appCount: 1 }, level: 1, hasChildren: true, isExpanded: true };
    expect(labels(appMenuItems(targets([]), header, vi.fn()))).toEqual([
      'Collapse',
      'End task (disabled)',
      'End process tree (disabled)',
      'Suspend (disabled)',
      'Resume (disabled)',
      'Set priority… (disabled)',
      'Open details (disabled)',
    ]);
  });

  it('offers efficiency mode only where every process reports it, and turning it off when all have it on', () => {
    const on = processRow({ isEfficiencyMode: true });
    const off = processRow({ pid: 2, isEfficiencyMode: false });
    const act = vi.fn();
    const items = appMenuItems(targets([on, off]), null, act);
    items.find((i) => i.id === 'efficiency-mode')?.onSelect();
    expect(act).toHaveBeenCalledWith({ isEfficiencyMode: true });
    expect(labels(appMenuItems(targets([on]), null, vi.fn()))).toContain('Turn off efficiency mode');
    expect(appMenuItems(targets([on, processRow({ pid: 3 })]), null, vi.fn()).some((i) => i.id === 'efficiency-mode')).toBe(false);
  });

  it('each item sends its choice', () => {
    const act = vi.fn();
    for (const item of appMenuItems(targets([processRow()]), appRow(false), act)) item.onSelect();
    expect(act.mock.calls.map(([choice]) => choice)).toEqual(['toggle', 'endTask', 'endTree', 'suspend', 'resume', 'priorityMenu', 'openDetails']);
  });
});
