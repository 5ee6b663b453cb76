/**
 * Reading Windows x64 structures out of a byte buffer the OS filled. Pure: bytes in, values out.
 *
 * Strings inside such buffers are pointers (`UNICODE_STRING.Buffer`, `LPWSTR`) into the very same
 * buffer, so each reader takes the buffer's base address (koffi.address of the Buffer passed to the
 * call) and turns a pointer into an offset, refusing any that points outside the buffer.
 */

/** NTSTATUS values the samplers act on (as unsigned 32-bit numbers). */
export const STATUS_SUCCESS = 0;
export const STATUS_BUFFER_OVERFLOW = 0x80000005;
export const STATUS_INFO_LENGTH_MISMATCH = 0xc0000004;
export const STATUS_BUFFER_TOO_SMALL = 0xc0000023;

export class StructReader {
  readonly bytes: Uint8Array;
  readonly baseAddress: bigint;
  /** How many bytes of `bytes` the OS filled (its returned length), ≤ bytes.length. */
  readonly length: number;
  private readonly view: DataView;

  constructor(bytes: Uint8Array, baseAddress: bigint, length = bytes.length) {
    this.bytes = bytes;
    this.baseAddress = baseAddress;
    this.length = Math.min(length, bytes.length);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u16(offset: number): number {
    this.check(offset, 2);
    return this.view.getUint16(offset, true);
  }

  u32(offset: number): number {
    this.check(offset, 4);
    return this.view.getUint32(offset, true);
  }

  i32(offset: number): number {
    this.check(offset, 4);
    return this.view.getInt32(offset, true);
  }

  /** A 64-bit field exactly, as BigInt (times, pointers). */
  u64Big(offset: number): bigint {
    this.check(offset, 8);
    return this.view.getBigUint64(offset, true);
  }

  /** A 64-bit size or count as a number: exact up to 2⁵³ bytes (8 PiB), far past any real figure. */
  u64(offset: number): number {
    return Number(this.u64Big(offset));
  }

  f64(offset: number): number {
    this.check(offset, 8);
    return this.view.getFloat64(offset, true);
  }

  /** The offset in this buffer that a pointer read at `offset` points to, or null for a null pointer. */
  pointerOffset(offset: number, sizeBytes: number): number | null {
    const pointer = this.u64Big(offset);
    if (pointer === 0n) return null;
    const target = pointer - this.baseAddress;
    if (target < 0n || target + BigInt(sizeBytes) > BigInt(this.length)) {
      throw new RangeError(`a string pointer at offset ${offset} points outside the buffer`);
    }
    return Number(target);
  }

  /** A `UNICODE_STRING` (x64: Length u16, MaximumLength u16, 4 bytes padding, Buffer pointer) at `offset`. */
  unicodeString(offset: number): string {
    const byteLength = this.u16(offset) & ~1;
    if (byteLength === 0) return '';
    const start = this.pointerOffset(offset + 8, byteLength);
    return start === null ? '' : decodeUtf16(this.bytes, start, byteLength);
  }

  /** A NUL-terminated UTF-16 string that a pointer at `offset` points to (`LPWSTR`); null for a null pointer. */
  wideStringAt(offset: number): string | null {
    const start = this.pointerOffset(offset, 0);
    return start === null ? null : readUtf16z(this.bytes, start, this.length);
  }

  private check(offset: number, size: number): void {
    if (!(offset >= 0) || offset + size > this.length) {
      throw new RangeError(`read of ${size} bytes at offset ${offset} is past the ${this.length} bytes returned`);
    }
  }
}

/** `byteLength` bytes of UTF-16LE from `start`. */
export function decodeUtf16(bytes: Uint8Array, start: number, byteLength: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, byteLength).toString('utf16le');
}

/** A NUL-terminated UTF-16LE string from `start`, reading no further than `end`. */
export function readUtf16z(bytes: Uint8Array, start: number, end = bytes.length): string {
  let stop = start;
  while (stop + 1 < end && (bytes[stop] !== 0 || bytes[stop + 1] !== 0)) stop += 2;
  return decodeUtf16(bytes, start, stop - start);
}

export type BufferDecision = { kind: 'done' } | { kind: 'grow'; bytes: number } | { kind: 'fail'; status: number };

/** Buffers grow in whole 64 KiB steps. */
const GROW_STEP_BYTES = 64 * 1024;

/**
 * What to do after a query that fills a caller-sized buffer (NtQuerySystemInformation,
 * NtQueryInformationProcess): done on success; grow on STATUS_INFO_LENGTH_MISMATCH /
 * BUFFER_TOO_SMALL / BUFFER_OVERFLOW — to the length the OS asked for plus an eighth (processes
 * start between two calls), or to twice the size when it did not say, in 64 KiB steps — and where
 * that passes `maxBytes`, to `maxBytes` itself as long as what the OS asked for fits (the headroom is
 * a nicety, the limit a promise: a 32,767-character command line must fit a limit made for it); fail
 * when the OS asks for more than `maxBytes` or the buffer already is that large, and on any other
 * status. `status` is taken as an unsigned 32-bit NTSTATUS.
 */
export function bufferDecision(status: number, currentBytes: number, returnedBytes: number, maxBytes: number): BufferDecision {
  const code = status >>> 0;
  if (code === STATUS_SUCCESS) return { kind: 'done' };
  if (code !== STATUS_INFO_LENGTH_MISMATCH && code !== STATUS_BUFFER_TOO_SMALL && code !== STATUS_BUFFER_OVERFLOW) {
    return { kind: 'fail', status: code };
  }
  const isSizeKnown = returnedBytes > currentBytes;
  if ((isSizeKnown && returnedBytes > maxBytes) || currentBytes >= maxBytes) return { kind: 'fail', status: code };
  const wanted = isSizeKnown ? returnedBytes + Math.ceil(returnedBytes / 8) : currentBytes * 2;
  const bytes = Math.ceil(Math.max(wanted, GROW_STEP_BYTES) / GROW_STEP_BYTES) * GROW_STEP_BYTES;
  return { kind: 'grow', bytes: Math.min(bytes, maxBytes) };
}
