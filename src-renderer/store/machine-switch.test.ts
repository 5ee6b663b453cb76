import { describe, expect, it } from 'vitest';
import { BROWSER_SHELL_STATE } from '../../src-shared/browser-shell-state.ts';
import type { ShellState } from '../../src-shared/shell.ts';
import { FIXTURE_TIME_MS, snapshot } from '../../src-shared/testing/fixtures.ts';
import { isShownSourceReady, MACHINE_BOUND_FIELDS, shownMachineId } from './machine-switch.ts';
import { createAppStore } from './store.ts';

const machine = { id: 'm1', name: 'build-server', url: 'https://build-server:8737', fingerprint: null, color: '#1565c0', hasControlToken: false };
const showing = (state: 'connecting' | 'connected' | 'unreachable' | 'refused'): ShellState => ({
  ...BROWSER_SHELL_STATE,
  isDesktopApp: true,
  machines: [machine],
  shownMachine: { ...machine, state, message: null },
});

describe('machineSwitchState', () => {
  it('after a switch, every field the machine shown had filled is as in a fresh store', () => {
    const store = createAppStore(null);
    const state = store.getState();
    state.ingestSnapshot(snapshot({ seq: 1 }), 0);
    state.ingestProcessIcons({ '/usr/bin/bash': null });
    state.select('42:1', 'only');
    state.setExpanded('42:1', true);
    state.setHistoryRange('1h');
    state.showTopConsumers(FIXTURE_TIME_MS - 60_000, FIXTURE_TIME_MS);
    state.openAlerts();
    state.ingestMachineSwitch();
    const fresh = createAppStore(null).getState();
    const after = store.getState();
    for (const name of MACHINE_BOUND_FIELDS) expect([name, after[name]]).toEqual([name, fresh[name]]);
  });

  it('forgets the rows, the past and the selection of the machine before, and keeps what the user chose for the page', () => {
    const store = createAppStore(null);
    const state = store.getState();
    state.ingestSnapshot(snapshot({ seq: 1 }), 0);
    state.select('42:1', 'only');
    state.startTravel(FIXTURE_TIME_MS);
    state.setSearch('chrome');
    state.setActiveTab('apps');
    state.setUpdateSpeed('slow');
    state.ingestMachineSwitch();
    const after = store.getState();
    expect([after.snapshot, after.viewAtMs, after.selected.size, after.history.length]).toEqual([null, null, 0, 0]);
    expect([after.search, after.activeTab, after.updateSpeed]).toEqual(['chrome', 'apps', 'slow']);
  });
});

describe('the machine shown', () => {
  it.each([
    ['no shell state yet', null, null, true],
    ['this computer', { ...BROWSER_SHELL_STATE, isDesktopApp: true }, null, true],
    ['another machine, connecting', showing('connecting'), 'm1', false],
    ['another machine, connected', showing('connected'), 'm1', true],
    ['another machine, unreachable', showing('unreachable'), 'm1', false],
    ['another machine, refused', showing('refused'), 'm1', false],
  ] as const)('%s: id %s, ready to answer %s', (_label, shell, id, isReady) => {
    expect(shownMachineId(shell)).toBe(id);
    expect(isShownSourceReady(shell)).toBe(isReady);
  });
});
