// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { cpuFigures, FIXTURE_TIME_MS, memoryFigures, snapshot } from '../../../src-shared/testing/fixtures.ts';
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { createAppStore } from '../../store/store.ts';
import { StoreContext } from '../../store/store-context.tsx';
import { PerformanceTab } from './PerformanceTab.tsx';

const GB = 1024 ** 3;

function machine(sec: number, overrides: Partial<Snapshot> = {}): Snapshot {
  return snapshot({
    seq: sec + 1,
    takenAtMs: FIXTURE_TIME_MS + sec * 1000,
    cpu: cpuFigures({ totalPercent: 10 + sec, kernelPercent: 2, perCorePercent: [10, 30], logicalCores: 2, speedMhz: 2450, uptimeSec: 3661 }),
    memory: memoryFigures({ totalBytes: 8 * GB, usedBytes: 2 * GB, availableBytes: 6 * GB, cachedBytes: GB, commitBytes: 3 * GB, commitLimitBytes: null , modifiedBytes: null, standbyBytes: null, freeBytes: null, compressedBytes: null, pagedPoolBytes: null, nonPagedPoolBytes: null}),
    disks: [{ id: 'sda', name: 'Disk model', readBytesPerSec: 2048, writeBytesPerSec: null, activePercent: 4, responseTimeMs: null }],
    network: [{ name: 'eth0', rxBytesPerSec: 100, txBytesPerSec: 50, rxTotalBytes: GB, txTotalBytes: 0 }],
    gpus: [{ id: 'g0', name: 'Test GPU', vendor: 'other', utilizationPercent: null, memoryUsedBytes: null, memoryTotalBytes: 4 * GB, temperatureC: 41, sharedMemoryUsedBytes: null, engines: [] }],
    ...overrides,
  });
}

function renderTab(snapshots: readonly Snapshot[]) {
  const store = createAppStore(null);
  for (const s of snapshots) store.getState().ingestSnapshot(s, 0);
  render(
    <StoreContext.Provider value={store}>
      <PerformanceTab />
    </StoreContext.Provider>,
  );
  return store;
}

const options = () => within(screen.getByRole('listbox', { name: 'Resources' })).getAllByRole('option');
const selectedName = () => options().find((o) => o.getAttribute('aria-selected') === 'true')?.querySelector('.perf-entry-name')?.textContent;

afterEach(cleanup);

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
});
