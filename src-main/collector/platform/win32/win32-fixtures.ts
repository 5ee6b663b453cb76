/**
 * Test support: builds the byte buffers Windows fills, from the documented x64 layouts (the offset
 * tables of the parsers' modules are checked against the literal offsets written here), so the
 * parsers are tested on the bytes the OS would give. Strings go into a pool at the end of each
 * buffer and are reached through pointers (base address + offset), as the OS does.
 */

/** Where the fixture buffers pretend to live (any non-zero address works). */
export const FIXTURE_BASE_ADDRESS = 0x0000_01f4_5a20_0000n;

export class ByteWriter {
  readonly bytes: Buffer;
  readonly baseAddress: bigint;
  private poolOffset: number;

  /** `poolStart`: where the string pool begins (after the fixed part). */
  constructor(size: number, poolStart: number, baseAddress = FIXTURE_BASE_ADDRESS) {
    this.bytes = Buffer.alloc(size);
    this.baseAddress = baseAddress;
    this.poolOffset = poolStart;
  }

  u16(offset: number, value: number): void {
    this.bytes.writeUInt16LE(value, offset);
  }
  u32(offset: number, value: number): void {
    this.bytes.writeUInt32LE(value >>> 0, offset);
  }
  i32(offset: number, value: number): void {
    this.bytes.writeInt32LE(value, offset);
  }
  u64(offset: number, value: bigint | number): void {
    this.bytes.writeBigUInt64LE(BigInt(value), offset);
  }
  i64(offset: number, value: bigint | number): void {
    this.bytes.writeBigInt64LE(BigInt(value), offset);
  }
  f64(offset: number, value: number): void {
    this.bytes.writeDoubleLE(value, offset);
  }

  /** Puts `text` (UTF-16LE, NUL-terminated) in the pool; returns its offset. */
  pool(text: string): number {
    const at = this.poolOffset;
    const written = this.bytes.write(`${text}\u0000`, at, 'utf16le');
    this.poolOffset = (at + written + 7) & ~7;
    return at;
  }

  /** A pointer field at `offset` to a pooled string; `null` writes a null pointer. */
  wideString(offset: number, text: string | null): void {
    this.u64(offset, text === null ? 0n : this.baseAddress + BigInt(this.pool(text)));
  }

  /**
   * A UNICODE_STRING at `offset`: Length (bytes, no NUL), MaximumLength (with the NUL where a USHORT
   * holds it: a 32,767-character string has no room for one), Buffer pointer at +8.
   */
  unicodeString(offset: number, text: string): void {
    const byteLength = Buffer.byteLength(text, 'utf16le');
    this.u16(offset, byteLength);
    this.u16(offset + 2, Math.min(byteLength + 2, 0xfffe));
    this.u64(offset + 8, text === '' ? 0n : this.baseAddress + BigInt(this.pool(text)));
  }

  get usedBytes(): number {
    return this.poolOffset;
  }
}

export interface FixtureThread {
  state: number;
  waitReason: number;
}

export interface FixtureProcess {
  pid: number;
  ppid: number;
  name: string;
  createTime: bigint;
  userTime: bigint;
  kernelTime: bigint;
  threads: FixtureThread[];
  handles: number;
  sessionId: number;
  basePriority: number;
  workingSetBytes: number;
  privateWorkingSetBytes: number;
  pagefileUsageBytes: number;
  privatePageCountBytes: number;
  ioReadBytes: number;
  ioWriteBytes: number;
  ioOtherBytes: number;
}

export const RUNNING_THREAD: FixtureThread = { state: 2, waitReason: 0 };
/** Waiting (5) on a user request (6): an idle GUI thread. */
export const WAITING_THREAD: FixtureThread = { state: 5, waitReason: 6 };
/** Waiting (5) with reason Suspended (5). */
export const SUSPENDED_THREAD: FixtureThread = { state: 5, waitReason: 5 };

/**
 * A SystemProcessInformation buffer: the entries back to back, each 0x100 bytes plus 0x50 per
 * thread, chained by NextEntryOffset (0 on the last); names in a pool after them.
 */
