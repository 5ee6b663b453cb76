/**
 * Process control on Windows (REFERENCE.md "Process control"), race-free: OpenProcess first (a pid
 * is not reused while a handle to it is open), then GetProcessTimes' creation time is compared with
 * the command's `startTimeMs` and the policy is asked, and the action goes through that same handle.
 * Each action opens with the least rights it needs (`accessFor`). The Win32 calls are injected
 * (`Win32Api`), so this runs on Linux against a simulated process table in the tests.
 *
 * When OpenProcess is denied, a second, query-only handle is tried so the refusals still come in
 * the contract's order (NOT_FOUND → PROTECTED → STALE_PID) before ACCESS_DENIED is answered. System
 * (pid 4) and the pseudo-processes (Registry, Memory Compression, Secure System, by the collector's
 * name) are refused as soon as a handle shows they exist, before anything is read through it:
 * Windows may refuse those reads for them, which must not turn PROTECTED into another answer.
 */
import { failure, type CommandResult, type Failure } from '../../../src-shared/commands.ts';
import type { Priority, ProcessIdentity, Snapshot } from '../../../src-shared/snapshot.ts';
import { startTimeMsFromFiletime } from '../../collector/compute/start-time.ts';
import { isAppWindow } from '../../collector/platform/win32/app-windows.ts';
import { checkTarget, checkWindowsFixedProcess, type PolicyContext, type TargetFacts } from '../policy.ts';
import { endGracefully } from './end-task.ts';
import type { Handle, Win32Api } from './win32-api.ts';
import { failureFromNtStatus, failureFromWin32Error, NT_STATUS, WIN32_ERROR } from './win32-errors.ts';
import { ACCESS, accessFor, affinityMask, efficiencyMode, PRIORITY_CLASS, realtimeRefusal, STILL_ACTIVE, TERMINATED_EXIT_CODE, type Win32Action } from './win32-values.ts';

/** What SetProcessInformation(ProcessPowerThrottling) answers where there is no efficiency mode. */
const UNSUPPORTED_THROTTLING_ERRORS: ReadonlySet<number> = new Set([
  WIN32_ERROR.INVALID_FUNCTION,
  WIN32_ERROR.INVALID_PARAMETER,
  WIN32_ERROR.NOT_SUPPORTED,
  WIN32_ERROR.PROC_NOT_FOUND,
]);

export interface WindowsControlOptions {
  /** The Win32 calls, loaded on first use (koffi is touched only when something acts). */
  api(): Win32Api;
  /** This app's own processes (PROTECTED unless the command says isSelfConfirmed). */
  ownPids(): ReadonlySet<number>;
  /** The latest snapshot: the policy's name for a process Windows gives no path for (Registry, …). */
  latest(): Snapshot | null;
  /**
   * The collector's boot time, if it shares it: its start time of a process without a CreateTime
   * (System on some builds). Null: such a process can't be matched (STALE_PID; System is PROTECTED first).
   */
  bootTimeMs(): number | null;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** How long End task waits after WM_CLOSE before it terminates (DEFAULT_CLOSE_TIMEOUT_MS). */
  closeTimeoutMs: number;
}

export interface OpenOptions {
  isSelfConfirmed?: boolean;
  /**
   * The command ends or suspends the process (terminate sets it itself): where Windows can't say
   * whether the process is critical, these are refused, as ending a critical process stops Windows.
   */
  isStopping?: boolean;
  /** Read-only use (Open file location, Properties): nothing is PROTECTED, identity is checked. */
  isReadOnly?: boolean;
}

/** An identity-checked handle and the image path read through it (else the snapshot's name, or null). */
export interface Opened {
  handle: Handle;
  imagePath: string | null;
}

export class WindowsControl {
  private readonly options: WindowsControlOptions;

  constructor(options: WindowsControlOptions) {
    this.options = options;
  }

  private get api(): Win32Api {
    return this.options.api();
  }

