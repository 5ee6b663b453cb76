import { describe, expect, it, vi } from 'vitest';
import { failure, type CommandResult } from '../../src-shared/commands.ts';
import { shellStateSchema, type ShellState } from '../../src-shared/shell.ts';
import { DEFAULT_APP_SETTINGS, type AppSettings } from './app-settings.ts';
import { ShellController, type IntegrationState, type SystemIntegrationLike } from './shell-controller.ts';

function setup(options: { saveFails?: boolean; tray?: boolean; answers?: Partial<Record<keyof SystemIntegrationLike, CommandResult>>; machines?: () => Pick<ShellState, 'machines' | 'shownMachine'> } = {}) {
  let settings: AppSettings = { ...DEFAULT_APP_SETTINGS };
  const os: IntegrationState = {
    isElevated: false,
    canElevate: true,
    isStartElevatedEnabled: false,
    isStartAtLoginEnabled: false,
    isReplaceTaskManagerEnabled: false,
    replaceTaskManagerOwner: null,
    supports: { startElevated: true, startAtLogin: true, replaceTaskManager: true },
    problems: [],
  };
  const answer = (name: keyof SystemIntegrationLike, apply: () => void) => async () => {
    const result = options.answers?.[name] ?? { ok: true };
    if (result.ok) apply();
    return result;
  };
  const integration: SystemIntegrationLike = {
    getState: async () => ({ ...os }),
    restartAsAdministrator: vi.fn(answer('restartAsAdministrator', () => undefined)),
    setStartElevated: async (isOn) => answer('setStartElevated', () => (os.isStartElevatedEnabled = isOn))(),
    setStartAtLogin: async (isOn) => answer('setStartAtLogin', () => (os.isStartAtLoginEnabled = isOn))(),
    setReplaceTaskManager: async (isOn) => answer('setReplaceTaskManager', () => (os.isReplaceTaskManagerEnabled = isOn))(),
    openWindowsTaskManager: vi.fn(answer('openWindowsTaskManager', () => undefined)),
  };
  const applyAlwaysOnTop = vi.fn<(isOn: boolean) => void>();
  const quitForElevated = vi.fn<() => void>();
  const controller = new ShellController({
    platform: 'win32',
    settings: {
      get value() {
        return settings;
      },
      update: (change) => {
        settings = { ...settings, ...change };
        return options.saveFails ? { ok: false, message: 'settings could not be saved: disk full' } : { ok: true };
      },
    },
    integration,
    hasTray: () => options.tray ?? true,
    applyAlwaysOnTop,
    quitForElevated,
    ...(options.machines ? { machines: options.machines } : {}),
    log: () => undefined,
  });
  const pushed: ShellState[] = [];
  controller.onChange((state) => pushed.push(state));
  return { controller, integration, applyAlwaysOnTop, quitForElevated, pushed, settings: () => settings };
}