export function buildProcessInformation(processes: readonly FixtureProcess[], baseAddress = FIXTURE_BASE_ADDRESS): { bytes: Buffer; baseAddress: bigint; length: number } {
  const entryBytes = processes.map((p) => 0x100 + p.threads.length * 0x50);
  const fixed = entryBytes.reduce((a, b) => a + b, 0);
  const poolBytes = processes.reduce((sum, p) => sum + ((Buffer.byteLength(p.name, 'utf16le') + 2 + 7) & ~7), 0);
  const w = new ByteWriter(fixed + poolBytes + 64, fixed, baseAddress);
  let at = 0;
  processes.forEach((p, i) => {
    const size = entryBytes[i] ?? 0;
    w.u32(at + 0x00, i === processes.length - 1 ? 0 : size);
    w.u32(at + 0x04, p.threads.length);
    w.u64(at + 0x08, p.privateWorkingSetBytes);
    w.u32(at + 0x10, 7); // HardFaultCount
    w.u32(at + 0x14, p.threads.length); // NumberOfThreadsHighWatermark
    w.u64(at + 0x18, 123_456_789n); // CycleTime
    w.u64(at + 0x20, p.createTime);
    w.u64(at + 0x28, p.userTime);
    w.u64(at + 0x30, p.kernelTime);
    w.unicodeString(at + 0x38, p.name);
    w.i32(at + 0x48, p.basePriority);
    w.u64(at + 0x50, p.pid);
    w.u64(at + 0x58, p.ppid);
    w.u32(at + 0x60, p.handles);
    w.u32(at + 0x64, p.sessionId);
    w.u64(at + 0x68, 0); // UniqueProcessKey
    w.u64(at + 0x70, 9 * 2 ** 40); // PeakVirtualSize: 9 TiB, past 32 bits
    w.u64(at + 0x78, 8 * 2 ** 40); // VirtualSize
    w.u32(at + 0x80, 4242); // PageFaultCount
    w.u64(at + 0x88, p.workingSetBytes + 4096); // PeakWorkingSetSize
    w.u64(at + 0x90, p.workingSetBytes);
    w.u64(at + 0xb8, p.pagefileUsageBytes);
    w.u64(at + 0xc0, p.pagefileUsageBytes + 4096); // PeakPagefileUsage
    w.u64(at + 0xc8, p.privatePageCountBytes);
    w.u64(at + 0xd0, 11); // ReadOperationCount
    w.u64(at + 0xd8, 12); // WriteOperationCount
    w.u64(at + 0xe0, 13); // OtherOperationCount
    w.u64(at + 0xe8, p.ioReadBytes);
    w.u64(at + 0xf0, p.ioWriteBytes);
    w.u64(at + 0xf8, p.ioOtherBytes);
    p.threads.forEach((t, j) => {
      const th = at + 0x100 + j * 0x50;
      w.u64(th + 0x00, 1000n); // KernelTime
      w.u64(th + 0x08, 2000n); // UserTime
      w.u64(th + 0x10, p.createTime); // CreateTime
      w.u32(th + 0x18, 0); // WaitTime
      w.u64(th + 0x20, 0x7ff6_1234_0000n); // StartAddress
      w.u64(th + 0x28, p.pid); // ClientId.UniqueProcess
      w.u64(th + 0x30, p.pid + j + 1); // ClientId.UniqueThread
      w.i32(th + 0x38, 8); // Priority
      w.i32(th + 0x3c, 8); // BasePriority
      w.u32(th + 0x40, 99); // ContextSwitches
      w.u32(th + 0x44, t.state);
      w.u32(th + 0x48, t.waitReason);
    });
    at += size;
  });
  return { bytes: w.bytes, baseAddress, length: w.usedBytes };
}

/** A process entry with plausible figures; a test overrides what it is about. */
export function fixtureProcess(overrides: Partial<FixtureProcess> & { pid: number }): FixtureProcess {
  return {
    ppid: 4,
    name: `p${overrides.pid}.exe`,
    createTime: 133_500_000_000_000_000n,
    userTime: 0n,
    kernelTime: 0n,
    threads: [WAITING_THREAD],
    handles: 100,
    sessionId: 1,
    basePriority: 8,
    workingSetBytes: 8 * 1024 * 1024,
    privateWorkingSetBytes: 4 * 1024 * 1024,
    pagefileUsageBytes: 6 * 1024 * 1024,
    privatePageCountBytes: 6 * 1024 * 1024,
    ioReadBytes: 0,
    ioWriteBytes: 0,
    ioOtherBytes: 0,
    ...overrides,
  };
}

/** SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION entries (0x30 bytes each). */
export function buildProcessorPerformance(cores: readonly { idle: number; kernel: number; user: number; dpc?: number; interrupt?: number }[]): Buffer {
  const w = new ByteWriter(cores.length * 0x30, cores.length * 0x30);
  cores.forEach((c, i) => {
    const at = i * 0x30;
    w.u64(at + 0x00, c.idle);
    w.u64(at + 0x08, c.kernel);
    w.u64(at + 0x10, c.user);
    w.u64(at + 0x18, c.dpc ?? 0);
    w.u64(at + 0x20, c.interrupt ?? 0);
    w.u32(at + 0x28, 1_000_000);
  });
  return w.bytes;
}

