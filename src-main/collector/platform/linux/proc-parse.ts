/**
 * Parsers of Linux `/proc` and `/sys` texts (proc(5)). Pure: text in, raw counters out, no units
 * converted beyond what the file's own format says (kB → bytes, sectors of 512 bytes → bytes).
 * Each returns null for a text it can't read rather than inventing numbers.
 */
import type { CpuTimes } from '../../compute/cpu-percent.ts';

/** PF_KTHREAD in `/proc/<pid>/stat` field 9 (flags): the task is a kernel thread. */
export const PF_KTHREAD = 0x00200000;

export interface ProcStat {
  comm: string;
  stateLetter: string;
  ppid: number;
  flags: number;
  utimeTicks: number;
  stimeTicks: number;
  nice: number;
  threads: number;
  /** Field 22: clock ticks after boot at which the process started. */
  startTicks: number;
  /** Field 23: virtual memory size in bytes. */
  vsizeBytes: number;
  rssPages: number;
  policy: number;
}

/**
 * `/proc/<pid>/stat`. The name (field 2) is inside parentheses and may itself contain spaces and
 * parentheses, so the fields are read after the **last** ')'. This runs for every process every
 * tick, so it scans the characters once and builds no substrings (a `split` of the ~50 fields
 * cost 5 µs a line, 10 ms a tick at 2,000 processes).
 */
export function parseProcStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open || text.charCodeAt(close + 1) !== SPACE) return null;
  const stateLetter = text.charAt(close + 2);
  if (stateLetter === '' || text.charCodeAt(close + 3) !== SPACE) return null;
  // Field numbers as in proc(5); the scan starts at field 4 (ppid).
  let field = 4;
  let value = 0;
  let isNegative = false;
  let hasDigits = false;
  let ppid = NaN;
  let flags = NaN;
  let utimeTicks = NaN;
  let stimeTicks = NaN;
  let nice = NaN;
  let threads = NaN;
  let startTicks = NaN;
  let vsizeBytes = NaN;
  let rssPages = NaN;
  let policy = 0;
  for (let i = close + 4; i <= text.length && field <= 41; i++) {
    const c = i < text.length ? text.charCodeAt(i) : SPACE;
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      value = value * 10 + (c - DIGIT_0);
      hasDigits = true;
    } else if (c === MINUS && !hasDigits) {
      isNegative = true;
    } else if (c === SPACE || c === NEWLINE) {
      if (!hasDigits) return null;
      const v = isNegative ? -value : value;
      switch (field) {
        case 4: ppid = v; break;
        case 9: flags = v; break;
        case 14: utimeTicks = v; break;
        case 15: stimeTicks = v; break;
        case 19: nice = v; break;
        case 20: threads = v; break;
        case 22: startTicks = v; break;
        case 23: vsizeBytes = v; break;
        case 24: rssPages = v; break;
        case 41: policy = v; break;
      }
      field += 1;
      value = 0;
      isNegative = false;
      hasDigits = false;
      if (c === NEWLINE) break;
    } else {
      return null;
    }
  }
  if (field <= 24) return null; // cut short
  return {
    comm: text.slice(open + 1, close),
    stateLetter,
    ppid,
    flags,
    utimeTicks,
    stimeTicks,
    nice,
    threads,
    startTicks,
    vsizeBytes,
    rssPages,
    policy,
  };
}

const SPACE = 32;
const NEWLINE = 10;
const MINUS = 45;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

export interface Statm {
  residentPages: number;
  sharedPages: number;
  /** Data + stack, in pages. */
  dataPages: number;
}

/** `/proc/<pid>/statm`: size resident shared text lib data dt, in pages. */
export function parseStatm(text: string): Statm | null {
  const f = text.trim().split(' ').map(Number);
  if (f.length < 6 || f.some((v) => !Number.isFinite(v))) return null;
  return { residentPages: f[1] ?? 0, sharedPages: f[2] ?? 0, dataPages: f[5] ?? 0 };
}

