/**
 * Test support: a `Win32Api` that answers like Windows from a scripted machine, writing the
 * documented x64 layouts (win32-fixtures.ts) into the caller's buffers, with the same size
 * protocol (a too-small buffer gets STATUS_INFO_LENGTH_MISMATCH and the size needed; PDH's arrays
 * answer a size only to a size-0 query, as documented, and PDH_INVALID_ARGUMENT — what some releases
 * answer — to a non-zero size that is too small). It lets the sampler, its buffer loops and its
 * caches run on Linux. The asynchronous calls (volumes) answer only when the test says so
 * (`answerPending`), never during the call, as koffi's worker threads answer on a later turn.
 */
import { sidToString } from './security-id.ts';
import type { DiskSpace, Handle, RawWindow, Win32Api } from './win32-api.ts';
import {
  buildFormattedCounterArray,
  buildMemoryStatus,
  buildPerformanceInformation,
  type PerformanceInformationFixture,
  buildProcessInformation,
  buildProcessorPerformance,
  buildRawCounterArray,
  buildServiceList,
  buildTimeOfDay,
  buildVersionInfo,
  ByteWriter,
  type FixtureCounterItem,
  type FixtureProcess,
} from './win32-fixtures.ts';

export interface FakeProcessFacts {
  exePath?: string;
  commandLine?: string;
  /** The account's SID bytes (see security-id.test.ts) and name. */
  sid?: Uint8Array;
  isCritical?: boolean;
}

/** A drive letter of the fake machine. */
export interface FakeDrive {
  /** As GetLogicalDriveStringsW lists it: `C:\\`. */
  root: string;
  /** GetDriveTypeW: 2 removable, 3 fixed, 4 remote, 5 CD-ROM, 6 RAM disk. */
  type: number;
  /** GetVolumeInformationW's file-system name; null: the call fails (an empty card reader). */
  fileSystem: string | null;
  /** GetDiskFreeSpaceExW's answer; null: the call fails. */
  space: DiskSpace | null;
  /** While set, GetDiskFreeSpaceExW does not answer (a hung device); its answer waits until cleared. */
  isFreeSpaceHung?: boolean;
}

export interface FakeMachine {
  processes: FixtureProcess[];
  /** Per processor group. */
  groups: { idle: number; kernel: number; user: number }[][];
  bootTime: bigint;
  currentTime: bigint;
  totalPhysBytes: number;
  availablePhysBytes: number;
  performance: PerformanceInformationFixture;
  facts: Map<number, FakeProcessFacts>;
  /** Account names by SID string (`S-1-5-18`). */
  accountNames: Map<string, string>;
  versions: Map<string, Record<string, string>>;
  services: { name: string; displayName: string; pid: number; state: number }[] | null;
  /**
   * By English path; a path absent here can't be added (the object does not exist). `status`: what
   * the array calls answer instead of data (PDH_NO_DATA, PDH_CSTATUS_NO_INSTANCE, …); a counter
   * without items answers PDH_NO_DATA.
   */
  counters: Map<string, { kind: 'formatted' | 'raw'; items: FixtureCounterItem[]; status?: number }>;
  windows: RawWindow[];
  shellPid: number | null;
  /** In GetLogicalDriveStringsW's order; none when absent. */
  drives?: FakeDrive[];
  /** koffi throws on an asynchronous call while its queue is full; this fake does so while set. */
  isAsyncQueueFull?: boolean;
}

/** A machine with nothing on it, for tests that fill in only the part they look at. */
export function emptyMachine(overrides: Partial<FakeMachine> = {}): FakeMachine {
  return {
    processes: [],
    groups: [],
    bootTime: 0n,
    currentTime: 0n,
    totalPhysBytes: 0,
    availablePhysBytes: 0,
    performance: { commitTotalPages: 0, commitLimitPages: 0, pageBytes: 4096, handleCount: 0, processCount: 0, threadCount: 0 },
    facts: new Map(),
    accountNames: new Map(),
    versions: new Map(),
    services: null,
    counters: new Map(),
    windows: [],
    shellPid: null,
    ...overrides,
  };
}

const STATUS_INFO_LENGTH_MISMATCH = 0xc0000004;
const STATUS_INVALID_INFO_CLASS = 0xc0000003;
const STATUS_ACCESS_DENIED = 0xc0000022;
const PDH_MORE_DATA = 0x800007d2;
const PDH_CSTATUS_NO_OBJECT = 0xc0000bb8;
const PDH_INVALID_ARGUMENT = 0xc0000bbd;
const PDH_NO_DATA = 0x800007d5;
const ERROR_ACCESS_DENIED = 5;
const DRIVE_NO_ROOT_DIR = 1;

