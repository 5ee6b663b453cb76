/**
 * Per-process counters from `/proc/<pid>/…`, with the files kept open between ticks.
 *
 * Each tick: `stat` (CPU time, state, threads, rss, vsize) and `io`; `statm` only when the process
 * could have changed its memory since the last read: its rss, its virtual size or its CPU time
 * moved (a process that did not run and whose mappings and resident size are the same has the same
 * statm). Once per identity (pid + start time), and again when the process execs (its `comm`
 * changes): `cmdline`, `exe`, the owner and the cgroup — put off while the process is in
 * uninterruptible sleep (D), where reading `cmdline` can block on its memory map lock.
 * The open-fd count comes from one `stat` of `/proc/<pid>/fd` (its size, Linux ≥ 6.2).
 * No child process, no async I/O.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCgroup } from '../../compute/apps.ts';
import { privateResidentBytes } from '../../compute/memory.ts';
import { priorityFromLinux, stateFromLinuxLetter } from '../../compute/process-attributes.ts';
import { fullProcessName, isAnonymousExe, stripDeleted } from '../../compute/process-name.ts';
import { startTimeMsFromTicks, ticksToMs } from '../../compute/start-time.ts';
import type { RawProcess } from '../platform.ts';
import { errorCode, isOutOfFds, KeptFile, ReadBuffer, type FileBudget } from './proc-file.ts';
import { PF_KTHREAD, parseCmdline, parseProcIo, parseProcStat, parseStatm, type Statm } from './proc-parse.ts';
import type { UserNames } from './user-names.ts';

export interface LinuxProcessReaderOptions {
  procRoot: string;
  bootTimeMs: number;
  ticksPerSec: number;
  pageBytes: number;
  users: UserNames;
  /** Shared with the other kept-open files of the collector. */
  fileBudget: FileBudget;
}

/** Longest command line kept (bytes); longer ones end with "…". */
const MAX_CMDLINE_BYTES = 32 * 1024;

interface Tracked {
  startTimeMs: number;
  comm: string;
  stat: KeptFile;
  statm: KeptFile;
  io: KeptFile;
  /** `/proc/<pid>/fd`, kept open for its size (the open fd count). */
  fdDir: KeptFile;
  /** False once opening `fd` was refused (another user's process): its size is then read by name. */
  isFdDirOpenable: boolean;
  isIoReadable: boolean;
  /** What `statm` was last read at: rss pages, vsize bytes and CPU ticks from `stat`. */
  lastRssPages: number;
  lastVsizeBytes: number;
  lastCpuTicks: number;
  /** Identity facts still to read (deferred while the process was in state D). */
  hasFactsPending: boolean;
  statmValues: Statm | null;
  name: string;
  exePath: string | null;
  commandLine: string | null;
  user: string | null;
  cgroupPath: string | null;
  appScope: string | null;
}

export class LinuxProcessReader {
  private readonly tracked = new Map<number, Tracked>();
  private readonly scratch = new ReadBuffer();
  private readonly cmdlineBuffer = Buffer.allocUnsafe(MAX_CMDLINE_BYTES);
  private isFdCountSupported: boolean | null = null;

  private readonly options: LinuxProcessReaderOptions;

  constructor(options: LinuxProcessReaderOptions) {
    this.options = options;
  }

  read(): RawProcess[] {
    const { procRoot } = this.options;
    const rows: RawProcess[] = [];
    const seen = new Set<number>();
    for (const entry of fs.readdirSync(procRoot)) {
      const first = entry.charCodeAt(0);
      if (first < 48 || first > 57) continue;
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      const row = this.readOne(pid);
      if (row) {
        rows.push(row);
        seen.add(pid);
      }
    }
    for (const [pid, t] of this.tracked) {
      if (!seen.has(pid)) this.forget(pid, t);
    }
    return rows;
  }

  close(): void {
    for (const [pid, t] of this.tracked) this.forget(pid, t);
  }