  /** The refusal for `target` (NOT_FOUND → PROTECTED → STALE_PID, or ACCESS_DENIED), or null. */
  check(target: ProcessIdentity, what: string, options: Pick<OpenOptions, 'isSelfConfirmed' | 'isStopping'> = {}): Failure | null {
    const opened = this.open(target, 'inspect', what, options);
    if (!('handle' in opened)) return opened;
    this.api.closeHandle(opened.handle);
    return null;
  }

  terminate(target: ProcessIdentity, what: string, isSelfConfirmed = false): CommandResult {
    return this.withProcess(target, 'terminate', what, { isSelfConfirmed }, ({ handle }) => this.terminateHandle(handle, what));
  }

  suspend(target: ProcessIdentity, what: string): CommandResult {
    return this.withProcess(target, 'suspendResume', what, { isStopping: true }, ({ handle }) => failureFromNtStatus(this.api.suspend(handle), what) ?? { ok: true });
  }

  resume(target: ProcessIdentity, what: string): CommandResult {
    return this.withProcess(target, 'suspendResume', what, {}, ({ handle }) => failureFromNtStatus(this.api.resume(handle), what) ?? { ok: true });
  }

  setPriority(target: ProcessIdentity, priority: Priority): CommandResult {
    const what = 'Setting the priority';
    return this.withProcess(target, 'setPriority', what, {}, ({ handle }) => {
      const set = this.api.setPriorityClass(handle, PRIORITY_CLASS[priority]);
      if (!set.ok) return failureFromWin32Error(set.error, what, 'act');
      if (priority !== 'realtime') return { ok: true };
      const after = this.api.priorityClass(handle);
      return (after.ok ? realtimeRefusal(priority, after.value, what) : null) ?? { ok: true };
    });
  }

  setAffinity(target: ProcessIdentity, cpus: readonly number[]): CommandResult {
    const what = 'Setting the affinity';
    // The CPUs are checked before the process is: INVALID_ARGUMENT comes first.
    const systemMask = this.api.systemAffinityMask();
    if (!systemMask.ok) return failureFromWin32Error(systemMask.error, what, 'act');
    const mask = affinityMask(cpus, { systemMask: systemMask.value, groupCount: this.api.processorGroupCount() }, what);
    if (!mask.ok) return mask;
    return this.withProcess(target, 'setAffinity', what, {}, ({ handle }) => {
      const set = this.api.setAffinityMask(handle, mask.mask);
      return set.ok ? { ok: true } : failureFromWin32Error(set.error, what, 'act');
    });
  }

  setEfficiencyMode(target: ProcessIdentity, isEnabled: boolean): CommandResult {
    const what = isEnabled ? 'Turning on efficiency mode' : 'Turning off efficiency mode';
    const mode = efficiencyMode(isEnabled);
    return this.withProcess(target, 'setEfficiencyMode', what, {}, ({ handle }) => {
      const throttled = this.api.setPowerThrottling(handle, mode.throttling);
      if (!throttled.ok) {
        // Windows before 10 1709 has no ProcessPowerThrottling class; Wine 8 answers ERROR_INVALID_FUNCTION.
        if (UNSUPPORTED_THROTTLING_ERRORS.has(throttled.error)) {
          return failure('UNSUPPORTED', `${what}: this version of Windows has no efficiency mode (it needs Windows 11, or Windows 10 1709 or later)`);
        }
        return failureFromWin32Error(throttled.error, what, 'act');
      }
      const prioritised = this.api.setPriorityClass(handle, mode.priorityClass);
      return prioritised.ok ? { ok: true } : failureFromWin32Error(prioritised.error, what, 'act');
    });
  }