type FakeHandle = { kind: 'process'; pid: number } | { kind: 'token'; pid: number } | { kind: 'scm' } | { kind: 'query' } | { kind: 'counter'; path: string };

export class FakeWin32Api implements Win32Api {
  readonly machine: FakeMachine;
  readonly calls = {
    openProcess: 0,
    systemProcessInformation: 0,
    enumServices: 0,
    fileVersionInfo: 0,
    collect: 0,
    lookupAccountName: 0,
    /** PdhGet…CounterArrayW calls with size 0 and no buffer, and with a buffer. */
    pdhSizeQueries: 0,
    pdhReads: 0,
    logicalDriveStrings: 0,
    /** The roots asked, in order, at the moment of each call. */
    volumeInformation: [] as string[],
    diskFreeSpace: [] as string[],
  };
  /** Handles opened and not closed yet (a leak shows here). */
  readonly openHandles = new Set<FakeHandle>();
  private readonly addresses = new WeakMap<ArrayBufferLike, bigint>();
  private nextAddress = 0x0000_0200_0000_0000n;
  private lastErrorValue = 0;
  /** Asynchronous answers not delivered yet. */
  private answers: { root: string; kind: 'volume' | 'space'; deliver: () => void }[] = [];

  constructor(machine: FakeMachine) {
    this.machine = machine;
  }

  addressOf(buffer: Uint8Array): bigint {
    let base = this.addresses.get(buffer.buffer);
    if (base === undefined) {
      base = this.nextAddress;
      this.nextAddress += 0x1000_0000n;
      this.addresses.set(buffer.buffer, base);
    }
    return base + BigInt(buffer.byteOffset);
  }

  lastError(): number {
    return this.lastErrorValue;
  }

  ntQuerySystemInformation(infoClass: number, buffer: Buffer, returnLength: [number]): number {
    if (infoClass === 5) {
      this.calls.systemProcessInformation += 1;
      const built = buildProcessInformation(this.machine.processes, this.addressOf(buffer));
      return this.copy(built.bytes.subarray(0, built.length), buffer, returnLength);
    }
    if (infoClass === 8) return this.ntQuerySystemInformationEx(8, Buffer.from([0, 0]), buffer, returnLength);
    if (infoClass === 3) {
      // As the kernel: any length up to its structure's (0x30), copied as far as it goes.
      const bytes = buildTimeOfDay(this.machine.bootTime, this.machine.currentTime);
      if (buffer.length > bytes.length) return STATUS_INFO_LENGTH_MISMATCH;
      return this.copy(bytes.subarray(0, buffer.length), buffer, returnLength);
    }
    return STATUS_INVALID_INFO_CLASS;
  }

  ntQuerySystemInformationEx(infoClass: number, input: Buffer, buffer: Buffer, returnLength: [number]): number {
    if (infoClass !== 8) return STATUS_INVALID_INFO_CLASS;
    const group = this.machine.groups[input.readUInt16LE(0)];
    if (!group) return STATUS_INVALID_INFO_CLASS;
    return this.copy(buildProcessorPerformance(group), buffer, returnLength);
  }

  ntQueryInformationProcess(processHandle: Handle, infoClass: number, buffer: Buffer, returnLength: [number]): number {
    const h = processHandle as unknown as FakeHandle;
    const commandLine = h.kind === 'process' ? this.machine.facts.get(h.pid)?.commandLine : undefined;
    if (infoClass !== 60 || commandLine === undefined) return STATUS_ACCESS_DENIED;
    const textBytes = Buffer.byteLength(commandLine, 'utf16le');
    const w = new ByteWriter(16 + textBytes + 16, 16, this.addressOf(buffer));
    w.unicodeString(0, commandLine);
    return this.copy(w.bytes.subarray(0, w.usedBytes), buffer, returnLength);
  }

  globalMemoryStatusEx(buffer: Buffer): boolean {
    if (buffer.readUInt32LE(0) !== 64) return false;
    buildMemoryStatus(this.machine.totalPhysBytes, this.machine.availablePhysBytes).copy(buffer);
    return true;
  }

  getPerformanceInfo(buffer: Buffer): boolean {
    if (buffer.length < 104) return false;
    buildPerformanceInformation(this.machine.performance).copy(buffer);
    return true;
  }

  activeProcessorGroupCount(): number {
    return this.machine.groups.length;
  }

  openProcess(_access: number, pid: number): Handle | null {
    this.calls.openProcess += 1;
    if (!this.machine.facts.has(pid)) {
      this.lastErrorValue = ERROR_ACCESS_DENIED;
      return null;
    }
    return this.open({ kind: 'process', pid });
  }

  closeHandle(handle: Handle): void {
    this.openHandles.delete(handle as unknown as FakeHandle);
  }

