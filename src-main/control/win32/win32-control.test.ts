import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { FakeWin32, type FakeProcess } from './fake-win32-api.ts';
import { WindowsControl } from './win32-control.ts';
import { ACCESS, PRIORITY_CLASS } from './win32-values.ts';

const START_MS = 1_700_000_000_123;
const OWN_PID = 777;

function setup(processes: FakeProcess[], options: { latest?: Snapshot | null } = {}) {
  const fake = new FakeWin32(processes);
  let nowMs = 0;
  const control = new WindowsControl({
    api: () => fake,
    ownPids: () => new Set([OWN_PID]),
    latest: () => options.latest ?? null,
    bootTimeMs: () => null,
    sleep: async (ms) => {
      nowMs += ms;
    },
    now: () => nowMs,
    closeTimeoutMs: 5_000,
  });
  return { fake, control, now: () => nowMs };
}

const proc = (overrides: Partial<FakeProcess> = {}): FakeProcess => ({ pid: 4242, startTimeMs: START_MS, imagePath: 'C:\\Apps\\editor.exe', ...overrides });
const target = { pid: 4242, startTimeMs: START_MS };

describe('WindowsControl: identity', () => {
  it('acts when GetProcessTimes’ creation time, floored to ms, equals the command’s start time', () => {
    const { fake, control } = setup([proc()]);
    expect(control.suspend(target, 'Suspending the process')).toEqual({ ok: true });
    expect(fake.processes.get(4242)?.suspendCount).toBe(1);
    expect(fake.openHandleCount).toBe(0);
  });

  it.each([-1_000, -1, 1])('answers STALE_PID for a start time %d ms off, and does nothing', (offsetMs) => {
    const { fake, control } = setup([proc()]);
    const result = control.terminate({ pid: 4242, startTimeMs: START_MS + offsetMs }, 'Ending the process');
    expect(result).toMatchObject({ ok: false, code: 'STALE_PID' });
    expect(fake.calls.some((c) => c.startsWith('TerminateProcess'))).toBe(false);
    expect(fake.processes.get(4242)?.exitCode).toBeNull();
    expect(fake.openHandleCount).toBe(0);
  });

  it('answers NOT_FOUND for a pid OpenProcess does not know (ERROR_INVALID_PARAMETER)', () => {
    const { control } = setup([]);
    expect(control.terminate(target, 'Ending the process')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('answers NOT_FOUND for a process that has exited while another handle still holds it', () => {
    const { fake, control } = setup([proc()]);
    const held = fake.openProcess(4242, ACCESS.QUERY_LIMITED_INFORMATION + ACCESS.TERMINATE);
    if (!held.ok) throw new Error('open');
    fake.terminate(held.value, 0);
    expect(control.suspend(target, 'Suspending the process')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    fake.closeHandle(held.value);
  });
});

describe('WindowsControl: the refusal order NOT_FOUND → PROTECTED → STALE_PID → act', () => {
  it.each<[string, Partial<FakeProcess>]>([
    ['the System process (pid 4)', { pid: 4, imagePath: null }],
    ['a critical process (IsProcessCritical)', { isCritical: true }],
    ['csrss under System32', { imagePath: 'C:\\Windows\\System32\\csrss.exe' }],
    ['lsass under System32', { imagePath: 'C:\\WINDOWS\\system32\\lsass.exe' }],
    ['this task manager itself', { pid: OWN_PID }],
  ])('refuses %s as PROTECTED, even with a stale start time', (_label, overrides) => {
    const { fake, control } = setup([proc(overrides)]);
    const pid = overrides.pid ?? 4242;
    expect(control.terminate({ pid, startTimeMs: START_MS - 5 }, 'Ending the process')).toMatchObject({ ok: false, code: 'PROTECTED' });
    expect(fake.processes.get(pid)?.exitCode).toBeNull();
    expect(fake.openHandleCount).toBe(0);
  });

  it('lets this task manager end itself when the command says isSelfConfirmed', () => {
    const { fake, control } = setup([proc({ pid: OWN_PID })]);
    expect(control.terminate({ pid: OWN_PID, startTimeMs: START_MS }, 'Ending the process', true)).toEqual({ ok: true });
    expect(fake.calls).toContain(`TerminateProcess(${OWN_PID})`);
  });

  it('refuses a pseudo-process that has no image path by the collector’s name for it (Registry)', () => {
    const latest = snapshot({ processes: [processRow({ pid: 120, name: 'Registry', startTimeMs: START_MS })] });
    const { control } = setup([proc({ pid: 120, imagePath: null })], { latest });
    expect(control.suspend({ pid: 120, startTimeMs: START_MS }, 'Suspending the process')).toMatchObject({ ok: false, code: 'PROTECTED' });
  });

  it('when the action’s rights are denied, still refuses in order from a query-only handle', () => {
    const denied = ACCESS.TERMINATE;
    const critical = setup([proc({ deniedAccess: denied, isCritical: true })]);
    expect(critical.control.terminate(target, 'Ending the process')).toMatchObject({ code: 'PROTECTED' });
    const stale = setup([proc({ deniedAccess: denied })]);
    expect(stale.control.terminate({ ...target, startTimeMs: START_MS + 1 }, 'Ending the process')).toMatchObject({ code: 'STALE_PID' });
    const other = setup([proc({ deniedAccess: denied })]);
    expect(other.control.terminate(target, 'Ending the process')).toMatchObject({ code: 'ACCESS_DENIED', message: expect.stringMatching(/administrator/) });
    expect(other.fake.openHandleCount).toBe(0);
  });

  it('when not even a query handle is granted: PROTECTED for what is known to be, else ACCESS_DENIED explaining protected processes', () => {
    const system = setup([proc({ pid: 4, deniedAccess: 'all' })]);
    expect(system.control.terminate({ pid: 4, startTimeMs: START_MS }, 'Ending the process')).toMatchObject({ code: 'PROTECTED' });
    const ppl = setup([proc({ deniedAccess: 'all' })]);
    expect(ppl.control.suspend(target, 'Suspending the process')).toMatchObject({ code: 'ACCESS_DENIED', message: expect.stringMatching(/PPL/) });
  });
});

describe('WindowsControl: System and the pseudo-processes, when Windows won’t answer about them', () => {
  const fixedProcesses: [string, number][] = [
    ['System', 4],
    ['Registry', 120],
    ['Memory Compression', 2400],
    ['Secure System', 150],
  ];
  const queries = ['exitCode', 'creationTime', 'isCritical'] as const;
  const cases = fixedProcesses.flatMap(([name, pid]) => queries.map((query) => [name, pid, query] as const));

  it.each(cases)('refuses %s (pid %d) as PROTECTED even when %s fails', (name, pid, query) => {
    const latest = snapshot({ processes: [processRow({ pid, name, startTimeMs: START_MS })] });
    const { fake, control } = setup([proc({ pid, imagePath: null, failingQueries: [query] })], { latest });
    expect(control.terminate({ pid, startTimeMs: START_MS }, 'Ending the process')).toMatchObject({ ok: false, code: 'PROTECTED' });
    expect(control.suspend({ pid, startTimeMs: START_MS }, 'Suspending the process')).toMatchObject({ ok: false, code: 'PROTECTED' });
    expect(fake.calls.some((c) => c.startsWith('TerminateProcess') || c.startsWith('NtSuspendProcess'))).toBe(false);
    expect(fake.openHandleCount).toBe(0);
  });

  it('refuses them as PROTECTED from the query-only probe too, when the action’s rights are denied', () => {
    const latest = snapshot({ processes: [processRow({ pid: 150, name: 'Secure System', startTimeMs: START_MS })] });
    const { fake, control } = setup([proc({ pid: 150, imagePath: null, deniedAccess: ACCESS.TERMINATE, failingQueries: ['creationTime', 'isCritical'] })], { latest });
    expect(control.terminate({ pid: 150, startTimeMs: START_MS }, 'Ending the process')).toMatchObject({ code: 'PROTECTED' });
    expect(fake.openHandleCount).toBe(0);
  });

  it('an ordinary process whose criticality Windows won’t tell is still not acted on (INTERNAL), as before', () => {
    const { fake, control } = setup([proc({ failingQueries: ['isCritical'] })]);
    expect(control.terminate(target, 'Ending the process')).toMatchObject({ code: 'INTERNAL' });
    expect(fake.processes.get(4242)?.exitCode).toBeNull();
  });

  it('the pseudo-process name counts only for that very identity in the snapshot', () => {
    const latest = snapshot({ processes: [processRow({ pid: 120, name: 'Registry', startTimeMs: START_MS - 60_000 })] });
    const { control } = setup([proc({ pid: 120 })], { latest });
    expect(control.suspend({ pid: 120, startTimeMs: START_MS }, 'Suspending the process')).toEqual({ ok: true });
  });
});

describe('WindowsControl: least rights', () => {
  it.each([
    ['terminate', (c: WindowsControl) => c.terminate(target, 'x'), 0x1000 | 0x0001 | 0x0010_0000],
    ['suspend', (c: WindowsControl) => c.suspend(target, 'x'), 0x1000 | 0x0800],
    ['resume', (c: WindowsControl) => c.resume(target, 'x'), 0x1000 | 0x0800],
    ['setPriority', (c: WindowsControl) => c.setPriority(target, 'high'), 0x1000 | 0x0200],
    ['setAffinity', (c: WindowsControl) => c.setAffinity(target, [0]), 0x1000 | 0x0200],
    ['setEfficiencyMode', (c: WindowsControl) => c.setEfficiencyMode(target, true), 0x1000 | 0x0200],
  ] as const)('%s opens with 0x%s only', (_label, act, access) => {
    const { fake, control } = setup([proc()]);
    expect(act(control)).toEqual({ ok: true });
    expect(fake.calls.filter((c) => c.startsWith('OpenProcess'))).toEqual([`OpenProcess(4242, 0x${access.toString(16)})`]);
  });
});

describe('WindowsControl: actions', () => {
  it('terminates through the checked handle; a process that exited meanwhile is NOT_FOUND, not ACCESS_DENIED', () => {
    const { fake, control } = setup([proc()]);
    expect(control.terminate(target, 'Ending the process')).toEqual({ ok: true });
    expect(fake.processes.has(4242)).toBe(false);
    const again = setup([proc()]);
    const opened = again.control.open(target, 'terminate', 'Ending the process', {});
    if (!('handle' in opened)) throw new Error('open');
    again.fake.terminate(opened.handle, 0);
    expect(again.control.terminateHandle(opened.handle, 'Ending the process')).toMatchObject({ code: 'NOT_FOUND' });
    again.fake.closeHandle(opened.handle);
  });

  it('suspends and resumes (NtSuspendProcess / NtResumeProcess)', () => {
    const { fake, control } = setup([proc()]);
    control.suspend(target, 'Suspending the process');
    expect(fake.processes.get(4242)?.suspendCount).toBe(1);
    control.resume(target, 'Resuming the process');
    expect(fake.processes.get(4242)?.suspendCount).toBe(0);
  });

  it.each([
    ['realtime', 0x100],
    ['high', 0x80],
    ['aboveNormal', 0x8000],
    ['normal', 0x20],
    ['belowNormal', 0x4000],
    ['idle', 0x40],
  ] as const)('sets priority %s as class 0x%s', (priority, value) => {
    const { fake, control } = setup([proc()]);
    fake.isElevated = true;
    expect(control.setPriority(target, priority)).toEqual({ ok: true });
    expect(fake.processes.get(4242)?.priorityClass).toBe(value);
  });

  it('says so when Windows gives High for Realtime (not elevated)', () => {
    const { fake, control } = setup([proc()]);
    expect(control.setPriority(target, 'realtime')).toMatchObject({ code: 'ACCESS_DENIED', message: expect.stringMatching(/high instead of realtime/) });
    expect(fake.processes.get(4242)?.priorityClass).toBe(PRIORITY_CLASS.high);
  });

  it('sets the affinity mask of the chosen CPUs', () => {
    const { fake, control } = setup([proc()]);
    expect(control.setAffinity(target, [1, 3])).toEqual({ ok: true });
    expect(fake.processes.get(4242)?.affinityMask).toBe(0b1010n);
  });

  it('refuses CPUs the machine lacks before touching the process (INVALID_ARGUMENT first)', () => {
    const { fake, control } = setup([]);
    expect(control.setAffinity(target, [9])).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(fake.calls).toEqual([]);
  });

  it('is UNSUPPORTED for affinity on a machine with several processor groups', () => {
    const { fake, control } = setup([proc()]);
    fake.groupCount = 2;
    expect(control.setAffinity(target, [0])).toMatchObject({ code: 'UNSUPPORTED' });
  });

  it('efficiency mode on: EcoQoS + idle priority; off: throttling handed back + normal', () => {
    const { fake, control } = setup([proc()]);
    expect(control.setEfficiencyMode(target, true)).toEqual({ ok: true });
    expect(fake.processes.get(4242)).toMatchObject({ throttling: { version: 1, controlMask: 1, stateMask: 1 }, priorityClass: 0x40 });
    expect(control.setEfficiencyMode(target, false)).toEqual({ ok: true });
    expect(fake.processes.get(4242)).toMatchObject({ throttling: { version: 1, controlMask: 0, stateMask: 0 }, priorityClass: 0x20 });
  });

  it.each([
    ['Windows before 10 1709 (ERROR_INVALID_PARAMETER)', 87],
    ['Wine 8 (ERROR_INVALID_FUNCTION)', 1],
  ])('efficiency mode is UNSUPPORTED on %s, and the priority is left alone', (_label, error) => {
    const { fake, control } = setup([proc()]);
    fake.hasPowerThrottling = false;
    fake.throttlingError = error;
    expect(control.setEfficiencyMode(target, true)).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/no efficiency mode/) });
    expect(fake.processes.get(4242)?.priorityClass).toBe(PRIORITY_CLASS.normal);
  });

  it('efficiency mode is UNSUPPORTED where SetProcessInformation is not exported at all', () => {
    const { fake, control } = setup([proc()]);
    fake.missingExports.add('SetProcessInformation');
    expect(control.setEfficiencyMode(target, true)).toMatchObject({ code: 'UNSUPPORTED' });
    expect(fake.processes.get(4242)?.priorityClass).toBe(PRIORITY_CLASS.normal);
  });
});

describe('WindowsControl without IsProcessCritical (Wine 8): ProcessBreakOnTermination decides', () => {
  it('asks ProcessBreakOnTermination, and acts on a process it says is not critical', () => {
    const { fake, control } = setup([proc()]);
    fake.missingExports.add('IsProcessCritical');
    expect(control.suspend(target, 'Suspending the process')).toEqual({ ok: true });
    expect(fake.processes.get(4242)?.suspendCount).toBe(1);
    expect(fake.calls).toContain('NtQueryInformationProcess(ProcessBreakOnTermination)');
  });

  it('refuses a process ProcessBreakOnTermination marks critical as PROTECTED', () => {
    const { fake, control } = setup([proc({ isCritical: true })]);
    fake.missingExports.add('IsProcessCritical');
    expect(control.terminate(target, 'Ending the process')).toMatchObject({ ok: false, code: 'PROTECTED', message: expect.stringMatching(/critical/) });
    expect(fake.processes.get(4242)?.exitCode).toBeNull();
  });

  it('when that fails too: End task and Suspend are PROTECTED with the reason; nothing is done', async () => {
    const { fake, control } = setup([proc({ failingQueries: ['breakOnTermination'] })]);
    fake.missingExports.add('IsProcessCritical');
    const refusal = { ok: false, code: 'PROTECTED', message: expect.stringMatching(/would not say whether this process is critical/) };
    expect(control.terminate(target, 'Ending the process')).toMatchObject(refusal);
    expect(control.suspend(target, 'Suspending the process')).toMatchObject(refusal);
    expect(await control.end([target], { force: true, isSelfConfirmed: false, what: 'Ending the process' })).toMatchObject([refusal]);
    expect(control.check(target, 'Ending the process tree', { isStopping: true })).toMatchObject(refusal);
    expect(fake.processes.get(4242)).toMatchObject({ exitCode: null, suspendCount: 0 });
    expect(fake.openHandleCount).toBe(0);
  });

  it('when that fails too: priority, affinity and resume still act (they can’t stop Windows)', () => {
    const { fake, control } = setup([proc({ failingQueries: ['breakOnTermination'] })]);
    fake.missingExports.add('IsProcessCritical');
    expect(control.setPriority(target, 'belowNormal')).toEqual({ ok: true });
    expect(control.setAffinity(target, [0])).toEqual({ ok: true });
    expect(control.resume(target, 'Resuming the process')).toEqual({ ok: true });
    expect(fake.processes.get(4242)?.priorityClass).toBe(PRIORITY_CLASS.belowNormal);
  });

  it('on Wine, whose ntdll knows neither the export nor the class (STATUS_INVALID_INFO_CLASS), nothing is critical', async () => {
    const { fake, control } = setup([proc(), proc({ pid: 4343 })]);
    fake.missingExports.add('IsProcessCritical');
    fake.isWineSystem = true;
    expect(control.suspend(target, 'Suspending the process')).toEqual({ ok: true });
    expect(await control.end([{ pid: 4343, startTimeMs: START_MS }], { force: true, isSelfConfirmed: false, what: 'Ending the process' })).toEqual([{ ok: true }]);
    expect(fake.processes.get(4343)?.exitCode).not.toBeNull();
  });

  it('a system that is not Wine and refuses the class is not trusted: End task is PROTECTED', () => {
    const { fake, control } = setup([proc({ failingQueries: ['breakOnTermination'] })]);
    fake.missingExports.add('IsProcessCritical');
    expect(control.terminate(target, 'Ending the process')).toMatchObject({ code: 'PROTECTED' });
  });

  it('an IsProcessCritical that exists and fails is not relaxed: nothing is done (INTERNAL)', () => {
    const { fake, control } = setup([proc({ failingQueries: ['isCritical'] })]);
    expect(control.setPriority(target, 'high')).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(fake.calls).not.toContain('NtQueryInformationProcess(ProcessBreakOnTermination)');
  });
});

describe('WindowsControl.end: graceful, then forced', () => {
  it('asks a windowed process to close and does not terminate it when it does', async () => {
    const { fake, control } = setup([proc({ windows: [{ hwnd: 100 }], onClose: 'exit' })]);
    expect(await control.end([target], { force: false, isSelfConfirmed: false, what: 'Ending the process' })).toEqual([{ ok: true }]);
    expect(fake.calls.filter((c) => !c.startsWith('OpenProcess'))).toEqual(['PostMessage(100, WM_CLOSE)']);
    expect(fake.openHandleCount).toBe(0);
  });

  it('terminates a process that ignores WM_CLOSE after the 5 s timeout', async () => {
    const { fake, control, now } = setup([proc({ windows: [{ hwnd: 100 }], onClose: 'ignore' })]);
    expect(await control.end([target], { force: false, isSelfConfirmed: false, what: 'Ending the process' })).toEqual([{ ok: true }]);
    expect(fake.calls.filter((c) => !c.startsWith('OpenProcess'))).toEqual(['PostMessage(100, WM_CLOSE)', 'TerminateProcess(4242)']);
    expect(now()).toBe(5_000);
  });

  it('with force terminates at once; invisible, owned, tool and untitled windows are never asked', async () => {
    const forced = setup([proc({ windows: [{ hwnd: 100 }] })]);
    await forced.control.end([target], { force: true, isSelfConfirmed: false, what: 'x' });
    expect(forced.fake.calls.filter((c) => !c.startsWith('OpenProcess'))).toEqual(['TerminateProcess(4242)']);
    const hidden = setup([
      proc({ windows: [{ hwnd: 100, isVisible: false }, { hwnd: 101, hasOwner: true }, { hwnd: 102, isToolWindow: true }, { hwnd: 103, hasTitle: false }] }),
    ]);
    await hidden.control.end([target], { force: false, isSelfConfirmed: false, what: 'x' });
    expect(hidden.fake.calls.filter((c) => !c.startsWith('OpenProcess'))).toEqual(['TerminateProcess(4242)']);
  });

  it('never posts WM_CLOSE to a window of a process that was refused', async () => {
    const { fake, control } = setup([proc({ windows: [{ hwnd: 100 }] })]);
    expect(await control.end([{ ...target, startTimeMs: START_MS + 1 }], { force: false, isSelfConfirmed: false, what: 'x' })).toMatchObject([{ code: 'STALE_PID' }]);
    expect(fake.calls.some((c) => c.startsWith('PostMessage'))).toBe(false);
  });
});

describe('WindowsControl.end: handles and windows', () => {
  it('closes the handles already open when opening a later target throws', async () => {
    const { fake, control } = setup([proc(), proc({ pid: 4243, openThrows: true })]);
    await expect(control.end([target, { pid: 4243, startTimeMs: START_MS }], { force: false, isSelfConfirmed: false, what: 'Ending the app' })).rejects.toThrow('OpenProcess(4243) threw');
    expect(fake.openHandleCount).toBe(0);
  });

  it('asks for the windows of the opened targets only', async () => {
    const { fake, control } = setup([proc({ windows: [{ hwnd: 100 }] }), proc({ pid: 4243, windows: [{ hwnd: 101 }] })]);
    await control.end([target, { pid: 4243, startTimeMs: START_MS + 1 }], { force: false, isSelfConfirmed: false, what: 'Ending the app' });
    expect(fake.windowQueries).toEqual([[4242]]);
    expect(fake.calls.filter((c) => c.startsWith('PostMessage'))).toEqual(['PostMessage(100, WM_CLOSE)']);
  });
});
