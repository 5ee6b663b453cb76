import { describe, expect, it } from 'vitest';
import { MAX_RECENT_ALERTS, type Alert, type AlertActionOutcome } from '../../src-shared/alerts.ts';
import { KEPT_RECENT_ALERTS, upsertAlert, withAnswer } from './alerts.ts';
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

describe('upsertAlert', () => {
  it('adds a new alert and puts a later word on one in its place', () => {
    let held = upsertAlert([], alertOf('a', T0, null));
    held = upsertAlert(held, alertOf('b', T0 + 1, null));
    held = upsertAlert(held, alertOf('a', T0, T0 + 10, [outcome]));
    expect(held.map((a) => [a.id, a.clearedAtMs, a.actions.length])).toEqual([
      ['a', T0 + 10, 1],
      ['b', null, 0],
    ]);
  });

  it('keeps every active alert and at most MAX_RECENT_ALERTS cleared, as the host does, dropping the first cleared to have come', () => {
    expect(KEPT_RECENT_ALERTS).toBe(MAX_RECENT_ALERTS);
    let held: readonly Alert[] = [alertOf('live', T0, null)];
    for (let i = 0; i <= KEPT_RECENT_ALERTS; i++) held = upsertAlert(held, alertOf(`x${i}`, T0 + i, T0 + i + 1));
    expect(held).toHaveLength(KEPT_RECENT_ALERTS + 1);
    expect(held[0]?.id).toBe('live');
    expect(held.some((a) => a.id === 'x0')).toBe(false);
    expect(held.some((a) => a.id === `x${KEPT_RECENT_ALERTS}`)).toBe(true);
  });
});

describe('withAnswer', () => {
  const held = [alertOf('a', T0, null), alertOf('gone', T0 - 9, null)];
  const answer = { active: [alertOf('c', T0 + 2, null)], recent: [alertOf('a', T0, T0 + 5), alertOf('gone', T0 - 9, T0 - 1)] };

  it('takes the answer whole when no alert was broadcast since it was asked: what cleared meanwhile is cleared', () => {
    expect(withAnswer(held, answer, true).map((a) => [a.id, a.clearedAtMs])).toEqual([
      ['c', null],
      ['a', T0 + 5],
      ['gone', T0 - 1],
    ]);
  });

  it('keeps what is held when a broadcast came since (it is newer), adding what only the answer has', () => {
    expect(withAnswer(held, answer, false).map((a) => [a.id, a.clearedAtMs])).toEqual([
      ['a', null],
      ['gone', null],
      ['c', null],
    ]);
  });
});

describe('alerts slice', () => {
  it('counts active alerts from the query’s answer and the broadcasts', () => {
    const store = createAppStore(null);
    store.getState().ingestAlerts({ active: [alertOf('a', T0, null)], recent: [alertOf('old', T0 - 9, T0 - 1)] }, true);
    store.getState().ingestAlert(alertOf('b', T0 + 1, null));
    expect(activeAlertCount(store.getState())).toBe(2);
    store.getState().ingestAlert(alertOf('a', T0, T0 + 3));
    expect(activeAlertCount(store.getState())).toBe(1);
  });

  it('toasts a new alert, updates the toast when the same alert changes, and not an alert already held', () => {
    const store = createAppStore(null);
    store.getState().ingestAlerts({ active: [alertOf('old', T0, null)], recent: [] }, true);
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