  queryFullProcessImageName(processHandle: Handle, buffer: Buffer, sizeChars: [number]): boolean {
    const h = processHandle as unknown as FakeHandle;
    const path = h.kind === 'process' ? this.machine.facts.get(h.pid)?.exePath : undefined;
    if (path === undefined || path.length + 1 > sizeChars[0]) return false;
    buffer.write(`${path}\u0000`, 0, 'utf16le');
    sizeChars[0] = path.length;
    return true;
  }

  isProcessCritical(processHandle: Handle): boolean | null {
    const h = processHandle as unknown as FakeHandle;
    return h.kind === 'process' ? (this.machine.facts.get(h.pid)?.isCritical ?? false) : null;
  }

  logicalDriveStrings(buffer: Buffer): number {
    this.calls.logicalDriveStrings += 1;
    const text = `${(this.machine.drives ?? []).map((d) => `${d.root}\u0000`).join('')}\u0000`;
    // As documented: the characters needed when it does not fit, else those written less the last NUL.
    if (text.length > buffer.length / 2) return text.length;
    buffer.write(text, 0, 'utf16le');
    return text.length - 1;
  }

  driveType(root: string): number {
    return this.drive(root)?.type ?? DRIVE_NO_ROOT_DIR;
  }

  volumeFileSystemAsync(root: string, done: (fileSystem: string | null) => void): void {
    if (this.machine.isAsyncQueueFull) throw new Error('too many asynchronous calls are running');
    this.calls.volumeInformation.push(root);
    this.answers.push({ root, kind: 'volume', deliver: () => done(this.drive(root)?.fileSystem ?? null) });
  }

  diskFreeSpaceAsync(root: string, done: (space: DiskSpace | null) => void): void {
    if (this.machine.isAsyncQueueFull) throw new Error('too many asynchronous calls are running');
    this.calls.diskFreeSpace.push(root);
    this.answers.push({ root, kind: 'space', deliver: () => done(this.drive(root)?.space ?? null) });
  }

  /**
   * Delivers the asynchronous answers, as the event loop would between ticks, from the machine as
   * it is now (a drive removed meanwhile answers as a failure), including those of calls made while
   * answering; a hung drive's free-space answer waits. `only`: just the answers of that call
   * (GetVolumeInformationW or GetDiskFreeSpaceExW). Returns how many were delivered.
   */
  answerPending(only?: 'volume' | 'space'): number {
    let delivered = 0;
    for (;;) {
      const next = this.answers.find((a) => (only === undefined || a.kind === only) && !(a.kind === 'space' && this.drive(a.root)?.isFreeSpaceHung));
      if (!next) return delivered;
      this.answers = this.answers.filter((a) => a !== next);
      next.deliver();
      delivered += 1;
    }
  }

  openProcessToken(processHandle: Handle): Handle | null {
    const h = processHandle as unknown as FakeHandle;
    if (h.kind !== 'process' || !this.machine.facts.get(h.pid)?.sid) return null;
    return this.open({ kind: 'token', pid: h.pid });
  }

  getTokenInformation(token: Handle, infoClass: number, buffer: Buffer, returnLength: [number]): boolean {
    const h = token as unknown as FakeHandle;
    const sid = h.kind === 'token' ? this.machine.facts.get(h.pid)?.sid : undefined;
    if (infoClass !== 1 || !sid || buffer.length < 16 + sid.length) return false;
    // TOKEN_USER: SID_AND_ATTRIBUTES { PSID Sid; DWORD Attributes } then the SID itself.
    buffer.writeBigUInt64LE(this.addressOf(buffer) + 16n, 0);
    buffer.writeUInt32LE(0, 8);
    Buffer.from(sid).copy(buffer, 16);
    returnLength[0] = 16 + sid.length;
    return true;
  }

  lookupAccountName(sid: Uint8Array): string | null {
    this.calls.lookupAccountName += 1;
    const text = sidToString(sid);
    return text === null ? null : (this.machine.accountNames.get(text) ?? null);
  }

  /** A machine without services (null) refuses the Service Control Manager, as to a caller without rights. */
  openServiceManager(): Handle | null {
    if (this.machine.services) return this.open({ kind: 'scm' });
    this.lastErrorValue = ERROR_ACCESS_DENIED;
    return null;
  }

  enumServices(_manager: Handle, states: number, buffer: Buffer, bytesNeeded: [number], returned: [number]): boolean {
    this.calls.enumServices += 1;
    // SERVICE_ACTIVE (1) leaves out stopped services (SERVICE_STOPPED = 1); SERVICE_STATE_ALL (3) lists all.
    const services = (this.machine.services ?? []).filter((s) => states !== 1 || s.state !== 1);
    const built = buildServiceList(services, this.addressOf(buffer));
    if (built.length > buffer.length) {
      this.lastErrorValue = 234; // ERROR_MORE_DATA (a fake machine never has that many services)
      bytesNeeded[0] = built.length;
      returned[0] = 0;
      return false;
    }
    built.bytes.copy(buffer, 0, 0, built.length);
    bytesNeeded[0] = 0;
    returned[0] = services.length;
    return true;
  }