describe('ShellController', () => {
  it('carries the saved machines and the shown one (no tokens), and tells the page when they change', () => {
    const machine = { id: 'm1', name: 'build-server', url: 'https://build-server:8737', fingerprint: null, color: '#1f6fb2', hasControlToken: true };
    let shown: ShellState['shownMachine'] = null;
    const { controller, pushed } = setup({ machines: () => ({ machines: [machine], shownMachine: shown }) });
    expect(controller.state).toMatchObject({ machines: [machine], shownMachine: null });
    shown = { ...machine, state: 'unreachable', message: 'build-server can’t be reached; retrying' };
    controller.machinesChanged();
    expect(pushed.at(-1)?.shownMachine).toEqual(shown);
    expect(shellStateSchema.safeParse(pushed.at(-1)).success).toBe(true);
  });

  it("asks the page to select an alert's subject, counting each click so a second one selects again", () => {
    const { controller, pushed } = setup();
    expect(controller.state.focusRequest).toBeNull();
    controller.requestFocus('hog:1000:1', { kind: 'process', pid: 4242, startTimeMs: 17 });
    controller.requestFocus('hog:1000:1', { kind: 'process', pid: 4242, startTimeMs: 17 });
    controller.requestFocus('leak:2000:1', { kind: 'app', appId: 'app:firefox' });
    expect(pushed.map((state) => shellStateSchema.parse(state).focusRequest)).toEqual([
      { seq: 1, alertId: 'hog:1000:1', target: { kind: 'process', pid: 4242, startTimeMs: 17 } },
      { seq: 2, alertId: 'hog:1000:1', target: { kind: 'process', pid: 4242, startTimeMs: 17 } },
      { seq: 3, alertId: 'leak:2000:1', target: { kind: 'app', appId: 'app:firefox' } },
    ]);
  });

  it('reports a valid shell state from the OS and the remembered settings', async () => {
    const { controller, pushed } = setup();
    await controller.refresh();
    expect(shellStateSchema.parse(pushed[0])).toMatchObject({ isDesktopApp: true, platform: 'win32', isElevated: false, canRestartElevated: true, lastError: null });
  });

  it('applies always-on-top to the window and remembers it', async () => {
    const { controller, applyAlwaysOnTop, settings, pushed } = setup();
    expect(await controller.handlers.setShellSettings({ isAlwaysOnTop: true })).toEqual({ ok: true });
    expect(applyAlwaysOnTop).toHaveBeenCalledWith(true);
    expect(settings().isAlwaysOnTop).toBe(true);
    expect(pushed.at(-1)?.isAlwaysOnTop).toBe(true);
  });

  it('turns the Windows integrations on and reads their state back from the OS', async () => {
    const { controller, pushed, settings } = setup();
    const result = await controller.handlers.setShellSettings({ isStartElevatedEnabled: true, isStartAtLoginEnabled: true });
    expect(result).toEqual({ ok: true });
    expect(pushed.at(-1)).toMatchObject({ isStartElevatedEnabled: true, isStartAtLoginEnabled: true, isReplaceTaskManagerEnabled: false });
    // Remembered, so the next start asks Task Scheduler only because the user opted in.
    expect(settings().isStartElevatedEnabled).toBe(true);
  });

  it('passes the OS refusal on, changes nothing it refused, and shows it as the last error', async () => {
    const refusal = failure('ACCESS_DENIED', 'replacing Task Manager needs administrator rights');
    const { controller, pushed } = setup({ answers: { setReplaceTaskManager: refusal } });
    expect(await controller.handlers.setShellSettings({ isReplaceTaskManagerEnabled: true })).toEqual(refusal);
    expect(pushed.at(-1)).toMatchObject({ isReplaceTaskManagerEnabled: false, lastError: refusal.message });
    await controller.handlers.setShellSettings({ isAlwaysOnTop: false });
    expect(pushed.at(-1)?.lastError).toBeNull();
  });

  it('refuses minimise-to-tray where there is no tray, and says when settings could not be saved', async () => {
    const noTray = setup({ tray: false });
    expect(await noTray.controller.handlers.setShellSettings({ isMinimizeToTray: true })).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
    expect(noTray.settings().isMinimizeToTray).toBe(false);
    const diskFull = setup({ saveFails: true });
    expect(await diskFull.controller.handlers.setShellSettings({ isAlwaysOnTop: true })).toMatchObject({ ok: false, code: 'INTERNAL', message: expect.stringContaining('disk full') });
    expect(diskFull.applyAlwaysOnTop).toHaveBeenCalledWith(true);
  });

  it('quits only once the elevated instance was started', async () => {
    const declined = setup({ answers: { restartAsAdministrator: failure('ACCESS_DENIED', 'the UAC prompt was declined') } });
    expect(await declined.controller.handlers.restartAsAdministrator({})).toMatchObject({ ok: false });
    expect(declined.quitForElevated).not.toHaveBeenCalled();
    const accepted = setup();
    expect(await accepted.controller.handlers.restartAsAdministrator({})).toEqual({ ok: true });
    expect(accepted.quitForElevated).toHaveBeenCalledOnce();
  });
});