export function buildTimeOfDay(bootTime: bigint, currentTime: bigint): Buffer {
  const w = new ByteWriter(0x30, 0x30);
  w.u64(0x00, bootTime);
  w.u64(0x08, currentTime);
  w.u64(0x10, -3_600n * 10_000_000n & 0xffff_ffff_ffff_ffffn); // TimeZoneBias (UTC+1)
  w.u32(0x18, 1); // TimeZoneId
  return w.bytes;
}

export function buildMemoryStatus(totalPhysBytes: number, availablePhysBytes: number): Buffer {
  const w = new ByteWriter(64, 64);
  w.u32(0x00, 64);
  w.u32(0x04, Math.round((1 - availablePhysBytes / totalPhysBytes) * 100)); // dwMemoryLoad
  w.u64(0x08, totalPhysBytes);
  w.u64(0x10, availablePhysBytes);
  w.u64(0x18, totalPhysBytes * 2); // ullTotalPageFile (the commit limit, despite its name)
  w.u64(0x20, totalPhysBytes); // ullAvailPageFile
  w.u64(0x28, 128 * 2 ** 40); // ullTotalVirtual
  w.u64(0x30, 127 * 2 ** 40); // ullAvailVirtual
  return w.bytes;
}

export interface PerformanceInformationFixture {
  commitTotalPages: number;
  commitLimitPages: number;
  pageBytes: number;
  handleCount: number;
  processCount: number;
  threadCount: number;
  /** A desktop's pools by default (about 234 MiB paged, 117 MiB non-paged in 4 KiB pages); Wine writes 0. */
  kernelPagedPages?: number;
  kernelNonpagedPages?: number;
}

export function buildPerformanceInformation(p: PerformanceInformationFixture): Buffer {
  const w = new ByteWriter(104, 104);
  w.u32(0x00, 104);
  w.u64(0x08, p.commitTotalPages);
  w.u64(0x10, p.commitLimitPages);
  w.u64(0x18, p.commitTotalPages + 1000); // CommitPeak
  w.u64(0x20, 4_000_000); // PhysicalTotal
  w.u64(0x28, 1_000_000); // PhysicalAvailable
  w.u64(0x30, 500_000); // SystemCache
  const paged = p.kernelPagedPages ?? 60_000;
  const nonpaged = p.kernelNonpagedPages ?? 30_000;
  w.u64(0x38, paged + nonpaged); // KernelTotal
  w.u64(0x40, paged); // KernelPaged
  w.u64(0x48, nonpaged); // KernelNonpaged
  w.u64(0x50, p.pageBytes);
  w.u32(0x58, p.handleCount);
  w.u32(0x5c, p.processCount);
  w.u32(0x60, p.threadCount);
  return w.bytes;
}

export interface FixtureCounterItem {
  name: string;
  status?: number;
  value: number;
}

/** PdhGetFormattedCounterArrayW's buffer (PDH_FMT_DOUBLE): 24-byte items, names after them. */
export function buildFormattedCounterArray(
  items: readonly FixtureCounterItem[],
  baseAddress = FIXTURE_BASE_ADDRESS,
): { bytes: Buffer; baseAddress: bigint; length: number } {
  const fixed = items.length * 24;
  const w = new ByteWriter(fixed + items.reduce((n, i) => n + Buffer.byteLength(i.name, 'utf16le') + 16, 0), fixed, baseAddress);
  items.forEach((item, i) => {
    const at = i * 24;
    w.wideString(at, item.name);
    w.u32(at + 0x08, item.status ?? 0);
    w.f64(at + 0x10, item.value);
  });
  return { bytes: w.bytes, baseAddress: w.baseAddress, length: w.usedBytes };
}

/** PdhGetRawCounterArrayW's buffer: 48-byte items (FirstValue at 0x18), names after them. */
export function buildRawCounterArray(
  items: readonly (FixtureCounterItem & { second?: number })[],
  baseAddress = FIXTURE_BASE_ADDRESS,
): { bytes: Buffer; baseAddress: bigint; length: number } {
  const fixed = items.length * 48;
  const w = new ByteWriter(fixed + items.reduce((n, i) => n + Buffer.byteLength(i.name, 'utf16le') + 16, 0), fixed, baseAddress);
  items.forEach((item, i) => {
    const at = i * 48;
    w.wideString(at, item.name);
    w.u32(at + 0x08, item.status ?? 0);
    w.u32(at + 0x0c, 0x1234_5678); // TimeStamp.dwLowDateTime
    w.u32(at + 0x10, 0x01db_0000); // TimeStamp.dwHighDateTime
    w.i64(at + 0x18, item.value);
    w.i64(at + 0x20, item.second ?? 0);
    w.u32(at + 0x28, 0); // MultiCount
  });
  return { bytes: w.bytes, baseAddress: w.baseAddress, length: w.usedBytes };
}