  /** Reads one process, re-opening its files once if the pid now belongs to a new process. */
  private readOne(pid: number): RawProcess | null {
    for (let attempt = 0; attempt < 2; attempt++) {
      let t = this.tracked.get(pid);
      const isNew = t === undefined;
      t ??= this.track(pid);
      let text: string;
      try {
        text = t.stat.read();
      } catch (error) {
        // Out of fds is not "the process is gone": let the sample fail and say why.
        if (isOutOfFds(error)) throw error;
        // Gone (ESRCH/ENOENT): the kept file belonged to a process that exited. If the pid was
        // reused, the next attempt opens the new process's files.
        this.forget(pid, t);
        if (isNew) return null;
        continue;
      }
      const stat = parseProcStat(text);
      if (!stat) {
        this.forget(pid, t);
        return null;
      }
      const startTimeMs = startTimeMsFromTicks(this.options.bootTimeMs, stat.startTicks, this.options.ticksPerSec);
      if (isNew) {
        t.startTimeMs = startTimeMs;
        t.comm = stat.comm;
        t.name = stat.comm;
      } else if (startTimeMs !== t.startTimeMs) {
        this.forget(pid, t);
        continue;
      } else if (stat.comm !== t.comm) {
        // exec: same process, new program.
        t.comm = stat.comm;
        t.hasFactsPending = true;
      }
      if (t.hasFactsPending && stat.stateLetter !== 'D') {
        t.hasFactsPending = false;
        this.readIdentityFacts(pid, t);
      }
      return this.toRow(pid, t, stat);
    }
    return null;
  }

  private toRow(pid: number, t: Tracked, stat: NonNullable<ReturnType<typeof parseProcStat>>): RawProcess {
    const { pageBytes, ticksPerSec } = this.options;
    const cpuTicks = stat.utimeTicks + stat.stimeTicks;
    if (
      t.statmValues === null ||
      stat.rssPages !== t.lastRssPages ||
      stat.vsizeBytes !== t.lastVsizeBytes ||
      cpuTicks !== t.lastCpuTicks
    ) {
      try {
        t.statmValues = parseStatm(t.statm.read());
        t.lastRssPages = stat.rssPages;
        t.lastVsizeBytes = stat.vsizeBytes;
        t.lastCpuTicks = cpuTicks;
      } catch (error) {
        if (isOutOfFds(error)) throw error;
        t.statmValues = null;
      }
    }
    let ioReadBytes: number | null = null;
    let ioWriteBytes: number | null = null;
    if (t.isIoReadable) {
      try {
        const io = parseProcIo(t.io.read());
        ioReadBytes = io?.readBytes ?? null;
        ioWriteBytes = io?.writeBytes ?? null;
      } catch (error) {
        if (isOutOfFds(error)) throw error;
        // EACCES for another user's process when not root: say "unknown", and stop asking.
        const code = errorCode(error);
        if (code === 'EACCES' || code === 'EPERM') {
          t.isIoReadable = false;
          t.io.close();
        }
      }
    }
    const isKernelThread = (stat.flags & PF_KTHREAD) !== 0;
    const statm = t.statmValues;
    return {
      pid,
      ppid: stat.ppid,
      name: t.name,
      startTimeMs: t.startTimeMs,
      user: t.user,
      state: stateFromLinuxLetter(stat.stateLetter),
      cpuTimeMs: ticksToMs(stat.utimeTicks + stat.stimeTicks, ticksPerSec),
      memoryBytes: statm ? privateResidentBytes(statm.residentPages, statm.sharedPages, pageBytes) : null,
      residentBytes: statm ? statm.residentPages * pageBytes : null,
      commitBytes: statm ? statm.dataPages * pageBytes : null,
      threads: stat.threads,
      handles: this.openFdCount(t),
      ioReadBytes,
      ioWriteBytes,
      netRxBytes: null,
      netTxBytes: null,
      gpuEngineBusyNs: null,
      gpuMemoryBytes: null,
      priority: priorityFromLinux(stat.nice, stat.policy),
      isEfficiencyMode: null,
      commandLine: t.commandLine,
      exePath: t.exePath,
      appScope: t.appScope,
      cgroupPath: t.cgroupPath,
      isKernelThread,
    };
  }