/** `/proc/<pid>/io`: bytes that reached the storage layer (`read_bytes`, `write_bytes`). */
export function parseProcIo(text: string): { readBytes: number; writeBytes: number } | null {
  const read = matchNumber(text, 'read_bytes: ');
  const write = matchNumber(text, 'write_bytes: ');
  if (read === null || write === null) return null;
  return { readBytes: read, writeBytes: write };
}

function matchNumber(text: string, key: string): number | null {
  // `write_bytes:` also occurs inside `cancelled_write_bytes:`; anchor the key at a line start.
  let at = text.startsWith(key) ? 0 : text.indexOf(`\n${key}`);
  if (at < 0) return null;
  if (at > 0 || !text.startsWith(key)) at += 1;
  const end = text.indexOf('\n', at);
  const value = Number(text.slice(at + key.length, end < 0 ? undefined : end));
  return Number.isFinite(value) ? value : null;
}

export interface SystemStat {
  total: CpuTimes;
  perCore: CpuTimes[];
  /** `btime`: boot time in seconds since the epoch. */
  bootTimeSec: number | null;
}

/** `/proc/stat`: the aggregate `cpu` line, one `cpuN` line per online logical CPU, and btime. */
export function parseSystemStat(text: string): SystemStat | null {
  let total: CpuTimes | null = null;
  const perCore: CpuTimes[] = [];
  let bootTimeSec: number | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('cpu')) {
      const parts = line.split(/\s+/);
      const times = cpuTimes(parts.slice(1));
      if (!times) continue;
      if (parts[0] === 'cpu') total = times;
      else perCore.push(times);
    } else if (line.startsWith('btime ')) {
      const value = Number(line.slice(6));
      bootTimeSec = line.length > 6 && Number.isFinite(value) ? value : null;
    }
  }
  return total ? { total, perCore, bootTimeSec } : null;
}

function cpuTimes(fields: string[]): CpuTimes | null {
  const v = fields.map(Number);
  if (v.length < 4 || v.slice(0, 4).some((x) => !Number.isFinite(x))) return null;
  const at = (i: number) => (Number.isFinite(v[i]) ? (v[i] ?? 0) : 0);
  return {
    user: at(0),
    nice: at(1),
    system: at(2),
    idle: at(3),
    iowait: at(4),
    irq: at(5),
    softirq: at(6),
    steal: at(7),
  };
}

/** `/proc/meminfo`: every `Key: N kB` line, in bytes. */
export function parseMeminfo(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const rest = line.slice(colon + 1).trim();
    const [number, unit] = rest.split(/\s+/);
    const value = Number(number);
    if (!Number.isFinite(value)) continue;
    values.set(line.slice(0, colon), unit === 'kB' ? value * 1024 : value);
  }
  return values;
}

export interface DiskCounters {
  name: string;
  readBytes: number;
  writeBytes: number;
  /** Milliseconds spent doing I/O (field 13). */
  busyMs: number;
  /** Reads completed + writes completed (fields 4 and 8). */
  transfers: number;
  /** Milliseconds spent reading + milliseconds spent writing (fields 7 and 11), for the average response time. */
  transferMs: number;
}

/** `/proc/diskstats` (Documentation/admin-guide/iostats.rst). Sectors are always 512 bytes here. */
export function parseDiskstats(text: string): DiskCounters[] {
  const disks: DiskCounters[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 14) continue;
    const name = f[2] ?? '';
    const readSectors = Number(f[5]);
    const writeSectors = Number(f[9]);
    const busyMs = Number(f[12]);
    const transfers = Number(f[3]) + Number(f[7]);
    const transferMs = Number(f[6]) + Number(f[10]);
    if (![readSectors, writeSectors, busyMs, transfers, transferMs].every(Number.isFinite)) continue;
    disks.push({ name, readBytes: readSectors * 512, writeBytes: writeSectors * 512, busyMs, transfers, transferMs });
  }
  return disks;
}

