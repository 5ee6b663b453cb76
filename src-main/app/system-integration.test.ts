import { describe, expect, it } from 'vitest';
import { failure, type CommandResult } from '../../src-shared/commands.ts';
import { createSystemIntegration } from './system-integration.ts';
import { parseLaunchArgs, type WindowsIntegration } from './windows-integration/windows-integration.ts';

function fakeWindows(answers: { restart?: CommandResult; relaunch?: CommandResult; shouldRelaunch?: boolean } = {}): WindowsIntegration {
  const ok = async (): Promise<CommandResult> => ({ ok: true });
  return {
    launch: parseLaunchArgs(['exe']),
    getState: async () => ({
      isElevated: false,
      canElevate: true,
      isStartElevatedEnabled: true,
      isStartAtLoginEnabled: false,
      isReplaceTaskManagerEnabled: false,
      replaceTaskManagerOwner: 'other',
      replaceTaskManagerCommand: '"C:\\Tools\\procexp64.exe"',
      supports: { restartAsAdministrator: true, startElevated: true, startAtLogin: true, replaceTaskManager: true },
      problems: ['schtasks could not be read'],
    }),
    restartAsAdministrator: async () => answers.restart ?? { ok: true },
    setStartElevated: ok,
    setStartAtLogin: ok,
    setReplaceTaskManager: ok,
    openWindowsTaskManager: ok,
    fallbackToWindowsTaskManager: ok,
    runOpenWindowsTaskManagerHelper: ok,
    shouldRelaunchViaTask: async () => answers.shouldRelaunch ?? false,
    relaunchViaTask: async () => answers.relaunch ?? { ok: true },
    enforceInstallSafety: async () => null,
  } as WindowsIntegration;
}

function lockLog() {
  const events: string[] = [];
  let isFree = true;
  const lock = {
    release: () => void events.push('release'),
    acquire: () => (events.push('acquire'), isFree),
    onLost: () => void events.push('lost'),
  };
  return { events, lock, takenByAnother: () => (isFree = false) };
}

describe('createSystemIntegration', () => {
  it('reports the OS state in the shell controller’s terms', async () => {
    const { lock } = lockLog();
    expect(await createSystemIntegration(fakeWindows(), lock).getState()).toEqual({
      isElevated: false,
      canElevate: true,
      isStartElevatedEnabled: true,
      isStartAtLoginEnabled: false,
      isReplaceTaskManagerEnabled: false,
      replaceTaskManagerOwner: 'other',
      supports: { startElevated: true, startAtLogin: true, replaceTaskManager: true },
      problems: ['schtasks could not be read'],
    });
  });

  it('lets the single-instance lock go while the elevated instance starts, and takes it back when it did not', async () => {
    const started = lockLog();
    expect(await createSystemIntegration(fakeWindows(), started.lock).restartAsAdministrator()).toEqual({ ok: true });
    expect(started.events).toEqual(['release']);
    const declined = lockLog();
    const refusal = failure('ACCESS_DENIED', 'the administrator prompt was declined');
    expect(await createSystemIntegration(fakeWindows({ restart: refusal }), declined.lock).restartAsAdministrator()).toEqual(refusal);
    expect(declined.events).toEqual(['release', 'acquire']);
  });

  it('leaves when another instance took the lock during a declined UAC prompt', async () => {
    const raced = lockLog();
    raced.takenByAnother();
    const refusal = failure('ACCESS_DENIED', 'the administrator prompt was declined');
    await createSystemIntegration(fakeWindows({ restart: refusal }), raced.lock).restartAsAdministrator();
    expect(raced.events).toEqual(['release', 'acquire', 'lost']);
  });

  it('relaunches through the task only when opted in, keeping the lock when the task did not start', async () => {
    const notOptedIn = lockLog();
    expect(await createSystemIntegration(fakeWindows(), notOptedIn.lock).relaunchViaTaskIfOptedIn(['exe'])).toBe(false);
    expect(notOptedIn.events).toEqual([]);
    const optedIn = lockLog();
    expect(await createSystemIntegration(fakeWindows({ shouldRelaunch: true }), optedIn.lock).relaunchViaTaskIfOptedIn(['exe'])).toBe(true);
    expect(optedIn.events).toEqual(['release']);
    const failed = lockLog();
    const broken = fakeWindows({ shouldRelaunch: true, relaunch: failure('NOT_FOUND', 'the task is gone') });
    expect(await createSystemIntegration(broken, failed.lock).relaunchViaTaskIfOptedIn(['exe'])).toBe(false);
    expect(failed.events).toEqual(['release', 'acquire']);
  });
});