  closeServiceHandle(handle: Handle): void {
    this.openHandles.delete(handle as unknown as FakeHandle);
  }

  fileVersionInfoSize(path: string): number {
    const strings = this.machine.versions.get(path);
    return strings ? buildVersionInfo({ '040904b0': strings }, [[0x0409, 1200]]).length : 0;
  }

  fileVersionInfo(path: string, buffer: Buffer): boolean {
    this.calls.fileVersionInfo += 1;
    const strings = this.machine.versions.get(path);
    if (!strings) return false;
    buildVersionInfo({ '040904b0': strings }, [[0x0409, 1200]]).copy(buffer);
    return true;
  }

  pdhOpenQuery(): { status: number; query: Handle | null } {
    return { status: 0, query: this.open({ kind: 'query' }) };
  }

  pdhAddEnglishCounter(_query: Handle, path: string): { status: number; counter: Handle | null } {
    return this.machine.counters.has(path) ? { status: 0, counter: this.open({ kind: 'counter', path }) } : { status: PDH_CSTATUS_NO_OBJECT, counter: null };
  }

  pdhCollectQueryData(): number {
    this.calls.collect += 1;
    return 0;
  }

  pdhGetFormattedCounterArray(counter: Handle, _format: number, bufferBytes: [number], itemCount: [number], buffer: Buffer | null): number {
    return this.counterArray(counter, 'formatted', bufferBytes, itemCount, buffer);
  }

  pdhGetRawCounterArray(counter: Handle, bufferBytes: [number], itemCount: [number], buffer: Buffer | null): number {
    return this.counterArray(counter, 'raw', bufferBytes, itemCount, buffer);
  }

  /** Closing a query closes its counters, as PdhCloseQuery does. */
  pdhCloseQuery(query: Handle): void {
    this.openHandles.delete(query as unknown as FakeHandle);
    for (const h of this.openHandles) if (h.kind === 'counter') this.openHandles.delete(h);
  }

  enumTopLevelWindows(): RawWindow[] {
    return this.machine.windows;
  }

  shellProcessId(): number | null {
    return this.machine.shellPid;
  }

  wineVersion(): string | null {
    return null;
  }

  missingExports(): readonly string[] {
    return [];
  }

  private counterArray(counter: Handle, kind: 'formatted' | 'raw', bufferBytes: [number], itemCount: [number], buffer: Buffer | null): number {
    const h = counter as unknown as FakeHandle;
    const spec = h.kind === 'counter' ? this.machine.counters.get(h.path) : undefined;
    if (!spec || spec.kind !== kind) return PDH_CSTATUS_NO_OBJECT;
    if (buffer === null) this.calls.pdhSizeQueries += 1;
    else this.calls.pdhReads += 1;
    if (spec.status !== undefined) return spec.status;
    if (spec.items.length === 0) return PDH_NO_DATA;
    const build = kind === 'raw' ? buildRawCounterArray : buildFormattedCounterArray;
    const built = build(spec.items, buffer ? this.addressOf(buffer) : 0n);
    if (buffer === null) {
      if (bufferBytes[0] !== 0) return PDH_INVALID_ARGUMENT;
      bufferBytes[0] = built.length;
      itemCount[0] = spec.items.length;
      return PDH_MORE_DATA;
    }
    // PDH trusts the size it is given: one larger than the buffer would write past its end.
    if (bufferBytes[0] > buffer.length) throw new RangeError(`PDH was told ${bufferBytes[0]} bytes for a buffer of ${buffer.length}`);
    if (bufferBytes[0] < built.length) return PDH_INVALID_ARGUMENT;
    built.bytes.copy(buffer, 0, 0, built.length);
    bufferBytes[0] = built.length;
    itemCount[0] = spec.items.length;
    return 0;
  }

  private copy(bytes: Uint8Array, buffer: Buffer, returnLength: [number]): number {
    returnLength[0] = bytes.length;
    if (bytes.length > buffer.length) return STATUS_INFO_LENGTH_MISMATCH;
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).copy(buffer);
    return 0;
  }

  private drive(root: string): FakeDrive | undefined {
    return this.machine.drives?.find((d) => d.root === root);
  }

  private open(handle: FakeHandle): Handle {
    this.openHandles.add(handle);
    return handle as unknown as Handle;
  }
}
