import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LinuxControl } from './linux-control.ts';
import type { LinuxSyscalls } from './linux-syscalls.ts';

// A pid above Linux's largest pid_max (2^22): no real process can have it, so even a regression
// that signalled by pid could not reach one.
const PID = 4_194_305;
const START_TICKS = 12_345;
const TICKS_PER_SEC = 100;
const BOOT_MS = 1_700_000_000_000;
const START_MS = BOOT_MS + (START_TICKS * 1000) / TICKS_PER_SEC;

const procRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'taskmgr-proc-'));
fs.mkdirSync(path.join(procRoot, String(PID)));
// Fields after the name: state, ppid, …; field 9 flags (0: not a kernel thread), field 22 start ticks.
const fields = ['S', '1', ...Array.from({ length: 17 }, () => '0'), String(START_TICKS), ...Array.from({ length: 30 }, () => '0')];
fs.writeFileSync(path.join(procRoot, String(PID), 'stat'), `${PID} (worker) ${fields.join(' ')}\n`);
afterAll(() => fs.rmSync(procRoot, { recursive: true, force: true }));

function control(pidfdOpen: (pid: number) => number) {
  const sent: number[] = [];
  const syscalls: LinuxSyscalls = {
    pidfdOpen,
    pidfdSendSignal: (_fd, signal) => (sent.push(signal), 0),
    close: () => undefined,
    setAffinity: () => 0,
  };
  const linux = new LinuxControl({
    procRoot,
    bootTimeMs: () => BOOT_MS,
    ticksPerSec: TICKS_PER_SEC,
    policy: () => ({ platform: 'linux', ownPids: new Set<number>() }),
    syscalls: () => syscalls,
  });
  return { linux, sent };
}

describe('LinuxControl.signal: only through a pidfd, never by pid after the check', () => {
  it('signals through the pidfd opened before the identity check', () => {
    const { linux, sent } = control(() => 7);
    expect(linux.signal(PID, START_MS, 'SIGSTOP', 'Suspending the process')).toEqual({ ok: true });
    expect(sent).toEqual([os.constants.signals.SIGSTOP]);
  });

  it.each([
    ['EMFILE (no descriptor left)', 24, 'INTERNAL', /could not be pinned \(pidfd_open answered EMFILE\)/],
    ['ENOSYS (a kernel before 5.3)', 38, 'UNSUPPORTED', /no pidfd_open/],
  ])('refuses when pidfd_open fails with %s: nothing is sent', (_label, errno, code, message) => {
    const { linux, sent } = control(() => -errno);
    expect(linux.signal(PID, START_MS, 'SIGKILL', 'Ending the process')).toMatchObject({ ok: false, code, message: expect.stringMatching(message) });
    expect(sent).toEqual([]);
  });

  it('still answers in the contract’s order without a pidfd: STALE_PID before the missing pidfd', () => {
    const { linux } = control(() => -24);
    expect(linux.signal(PID, START_MS - 1_000, 'SIGKILL', 'Ending the process')).toMatchObject({ code: 'STALE_PID' });
  });

  it('NOT_FOUND when pidfd_open says the process is gone (ESRCH)', () => {
    const { linux } = control(() => -3);
    expect(linux.signal(PID, START_MS, 'SIGTERM', 'Ending the process')).toMatchObject({ code: 'NOT_FOUND' });
  });
});
