import { describe, expect, it } from 'vitest';
import type { ShellState } from '../../../src-shared/shell.ts';
import { FIXTURE_TIME_MS, processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { createAppStore } from '../../store/store.ts';
import { applyFocusRequest } from './focus-request.ts';

type Request = NonNullable<ShellState['focusRequest']>;

function storeWith() {
  const store = createAppStore(null);
  const burn = processRow({ pid: 4242, startTimeMs: FIXTURE_TIME_MS, name: 'burn' });
  const tab = processRow({ pid: 50, startTimeMs: FIXTURE_TIME_MS + 5, name: 'chrome' });
  const main = processRow({ pid: 49, startTimeMs: FIXTURE_TIME_MS + 1, name: 'chrome' });
  store.getState().ingestSnapshot(
    snapshot({
      processes: [burn, tab, main],
      apps: [{ id: 'chrome', name: 'Chrome', category: 'app', isResponding: true, members: [tab, main].map((p) => ({ pid: p.pid, startTimeMs: p.startTimeMs })) }],
    }),
    0,
  );
  store.getState().setActiveTab('performance');
  return store;
}

describe('applyFocusRequest', () => {
  it('selects the alert’s process in Processes while it runs', () => {
    const store = storeWith();
    applyFocusRequest(store, { seq: 1, alertId: 'a', target: { kind: 'process', pid: 4242, startTimeMs: FIXTURE_TIME_MS } });
    expect(store.getState().activeTab).toBe('processes');
    expect(store.getState().focusedKey).toBe(`4242:${FIXTURE_TIME_MS}`);
    expect(store.getState().isAlertsOpen).toBe(false);
  });

  it('selects an app’s processes, its oldest focused', () => {
    const store = storeWith();
    applyFocusRequest(store, { seq: 1, alertId: 'a', target: { kind: 'app', appId: 'chrome' } });
    expect([...store.getState().selected].sort()).toEqual([`49:${FIXTURE_TIME_MS + 1}`, `50:${FIXTURE_TIME_MS + 5}`]);
    expect(store.getState().focusedKey).toBe(`49:${FIXTURE_TIME_MS + 1}`);
  });

  it.each<[string, Request['target']]>([
    ['a machine’s alert', { kind: 'machine' }],
    ['a process that has gone (its pid reused)', { kind: 'process', pid: 4242, startTimeMs: FIXTURE_TIME_MS - 1 }],
  ])('opens the Alerts panel for %s', (_name, target) => {
    const store = storeWith();
    applyFocusRequest(store, { seq: 1, alertId: 'a', target });
    expect(store.getState().isAlertsOpen).toBe(true);
    expect(store.getState().activeTab).toBe('performance');
  });
});
