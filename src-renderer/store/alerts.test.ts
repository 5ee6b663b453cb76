import { describe, expect, it } from 'vitest';
import { MAX_RECENT_ALERTS, type Alert, type AlertActionOutcome } from '../../src-shared/alerts.ts';
import { isNewerAlert, mergeAlertsView, NO_ALERTS, upsertAlert } from './alerts.ts';
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
  it('keeps active alerts newest first and moves a cleared one to the recent, newest cleared first', () => {
    let view = upsertAlert(NO_ALERTS, alertOf('a', T0, null), true);
    view = upsertAlert(view, alertOf('b', T0 + 1, null), true);
    view = upsertAlert(view, alertOf('c', T0 - 5, T0 - 1), true);
    expect(view.active.map((a) => a.id)).toEqual(['b', 'a']);
    view = upsertAlert(view, alertOf('a', T0, T0 + 10), true);
    expect(view.active.map((a) => a.id)).toEqual(['b']);
    expect(view.recent.map((a) => a.id)).toEqual(['a', 'c']);
  });

  it('keeps at most MAX_RECENT_ALERTS of the cleared', () => {
    let view = NO_ALERTS;
    for (let i = 0; i <= MAX_RECENT_ALERTS; i++) view = upsertAlert(view, alertOf(`x${i}`, T0 + i, T0 + i), true);
    expect(view.recent).toHaveLength(MAX_RECENT_ALERTS);
    expect(view.recent[view.recent.length - 1]?.id).toBe('x1');
  });
});

describe('mergeAlertsView', () => {
  it('keeps what a broadcast said since the query was asked, and takes what the answer says more of', () => {
    const held = upsertAlert(upsertAlert(NO_ALERTS, alertOf('a', T0, T0 + 5), true), alertOf('b', T0, null), true);
    const merged = mergeAlertsView(held, { active: [alertOf('a', T0, null), alertOf('c', T0 + 2, null)], recent: [alertOf('b', T0, T0 + 7)] });
    expect(merged.active.map((a) => a.id)).toEqual(['c']);
    expect(merged.recent.map((a) => a.id)).toEqual(['b', 'a']);
  });
});

describe('alerts slice', () => {
  it('toasts a new alert, updates the toast when the same alert clears, and not an alert already held', () => {
    const store = createAppStore(null);
    store.getState().ingestAlertsView({ active: [alertOf('old', T0, null)], recent: [] });
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
