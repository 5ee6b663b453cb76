/**
 * Process control on Linux: every action re-reads the target's start time from
 * `/proc/<pid>/stat` (field 22) right before acting and asks the policy; signals go through a
 * pidfd opened before that check, so the process checked is the process signalled (REFERENCE.md).
 * Priority is applied to every thread (`/proc/<pid>/task/*`), as is affinity.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { CommandResult, Failure } from '../../../src-shared/commands.ts';
import { failure } from '../../../src-shared/commands.ts';
import type { Priority } from '../../../src-shared/snapshot.ts';
import { startTimeMsFromTicks } from '../../collector/compute/start-time.ts';
import { parseProcStat, PF_KTHREAD } from '../../collector/platform/linux/proc-parse.ts';
import { failureFromErrno, linuxErrnoName } from '../os-errors.ts';
import { checkTarget, type PolicyContext, type TargetFacts } from '../policy.ts';
import { linuxSyscalls, type LinuxSyscalls } from './linux-syscalls.ts';

export interface LinuxControlOptions {
  procRoot?: string;
  /** The collector's boot time (ms), so start times are computed exactly as in the snapshot. */
  bootTimeMs(): number;
  ticksPerSec: number;
  policy(): Omit<PolicyContext, 'isSelfConfirmed'>;
  /** The pidfd and affinity calls; by default koffi's, null where they can't be loaded. Tests inject them. */
  syscalls?: () => LinuxSyscalls | null;
}

const ESRCH = 3;
const ENOSYS = 38;

export type Signal = 'SIGTERM' | 'SIGKILL' | 'SIGSTOP' | 'SIGCONT';

/** Nice values for the priority classes (os.constants.priority). */
const NICE: Record<Exclude<Priority, 'realtime'>, number> = {
  high: os.constants.priority.PRIORITY_HIGH,
  aboveNormal: os.constants.priority.PRIORITY_ABOVE_NORMAL,
  normal: os.constants.priority.PRIORITY_NORMAL,
  belowNormal: os.constants.priority.PRIORITY_BELOW_NORMAL,
  idle: os.constants.priority.PRIORITY_LOW,
};

export class LinuxControl {
  private readonly procRoot: string;
  private readonly options: LinuxControlOptions;

  constructor(options: LinuxControlOptions) {
    this.options = options;
    this.procRoot = options.procRoot ?? '/proc';
  }

  private syscalls(): LinuxSyscalls | null {
    return (this.options.syscalls ?? linuxSyscalls)();
  }

  /** What the policy needs to know about `pid`, read now. */
  facts(pid: number): TargetFacts {
    let stat;
    try {
      stat = parseProcStat(fs.readFileSync(`${this.procRoot}/${pid}/stat`, 'latin1'));
    } catch {
      stat = null;
    }
    return {
      pid,
      startTimeMs: stat ? startTimeMsFromTicks(this.options.bootTimeMs(), stat.startTicks, this.options.ticksPerSec) : null,
      isKernelThread: stat ? (stat.flags & PF_KTHREAD) !== 0 : false,
      imagePath: null,
      isCritical: false,
    };
  }

  check(pid: number, startTimeMs: number, isSelfConfirmed = false): Failure | null {
    return checkTarget(startTimeMs, this.facts(pid), { ...this.options.policy(), isSelfConfirmed });
  }

  /**
   * Sends `signal` to exactly the process (pid, startTimeMs), or says why not. Only through a pidfd
   * opened before the identity check: where none can be opened the command is refused, never sent
   * by pid, since the pid could be reused between the check and kill(2).
   */
  signal(pid: number, startTimeMs: number, signal: Signal, what: string, isSelfConfirmed = false): CommandResult {
    const calls = this.syscalls();
    const pidfd = calls ? calls.pidfdOpen(pid) : -ENOSYS;
    if (pidfd === -ESRCH) return failure('NOT_FOUND', `${what}: no process with pid ${pid} is running`);
    try {
      // The refusals come in the contract's order even when no pidfd could be opened.
      const refusal = this.check(pid, startTimeMs, isSelfConfirmed);
      if (refusal) return refusal;
      if (!calls || pidfd < 0) return unpinnedRefusal(-pidfd, what);
      const errno = calls.pidfdSendSignal(pidfd, os.constants.signals[signal]);
      return errno === 0 ? { ok: true } : failureFromErrno(linuxErrnoName(errno), what);
    } finally {
      if (calls && pidfd >= 0) calls.close(pidfd);
    }
  }

  setPriority(pid: number, startTimeMs: number, priority: Priority): CommandResult {
    const what = 'Setting the priority';
    if (priority === 'realtime') {
      return failure('UNSUPPORTED', 'Realtime scheduling is not offered on Linux (it can starve the whole system); use High');
    }
    return this.forEachThread(pid, startTimeMs, what, (tid) => {
      os.setPriority(tid, NICE[priority]);
      return 0;
    });
  }

  setAffinity(pid: number, startTimeMs: number, cpus: readonly number[]): CommandResult {
    const what = 'Setting the affinity';
    const cores = os.availableParallelism();
    const outside = cpus.filter((cpu) => cpu >= cores);
    if (outside.length > 0) return failure('INVALID_ARGUMENT', `${what}: this machine has CPUs 0 to ${cores - 1}, not ${outside.join(', ')}`);
    const calls = this.syscalls();
    if (!calls) return failure('UNSUPPORTED', `${what}: the system call is not available here`);
    return this.forEachThread(pid, startTimeMs, what, (tid) => calls.setAffinity(tid, cpus));
  }

  /** Checks identity and policy, then applies `apply` to every thread; an errno from it is the answer. */
  private forEachThread(pid: number, startTimeMs: number, what: string, apply: (tid: number) => number): CommandResult {
    const refusal = this.check(pid, startTimeMs);
    if (refusal) return refusal;
    let tids: number[];
    try {
      tids = fs.readdirSync(`${this.procRoot}/${pid}/task`).map(Number);
    } catch (error) {
      return failureFromErrno(errorCode(error), what);
    }
    for (const tid of tids) {
      try {
        const errno = apply(tid);
        if (errno !== 0 && errno !== 3) return failureFromErrno(linuxErrnoName(errno), what); // ESRCH: the thread ended meanwhile
      } catch (error) {
        const code = errorCode(error);
        if (code !== 'ESRCH') return failureFromErrno(code, what);
      }
    }
    return { ok: true };
  }
}

/** Why nothing was signalled when the process could not be pinned by a pidfd (`errno` from pidfd_open). */
function unpinnedRefusal(errno: number, what: string): Failure {
  const reason =
    errno === ENOSYS
      ? 'this system has no pidfd_open (Linux 5.3 or later is needed)'
      : `the process could not be pinned (pidfd_open answered ${linuxErrnoName(errno)})`;
  return failure(errno === ENOSYS ? 'UNSUPPORTED' : 'INTERNAL', `${what}: ${reason}; signalling by pid alone could reach a process that reused the pid, so nothing was done`);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  // os.setPriority throws a SystemError whose info.code is the errno name.
  if (code === 'ERR_SYSTEM_ERROR' && 'info' in error && typeof error.info === 'object' && error.info !== null && 'code' in error.info) {
    return String(error.info.code);
  }
  return typeof code === 'string' ? code : undefined;
}
