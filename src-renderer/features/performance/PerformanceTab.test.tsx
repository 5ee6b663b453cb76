// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Inventory } from '../../../src-shared/inventory.ts';
import { cpuFigures, FIXTURE_TIME_MS, memoryFigures, snapshot } from '../../../src-shared/testing/fixtures.ts';
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { createAppStore } from '../../store/store.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { AnyQueryResult, Query } from '../../../src-shared/query.ts';
import { CPU_MODEL, inventoryFixture, NO_VIRTUALIZATION } from './inventory.fixture.ts';
import { PerformanceTab } from './PerformanceTab.tsx';

const GB = 1024 ** 3;

function machine(sec: number, overrides: Partial<Snapshot> = {}): Snapshot {
  return snapshot({
    seq: sec + 1,
    takenAtMs: FIXTURE_TIME_MS + sec * 1000,
    cpu: cpuFigures({ totalPercent: 10 + sec, kernelPercent: 2, perCorePercent: [10, 30], logicalCores: 2, speedMhz: 2450, uptimeSec: 3661 }),
    memory: memoryFigures({ totalBytes: 8 * GB, usedBytes: 2 * GB, availableBytes: 6 * GB, cachedBytes: GB, commitBytes: 3 * GB, commitLimitBytes: null , modifiedBytes: null, standbyBytes: null, freeBytes: null, compressedBytes: null, pagedPoolBytes: null, nonPagedPoolBytes: null}),
    disks: [{ id: 'sda', name: 'sda (Disk model)', readBytesPerSec: 2048, writeBytesPerSec: null, activePercent: 4, responseTimeMs: null }],
    network: [{ name: 'eth0', rxBytesPerSec: 100, txBytesPerSec: 50, rxTotalBytes: GB, txTotalBytes: 0 }],
    gpus: [{ id: 'g0', name: 'Test GPU', vendor: 'other', utilizationPercent: null, memoryUsedBytes: null, memoryTotalBytes: 4 * GB, temperatureC: 41, sharedMemoryUsedBytes: null, engines: [] }],
    ...overrides,
  });
}

/** The host as the tab sees it: only queries are asked of it (the history of a range). */
function fakeApi(answer: (query: Query) => AnyQueryResult = () => ({ ok: false, code: 'HISTORY_OFF', message: 'recording is off' })) {
  const asked: Query[] = [];
  const api = new Proxy({} as TaskManagerApi, {
    get: (_target, name: string) => (arg: unknown) => {
      if (name !== 'query') throw new Error(`the Performance tab called ${name}`);
      asked.push(arg as Query);
      return Promise.resolve(answer(arg as Query));
    },
  });
  return { api, asked };
}

function renderTab(snapshots: readonly Snapshot[], inventory: Inventory | null = null, api: TaskManagerApi = fakeApi().api) {
  const store = createAppStore(null);
  for (const s of snapshots) store.getState().ingestSnapshot(s, 0);
  if (inventory) store.getState().ingestInventory(inventory);
  render(
    <ApiContext.Provider value={api}>
      <StoreContext.Provider value={store}>
        <PerformanceTab />
      </StoreContext.Provider>
    </ApiContext.Provider>,
  );
  return store;
}

const options = () => within(screen.getByRole('listbox', { name: 'Resources' })).getAllByRole('option');
const selectedName = () => options().find((o) => o.getAttribute('aria-selected') === 'true')?.querySelector('.perf-entry-name')?.textContent;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The facts list of the shown page, and a fact's value cell by its label. */
const facts = () => document.querySelector('dl.perf-facts') as HTMLElement;
const factCell = (label: string) => within(facts()).getByText(label, { selector: 'dt' }).parentElement?.querySelector('dd') ?? null;
/** What a screen reader says of a cell: its text without the hidden description, and the description. */
const spoken = (dd: Element | null) => ({
  text: dd?.firstChild?.textContent ?? null,
  description: dd?.getAttribute('aria-describedby') ? (document.getElementById(dd.getAttribute('aria-describedby') ?? '')?.textContent ?? null) : null,
  tooltip: dd?.getAttribute('title') ?? null,
});
const figure = (label: string) =>
  within(document.querySelector('dl.perf-figures') as HTMLElement).getByText(label, { selector: 'dt' }).parentElement?.querySelector('dd')?.textContent;
const select = (index: number) => fireEvent.click(options()[index] as HTMLElement);

