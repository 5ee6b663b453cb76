// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyQueryResult } from '../../../src-shared/query.ts';
import { failure } from '../../../src-shared/results.ts';
import type { StartupEntry, StartupView } from '../../../src-shared/startup.ts';
import { createAppStore } from '../../store/store.ts';
import { fakeApi, type FakeApiOptions } from '../../testing/query-fake-api.ts';
import { gridCellTexts, renderPage, settle } from '../../testing/render-page.tsx';
import { storeShowingBuildServer } from '../../testing/shown-machine.ts';
import { useViewport } from '../../testing/viewport.ts';
import { StartupTab } from './StartupTab.tsx';

afterEach(cleanup);

// happy-dom lays nothing out: the virtualised grid needs a viewport size (as DataGrid.test.tsx).
useViewport(400, 1400);

const CONTROL_DISABLED = 'this host was started without --allow-control: it only shows, it does not act';

function entry(overrides: Partial<StartupEntry>): StartupEntry {
  return {
    id: `autostartUser:${overrides.name ?? 'x'}.desktop`,
    name: 'x',
    publisher: null,
    command: 'x',
    exePath: null,
    location: 'autostartUser',
    locationPath: '/home/u/.config/autostart/x.desktop',
    status: 'enabled',
    statusDetail: null,
    changedAtMs: null,
    needsElevation: false,
    impact: { state: 'notMeasured', reason: 'history is off' },
    ...overrides,
  };
}

const syncthing = entry({
  id: 'autostartUser:syncthing.desktop',
  name: 'Syncthing',
  command: 'syncthing serve --no-browser',
  impact: { state: 'measured', loginAtMs: 1_700_000_000_000, cpuTimeMs: 1_250, diskBytes: 3 * 1024 * 1024, processCount: 2 },
});
const backup = entry({
  id: 'autostartSystem:backup.desktop',
  name: 'Backup',
  location: 'autostartSystem',
  status: 'disabled',
  statusDetail: 'Hidden=true',
  needsElevation: true,
  command: 'deja-dup --monitor',
  impact: { state: 'notMeasured', reason: 'the last login is older than what history holds' },
});
const agent = entry({ id: 'registryUserRun:Agent', name: 'Agent', location: 'registryUserRun', publisher: 'Contoso Ltd.', command: 'C:\\agent.exe', impact: { state: 'measured', loginAtMs: 1, cpuTimeMs: 90, diskBytes: null, processCount: 1 } });

const VIEW: StartupView = { entries: [syncthing, backup, agent], unavailableReason: null, notes: ['Packaged apps’ startup tasks are not listed.'] };

function mount(options: FakeApiOptions = {}, view: StartupView = VIEW, store = createAppStore(null)) {
  const fake = fakeApi({ answer: (): AnyQueryResult => ({ ok: true, kind: 'startup', value: view }), ...options });
  renderPage(<StartupTab />, fake.api, store);
  return fake;
}

const grid = () => screen.getByRole('grid', { name: 'Startup apps' });
const rowTexts = () => gridCellTexts(grid());
const names = () => rowTexts().map((cells) => cells[0]);
const header = (name: string) => within(grid()).getByRole('columnheader', { name });