  /**
   * Ends `targets` (a process, or the members of one app, children first): each is opened and
   * checked, then the windowed ones are asked to close and the rest terminated (`endGracefully`).
   * The handles stay open throughout, so no pid can be reused while the app closes.
   */
  async end(targets: readonly ProcessIdentity[], options: { force: boolean; isSelfConfirmed: boolean; what: string }): Promise<CommandResult[]> {
    const results = new Map<number, CommandResult>();
    const opened: { index: number; pid: number; handle: Handle }[] = [];
    try {
      // Opened inside the try: if one open throws, the handles already open are still closed.
      targets.forEach((target, index) => {
        const result = this.open(target, 'terminate', options.what, { isSelfConfirmed: options.isSelfConfirmed });
        if ('handle' in result) opened.push({ index, pid: target.pid, handle: result.handle });
        else results.set(index, result);
      });
      const api = this.api;
      const ended = await endGracefully(
        opened,
        {
          windowsOf: (list) => {
            const pids = new Set(list.map((o) => o.pid));
            // The windows that make a process an app (the collector's rule): visible, unowned, no tool window, titled.
            return api
              .topLevelWindows(pids)
              .filter((w) => pids.has(w.pid) && isAppWindow({ ...w, isHung: false }))
              .map((w) => w.hwnd);
          },
          postClose: (hwnd) => {
            api.postClose(hwnd); // a window closed meanwhile is no error
          },
          hasExited: (o) => this.hasExited(o.handle),
          terminate: (o) => this.terminateHandle(o.handle, options.what),
          sleep: (ms) => this.options.sleep(ms),
          now: () => this.options.now(),
        },
        { force: options.force, timeoutMs: this.options.closeTimeoutMs },
      );
      opened.forEach((o, i) => results.set(o.index, ended[i] ?? failure('INTERNAL', `${options.what}: no result`)));
    } finally {
      for (const o of opened) this.api.closeHandle(o.handle);
    }
    return targets.map((_, index) => results.get(index) ?? failure('INTERNAL', `${options.what}: no result`));
  }

  /** Opens and checks `target`, runs `act` on the handle, closes it. */
  withProcess(target: ProcessIdentity, action: Win32Action, what: string, options: OpenOptions, act: (opened: Opened) => CommandResult): CommandResult {
    const opened = this.open(target, action, what, options);
    if (!('handle' in opened)) return opened;
    try {
      return act(opened);
    } finally {
      this.api.closeHandle(opened.handle);
    }
  }

  /** TerminateProcess through an open handle. */
  terminateHandle(handle: Handle, what: string): CommandResult {
    const ended = this.api.terminate(handle, TERMINATED_EXIT_CODE);
    if (ended.ok) return { ok: true };
    // TerminateProcess on a process that has already exited fails with ERROR_ACCESS_DENIED.
    if (ended.error === WIN32_ERROR.ACCESS_DENIED && this.hasExited(handle)) return failure('NOT_FOUND', `${what}: the process has already exited`);
    return failureFromWin32Error(ended.error, what, 'act');
  }

  /** Whether the process of an open handle has exited. */
  hasExited(handle: Handle): boolean {
    const waited = this.api.waitForExit(handle, 0);
    if (waited.ok) return waited.value;
    const code = this.api.exitCode(handle);
    return code.ok && code.value !== STILL_ACTIVE;
  }

  /** Opens `target` for `action`, checks identity and policy through that handle; the caller closes it. */
  open(target: ProcessIdentity, action: Win32Action, what: string, openOptions: OpenOptions): Opened | Failure {
    const options = { ...openOptions, isStopping: openOptions.isStopping ?? action === 'terminate' };
    const api = this.api;
    const opened = api.openProcess(target.pid, accessFor(action));
    if (!opened.ok) return this.refuseDenied(target, action, what, options, opened.error);
    const verdict = this.checkThrough(opened.value, target, what, options);
    if ('refusal' in verdict) {
      api.closeHandle(opened.value);
      return verdict.refusal;
    }
    return { handle: opened.value, imagePath: verdict.imagePath };
  }

  /**
   * The refusal for `target` through an open handle to its pid, or the image path when it may be
   * acted on. The handle shows the process exists, so System and the pseudo-processes are refused
   * first, on pid and name alone; everything else on the facts read through the handle.
   */
  private checkThrough(handle: Handle, target: ProcessIdentity, what: string, options: OpenOptions): { imagePath: string | null } | { refusal: Failure } {
    const fixed = checkWindowsFixedProcess(target.pid, this.snapshotName(target), this.context(options));
    if (fixed) return { refusal: fixed };
    const facts = this.facts(handle, target, what);
    if ('ok' in facts) return { refusal: facts };
    const refusal = checkTarget(target.startTimeMs, facts.facts, this.context(options));
    return refusal ? { refusal } : { imagePath: facts.facts.imagePath };
  }