/** EnumServicesStatusExW's buffer: 56-byte ENUM_SERVICE_STATUS_PROCESSW items, strings after them. */
export function buildServiceList(
  services: readonly { name: string; displayName: string; pid: number; state: number; serviceType?: number; controlsAccepted?: number }[],
  baseAddress = FIXTURE_BASE_ADDRESS,
): { bytes: Buffer; baseAddress: bigint; length: number } {
  const fixed = services.length * 56;
  const pool = services.reduce((n, s) => n + Buffer.byteLength(s.name + s.displayName, 'utf16le') + 32, 0);
  const w = new ByteWriter(fixed + pool, fixed, baseAddress);
  services.forEach((s, i) => {
    const at = i * 56;
    w.wideString(at, s.name);
    w.wideString(at + 0x08, s.displayName);
    w.u32(at + 0x10, s.serviceType ?? 0x20); // SERVICE_WIN32_SHARE_PROCESS unless given
    w.u32(at + 0x14, s.state);
    w.u32(at + 0x18, s.controlsAccepted ?? 1); // SERVICE_ACCEPT_STOP unless given
    w.u32(at + 0x2c, s.pid);
    w.u32(at + 0x30, 0);
  });
  return { bytes: w.bytes, baseAddress: w.baseAddress, length: w.usedBytes };
}

export interface VersionNodeSpec {
  key: string;
  /** Text (wType 1) or binary (wType 0) value. */
  text?: string;
  binary?: Uint8Array;
  children?: VersionNodeSpec[];
  /** wType / wValueLength as a careless resource compiler writes them (text as 0; bytes for WCHARs). */
  declaredType?: number;
  declaredValueLength?: number;
}

/** One VS_VERSIONINFO node with its children, as a linker writes it (lengths, padding to 32 bits). */
export function buildVersionNode(spec: VersionNodeSpec): Buffer {
  const key = Buffer.from(`${spec.key}\u0000`, 'utf16le');
  const header = 6 + key.length;
  const valueStart = (header + 3) & ~3;
  const value = spec.text !== undefined ? Buffer.from(`${spec.text}\u0000`, 'utf16le') : Buffer.from(spec.binary ?? new Uint8Array());
  const valueEnd = valueStart + value.length;
  const children = (spec.children ?? []).map(buildVersionNode);
  let size = (valueEnd + 3) & ~3;
  const childOffsets = children.map((child) => {
    const at = size;
    size = (at + child.length + 3) & ~3;
    return at;
  });
  // wLength excludes the padding after the last child.
  const last = children.length > 0 ? (childOffsets[childOffsets.length - 1] ?? 0) + (children[children.length - 1]?.length ?? 0) : valueEnd;
  const out = Buffer.alloc(size);
  out.writeUInt16LE(last, 0);
  out.writeUInt16LE(spec.declaredValueLength ?? (spec.text !== undefined ? spec.text.length + 1 : value.length), 2);
  out.writeUInt16LE(spec.declaredType ?? (spec.text !== undefined ? 1 : 0), 4);
  key.copy(out, 6);
  value.copy(out, valueStart);
  children.forEach((child, i) => child.copy(out, childOffsets[i] ?? 0));
  return out.subarray(0, Math.max(last, valueEnd));
}

/** A version resource with one string table and its Translation entry. */
export function buildVersionInfo(tables: Record<string, Record<string, string>>, translations: readonly [number, number][]): Buffer {
  const fixed = Buffer.alloc(52);
  fixed.writeUInt32LE(0xfeef04bd, 0); // VS_FIXEDFILEINFO.dwSignature
  const translation = Buffer.alloc(translations.length * 4);
  translations.forEach(([language, codePage], i) => {
    translation.writeUInt16LE(language, i * 4);
    translation.writeUInt16LE(codePage, i * 4 + 2);
  });
  return buildVersionNode({
    key: 'VS_VERSION_INFO',
    binary: fixed,
    children: [
      {
        key: 'StringFileInfo',
        children: Object.entries(tables).map(([key, strings]) => ({
          key,
          children: Object.entries(strings).map(([name, text]) => ({ key: name, text })),
        })),
      },
      { key: 'VarFileInfo', children: [{ key: 'Translation', binary: translation }] },
    ],
  });
}
