// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import { failure, type CommandResult } from '../../../src-shared/commands.ts';
import { processRow } from '../../../src-shared/testing/fixtures.ts';
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
