// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BROWSER_SHELL_STATE } from '../../../src-shared/browser-shell-state.ts';
import type { ShellState } from '../../../src-shared/shell.ts';
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { renderWithApi } from '../../testing/fake-api.tsx';
import { ActionDialogs } from './ActionViews.tsx';
import { ConfirmEndDialog, type EndRequest } from './ConfirmEndDialog.tsx';
import { useProcessActions } from './use-process-actions.ts';

afterEach(cleanup);

const request = (overrides: Partial<EndRequest> = {}): EndRequest => ({
  kind: 'endTask',
  targets: [processRow({ pid: 4242, name: 'editor' })],
  descendants: 0,
  isSystem: false,
  ...overrides,
});

describe('ConfirmEndDialog', () => {
  it('is an alertdialog that names the process and what will be lost, with "End task" and "Cancel" (focused)', () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(<ConfirmEndDialog request={request()} onConfirm={onConfirm} onCancel={onCancel} />);
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('editor (PID 4242)');
    expect(dialog.textContent).toMatch(/not saved .* lost/);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'End task' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('for a tree says how many processes it also ends, with an "End process tree" button', () => {
    render(<ConfirmEndDialog request={request({ kind: 'endTree', descendants: 3 })} onConfirm={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.getByRole('alertdialog').textContent).toContain('also ends the 3 processes it started');
    expect(screen.getByRole('button', { name: 'End process tree' })).toBeTruthy();
  });

  it('for an app of many processes names the app, lists the first five as a list and counts the rest', () => {
    const members = Array.from({ length: 1901 }, (_, i) => processRow({ pid: 5000 + i, name: 'sleep' }));
    render(<ConfirmEndDialog request={request({ targets: members, apps: [{ id: 'exe:/usr/bin/sleep', name: 'sleep', members }] })} onConfirm={vi.fn()} onCancel={vi.fn()} />);
    const dialog = screen.getByRole('alertdialog', { name: 'End sleep?' });
    expect(dialog.textContent).toContain('This ends 1,901 processes:');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'sleep (PID 5000)',
      'sleep (PID 5001)',
      'sleep (PID 5002)',
      'sleep (PID 5003)',
      'sleep (PID 5004)',
      'and 1,896 more',
    ]);
    expect(dialog.textContent).toContain('Work not saved in any of them will be lost.');
    expect(dialog.textContent).not.toContain('this process');
  });

  it('warns more strongly for a system process', () => {
    render(<ConfirmEndDialog request={request({ isSystem: true })} onConfirm={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.getByRole('alertdialog').textContent).toMatch(/system process/);
  });
});

describe('the questions name the machine the desktop app shows', () => {
  const chrome = processRow({ pid: 4242, name: 'chrome.exe', startTimeMs: 1_700_000_000_123 });
  const machine = { id: 'm1', name: 'build-server', url: 'https://build-server:8737', fingerprint: null, color: '#1565c0', hasControlToken: true };
  const desktop: ShellState = { ...BROWSER_SHELL_STATE, isDesktopApp: true, platform: 'win32', machines: [machine] };
  let request: (action: 'endTask' | { priority: 'realtime' }, targets: ProcessRow[]) => void = () => undefined;
  function Tab() {
    const actions = useProcessActions(snapshot({ processes: [chrome] }));
    request = actions.request;
    return <ActionDialogs actions={actions} logicalCores={4} />;
  }

  it.each([
    ['End task', 'endTask', 'End chrome.exe (PID 4242) on build-server?'],
    ['a Realtime priority', { priority: 'realtime' }, 'Do you want to change the priority of chrome.exe (PID 4242) on build-server?'],
  ] as const)('%s, while another machine is shown, names it', async (_label, action, title) => {
    renderWithApi(<Tab />, { ...desktop, shownMachine: { ...machine, state: 'connected', message: null } });
    act(() => request(action, [chrome]));
    expect(await screen.findByRole('alertdialog', { name: title })).toBeTruthy();
  });

  it('names no machine for this computer', async () => {
    renderWithApi(<Tab />, desktop);
    act(() => request('endTask', [chrome]));
    expect(await screen.findByRole('alertdialog', { name: 'End chrome.exe (PID 4242)?' })).toBeTruthy();
  });
});
