/**
 * What may be acted on, and in what order the checks run (issue #5): schema (done by the caller)
 * → exists (NOT_FOUND) → PROTECTED → STALE_PID → act. Pure: facts about the target in, a verdict
 * out. Every platform's control code asks this one module.
 */
import { failure, type Failure } from '../../src-shared/commands.ts';

/** What the platform read about the pid named by a command, right before acting. */
export interface TargetFacts {
  pid: number;
  /** Null: no such process. */
  startTimeMs: number | null;
  /** Linux kernel threads (PF_KTHREAD). */
  isKernelThread: boolean;
  /**
   * Windows: the image path; where Windows gives none (Registry, Memory Compression, Secure
   * System), the collector's name of that very process. Linux: unused (null).
   */
  imagePath: string | null;
  /**
   * Windows: IsProcessCritical (or, where that export is absent, ProcessBreakOnTermination). Null:
   * Windows would not say; ending and suspending are then refused (`PolicyContext.isStopping`).
   */
  isCritical: boolean | null;
}

export interface PolicyContext {
  platform: NodeJS.Platform;
  /** This app's own processes (host or main, collector, renderer). */
  ownPids: ReadonlySet<number>;
  /** The command names this app's own process explicitly ("End" on this app). */
  isSelfConfirmed: boolean;
  /**
   * The command only reads about the process (Open file location, Properties): nothing is
   * PROTECTED then, as Task Manager offers these for every process; identity is still checked.
   */
  isReadOnly?: boolean;
  /** The command ends or suspends the process (not priority, affinity, resume). */
  isStopping?: boolean;
}

/** Windows processes that must never be ended or suspended (REFERENCE.md "Refuse"). */
const WINDOWS_SYSTEM_IMAGES = ['smss.exe', 'csrss.exe', 'wininit.exe', 'winlogon.exe', 'services.exe', 'lsass.exe', 'logonui.exe'];
const WINDOWS_PSEUDO_PROCESSES = ['registry', 'memory compression', 'secure system'];

/**
 * Windows: the refusal that the pid or the collector's name alone decides — System (pid 4) and the
 * pseudo-processes Registry, Memory Compression and Secure System — for a caller holding a handle to
 * the process (so it exists: NOT_FOUND is already ruled out) that can't count on reading more
 * through it: Windows may refuse IsProcessCritical, GetProcessTimes or GetExitCodeProcess on these.
 * Asked before those reads, so they answer PROTECTED rather than INTERNAL or ACCESS_DENIED. Null when
 * pid and name don't decide (then `checkTarget` runs on the facts read), and for read-only commands.
 */
export function checkWindowsFixedProcess(pid: number, name: string | null, context: PolicyContext): Failure | null {
  if (context.platform !== 'win32' || context.isReadOnly) return null;
  const reason = windowsFixedProcessReason(pid, name);
  return reason === null ? null : failure('PROTECTED', reason);
}

/** Null when the command may act on this target; otherwise the refusal. */
export function checkTarget(requestedStartTimeMs: number, facts: TargetFacts, context: PolicyContext): Failure | null {
  if (facts.startTimeMs === null) return failure('NOT_FOUND', `no process with pid ${facts.pid} is running`);
  const protectedReason = context.isReadOnly ? null : protectionOf(facts, context);
  if (protectedReason !== null) return failure('PROTECTED', protectedReason);
  if (facts.startTimeMs !== requestedStartTimeMs) {
    return failure('STALE_PID', `pid ${facts.pid} now belongs to another process (the one you chose has ended); nothing was done`);
  }
  return null;
}

function protectionOf(facts: TargetFacts, context: PolicyContext): string | null {
  if (context.ownPids.has(facts.pid) && !context.isSelfConfirmed) {
    return 'this is Task Manager itself: choose End on it explicitly to end it';
  }
  if (context.platform === 'win32') {
    if (facts.pid === 4) return windowsFixedProcessReason(facts.pid, null);
    if (facts.isCritical === true) return 'Windows marks this process as critical: ending it would stop the machine';
    if (facts.isCritical === null && context.isStopping === true) {
      return 'Windows would not say whether this process is critical (ending or suspending a critical process stops Windows), so it is left alone';
    }
    const fixed = windowsFixedProcessReason(facts.pid, facts.imagePath);
    if (fixed !== null) return fixed;
    const path = facts.imagePath?.toLowerCase() ?? '';
    const base = baseName(path);
    if (WINDOWS_SYSTEM_IMAGES.includes(base) && path.includes('\\windows\\system32\\')) {
      return `${base} is a core Windows process: ending it would stop the machine`;
    }
    return null;
  }
  if (facts.pid === 1) return 'pid 1 (init) can’t be ended or suspended: the whole system depends on it';
  if (facts.pid === 2 || facts.isKernelThread) return 'this is a kernel thread: it can’t be signalled';
  return null;
}

const baseName = (path: string) => path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);

/** System by its pid; a pseudo-process by its name or image path (Windows gives them no file). */
function windowsFixedProcessReason(pid: number, nameOrPath: string | null): string | null {
  if (pid === 4) return 'the System process can’t be ended or suspended';
  const path = nameOrPath?.toLowerCase() ?? '';
  if (WINDOWS_PSEUDO_PROCESSES.includes(path) || WINDOWS_PSEUDO_PROCESSES.includes(baseName(path))) return 'this is a part of Windows itself';
  return null;
}