  /** OpenProcess failed: answer in the contract's order, learning what a query-only handle can tell. */
  private refuseDenied(target: ProcessIdentity, action: Win32Action, what: string, options: OpenOptions, error: number): Failure {
    if (error !== WIN32_ERROR.ACCESS_DENIED) return failureFromWin32Error(error, what, 'open');
    if (action !== 'inspect') {
      const probe = this.api.openProcess(target.pid, ACCESS.QUERY_LIMITED_INFORMATION);
      if (probe.ok) {
        try {
          const verdict = this.checkThrough(probe.value, target, what, options);
          return 'refusal' in verdict ? verdict.refusal : failureFromWin32Error(error, what, 'open');
        } finally {
          this.api.closeHandle(probe.value);
        }
      }
      if (probe.error !== WIN32_ERROR.ACCESS_DENIED) return failureFromWin32Error(probe.error, what, 'probe');
    }
    // Not even a query handle (System, CSRSS, protected processes): only the snapshot's name is known.
    const facts: TargetFacts = { pid: target.pid, startTimeMs: target.startTimeMs, isKernelThread: false, imagePath: this.snapshotName(target), isCritical: false };
    return checkTarget(target.startTimeMs, facts, this.context(options)) ?? failureFromWin32Error(error, what, 'probe');
  }

  /** What the policy needs, read through `handle`; a failure when Windows won't say. */
  private facts(handle: Handle, target: ProcessIdentity, what: string): { facts: TargetFacts } | Failure {
    const api = this.api;
    const exit = api.exitCode(handle);
    if (!exit.ok) return failureFromWin32Error(exit.error, what, 'act');
    const created = api.creationTime(handle);
    if (!created.ok) return failureFromWin32Error(created.error, what, 'act');
    const critical = this.criticality(handle);
    if (critical === 'refused') return failure('INTERNAL', `${what}: Windows would not say whether this process is critical, so nothing was done`);
    const image = api.imagePath(handle);
    return {
      facts: {
        pid: target.pid,
        // The collector's conversion, so both sides compute the very same integer.
        startTimeMs: exit.value === STILL_ACTIVE ? startTimeMsFromFiletime(created.value, this.options.bootTimeMs() ?? -1) : null,
        isKernelThread: false,
        imagePath: image.ok && image.value !== '' ? image.value : this.snapshotName(target),
        isCritical: critical,
      },
    };
  }

  /**
   * IsProcessCritical; only where that export is absent (Wine 8) the flag it reads, asked directly;
   * null when that fails too (the policy then refuses ending and suspending), except on Wine. 'refused': the export
   * exists and failed, so nothing is decided on a guess.
   */
  private criticality(handle: Handle): boolean | null | 'refused' {
    const critical = this.api.isCritical(handle);
    if (critical.ok) return critical.value;
    if (critical.error !== WIN32_ERROR.PROC_NOT_FOUND) return 'refused';
    const flag = this.api.breakOnTermination(handle);
    if (flag.ok) return flag.value;
    // Wine 8 has neither IsProcessCritical nor the information class it reads: nothing there is
    // critical (no process's end stops Wine). Anywhere else, unknown stays unknown.
    return flag.error === NT_STATUS.INVALID_INFO_CLASS && this.api.isWine() ? false : null;
  }

  private context(options: OpenOptions): PolicyContext {
    return {
      platform: 'win32' as const,
      ownPids: this.options.ownPids(),
      isSelfConfirmed: options.isSelfConfirmed ?? false,
      isReadOnly: options.isReadOnly ?? false,
      isStopping: options.isStopping ?? false,
    };
  }

  /** The collector's name of this very process (pseudo-processes such as Registry have no path). */
  private snapshotName(target: ProcessIdentity): string | null {
    return this.options.latest()?.processes.find((p) => p.pid === target.pid && p.startTimeMs === target.startTimeMs)?.name ?? null;
  }
}
