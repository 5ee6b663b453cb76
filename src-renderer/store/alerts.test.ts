import { describe, expect, it } from 'vitest';
import { MAX_RECENT_ALERTS, type Alert, type AlertActionOutcome } from '../../src-shared/alerts.ts';
import { isNewerAlert, KEPT_RECENT_ALERTS, upsertAlert } from './alerts.ts';
import { activeAlertCount } from './alerts-slice.ts';
import { createAppStore } from './store.ts';

const T0 = 1_700_000_000_000;

function alertOf(id: string, firedAtMs: number, clearedAtMs: number | null, actions: AlertActionOutcome[] = []): Alert {
  return { id, ruleId: 'r', ruleName: 'CPU hog', subject: { kind: 'machine', device: null }, firedAtMs, clearedAtMs, value: 90, message: `${id} fired`, actions };
}

const outcome: AlertActionOutcome = {
  action: { type: 'setPriority', priority: 'belowNormal' },
  target: { pid: 42, startTimeMs: T0, name: 'burn' },
  outcome: 'dryRun',
  detail: 'dry run: the rule is not armed',
  atMs: T0,
};

describe('isNewerAlert', () => {
  it.each([
    ['a clear after the fire', alertOf('a', T0, T0 + 9), alertOf('a', T0, null), true],
    ['the fire after a clear (an older word)', alertOf('a', T0, null), alertOf('a', T0, T0 + 9), false],
    ['outcomes that came', alertOf('a', T0, null, [outcome]), alertOf('a', T0, null), true],
    ['the same again', alertOf('a', T0, null), alertOf('a', T0, null), false],
  ])('%s', (_name, next, held, expected) => {
    expect(isNewerAlert(next, held)).toBe(expected);
  });
});

describe('upsertAlert', () => {
  it('adds a new alert and puts a later word on one in its place', () => {
    let held = upsertAlert([], alertOf('a', T0, null), true);
    held = upsertAlert(held, alertOf('b', T0 + 1, null), true);
    held = upsertAlert(held, alertOf('a', T0, T0 + 10), true);
    expect(held.map((a) => [a.id, a.clearedAtMs])).toEqual([
      ['a', T0 + 10],
      ['b', null],
    ]);
  });

  it('takes from a query’s answer only what it says more of (a broadcast since is newer)', () => {
    const held = [alertOf('a', T0, T0 + 5)];
    expect(upsertAlert(held, alertOf('a', T0, null), false)).toBe(held);
    expect(upsertAlert(held, alertOf('a', T0, T0 + 5, [outcome]), false)[0]?.actions).toHaveLength(1);
  });

  it('keeps every active alert and at most MAX_RECENT_ALERTS cleared, as the host does, dropping the one cleared longest ago', () => {
    expect(KEPT_RECENT_ALERTS).toBe(MAX_RECENT_ALERTS);
    let held: readonly Alert[] = [alertOf('live', T0, null)];
    for (let i = 0; i <= KEPT_RECENT_ALERTS; i++) held = upsertAlert(held, alertOf(`x${i}`, T0 + i, T0 + 1_000 - i), true);
    expect(held).toHaveLength(KEPT_RECENT_ALERTS + 1);
    expect(held.some((a) => a.id === 'live')).toBe(true);
    expect(held.some((a) => a.id === `x${KEPT_RECENT_ALERTS}`)).toBe(false);
  });
});

describe('alerts slice', () => {
  it('counts active alerts from the query’s answer and the broadcasts', () => {
    const store = createAppStore(null);
    store.getState().ingestAlerts({ active: [alertOf('a', T0, null)], recent: [alertOf('old', T0 - 9, T0 - 1)] });
    store.getState().ingestAlert(alertOf('b', T0 + 1, null));
    expect(activeAlertCount(store.getState())).toBe(2);
    store.getState().ingestAlert(alertOf('a', T0, T0 + 3));
    expect(activeAlertCount(store.getState())).toBe(1);
  });

  it('toasts a new alert, updates the toast when the same alert changes, and not an alert already held', () => {
    const store = createAppStore(null);
    store.getState().ingestAlerts({ active: [alertOf('old', T0, null)], recent: [] });
    expect(store.getState().alertToast).toBeNull();
    store.getState().ingestAlert(alertOf('old', T0, T0 + 3));
    expect(store.getState().alertToast).toBeNull();
    store.getState().ingestAlert(alertOf('new', T0 + 4, null));
    expect(store.getState().alertToast?.id).toBe('new');
    store.getState().ingestAlert(alertOf('new', T0 + 4, null, [outcome]));
    expect(store.getState().alertToast?.actions).toHaveLength(1);
    store.getState().dismissAlertToast();
    expect(store.getState().alertToast).toBeNull();
  });

  it('opens and closes the panel', () => {
    const store = createAppStore(null);
    store.getState().openAlerts();
    expect(store.getState().isAlertsOpen).toBe(true);
    store.getState().closeAlerts();
    expect(store.getState().isAlertsOpen).toBe(false);
  });
});
