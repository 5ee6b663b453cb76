// @vitest-environment happy-dom
import { act, render, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import { failure, type CommandResult } from '../../../src-shared/commands.ts';
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { ToastView, VISIBLE_MS } from '../../components/ToastView.tsx';
import { ApiContext } from '../../store/store-context.tsx';
import { useProcessActions } from './use-process-actions.ts';

const editor = processRow({ pid: 4242, name: 'editor.exe', startTimeMs: 1_700_000_000_123 });
const other = processRow({ pid: 4243, name: 'other.exe', startTimeMs: 1_700_000_000_456 });

function setup(answers: Partial<Record<keyof TaskManagerApi, CommandResult>> = {}) {
  const answer = (name: keyof TaskManagerApi) => vi.fn(async () => answers[name] ?? { ok: true });
  const api = {
    openFileLocation: answer('openFileLocation'),
    openProperties: answer('openProperties'),
    createDumpFile: answer('createDumpFile'),
    runNewTask: answer('runNewTask'),
    restartExplorer: answer('restartExplorer'),
    killApp: answer('killApp'),
    kill: answer('kill'),
    killTree: answer('killTree'),
  };
  const wrapper = ({ children }: { children: ReactNode }) => <ApiContext.Provider value={api as unknown as TaskManagerApi}>{children}</ApiContext.Provider>;
  const { result } = renderHook(() => useProcessActions(null), { wrapper });
  return { api, result };
}

describe('useProcessActions: the Windows tools', () => {
  it('Open file location and Properties send the focused row’s identity once, however many are selected', async () => {
    const { api, result } = setup();
    await act(async () => result.current.request('openFileLocation', [editor, other]));
    await act(async () => result.current.request('openProperties', [editor]));
    expect(api.openFileLocation).toHaveBeenCalledExactlyOnceWith({ pid: 4242, startTimeMs: 1_700_000_000_123 });
    expect(api.openProperties).toHaveBeenCalledExactlyOnceWith({ pid: 4242, startTimeMs: 1_700_000_000_123 });
    expect(result.current.notice).toBeNull();
  });

  it('says a refusal in plain words, naming the process', async () => {
    const { result } = setup({ openFileLocation: failure('UNSUPPORTED', 'this process has no file of its own to show') });
    await act(async () => result.current.request('openFileLocation', [editor]));
    expect(result.current.notice).toBe('Open file location failed: editor.exe (4242): this process has no file of its own to show');
  });

  it('Create dump file opens its dialog, then writes to the chosen path and says where', async () => {
    const { api, result } = setup();
    act(() => result.current.request('dump', [editor]));
    expect(result.current.dumpRow).toBe(editor);
    await act(async () => result.current.createDump('C:\\dumps\\editor.dmp'));
    expect(api.createDumpFile).toHaveBeenCalledWith({ pid: 4242, startTimeMs: 1_700_000_000_123, path: 'C:\\dumps\\editor.dmp' });
    expect(result.current.dumpRow).toBeNull();
    expect(result.current.toast?.text).toBe('Dump file written: C:\\dumps\\editor.dmp');
  });

  it('a failed dump is a notice, not a toast', async () => {
    const { result } = setup({ createDumpFile: failure('INVALID_ARGUMENT', 'a file of that name already exists; choose another name (nothing was overwritten)') });
    act(() => result.current.request('dump', [editor]));
    await act(async () => result.current.createDump('C:\\dumps\\editor.dmp'));
    expect(result.current.toast).toBeNull();
    expect(result.current.notice).toMatch(/^Create dump file failed: a file of that name already exists/);
  });

  it('Run new task sends the command line, isElevated only when asked, and says a failure', async () => {
    const { api, result } = setup({ runNewTask: failure('ACCESS_DENIED', 'Running the task as administrator: the administrator prompt was declined, so nothing was started') });
    act(() => result.current.openRunTask());
    expect(result.current.isRunTaskOpen).toBe(true);
    await act(async () => result.current.runTask('notepad', false));
    expect(api.runNewTask).toHaveBeenLastCalledWith({ commandLine: 'notepad' });
    await act(async () => result.current.runTask('cmd', true));
    expect(api.runNewTask).toHaveBeenLastCalledWith({ commandLine: 'cmd', isElevated: true });
    expect(result.current.isRunTaskOpen).toBe(false);
    expect(result.current.notice).toMatch(/^Run new task failed: .*declined/);
  });

  it('Restart Windows Explorer asks main, which finds Explorer itself', async () => {
    const { api, result } = setup();
    await act(async () => result.current.request('restartExplorer', [processRow({ name: 'explorer.exe' })]));
    expect(api.restartExplorer).toHaveBeenCalledExactlyOnceWith({});
  });
});

describe('useProcessActions: priority and message lifetimes', () => {
  function live(answers: Partial<Record<keyof TaskManagerApi, CommandResult>> = {}) {
    const answer = (name: keyof TaskManagerApi) => vi.fn(async () => answers[name] ?? { ok: true });
    const api = { setPriority: answer('setPriority'), suspend: answer('suspend'), resume: answer('resume'), kill: answer('kill') };
    const wrapper = ({ children }: { children: ReactNode }) => <ApiContext.Provider value={api as unknown as TaskManagerApi}>{children}</ApiContext.Provider>;
    const hook = renderHook(({ current }: { current: Snapshot | null }) => useProcessActions(current), { wrapper, initialProps: { current: null as Snapshot | null } });
    return { api, ...hook };
  }

  it.each([
    ['high', true],
    ['realtime', true],
    ['aboveNormal', false],
    ['normal', false],
    ['belowNormal', false],
    ['idle', false],
  ] as const)('%s asks first: %s', async (priority, asks) => {
    const { api, result } = live();
    await act(async () => result.current.request({ priority }, [editor]));
    expect(result.current.priorityConfirm !== null).toBe(asks);
    expect(api.setPriority).toHaveBeenCalledTimes(asks ? 0 : 1);
    if (!asks) return;
    act(() => result.current.cancelPriority());
    expect(api.setPriority).not.toHaveBeenCalled();
    await act(async () => result.current.request({ priority }, [editor, other]));
    await act(async () => result.current.confirmPriority());
    expect(api.setPriority.mock.calls).toEqual([
      [{ pid: 4242, startTimeMs: editor.startTimeMs, priority }],
      [{ pid: 4243, startTimeMs: other.startTimeMs, priority }],
    ]);
    expect(result.current.priorityConfirm).toBeNull();
  });

  it('"Suspended … Undo" goes once its process runs again, and the next action replaces a toast', async () => {
    const { result, rerender } = live();
    await act(async () => result.current.request('suspend', [editor]));
    expect(result.current.toast?.text).toMatch(/^Suspended editor\.exe/);
    rerender({ current: snapshot({ processes: [{ ...editor, state: 'stopped' }] }) });
    expect(result.current.toast).not.toBeNull();
    rerender({ current: snapshot({ processes: [{ ...editor, state: 'sleeping' }] }) }); // resumed elsewhere
    expect(result.current.toast).toBeNull();

    await act(async () => result.current.request('suspend', [editor]));
    const first = result.current.toast?.id;
    await act(async () => result.current.request({ priority: 'belowNormal' }, [other]));
    expect(result.current.toast).toBeNull();
    await act(async () => result.current.request('suspend', [other]));
    expect(result.current.toast?.id).not.toBe(first);
  });

  it('"not connected" clears itself once snapshots arrive again; other failures stay until dismissed or a success', async () => {
    const { result, rerender } = live({ suspend: failure('COLLECTOR_DOWN', 'not connected to the host'), kill: failure('ACCESS_DENIED', 'Operation not permitted') });
    await act(async () => result.current.request('suspend', [editor]));
    expect(result.current.notice).toMatch(/^Suspend failed: .*not connected/);
    rerender({ current: snapshot({ processes: [editor] }) });
    expect(result.current.notice).toBeNull();

    act(() => result.current.request('endTask', [editor]));
    await act(async () => result.current.confirmEnd());
    expect(result.current.notice).toMatch(/Operation not permitted/);
    rerender({ current: snapshot({ seq: 2, processes: [editor] }) });
    expect(result.current.notice).toMatch(/Operation not permitted/); // its cause is still there
    act(() => result.current.dismissNotice());
    expect(result.current.notice).toBeNull();
  });
});

describe('ToastView', () => {
  it('goes by itself after VISIBLE_MS even while the page re-renders every tick; a new toast starts its own time', () => {
    vi.useFakeTimers();
    try {
      const onDismiss = vi.fn();
      const view = render(<ToastView id={1} text="Suspended x" onDismiss={() => onDismiss(1)} />);
      for (let tick = 0; tick < 7; tick++) {
        vi.advanceTimersByTime(1000);
        view.rerender(<ToastView id={1} text="Suspended x" onDismiss={() => onDismiss(1)} />); // a new callback each tick
      }
      expect(onDismiss).not.toHaveBeenCalled();
      vi.advanceTimersByTime(VISIBLE_MS - 7000);
      expect(onDismiss).toHaveBeenCalledExactlyOnceWith(1);
      view.rerender(<ToastView id={2} text="Suspended y" onDismiss={() => onDismiss(2)} />);
      vi.advanceTimersByTime(VISIBLE_MS - 1);
      expect(onDismiss).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1);
      expect(onDismiss).toHaveBeenLastCalledWith(2);
      view.unmount();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('useProcessActions: ending apps', () => {
  const sleeps = Array.from({ length: 3 }, (_, i) => processRow({ pid: 100 + i, name: 'sleep', startTimeMs: 1_700_000_000_000 + i }));
  const app = { id: 'exe:/usr/bin/sleep', name: 'sleep', members: sleeps };

  it('asks first, naming every process, then ends the app with one killApp and a lone process with kill', async () => {
    const { api, result } = setup();
    act(() => result.current.requestEndApps([app], [editor]));
    expect(result.current.confirm).toMatchObject({ kind: 'endTask', targets: [...sleeps, editor], apps: [app] });
    expect(api.killApp).not.toHaveBeenCalled();
    await act(async () => result.current.confirmEnd());
    expect(api.killApp).toHaveBeenCalledExactlyOnceWith({ appId: 'exe:/usr/bin/sleep', members: sleeps.map((p) => ({ pid: p.pid, startTimeMs: p.startTimeMs })) });
    expect(api.kill).toHaveBeenCalledExactlyOnceWith({ pid: 4242, startTimeMs: 1_700_000_000_123 });
    expect(result.current.confirm).toBeNull();
    expect(result.current.notice).toBeNull();
  });

  it('says which processes of the app the OS refused, and why', async () => {
    const refused = { pid: 101, startTimeMs: 1_700_000_000_001, code: 'ACCESS_DENIED' as const, message: 'Ending the app: permission denied' };
    const { result } = setup({ killApp: { ok: true, done: [{ pid: 100, startTimeMs: 1_700_000_000_000 }], gone: [], failed: [refused] } });
    act(() => result.current.requestEndApps([app], []));
    await act(async () => result.current.confirmEnd());
    expect(result.current.notice).toBe('End task failed: sleep (101): Ending the app: permission denied');
  });

  it('a refused app as a whole is named by the app', async () => {
    const { result } = setup({ killApp: failure('CONTROL_DISABLED', 'the host was started without --allow-control') });
    act(() => result.current.requestEndApps([app], []));
    await act(async () => result.current.confirmEnd());
    expect(result.current.notice).toBe('End task failed: sleep: the host was started without --allow-control');
  });

  it('a tree that ended only part of itself says what it could not end', async () => {
    const { result } = setup({ killTree: { ok: true, done: [], gone: [], failed: [{ pid: 7, startTimeMs: 1, code: 'PROTECTED', message: 'a system process' }] } });
    act(() => result.current.request('endTree', [editor]));
    await act(async () => result.current.confirmEnd());
    expect(result.current.notice).toBe('End process tree failed: PID 7: a system process');
  });
});
