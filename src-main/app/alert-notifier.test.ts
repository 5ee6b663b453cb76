import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src-shared/alerts.ts';
import { AlertNotifier, focusTargetOf, type NotificationLike } from './alert-notifier.ts';

const FIRED: Alert = {
  id: 'hog:1000:1',
  ruleId: 'hog',
  ruleName: 'CPU hog',
  subject: { kind: 'process', pid: 4242, startTimeMs: 17, name: 'burn' },
  firedAtMs: 1000,
  clearedAtMs: null,
  value: 85,
  message: 'burn (4242): CPU 85 % for 3 s (above 40 %)',
  actions: [],
};

/** A notifier over fake notifications: what was shown, and a way to click each. */
function setUp(isSupported = true) {
  const shown: { title: string; body: string; click: () => void; close: () => void }[] = [];
  const clicked: Alert[] = [];
  const notifier = new AlertNotifier({
    isSupported: () => isSupported,
    create: (options) => {
      const listeners = new Map<string, () => void>();
      const notification: NotificationLike = {
        on: (event, listener) => void listeners.set(event, listener),
        show: () => shown.push({ ...options, click: () => listeners.get('click')?.(), close: () => listeners.get('close')?.() }),
      };
      return notification;
    },
    onClick: (alert) => clicked.push(alert),
  });
  const send = (alert: Alert) => notifier.onBroadcast({ type: 'alert', alert });
  return { shown, clicked, send, notifier };
}

describe('AlertNotifier', () => {
  it("shows a fired alert once, titled with its rule's name and saying its message", () => {
    const { shown, send } = setUp();
    send(FIRED);
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([{ title: 'CPU hog', body: FIRED.message }]);
  });

  it('does not show it again when its actions report, nor when it clears', () => {
    const { shown, send } = setUp();
    send(FIRED);
    send({ ...FIRED, actions: [{ action: { type: 'setEfficiencyMode' }, target: { pid: 4242, startTimeMs: 17, name: 'burn' }, outcome: 'dryRun', detail: 'dry run: the rule is not armed', atMs: 1001 }] });
    send({ ...FIRED, clearedAtMs: 5000 });
    expect(shown).toHaveLength(1);
  });

  it('shows nothing for an alert first seen cleared, nor for other broadcasts', () => {
    const { shown, send, notifier } = setUp();
    send({ ...FIRED, clearedAtMs: 5000 });
    notifier.onBroadcast({ type: 'rules', view: { rules: [], states: [], isControlAllowed: true } });
    expect(shown).toEqual([]);
  });

  it('shows each new episode: another alert of the same rule is another notification', () => {
    const { shown, send } = setUp();
    send(FIRED);
    send({ ...FIRED, id: 'hog:9000:2', firedAtMs: 9000 });
    expect(shown).toHaveLength(2);
  });

  it('shows nothing where the desktop has no notifications', () => {
    const { shown, send } = setUp(false);
    send(FIRED);
    expect(shown).toEqual([]);
  });

  it('a click hands over the alert it was about, each time', () => {
    const { shown, clicked, send } = setUp();
    send(FIRED);
    shown[0]?.click();
    shown[0]?.click();
    expect(clicked).toEqual([FIRED, FIRED]);
  });
});

describe('focusTargetOf', () => {
  it.each<[string, Alert['subject'], ReturnType<typeof focusTargetOf>]>([
    ['a process: its identity', { kind: 'process', pid: 4242, startTimeMs: 17, name: 'burn' }, { kind: 'process', pid: 4242, startTimeMs: 17 }],
    ['an app: its id', { kind: 'app', appId: 'app:firefox', name: 'Firefox' }, { kind: 'app', appId: 'app:firefox' }],
    ['the machine', { kind: 'machine', device: 'sda' }, { kind: 'machine' }],
  ])('%s', (_what, subject, expected) => {
    expect(focusTargetOf({ ...FIRED, subject })).toEqual(expected);
  });
});