describe('PerformanceTab', () => {
  it('lists every resource with its figure, the CPU selected and charted', () => {
    renderTab([machine(0), machine(1)]);
    expect(options().map((o) => o.querySelector('.perf-entry-name')?.textContent)).toEqual(['CPU', 'Memory', 'Disk sda', 'Network eth0', 'GPU 0']);
    expect(options()[0]?.textContent).toContain('11.0%');
    expect(selectedName()).toBe('CPU');
    expect(screen.getByRole('img', { name: 'CPU utilisation, last 60 seconds' }).dataset['testid']).toBe('cpu-chart');
    expect(screen.getByText('0:01:01:01')).toBeTruthy();
    expect(screen.queryByText('No GPU found')).toBeNull();
  });

  it('gives each figure its definition as a tooltip', () => {
    renderTab([machine(0)]);
    const utilisation = screen.getByText('Utilisation').closest('div');
    expect(utilisation?.getAttribute('title')).toMatch(/Busy share of all logical processors/);
  });

  it('moves the selection by keyboard (Down, Up, End, Home), focus following', () => {
    renderTab([machine(0)]);
    const list = screen.getByRole('listbox', { name: 'Resources' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(selectedName()).toBe('Memory');
    expect(document.activeElement).toBe(options()[1]);
    expect(screen.getByRole('img', { name: 'Memory in use, last 60 seconds' })).toBeTruthy();
    expect(screen.getByText('3.0 GB')).toBeTruthy(); // committed, its limit unknown: the part alone
    fireEvent.keyDown(list, { key: 'End' });
    expect(selectedName()).toBe('GPU 0');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(selectedName()).toBe('GPU 0');
    fireEvent.keyDown(list, { key: 'Home' });
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(selectedName()).toBe('CPU');
  });

  it('shows unknown GPU figures as "—", never 0', () => {
    renderTab([machine(0)]);
    fireEvent.click(options()[4] as HTMLElement);
    const figures = screen.getByRole('region', { name: 'GPU 0' });
    const value = (label: string) => within(figures).getByText(label).closest('div')?.querySelector('dd')?.textContent;
    expect(value('Utilisation')).toBe('—');
    expect(value('GPU memory')).toBe('—');
    expect(value('Temperature')).toBe('41 °C');
  });

  it('says "No GPU found" when the machine has none, and falls back to the CPU when a selected device goes away', () => {
    const store = renderTab([machine(0, { gpus: [] })]);
    expect(screen.getByText('No GPU found')).toBeTruthy();
    fireEvent.click(options()[3] as HTMLElement);
    expect(selectedName()).toBe('Network eth0');
    act(() => store.getState().ingestSnapshot(machine(1, { gpus: [], network: [] }), 0));
    expect(selectedName()).toBe('CPU');
  });

  it('shows "—" before the first snapshot', () => {
    renderTab([]);
    expect(options()).toHaveLength(2);
    expect(options()[0]?.textContent).toContain('—');
  });

  it('shows the CPU’s facts from the inventory in a labelled list, a missing one "—" with its reason as tooltip and description', () => {
    renderTab([machine(0)], inventoryFixture());
    expect(screen.getByText(CPU_MODEL)).toBeTruthy();
    expect(facts().getAttribute('aria-label')).toBe('CPU facts');
    expect(spoken(factCell('Base speed'))).toEqual({ text: '2.80 GHz', description: null, tooltip: null });
    expect(spoken(factCell('L3 cache')).text).toBe('12.0 MB');
    expect(spoken(factCell('Cores')).text).toBe('4');
    expect(spoken(factCell('Virtualization'))).toEqual({ text: '—', description: NO_VIRTUALIZATION, tooltip: NO_VIRTUALIZATION });
  });

  it('shows every fact "—" while the inventory is being read, then the facts when it arrives', () => {
    const store = renderTab([machine(0)]);
    expect(spoken(factCell('Base speed'))).toEqual({
      text: '—',
      description: 'The machine’s facts are still being read.',
      tooltip: 'The machine’s facts are still being read.',
    });
    act(() => store.getState().ingestInventory(inventoryFixture()));
    expect(spoken(factCell('Base speed')).text).toBe('2.80 GHz');
  });

  it('toggles between the overall chart and a large chart per logical processor', () => {
    renderTab([machine(0), machine(1)]);
    const toggle = screen.getByRole('button', { name: 'Show a graph per logical processor' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByTestId('core-charts')).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByTestId('cpu-chart')).toBeNull();
    const charts = within(screen.getByTestId('core-charts')).getAllByRole('img');
    expect(charts.map((c) => c.getAttribute('aria-label'))).toEqual(['CPU 0 utilisation, last 60 seconds', 'CPU 1 utilisation, last 60 seconds']);
    fireEvent.click(toggle);
    expect(screen.getByTestId('cpu-chart')).toBeTruthy();
  });

  it('labels every chart’s axis with its unit', () => {
    renderTab([machine(0), machine(1)], inventoryFixture());
    const units = () => [...document.querySelectorAll('.perf-chart-unit')].map((e) => e.textContent);
    expect(units()).toEqual(['% Utilisation']);
    select(1);
    expect(units()).toEqual(['Memory in use (bytes)']);
    select(2);
    expect(units()).toEqual(['% Active time', 'Transfer rate (bytes per second)']);
    select(3);
    expect(units()).toEqual(['Throughput (bits per second)']);
    select(4);
    expect(units()[0]).toBe('% Utilisation');
  });

  it('titles a disk by its drive letters, with response time and read and write apart, and its facts', () => {
    renderTab([machine(0, { disks: [{ id: 'sda', name: 'sda', readBytesPerSec: 2048, writeBytesPerSec: 1024, activePercent: 4, responseTimeMs: 1.25 }] })], inventoryFixture());
    select(2);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Disk 0 (C:)');
    // The sidebar names it as the page does, with its drive letter.
    expect(options()[2]?.querySelector('.perf-entry-name')?.textContent).toBe('Disk 0 (C:)');
    expect(figure('Average response time')).toBe('1.3 ms');
    expect(figure('Read speed')).toBe('2.0 KB/s');
    expect(figure('Write speed')).toBe('1.0 KB/s');
    expect(spoken(factCell('Type')).text).toBe('NVMe');
    expect(spoken(factCell('System disk')).text).toBe('Yes');
  });

  it('shows a network adapter’s throughput in bits per second and its addresses', () => {
    renderTab([machine(0)], inventoryFixture());
    select(3);
    expect(screen.getByText('Intel(R) Wi-Fi 6 AX201 160MHz', { selector: '.perf-view-subtitle' })).toBeTruthy();
    expect(figure('Send')).toBe('400 bps');
    expect(figure('Receive')).toBe('800 bps');
    expect(spoken(factCell('IPv4 address')).text).toBe('192.168.1.23');
    expect(spoken(factCell('Link speed')).text).toBe('866.7 Mbps');
  });

  it('draws memory’s four parts and their legend where the OS gives the lists', () => {
    const memory = memoryFigures({ totalBytes: 8 * GB, usedBytes: 3 * GB, availableBytes: 5 * GB, cachedBytes: 4 * GB, modifiedBytes: GB, standbyBytes: 3 * GB, freeBytes: GB });
    renderTab([machine(0, { memory })], inventoryFixture());
    select(1);
    const parts = [...document.querySelectorAll('.perf-composition [data-part]')].map((e) => [e.getAttribute('data-part'), (e as HTMLElement).style.width]);
    expect(parts).toEqual([
      ['inUse', '37.50%'],
      ['modified', '12.50%'],
      ['standby', '37.50%'],
      ['free', '12.50%'],
    ]);
    expect([...document.querySelectorAll('.perf-legend li')].map((e) => e.textContent)).toEqual(['In use: 3.0 GB', 'Modified: 1.0 GB', 'Standby: 3.0 GB', 'Free: 1.0 GB']);
    expect(spoken(factCell('Slots used')).text).toBe('2 of 4');
  });

  it('draws a small graph per GPU engine type', () => {
    const engines = [
      { name: '3D', utilizationPercent: 12 },
      { name: 'Copy', utilizationPercent: 1 },
      { name: 'Video Decode', utilizationPercent: null },
    ];
    const gpu = (sec: number) => machine(sec, { gpus: [{ id: 'g0', name: 'Test GPU', vendor: 'other', utilizationPercent: 5, memoryUsedBytes: null, memoryTotalBytes: 4 * GB, temperatureC: 41, sharedMemoryUsedBytes: GB, engines }] });
    const store = renderTab([gpu(0)], inventoryFixture());
    select(4);
    act(() => store.getState().ingestSnapshot(gpu(1), 0));
    const charts = within(screen.getByRole('list', { name: 'Engines' })).getAllByRole('img');
    expect(charts.map((c) => c.getAttribute('aria-label'))).toEqual([
      'GPU 0 3D engine utilisation, since this page opened',
      'GPU 0 Copy engine utilisation, since this page opened',
      'GPU 0 Video Decode engine utilisation, since this page opened',
    ]);
    expect(spoken(factCell('Driver version')).text).toBe('31.0.101.4502');
  });

  it('copies the selected page’s figures and facts as text on Ctrl+C', async () => {
    const writeText = vi.fn((text: string) => Promise.resolve(text).then(() => undefined));
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderTab([machine(0)], inventoryFixture());
    fireEvent.keyDown(document.body, { key: 'c', ctrlKey: true });
    expect(writeText).toHaveBeenCalledTimes(1);
    const text = writeText.mock.calls[0]?.[0] ?? '';
    expect(text.startsWith(`CPU\n\t${CPU_MODEL}\n\n`)).toBe(true);
    expect(text).toContain('Utilisation\t10.0%\n');
    expect(text).toContain('Base speed\t2.80 GHz\n');
    select(3);
    fireEvent.keyDown(document.body, { key: 'c', ctrlKey: true });
    expect(writeText.mock.calls[1]?.[0]).toContain('Link speed\t866.7 Mbps');
    // Plain C, or Ctrl+C while typing in a field, is not a copy of the page.
    fireEvent.keyDown(document.body, { key: 'c' });
    const input = document.body.appendChild(document.createElement('input'));
    fireEvent.keyDown(input, { key: 'c', ctrlKey: true });
    input.remove();
    expect(writeText).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied the page’s figures and facts.'));
  });

  it('says so when the clipboard refuses the copy', async () => {
    const writeText = vi.fn(() => Promise.reject(new Error('Write permission denied.')));
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderTab([machine(0)]);
    fireEvent.keyDown(document.body, { key: 'c', metaKey: true });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Could not copy the page: Write permission denied.'));
  });
});