  private track(pid: number): Tracked {
    const dir = path.join(this.options.procRoot, String(pid));
    const t: Tracked = {
      startTimeMs: -1,
      comm: '',
      stat: new KeptFile(`${dir}/stat`, this.scratch, this.options.fileBudget),
      statm: new KeptFile(`${dir}/statm`, this.scratch, this.options.fileBudget),
      io: new KeptFile(`${dir}/io`, this.scratch, this.options.fileBudget),
      fdDir: new KeptFile(`${dir}/fd`, this.scratch, this.options.fileBudget),
      isFdDirOpenable: true,
      isIoReadable: true,
      lastRssPages: -1,
      lastVsizeBytes: -1,
      lastCpuTicks: -1,
      hasFactsPending: true,
      statmValues: null,
      name: '',
      exePath: null,
      commandLine: null,
      user: null,
      cgroupPath: null,
      appScope: null,
    };
    this.tracked.set(pid, t);
    return t;
  }

  private forget(pid: number, t: Tracked): void {
    t.stat.close();
    t.statm.close();
    t.io.close();
    t.fdDir.close();
    if (this.tracked.get(pid) === t) this.tracked.delete(pid);
  }

  /** What stays the same for a process until it execs: path, command line, owner, cgroup. */
  private readIdentityFacts(pid: number, t: Tracked): void {
    const dir = path.join(this.options.procRoot, String(pid));
    let exePath: string | null;
    try {
      exePath = stripDeleted(fs.readlinkSync(`${dir}/exe`));
      if (isAnonymousExe(exePath)) exePath = null;
    } catch {
      exePath = null; // kernel threads, zombies, or not ours to see
    }
    const { commandLine, argv0 } = this.readCmdline(`${dir}/cmdline`);
    t.exePath = exePath;
    t.commandLine = commandLine;
    t.name = fullProcessName(t.comm, exePath, argv0);
    // Again on every exec: a setuid program changes the owner.
    try {
      t.user = this.options.users.nameOf(fs.statSync(dir).uid);
    } catch {
      t.user = null;
    }
    try {
      const cgroup = parseCgroup(this.scratch.readPath(`${dir}/cgroup`));
      t.cgroupPath = cgroup.cgroupPath;
      t.appScope = cgroup.appScope;
    } catch {
      t.cgroupPath = null;
      t.appScope = null;
    }
  }

  /**
   * Open fds of a process: the size of `/proc/<pid>/fd` (Linux ≥ 6.2 reports the count there;
   * older kernels report 0, so the support is checked once on this process's own fd folder).
   * Null where the folder can't be read (another user's process without privileges).
   */
  private openFdCount(t: Tracked): number | null {
    if (this.isFdCountSupported === null) {
      try {
        this.isFdCountSupported = fs.statSync(`${this.options.procRoot}/self/fd`).size > 0;
      } catch {
        this.isFdCountSupported = false;
      }
    }
    if (!this.isFdCountSupported) return null;
    if (t.isFdDirOpenable) {
      try {
        return t.fdDir.size();
      } catch (error) {
        if (isOutOfFds(error)) throw error;
        const code = errorCode(error);
        if (code !== 'EACCES' && code !== 'EPERM') return null; // gone: the next tick forgets it
        // Not ours to open (mode 0500, another user): stat by name, which the kernel still answers.
        t.isFdDirOpenable = false;
      }
    }
    return fs.statSync(t.fdDir.path, { throwIfNoEntry: false })?.size ?? null;
  }

  private readCmdline(file: string): { commandLine: string | null; argv0: string | null } {
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      return { commandLine: null, argv0: null };
    }
    try {
      const n = fs.readSync(fd, this.cmdlineBuffer, 0, MAX_CMDLINE_BYTES, 0);
      const parsed = parseCmdline(this.cmdlineBuffer.toString('utf8', 0, n));
      if (n === MAX_CMDLINE_BYTES && parsed.commandLine !== null) {
        return { commandLine: `${parsed.commandLine}…`, argv0: parsed.argv0 };
      }
      return parsed;
    } catch {
      return { commandLine: null, argv0: null };
    } finally {
      fs.closeSync(fd);
    }
  }
}
