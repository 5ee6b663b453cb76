// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { Alert, Rule, RulesView } from '../../../src-shared/alerts.ts';
import { BroadcastFeed } from '../../../src-shared/broadcast-feed.ts';
import type { Broadcast, Query } from '../../../src-shared/query.ts';
import { failure, type CommandResult } from '../../../src-shared/results.ts';
import { FIXTURE_TIME_MS, processRow, ruleFixture, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { createAppStore } from '../../store/store.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import { connectLiveFeed } from '../../store/use-live-feed.ts';
import { strings } from '../../strings.ts';
import { useViewport } from '../../testing/viewport.ts';
import { AlertsBell } from './AlertsBell.tsx';
import AlertsPanel from './AlertsPanel.tsx';
import { alertsStrings as text } from './alerts-strings.ts';

afterEach(cleanup);
useViewport(600, 1000);

const hog: Rule = ruleFixture({ id: 'cpu-hog', match: { name: 'burn' }, actions: [{ type: 'setPriority', priority: 'belowNormal' }] });
const view = (rules: Rule[]): RulesView => ({ rules, states: [], isControlAllowed: false });

function alertOf(id: string): Alert {
  return {
    id,
    ruleId: 'cpu-hog',
    ruleName: 'CPU hog',
    subject: { kind: 'process', pid: 4242, startTimeMs: FIXTURE_TIME_MS, name: 'burn' },
    firedAtMs: FIXTURE_TIME_MS,
    clearedAtMs: null,
    value: 85,
    message: 'burn (4242): CPU 85 % for 3 s (above 40 %)',
    actions: [],
  };
}

/** The page's part that shows alerts: the bell and, while open, the panel (as App.tsx composes them). */
function Harness() {
  const isOpen = useAppStore((s) => s.isAlertsOpen);
  return (
    <>
      <AlertsBell />
      {isOpen ? <AlertsPanel /> : null}
    </>
  );
}

function mount(putRule: (rule: Rule) => CommandResult = () => ({ ok: true })) {
  const store = createAppStore(null);
  const feed = new BroadcastFeed();
  const saved: Rule[] = [];
  const kept: unknown[] = [];
  const api = {
    onSnapshotMessage: () => () => undefined,
    onStatus: () => () => undefined,
    onShellState: () => () => undefined,
    onConnection: () => () => undefined,
    onBroadcast: feed.subscribe.bind(feed),
    query: (query: Query) => Promise.resolve(failure('UNSUPPORTED', `not in this test: ${query.kind}`)),
    putRule: ({ rule }: { rule: Rule }) => {
      saved.push(rule);
      return Promise.resolve(putRule(rule));
    },
    deleteRule: () => Promise.resolve({ ok: true }),
    keepSuspended: (args: unknown) => {
      kept.push(args);
      return Promise.resolve({ ok: true });
    },
  } as unknown as TaskManagerApi;
  const off = connectLiveFeed(api, store);
  render(
    <ApiContext.Provider value={api}>
      <StoreContext.Provider value={store}>
        <Harness />
      </StoreContext.Provider>
    </ApiContext.Provider>,
  );
  const broadcast = (b: Broadcast) => act(() => feed.receive(b));
  return { store, broadcast, saved, kept, off };
}

const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

describe('the bell', () => {
  it('counts the active alerts as their broadcasts come, and a cleared one no more', () => {
    const { broadcast } = mount();
    expect(screen.getByRole('button', { name: strings.alertsBell(0) })).toBeTruthy();
    broadcast({ type: 'alert', alert: alertOf('a') });
    broadcast({ type: 'alert', alert: alertOf('b') });
    expect(screen.getByRole('button', { name: 'Alerts: 2 active' })).toBeTruthy();
    broadcast({ type: 'alert', alert: { ...alertOf('a'), clearedAtMs: FIXTURE_TIME_MS + 5_000 } });
    expect(screen.getByRole('button', { name: 'Alerts: 1 active' })).toBeTruthy();
  });

  it('opens the panel with the alert in it; Escape closes it and gives the focus back to the bell', async () => {
    const { broadcast } = mount();
    broadcast({ type: 'alert', alert: alertOf('a') });
    const bell = screen.getByRole('button', { name: 'Alerts: 1 active' });
    bell.focus();
    fireEvent.click(bell);
    const panel = await screen.findByRole('dialog', { name: text.title });
    const active = within(panel).getByRole('grid', { name: text.active });
    expect(within(active).getByText('burn (4242): CPU 85 % for 3 s (above 40 %)')).toBeTruthy();
    expect(within(active).getByText('burn (PID 4242)')).toBeTruthy();
    fireEvent.keyDown(panel, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(bell);
  });
});

describe('an alert’s links', () => {
  async function openOn(alert: Alert) {
    const mounted = mount();
    act(() => mounted.store.getState().ingestSnapshot(snapshot({ processes: [processRow({ pid: 4242, startTimeMs: FIXTURE_TIME_MS, name: 'burn' })] }), 0));
    mounted.broadcast({ type: 'alert', alert });
    fireEvent.click(screen.getByRole('button', { name: 'Alerts: 1 active' }));
    const panel = await screen.findByRole('dialog', { name: text.title });
    act(() => within(panel).getByRole('grid', { name: text.active }).focus());
    return { ...mounted, panel };
  }

  it('Show the process selects it in Processes, as it still runs, and closes the panel', async () => {
    const { store, panel } = await openOn(alertOf('a'));
    fireEvent.click(within(panel).getByRole('button', { name: text.showProcess }));
    expect(store.getState().activeTab).toBe('processes');
    expect([...store.getState().selected]).toEqual([`4242:${FIXTURE_TIME_MS}`]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Go to that moment shows the Processes tab at the moment it fired', async () => {
    const { store, panel } = await openOn(alertOf('a'));
    fireEvent.click(within(panel).getByRole('button', { name: text.goToMoment }));
    expect(store.getState().viewAtMs).toBe(FIXTURE_TIME_MS);
    expect(store.getState().activeTab).toBe('processes');
  });

  it('Keep suspended is offered for a process the rule suspended, and asks the host for each', async () => {
    const suspendedAlert: Alert = {
      ...alertOf('a'),
      actions: [{ action: { type: 'suspend' }, target: { pid: 4242, startTimeMs: FIXTURE_TIME_MS, name: 'burn' }, outcome: 'done', detail: 'suspended', atMs: FIXTURE_TIME_MS }],
    };
    const { panel, kept } = await openOn(suspendedAlert);
    fireEvent.click(within(panel).getByRole('button', { name: text.keepSuspended }));
    await settle();
    expect(kept).toEqual([{ alertId: 'a', pid: 4242, startTimeMs: FIXTURE_TIME_MS }]);
    expect(within(panel).getByText(text.keptSuspended('burn (PID 4242)'))).toBeTruthy();
  });

  it('offers no Keep suspended for an alert whose rule suspended nothing', async () => {
    const { panel } = await openOn(alertOf('a'));
    expect(within(panel).getByRole('button', { name: text.keepSuspended }).hasAttribute('disabled')).toBe(true);
  });
});

describe('the rule editor', () => {
  it('starts from a template and shows a problem at the field it names, as it is typed', async () => {
    mount();
    fireEvent.click(screen.getByRole('button', { name: strings.alertsBell(0) }));
    const panel = await screen.findByRole('dialog', { name: text.title });
    fireEvent.click(within(panel).getByRole('button', { name: text.newRule }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'CPU hog' }));
    const editor = await screen.findByRole('dialog', { name: text.editor.newTitle });
    const threshold = within(editor).getByLabelText(text.editor.threshold);
    await waitFor(() => expect(within(editor).getByRole('button', { name: text.editor.save })).toBeTruthy());
    expect(threshold.getAttribute('aria-invalid')).toBe('false');
    fireEvent.change(threshold, { target: { value: 'lots' } });
    expect(threshold.getAttribute('aria-invalid')).toBe('true');
    const described = document.getElementById(threshold.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toBe('above must be a number');
  });

  it('saves what was typed in the contract’s units, unarmed, and says a rule with actions is a dry run', async () => {
    const { saved } = mount();
    fireEvent.click(screen.getByRole('button', { name: strings.alertsBell(0) }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: text.title })).getByRole('button', { name: text.newRule }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'CPU hog' }));
    const editor = await screen.findByRole('dialog', { name: text.editor.newTitle });
    fireEvent.change(within(editor).getByLabelText(text.editor.matchName), { target: { value: 'burn' } });
    fireEvent.change(within(editor).getByLabelText(text.editor.threshold), { target: { value: '40' } });
    fireEvent.change(within(editor).getByLabelText(text.editor.forSeconds), { target: { value: '3' } });
    fireEvent.change(within(editor).getByLabelText(text.editor.priority), { target: { value: 'belowNormal' } });
    const save = await within(editor).findByRole('button', { name: text.editor.save });
    fireEvent.click(save);
    await settle();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ name: 'CPU hog', match: { name: 'burn' }, metric: 'cpuPercent', above: 40, forSeconds: 3, armed: false, actions: [{ type: 'setPriority', priority: 'belowNormal' }] });
    expect(screen.queryByRole('dialog', { name: text.editor.newTitle })).toBeNull();
    expect(screen.getByText(text.savedDryRun('CPU hog'))).toBeTruthy();
  });
});

