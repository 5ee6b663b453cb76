/**
 * The D-Bus wire format of values (spec § Marshaling (Wire Format)): pure encode and decode of
 * y b n q i u x t d s o g a () {} v, in either byte order. Every value starts at a multiple of its
 * alignment counted from the start of the message; a body starts at a multiple of 8, so a body
 * encoded or decoded on its own aligns the same. Malformed input throws DBusWireError here and
 * becomes a value at the message level (message.ts).
 *
 * In JavaScript: y n q i u d → number; x t → bigint; b → boolean; s o g → string; an array →
 * an array; a dict (`a{..}`) → a Map; a struct → an array of its fields; a variant → DBusVariant.
 */
import { alignmentOf, DBusWireError, parseSignature, parseSingleType, signatureOf, type BasicCode, type DBusType } from './signature.ts';

export interface DBusVariant {
  signature: string;
  value: DBusValue;
}
export type DBusKey = number | bigint | boolean | string;
export type DBusValue = number | bigint | boolean | string | DBusValue[] | Map<DBusKey, DBusValue> | DBusVariant;

export type Endianness = 'little' | 'big';

/** Arrays may hold at most 64 MiB (2^26 bytes) of elements. */
const MAX_ARRAY_BYTES = 1 << 26;
/** Variants may nest at most 64 deep (the spec's limit on total nesting, with arrays and structs). */
const MAX_VARIANT_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Writes values at offsets relative to `base` (the message's start), growing as needed. */
export class Writer {
  private buffer = Buffer.alloc(256);
  private length = 0;
  private readonly isLittle: boolean;
  private readonly base: number;

  constructor(endianness: Endianness, base = 0) {
    this.isLittle = endianness === 'little';
    this.base = base;
  }

  get offset(): number {
    return this.length;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  align(alignment: number): void {
    const pad = (alignment - ((this.base + this.length) % alignment)) % alignment;
    this.reserve(pad);
    this.buffer.fill(0, this.length, this.length + pad);
    this.length += pad;
  }

  write(signature: string, values: readonly DBusValue[]): void {
    const types = parseSignature(signature);
    if (types.length !== values.length) throw new DBusWireError(`signature "${signature}" needs ${types.length} values, got ${values.length}`);
    types.forEach((type, index) => this.writeValue(type, values[index] as DBusValue));
  }

  /** Overwrites a u32 already written (an array's length, once its elements are). */
  patchUint32(at: number, value: number): void {
    if (this.isLittle) this.buffer.writeUInt32LE(value, at);
    else this.buffer.writeUInt32BE(value, at);
  }

  private reserve(count: number): void {
    if (this.length + count <= this.buffer.length) return;
    const grown = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + count));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  private put(size: number, write: (buffer: Buffer, at: number) => void): void {
    this.align(size);
    this.reserve(size);
    write(this.buffer, this.length);
    this.length += size;
  }

  private writeValue(type: DBusType, value: DBusValue): void {
    switch (type.code) {
      case 'a':
        return this.writeArray(type.element, value);
      case '(':
        return this.writeStruct(type.fields, value);
      case 'v':
        return this.writeVariant(value);
      case '{':
        throw new DBusWireError('a dict entry outside an array');
      default:
        return this.writeBasic(type.code, value);
    }
  }

  private writeBasic(code: BasicCode, value: DBusValue): void {
    const le = this.isLittle;
    switch (code) {
      case 'y':
        return this.put(1, (b, at) => b.writeUInt8(expectNumber(code, value), at));
      case 'b':
        if (typeof value !== 'boolean') throw mismatch(code, value);
        return this.put(4, (b, at) => (le ? b.writeUInt32LE(value ? 1 : 0, at) : b.writeUInt32BE(value ? 1 : 0, at)));
      case 'n':
        return this.put(2, (b, at) => (le ? b.writeInt16LE(expectNumber(code, value), at) : b.writeInt16BE(expectNumber(code, value), at)));
      case 'q':
        return this.put(2, (b, at) => (le ? b.writeUInt16LE(expectNumber(code, value), at) : b.writeUInt16BE(expectNumber(code, value), at)));
      case 'i':
        return this.put(4, (b, at) => (le ? b.writeInt32LE(expectNumber(code, value), at) : b.writeInt32BE(expectNumber(code, value), at)));
      case 'u':
        return this.put(4, (b, at) => (le ? b.writeUInt32LE(expectNumber(code, value), at) : b.writeUInt32BE(expectNumber(code, value), at)));
      case 'x':
        return this.put(8, (b, at) => (le ? b.writeBigInt64LE(expectBigInt(code, value), at) : b.writeBigInt64BE(expectBigInt(code, value), at)));
      case 't':
        return this.put(8, (b, at) => (le ? b.writeBigUInt64LE(expectBigInt(code, value), at) : b.writeBigUInt64BE(expectBigInt(code, value), at)));
      case 'd':
        return this.put(8, (b, at) => (le ? b.writeDoubleLE(expectNumber(code, value), at) : b.writeDoubleBE(expectNumber(code, value), at)));
      case 's':
      case 'o':
        return this.writeString(code, value);
      case 'g':
        return this.writeSignature(value);
    }
  }

  private writeString(code: BasicCode, value: DBusValue): void {
    if (typeof value !== 'string') throw mismatch(code, value);
    const encoded = Buffer.from(value, 'utf8');
    if (encoded.includes(0)) throw new DBusWireError('a string may not contain NUL');
    this.put(4, (b, at) => (this.isLittle ? b.writeUInt32LE(encoded.length, at) : b.writeUInt32BE(encoded.length, at)));
    this.reserve(encoded.length + 1);
    encoded.copy(this.buffer, this.length);
    this.buffer[this.length + encoded.length] = 0;
    this.length += encoded.length + 1;
  }

  private writeSignature(value: DBusValue): void {
    if (typeof value !== 'string') throw mismatch('g', value);
    parseSignature(value);
    this.reserve(value.length + 2);
    this.buffer[this.length] = value.length;
    this.buffer.write(value, this.length + 1, 'ascii');
    this.buffer[this.length + 1 + value.length] = 0;
    this.length += value.length + 2;
  }

  private writeArray(element: DBusType, value: DBusValue): void {
    const items: [DBusValue, DBusValue | undefined][] = [];
    if (element.code === '{') {
      if (!(value instanceof Map)) throw mismatch(`a${signatureOf(element)}`, value);
      for (const [key, item] of value) items.push([key, item]);
    } else {
      if (!Array.isArray(value)) throw mismatch(`a${signatureOf(element)}`, value);
      for (const item of value) items.push([item, undefined]);
    }
    this.put(4, () => {});
    const lengthAt = this.length - 4;
    // The padding to the first element's alignment is there even when the array is empty, and is not counted in its length.
    this.align(alignmentOf(element));
    const start = this.length;
    for (const [first, second] of items) {
      if (element.code === '{') {
        this.align(8);
        this.writeBasic(element.key, first);
        this.writeValue(element.value, second as DBusValue);
      } else {
        this.writeValue(element, first);
      }
    }
    const byteLength = this.length - start;
    if (byteLength > MAX_ARRAY_BYTES) throw new DBusWireError('an array longer than 64 MiB');
    this.patchUint32(lengthAt, byteLength);
  }

  private writeStruct(fields: DBusType[], value: DBusValue): void {
    if (!Array.isArray(value) || value.length !== fields.length) throw mismatch(`(${fields.map(signatureOf).join('')})`, value);
    this.align(8);
    fields.forEach((field, index) => this.writeValue(field, value[index] as DBusValue));
  }

  private writeVariant(value: DBusValue): void {
    if (!isVariant(value)) throw mismatch('v', value);
    const inner = parseSingleType(value.signature);
    this.writeSignature(value.signature);
    this.writeValue(inner, value.value);
  }
}

/** Reads values from `buffer` at offsets relative to `base` (where the message starts in it). */
export class Reader {
  private at: number;
  private readonly isLittle: boolean;
  private readonly buffer: Buffer;
  private readonly base: number;
  private readonly end: number;

  constructor(buffer: Buffer, endianness: Endianness, start = 0, base = 0, end = buffer.length) {
    this.buffer = buffer;
    this.isLittle = endianness === 'little';
    this.at = start;
    this.base = base;
    this.end = end;
  }

  get offset(): number {
    return this.at;
  }

  align(alignment: number): void {
    const pad = (alignment - ((this.at - this.base) % alignment)) % alignment;
    this.need(pad);
    this.at += pad;
  }

  read(signature: string): DBusValue[] {
    return parseSignature(signature).map((type) => this.readValue(type, 0));
  }

  readValue(type: DBusType, variantDepth: number): DBusValue {
    switch (type.code) {
      case 'a':
        return this.readArray(type.element, variantDepth);
      case '(':
        this.align(8);
        return type.fields.map((field) => this.readValue(field, variantDepth));
      case 'v':
        return this.readVariant(variantDepth);
      case '{':
        throw new DBusWireError('a dict entry outside an array');
      default:
        return this.readBasic(type.code);
    }
  }

  private need(count: number): void {
    if (this.at + count > this.end) throw new DBusWireError('the message ends inside a value');
  }

  private take<T>(size: number, read: (buffer: Buffer, at: number) => T): T {
    this.align(size);
    this.need(size);
    const value = read(this.buffer, this.at);
    this.at += size;
    return value;
  }

  readUint32(): number {
    return this.take(4, (b, at) => (this.isLittle ? b.readUInt32LE(at) : b.readUInt32BE(at)));
  }

  readBasic(code: BasicCode): number | bigint | boolean | string {
    const le = this.isLittle;
    switch (code) {
      case 'y':
        return this.take(1, (b, at) => b.readUInt8(at));
      case 'b': {
        const raw = this.readUint32();
        if (raw > 1) throw new DBusWireError(`a boolean must be 0 or 1, not ${raw}`);
        return raw === 1;
      }
      case 'n':
        return this.take(2, (b, at) => (le ? b.readInt16LE(at) : b.readInt16BE(at)));
      case 'q':
        return this.take(2, (b, at) => (le ? b.readUInt16LE(at) : b.readUInt16BE(at)));
      case 'i':
        return this.take(4, (b, at) => (le ? b.readInt32LE(at) : b.readInt32BE(at)));
      case 'u':
        return this.readUint32();
      case 'x':
        return this.take(8, (b, at) => (le ? b.readBigInt64LE(at) : b.readBigInt64BE(at)));
      case 't':
        return this.take(8, (b, at) => (le ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at)));
      case 'd':
        return this.take(8, (b, at) => (le ? b.readDoubleLE(at) : b.readDoubleBE(at)));
      case 's':
      case 'o':
        return this.readText(this.readUint32());
      case 'g':
        return this.readSignature();
    }
  }

  private readText(length: number): string {
    this.need(length + 1);
    if (this.buffer[this.at + length] !== 0) throw new DBusWireError('a string is not NUL-terminated');
    const bytes = this.buffer.subarray(this.at, this.at + length);
    if (bytes.includes(0)) throw new DBusWireError('a string contains NUL');
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      throw new DBusWireError('a string is not valid UTF-8');
    }
    this.at += length + 1;
    return text;
  }

  private readSignature(): string {
    const length = this.take(1, (b, at) => b.readUInt8(at));
    const text = this.readText(length);
    parseSignature(text);
    return text;
  }

  private readArray(element: DBusType, variantDepth: number): DBusValue {
    const byteLength = this.readUint32();
    if (byteLength > MAX_ARRAY_BYTES) throw new DBusWireError('an array longer than 64 MiB');
    this.align(alignmentOf(element));
    const end = this.at + byteLength;
    if (end > this.end) throw new DBusWireError('an array runs past the end of the message');
    if (element.code === '{') {
      const dict = new Map<DBusKey, DBusValue>();
      while (this.at < end) {
        this.align(8);
        const key = this.readBasic(element.key);
        dict.set(key, this.readValue(element.value, variantDepth));
      }
      if (this.at !== end) throw new DBusWireError('a dict runs past its stated length');
      return dict;
    }
    const items: DBusValue[] = [];
    while (this.at < end) items.push(this.readValue(element, variantDepth));
    if (this.at !== end) throw new DBusWireError('an array runs past its stated length');
    return items;
  }

  private readVariant(variantDepth: number): DBusVariant {
    if (variantDepth + 1 > MAX_VARIANT_DEPTH) throw new DBusWireError('variants nested too deep');
    const signature = this.readSignature();
    const type = parseSingleType(signature);
    return { signature, value: this.readValue(type, variantDepth + 1) };
  }
}

export function isVariant(value: DBusValue | undefined): value is DBusVariant {
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Map);
}

/** Encodes values as a body (or anything starting at a multiple of 8). Throws DBusWireError on a value that does not fit its type. */
export function encodeValues(signature: string, values: readonly DBusValue[], endianness: Endianness = 'little'): Buffer {
  const writer = new Writer(endianness);
  writer.write(signature, values);
  return Buffer.from(writer.bytes());
}

/** Decodes a whole body; bytes left over are an error. Throws DBusWireError. */
export function decodeValues(signature: string, bytes: Buffer, endianness: Endianness = 'little'): DBusValue[] {
  const reader = new Reader(bytes, endianness);
  const values = reader.read(signature);
  if (reader.offset !== bytes.length) throw new DBusWireError(`${bytes.length - reader.offset} bytes left after the values of "${signature}"`);
  return values;
}

function expectNumber(code: string, value: DBusValue): number {
  if (typeof value !== 'number') throw mismatch(code, value);
  return value;
}

function expectBigInt(code: string, value: DBusValue): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  throw mismatch(code, value);
}

function mismatch(code: string, value: DBusValue): DBusWireError {
  return new DBusWireError(`a ${typeof value} cannot be written as D-Bus type "${code}"`);
}
