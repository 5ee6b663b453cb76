// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyQueryResult } from '../../../src-shared/query.ts';
import { failure } from '../../../src-shared/results.ts';
import { processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import type { UsersView } from '../../../src-shared/users.ts';
import { createAppStore } from '../../store/store.ts';
import { fakeApi, type FakeApiOptions } from '../../testing/query-fake-api.ts';
import { renderPage, settle } from '../../testing/render-page.tsx';
import { useViewport } from '../../testing/viewport.ts';
import { UsersTab } from './UsersTab.tsx';

afterEach(cleanup);

// happy-dom lays nothing out: the virtualised grid needs a viewport size (as DataGrid.test.tsx).
useViewport(400, 1400);

const MB = 1024 * 1024;
const editor = processRow({ pid: 10, name: 'editor', user: 'alice', cpuPercent: 3, memoryBytes: 300 * MB, ioReadBytesPerSec: 1024, ioWriteBytesPerSec: 1024 });
const shell = processRow({ pid: 11, name: 'bash', user: 'alice', cpuPercent: 1, memoryBytes: 100 * MB, ioReadBytesPerSec: null, ioWriteBytesPerSec: null });
const daemon = processRow({ pid: 20, name: 'sshd', user: 'root', cpuPercent: 0.5, memoryBytes: 50 * MB });
const hidden = processRow({ pid: 30, name: 'secret', user: null, cpuPercent: 0.2, memoryBytes: null });

const SESSIONS: UsersView = {
  takenAtMs: 0,
  users: [],
  sessions: [
    { id: 'c2', user: 'alice', state: 'active', clientName: null, station: 'seat0', loginAtMs: null },
    { id: '7', user: 'alice', state: 'online', clientName: 'laptop.lan', station: 'pts/3', loginAtMs: null },
  ],
  sessionsUnavailableReason: null,
};

function mount(options: FakeApiOptions = {}) {
  const store = createAppStore(null);
  store.getState().ingestSnapshot(snapshot({ processes: [editor, shell, daemon, hidden] }), 1000);
  const fake = fakeApi({ answer: (): AnyQueryResult => ({ ok: true, kind: 'users', value: SESSIONS }), ...options });
  renderPage(<UsersTab />, fake.api, store);
  return { fake, store };
}

const grid = () => screen.getByRole('treegrid', { name: 'Users' });
const rowTexts = () =>
  within(grid())
    .getAllByRole('row')
    .slice(1)
    .map((row) => [row.getAttribute('aria-level'), ...[...row.querySelectorAll('[role="gridcell"]')].map((cell) => cell.textContent?.replace(/^[▸▾]/, ''))]);

describe('the Users tab', () => {
  it('one row per user from the live snapshot, sums formatted as in Processes, sessions’ states in Status, Unknown for unreadable owners', async () => {
    const { fake } = mount();
    await settle();
    expect(fake.queries()).toEqual([{ kind: 'users' }]);
    expect(rowTexts()).toEqual([
      ['1', 'alice (2)', 'Online, Active', '4.0%', '400.0 MB', '2.0 KB/s', '—', '—'],
      ['1', 'root (1)', '', '0.5%', '50.0 MB', '—', '—', '—'],
      ['1', 'Unknown (1)', '', '0.2%', '—', '—', '—', '—'],
    ]);
  });

  it('opens a user to its processes by keyboard (Right, Left, Enter) and shows its sessions under the table', async () => {
    mount();
    await settle();
    const table = grid();
    fireEvent.focus(table);
    fireEvent.keyDown(table, { key: 'Home' });
    fireEvent.keyDown(table, { key: 'ArrowRight' });
    expect(rowTexts().map((r) => r[1])).toEqual(['alice (2)', 'editor (PID 10)', 'bash (PID 11)', 'root (1)', 'Unknown (1)']);
    expect(within(table).getAllByRole('row')[1]?.getAttribute('aria-expanded')).toBe('true');
    const sessions = screen.getByRole('region', { name: 'Sessions of alice' });
    expect(within(sessions).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Session 7: Online, on pts/3, from laptop.lan', 'Session c2: Active, on seat0']);
    fireEvent.keyDown(table, { key: 'ArrowLeft' });
    expect(rowTexts()).toHaveLength(3);
    fireEvent.keyDown(table, { key: 'Enter' });
    expect(rowTexts()).toHaveLength(5);
  });

  it('sorts by a header (aria-sort), users and their processes alike', async () => {
    mount();
    await settle();
    const user = within(grid()).getByRole('columnheader', { name: 'User' });
    fireEvent.click(within(user).getByRole('button'));
    expect(user.getAttribute('aria-sort')).toBe('ascending');
    expect(rowTexts().map((r) => r[1])).toEqual(['alice (2)', 'root (1)', 'Unknown (1)']);
    fireEvent.click(within(user).getByRole('button'));
    expect(rowTexts().map((r) => r[1])).toEqual(['root (1)', 'alice (2)', 'Unknown (1)']);
  });

  it('searches users and processes: a process shows under its user, opened', async () => {
    mount();
    await settle();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'bash' } });
    expect(rowTexts().map((r) => [r[0], r[1]])).toEqual([
      ['1', 'alice (2)'],
      ['2', 'bash (PID 11)'],
    ]);
  });

  it('Go to details from the context menu selects the user’s processes in Processes', async () => {
    const { store } = mount();
    await settle();
    const table = grid();
    fireEvent.focus(table);
    fireEvent.keyDown(table, { key: 'Home' });
    fireEvent.keyDown(table, { key: 'F10', shiftKey: true });
    const menu = screen.getByRole('menu', { name: 'Users' });
    expect(within(menu).getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Expand', 'Go to details']);
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    fireEvent.keyDown(menu, { key: 'Enter' });
    expect(store.getState().activeTab).toBe('processes');
    expect([...store.getState().selected].sort()).toEqual([`10:${editor.startTimeMs}`, `11:${shell.startTimeMs}`]);
  });

  it('says why sessions are not listed, and still lists the users', async () => {
    mount({ answer: () => failure('UNSUPPORTED', 'users are not read by this host') });
    await settle();
    expect(screen.getByText('users are not read by this host')).toBeTruthy();
    expect(rowTexts().map((r) => [r[1], r[2]])).toEqual([
      ['alice (2)', ''],
      ['root (1)', ''],
      ['Unknown (1)', ''],
    ]);
  });
});
