/**
 * The byte-level pieces of the store's compact values (sample-codec.ts): unsigned and zigzag
 * varints (7 bits a byte, safe integers up to 2^53 without BigInt), float64 little-endian, UTF-8
 * text with its length first. Pure; a reader throws a RangeError on bytes that end early.
 */
const TEXT_ENCODER = new TextEncoder();
const TEXT_DECODER = new TextDecoder();

/** The largest magnitude `zigzag` takes: its code, about twice it, must be an exact double. */
export const MAX_ZIGZAG = 2 ** 52;

export function isZigzag(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) <= MAX_ZIGZAG;
}

/** Bytes appended to a buffer that grows. */
export class ByteWriter {
  private bytes = new Uint8Array(1024);
  private length = 0;
  private readonly view = new DataView(new ArrayBuffer(8));

  private room(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(value: number): void {
    this.room(1);
    this.bytes[this.length++] = value;
  }

  /** An unsigned integer up to 2^53, 7 bits a byte (BigInt-free: division past 32 bits). */
  varint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
  }

  /** A signed integer of at most `MAX_ZIGZAG` either way: 0, -1, 1, -2, … as 0, 1, 2, 3, … (twice it must stay exact). */
  zigzag(value: number): void {
    if (!isZigzag(value)) throw new RangeError(`byte codec: ${value} is not an integer within ±2^52`);
    this.varint(value < 0 ? -2 * value - 1 : 2 * value);
  }

  float(value: number): void {
    this.view.setFloat64(0, value, true);
    this.room(8);
    this.bytes.set(new Uint8Array(this.view.buffer), this.length);
    this.length += 8;
  }

  text(value: string): void {
    const encoded = TEXT_ENCODER.encode(value);
    this.varint(encoded.length);
    this.room(encoded.length);
    this.bytes.set(encoded, this.length);
    this.length += encoded.length;
  }

  /** Appends what `other` holds and empties it (for its next use). */
  drain(other: ByteWriter): void {
    this.room(other.length);
    this.bytes.set(other.bytes.subarray(0, other.length), this.length);
    this.length += other.length;
    other.length = 0;
  }

  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Bytes read in order; reading past the end is a RangeError. */
export class ByteReader {
  private offset = 0;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  byte(): number {
    const value = this.bytes[this.offset++];
    if (value === undefined) throw new RangeError('byte codec: the value ends early');
    return value;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new RangeError('byte codec: a varint is too long');
    }
  }

  zigzag(): number {
    const raw = this.varint();
    return raw % 2 === 1 ? -(raw + 1) / 2 : raw / 2;
  }

  float(): number {
    if (this.offset + 8 > this.bytes.length) throw new RangeError('byte codec: the value ends early');
    const value = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return value;
  }

  text(): string {
    const length = this.varint();
    if (this.offset + length > this.bytes.length) throw new RangeError('byte codec: the value ends early');
    const value = TEXT_DECODER.decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return value;
  }

  get isAtEnd(): boolean {
    return this.offset === this.bytes.length;
  }
}