export interface InterfaceCounters {
  name: string;
  rxBytes: number;
  txBytes: number;
}

/** `/proc/net/dev`: two header lines, then `name: rx_bytes … (8 fields) tx_bytes …`. */
export function parseNetDev(text: string): InterfaceCounters[] {
  const interfaces: InterfaceCounters[] = [];
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const f = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    const rxBytes = f[0];
    const txBytes = f[8];
    if (rxBytes === undefined || txBytes === undefined || !Number.isFinite(rxBytes) || !Number.isFinite(txBytes)) continue;
    interfaces.push({ name: line.slice(0, colon).trim(), rxBytes, txBytes });
  }
  return interfaces;
}

/** `/proc/<pid>/cmdline`: NUL-separated arguments. Empty for kernel threads and zombies. */
export function parseCmdline(text: string): { commandLine: string | null; argv0: string | null } {
  const args = text.split('\0');
  while (args.length > 0 && args[args.length - 1] === '') args.pop();
  if (args.length === 0) return { commandLine: null, argv0: null };
  return { commandLine: args.join(' '), argv0: args[0] ?? null };
}

/** `/etc/passwd`: uid → user name. */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':');
    const id = Number(uid);
    if (name && uid !== undefined && uid !== '' && Number.isInteger(id) && !users.has(id)) users.set(id, name);
  }
  return users;
}

export interface MountEntry {
  device: string;
  mount: string;
  fsType: string;
}

/** Kernel filesystems with no storage behind them. */
const PSEUDO_FS = new Set([
  'proc', 'sysfs', 'devtmpfs', 'devpts', 'tmpfs', 'cgroup', 'cgroup2', 'securityfs', 'pstore', 'bpf',
  'debugfs', 'tracefs', 'configfs', 'fusectl', 'mqueue', 'hugetlbfs', 'autofs', 'binfmt_misc', 'overlay',
  'squashfs', 'nsfs', 'ramfs', 'efivarfs', 'rpc_pipefs', 'selinuxfs', 'fuse.portal', 'fuse.gvfsd-fuse',
]);

/**
 * `/proc/self/mounts` → mounted volumes backed by storage: a block device, or a network share
 * (`host:/path`, `//host/share`). The same device mounted twice is listed once (its first mount).
 * Octal escapes (`\040` for a space) in paths are decoded.
 */
export function parseMounts(text: string): MountEntry[] {
  const seen = new Set<string>();
  const mounts: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const [device, mount, fsType] = line.split(' ');
    if (!device || !mount || !fsType || PSEUDO_FS.has(fsType)) continue;
    const isStorage = device.startsWith('/dev/') || device.includes(':/') || device.startsWith('//');
    if (!isStorage || seen.has(device)) continue;
    seen.add(device);
    mounts.push({ device, mount: decodeOctal(mount), fsType });
  }
  return mounts;
}

function decodeOctal(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** `/proc/cpuinfo`: the first model name and the mean "cpu MHz" of all CPUs. */
export function parseCpuinfo(text: string): { model: string | null; speedMhz: number | null } {
  let model: string | null = null;
  let sum = 0;
  let count = 0;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (model === null && (key === 'model name' || key === 'Model' || key === 'cpu model')) model = value;
    if (key === 'cpu MHz') {
      const mhz = Number(value);
      if (Number.isFinite(mhz)) {
        sum += mhz;
        count += 1;
      }
    }
  }
  return { model, speedMhz: count > 0 ? sum / count : null };
}

/** `/proc/sys/fs/file-nr`: allocated, free (always 0 since 2.6), maximum file handles. */
export function parseFileNr(text: string): number | null {
  const first = text.trim().split(/\s+/)[0];
  // Number('') is 0: an empty read must not show as zero handles.
  if (!first) return null;
  const allocated = Number(first);
  return Number.isFinite(allocated) ? allocated : null;
}