describe('arming a rule', () => {
  async function openArm(putRule?: (rule: Rule) => CommandResult) {
    const mounted = mount(putRule);
    act(() => mounted.store.getState().ingestSnapshot(snapshot({ processes: [processRow({ pid: 4242, name: 'burn' }), processRow({ pid: 7, name: 'bash' })] }), 0));
    mounted.broadcast({ type: 'rules', view: view([hog]) });
    fireEvent.click(screen.getByRole('button', { name: strings.alertsBell(0) }));
    const panel = await screen.findByRole('dialog', { name: text.title });
    act(() => within(panel).getByRole('grid', { name: text.rules }).focus());
    fireEvent.click(within(panel).getByRole('button', { name: text.arm }));
    return { ...mounted, dialog: screen.getByRole('alertdialog', { name: text.armTitle('CPU hog') }) };
  }

  it('names the match, the action and the processes it would hit now, then saves it armed', async () => {
    const { dialog, saved } = await openArm();
    expect(within(dialog).getByText(text.armMatch('name burn'))).toBeTruthy();
    expect(within(dialog).getByText(text.armActions('Lower priority to below normal'))).toBeTruthy();
    const listed = within(dialog).getAllByRole('listitem').map((li) => li.textContent);
    expect(listed).toEqual(['burn (PID 4242)']);
    fireEvent.click(within(dialog).getByRole('button', { name: text.armConfirm }));
    await settle();
    expect(saved).toEqual([{ ...hog, armed: true }]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('says the host’s refusal in plain words and stays open', async () => {
    const { dialog } = await openArm(() => failure('CONTROL_DISABLED', 'this host was started without --allow-control'));
    fireEvent.click(within(dialog).getByRole('button', { name: text.armConfirm }));
    await settle();
    expect(within(dialog).getByRole('alert').textContent).toBe('The host refused: this host was started without --allow-control');
  });
});
