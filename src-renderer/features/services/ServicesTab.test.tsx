// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyQueryResult } from '../../../src-shared/query.ts';
import { failure } from '../../../src-shared/results.ts';
import type { ServiceRow, ServicesView } from '../../../src-shared/services.ts';
import { processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { createAppStore } from '../../store/store.ts';
import { fakeApi, type FakeApiOptions } from '../../testing/query-fake-api.ts';
import { gridCellTexts, renderPage, settle } from '../../testing/render-page.tsx';
import { storeShowingBuildServer } from '../../testing/shown-machine.ts';
import { useViewport } from '../../testing/viewport.ts';
import { ServicesTab } from './ServicesTab.tsx';

afterEach(cleanup);

// happy-dom lays nothing out: the virtualised grid needs a viewport size (as DataGrid.test.tsx).
useViewport(400, 1400);

const CONTROL_DISABLED = 'this host was started without --allow-control: it only shows, it does not act';
const SSH_START_MS = 1_700_000_100_000;

function service(overrides: Partial<ServiceRow>): ServiceRow {
  return {
    name: 'x.service',
    displayName: 'x',
    description: null,
    state: 'running',
    subState: 'running',
    startType: 'enabled',
    startTypeDetail: null,
    pid: null,
    startTimeMs: null,
    group: 'system.slice',
    canStop: true,
    ...overrides,
  };
}

const ssh = service({ name: 'ssh.service', displayName: 'OpenBSD Secure Shell server', pid: 812, startTimeMs: SSH_START_MS });
const cups = service({ name: 'cups.service', displayName: 'CUPS Scheduler', state: 'stopped', subState: 'dead', startType: 'disabled', canStop: false });
const dbus = service({ name: 'dbus.service', displayName: 'D-Bus System Message Bus', pid: 401, startType: 'static', canStop: false });
const odd = service({ name: 'odd.service', displayName: 'Odd', state: 'failed', subState: 'failed', startType: 'other', startTypeDetail: 'generated', group: null, canStop: false });

const VIEW: ServicesView = { services: [ssh, cups, dbus, odd], unavailableReason: null };

function mount(options: FakeApiOptions = {}, view: ServicesView = VIEW, store = createAppStore(null)) {
  const fake = fakeApi({ answer: (): AnyQueryResult => ({ ok: true, kind: 'services', value: view }), ...options });
  renderPage(<ServicesTab />, fake.api, store);
  return fake;
}

const grid = () => screen.getByRole('grid', { name: 'Services' });
const rowTexts = () => gridCellTexts(grid());
const names = () => rowTexts().map((cells) => cells[0]);
const choose = (name: string) => fireEvent.mouseDown(within(grid()).getByText(name));
const button = (name: string) => screen.getByRole<HTMLButtonElement>('button', { name });

describe('the Services tab', () => {
  it('lists every service: name, PID, description, status, start type, group', async () => {
    mount();
    await settle();
    expect(rowTexts()).toEqual([
      ['cups.service', '', 'CUPS Scheduler', 'Stopped', 'Disabled', 'system.slice'],
      ['dbus.service', '401', 'D-Bus System Message Bus', 'Running', 'Static', 'system.slice'],
      ['odd.service', '', 'Odd', 'Failed', 'generated', ''],
      ['ssh.service', '812', 'OpenBSD Secure Shell server', 'Running', 'Enabled', 'system.slice'],
    ]);
  });

  it('says "systemd is not running" in the table’s place', async () => {
    mount({}, { services: [], unavailableReason: 'systemd is not running on this machine' });
    await settle();
    expect(within(grid()).getByRole('gridcell').textContent).toBe('systemd is not running on this machine');
  });

  it('sorts by PID (largest first, none last) and searches by PID prefix and by description', async () => {
    mount();
    await settle();
    const pid = within(grid()).getByRole('columnheader', { name: 'PID' });
    fireEvent.click(within(pid).getByRole('button'));
    expect(pid.getAttribute('aria-sort')).toBe('descending');
    expect(names()).toEqual(['ssh.service', 'dbus.service', 'cups.service', 'odd.service']);
    const search = screen.getByRole('searchbox', { name: 'Search' });
    fireEvent.change(search, { target: { value: '81' } });
    expect(names()).toEqual(['ssh.service']);
    fireEvent.change(search, { target: { value: 'scheduler' } });
    expect(names()).toEqual(['cups.service']);
  });

  it('offers only what the service’s state allows: Start for a stopped one, Stop and Restart for a running one that accepts a stop', async () => {
    const fake = mount();
    await settle();
    choose('cups.service');
    expect([button('Start').disabled, button('Stop').disabled, button('Restart').disabled]).toEqual([false, true, true]);
    fireEvent.click(button('Start'));
    await settle();
    expect(fake.argsOf('startService')).toEqual([{ name: 'cups.service' }]);
    expect(screen.getByRole('status').textContent).toContain('Started CUPS Scheduler.');
    choose('ssh.service');
    expect([button('Start').disabled, button('Stop').disabled, button('Restart').disabled]).toEqual([true, false, false]);
    choose('dbus.service');
    expect([button('Start').disabled, button('Stop').disabled, button('Restart').disabled]).toEqual([true, true, true]);
  });

  it('a stop that would stop dependents asks first, naming them, and "Stop all" sends it again confirmed', async () => {
    const dependents = 'Stopping ssh.service also stops the services that depend on it: sshd-keygen.service, backup-over-ssh.service.';
    const fake = mount({
      commands: { stopService: (args) => ((args as { isDependentsConfirmed?: boolean }).isDependentsConfirmed ? { ok: true } : failure('NEEDS_CONFIRMATION', dependents)) },
    });
    await settle();
    choose('ssh.service');
    fireEvent.click(button('Stop'));
    await settle();
    const dialog = screen.getByRole('alertdialog', { name: 'Stop OpenBSD Secure Shell server and the services that depend on it?' });
    expect(within(dialog).getByText(dependents)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull(); // a question, not a failure
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop all' }));
    await settle();
    expect(fake.argsOf('stopService')).toEqual([{ name: 'ssh.service' }, { name: 'ssh.service', isDependentsConfirmed: true }]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('Stopped OpenBSD Secure Shell server.');
  });

  it('Cancel in the dependents question sends nothing more', async () => {
    const fake = mount({ commands: { restartService: () => failure('NEEDS_CONFIRMATION', 'Restarting ssh.service also stops x.service.') } });
    await settle();
    choose('ssh.service');
    fireEvent.click(button('Restart'));
    await settle();
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByRole('button', { name: 'Restart all' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.argsOf('restartService')).toEqual([{ name: 'ssh.service' }]);
  });

  it('Restart says so when done; Start over the host is refused as desktop-only, in its words', async () => {
    const desktopOnly = 'startService works in the desktop app only: over the network it would open windows, start programs or write files on this machine';
    const fake = mount({ commands: { startService: () => failure('UNSUPPORTED', desktopOnly) } });
    await settle();
    choose('ssh.service');
    fireEvent.click(button('Restart'));
    await settle();
    expect(fake.argsOf('restartService')).toEqual([{ name: 'ssh.service' }]);
    expect(screen.getByRole('status').textContent).toContain('Restarted OpenBSD Secure Shell server.');
    choose('odd.service');
    fireEvent.click(button('Start'));
    await settle();
    expect(screen.getByRole('alert').textContent).toContain(`Start failed: ${desktopOnly}`);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('while another machine is shown, the dependents question and the feedback name it (on this computer, the tests above: they do not)', async () => {
    const store = storeShowingBuildServer();
    const dependents = 'Stopping ssh.service also stops backup-over-ssh.service.';
    const fake = mount(
      {
        commands: {
          stopService: (args) => ((args as { isDependentsConfirmed?: boolean }).isDependentsConfirmed ? { ok: true } : failure('NEEDS_CONFIRMATION', dependents)),
          restartService: () => failure('CONTROL_DISABLED', CONTROL_DISABLED),
        },
      },
      VIEW,
      store,
    );
    await settle();
    choose('ssh.service');
    fireEvent.click(button('Stop'));
    await settle();
    const dialog = screen.getByRole('alertdialog', { name: 'Stop OpenBSD Secure Shell server on build-server and the services that depend on it?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop all' }));
    await settle();
    expect(fake.argsOf('stopService')).toEqual([{ name: 'ssh.service' }, { name: 'ssh.service', isDependentsConfirmed: true }]);
    expect(screen.getByRole('status').textContent).toContain('Stopped OpenBSD Secure Shell server on build-server.');
    fireEvent.click(button('Restart'));
    await settle();
    expect(screen.getByRole('alert').textContent).toContain(`Restart on build-server failed: ${CONTROL_DISABLED}`);
  });

  it('says a stop that timed out, and a view-only host’s refusal, verbatim in plain words', async () => {
    const timedOut = 'ssh.service did not stop within 30 seconds; it was not forced';
    let answer = failure('TIMED_OUT', timedOut);
    mount({ commands: { stopService: () => answer } });
    await settle();
    choose('ssh.service');
    fireEvent.click(button('Stop'));
    await settle();
    expect(screen.getByRole('alert').textContent).toContain(`Stop failed: ${timedOut}`);
    answer = failure('CONTROL_DISABLED', CONTROL_DISABLED);
    fireEvent.click(button('Stop'));
    await settle();
    expect(screen.getByRole('alert').textContent).toContain(`Stop failed: ${CONTROL_DISABLED}`);
  });

  it('Go to details (Enter, or the menu by keyboard) selects the service’s process in Processes', async () => {
    const store = createAppStore(null);
    const sshd = processRow({ pid: 812, name: 'sshd', startTimeMs: SSH_START_MS });
    store.getState().ingestSnapshot(snapshot({ processes: [processRow({ pid: 1, name: 'init' }), sshd] }), 1000);
    mount({}, VIEW, store);
    await settle();
    const table = grid();
    fireEvent.focus(table);
    fireEvent.keyDown(table, { key: 'End' });
    fireEvent.keyDown(table, { key: 'ContextMenu' });
    const menu = screen.getByRole('menu', { name: 'Services' });
    expect(within(menu).getAllByRole('menuitem').map((i) => [i.textContent, i.getAttribute('aria-disabled')])).toEqual([
      ['Start', 'true'],
      ['Stop', null],
      ['Restart', null],
      ['Go to details', null],
    ]);
    fireEvent.keyDown(menu, { key: 'Escape' });
    fireEvent.keyDown(table, { key: 'Enter' });
    expect(store.getState().activeTab).toBe('processes');
    expect([...store.getState().selected]).toEqual([`812:${SSH_START_MS}`]);
  });

  it('Go to details says so when the process is no longer in the snapshot', async () => {
    mount();
    await settle();
    choose('ssh.service');
    const table = grid();
    fireEvent.keyDown(table, { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toContain('The process of OpenBSD Secure Shell server (PID 812) is not in the latest snapshot');
  });
});