describe('the Startup apps tab', () => {
  it('lists every entry with its publisher, status, measured or unmeasured impact, location and command; notes above', async () => {
    const fake = mount();
    await settle();
    expect(fake.queries()).toEqual([{ kind: 'startup' }]);
    expect(rowTexts()).toEqual([
      ['Agent', 'Contoso Ltd.', 'Enabled', '90 ms CPU, — disk', '', 'Registry (this user)', 'C:\\agent.exe'],
      ['Backup', '', 'Disabled', 'Not measured', 'Yes', 'Autostart (system)', 'deja-dup --monitor'],
      ['Syncthing', '', 'Enabled', '1.3 s CPU, 3.0 MB disk', '', 'Autostart (this user)', 'syncthing serve --no-browser'],
    ]);
    // The reason it is not measured is the cell's tooltip, and the status's detail the status cell's.
    const backupCells = within(grid()).getAllByRole('row')[2]?.querySelectorAll('[role="gridcell"]');
    expect(backupCells?.[3]?.getAttribute('title')).toBe('the last login is older than what history holds');
    expect(backupCells?.[2]?.getAttribute('title')).toBe('Hidden=true');
    expect(screen.getByText('Packaged apps’ startup tasks are not listed.')).toBeTruthy();
  });

  it('says why there is nothing to list (another OS) in the table’s place and above it', async () => {
    mount({}, { entries: [], unavailableReason: 'Startup apps are read on Windows and Linux only', notes: [] });
    await settle();
    expect(within(grid()).getByRole('gridcell').textContent).toBe('Startup apps are read on Windows and Linux only');
    expect(screen.getAllByText('Startup apps are read on Windows and Linux only')).toHaveLength(2);
  });

  it('says a query refused in plain words where the rows would be', async () => {
    mount({ answer: () => failure('UNSUPPORTED', 'startup apps are not read by this host') });
    await settle();
    expect(within(grid()).getByRole('gridcell').textContent).toBe('startup apps are not read by this host');
  });

  it('sorts by a header: aria-sort on it, figures largest first, again turns it round, unmeasured last either way', async () => {
    mount();
    await settle();
    expect(header('Name').getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(header('Startup impact')).getByRole('button'));
    expect(header('Startup impact').getAttribute('aria-sort')).toBe('descending');
    expect(header('Name').getAttribute('aria-sort')).toBeNull();
    expect(names()).toEqual(['Syncthing', 'Agent', 'Backup']);
    fireEvent.click(within(header('Startup impact')).getByRole('button'));
    expect(header('Startup impact').getAttribute('aria-sort')).toBe('ascending');
    expect(names()).toEqual(['Agent', 'Syncthing', 'Backup']);
  });

  it('searches name, publisher and command', async () => {
    mount();
    await settle();
    const search = screen.getByRole('searchbox', { name: 'Search' });
    fireEvent.change(search, { target: { value: 'contoso' } });
    expect(names()).toEqual(['Agent']);
    fireEvent.change(search, { target: { value: 'NO-BROWSER' } });
    expect(names()).toEqual(['Syncthing']);
    fireEvent.change(search, { target: { value: 'nothing like it' } });
    expect(within(grid()).getByRole('gridcell').textContent).toBe('No startup app matches the search.');
  });

  it('works by keyboard alone: arrows, End, Home move the focus; Shift+F10 opens the menu; Enter disables the entry', async () => {
    const fake = mount();
    await settle();
    const table = grid();
    fireEvent.focus(table);
    fireEvent.keyDown(table, { key: 'ArrowDown' });
    const selectedName = () => within(table).getAllByRole('row').find((r) => r.getAttribute('aria-selected') === 'true')?.querySelector('[role="gridcell"]')?.textContent;
    expect(selectedName()).toBe('Backup');
    fireEvent.keyDown(table, { key: 'End' });
    expect(selectedName()).toBe('Syncthing');
    fireEvent.keyDown(table, { key: 'Home' });
    expect(selectedName()).toBe('Agent');
    // The details line says where the focused entry is kept.
    expect(screen.getByLabelText('Selected startup app').textContent).toContain('Kept at /home/u/.config/autostart/x.desktop.');

    fireEvent.keyDown(table, { key: 'F10', shiftKey: true });
    const menu = screen.getByRole('menu', { name: 'Startup apps' });
    expect(within(menu).getAllByRole('menuitem').map((i) => [i.textContent, i.getAttribute('aria-disabled')])).toEqual([
      ['Enable', 'true'],
      ['Disable', null],
      ['Open file location', null],
      ['Properties', null],
    ]);
    // Enable is disabled (it is enabled): the menu opens on Disable.
    fireEvent.keyDown(menu, { key: 'Enter' });
    await settle();
    expect(fake.argsOf('disableStartup')).toEqual([{ id: 'registryUserRun:Agent' }]);
    expect(screen.getByRole('status').textContent).toContain('Agent will not start at the next login.');
    // Read again after the action, so the status shown is the OS's.
    expect(fake.queries()).toHaveLength(2);
  });

  it('the toolbar’s button enables a disabled entry; Open file location and Properties send its id', async () => {
    const fake = mount();
    await settle();
    fireEvent.mouseDown(within(grid()).getByText('Backup'));
    fireEvent.click(screen.getByRole('button', { name: 'Enable' }));
    await settle();
    expect(screen.getByRole('status').textContent).toContain('Backup will start at the next login.');
    fireEvent.click(screen.getByRole('button', { name: 'Open file location' }));
    fireEvent.click(screen.getByRole('button', { name: 'Properties' }));
    await settle();
    expect(fake.argsOf('enableStartup')).toEqual([{ id: 'autostartSystem:backup.desktop' }]);
    expect(fake.argsOf('openStartupLocation')).toEqual([{ id: 'autostartSystem:backup.desktop' }]);
    expect(fake.argsOf('openStartupProperties')).toEqual([{ id: 'autostartSystem:backup.desktop' }]);
    expect(screen.getByLabelText('Selected startup app').textContent).toContain('Changing it needs the app started as administrator.');
  });

  it('while another machine is shown, the feedback names it (on this computer, the tests above: it does not)', async () => {
    const store = storeShowingBuildServer();
    const fake = mount({ commands: { enableStartup: () => failure('CONTROL_DISABLED', CONTROL_DISABLED) } }, VIEW, store);
    await settle();
    fireEvent.mouseDown(within(grid()).getByText('Agent'));
    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    await settle();
    expect(fake.argsOf('disableStartup')).toEqual([{ id: 'registryUserRun:Agent' }]);
    expect(screen.getByRole('status').textContent).toContain('Agent on build-server will not start at the next login.');
    fireEvent.mouseDown(within(grid()).getByText('Backup'));
    fireEvent.click(screen.getByRole('button', { name: 'Enable' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toContain(`Enable on build-server failed: ${CONTROL_DISABLED}`);
  });

  it('says a refusal verbatim in plain words (a view-only host, a desktop-only command, elevation)', async () => {
    mount({
      commands: {
        disableStartup: () => failure('CONTROL_DISABLED', CONTROL_DISABLED),
        openStartupLocation: () => failure('UNSUPPORTED', 'openStartupLocation works in the desktop app only'),
      },
    });
    await settle();
    fireEvent.mouseDown(within(grid()).getByText('Syncthing'));
    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toContain(`Disable failed: ${CONTROL_DISABLED}`);
    fireEvent.click(screen.getByRole('button', { name: 'Open file location' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toContain('Open file location failed: openStartupLocation works in the desktop app only');
    // Dismissed, it goes.
    fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
