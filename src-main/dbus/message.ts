/**
 * D-Bus messages (spec § Message Format): the fixed header `yyyyuua(yv)` — byte order ('l' or
 * 'B'), type, flags, protocol version 1, body length, serial, header fields — padded to 8, then
 * the body. Pure: encode a message, find where one ends in a stream, decode it (malformed input is
 * a value, never an exception).
 */
import { Reader, Writer, decodeValues, isVariant, type DBusValue, type Endianness } from './codec.ts';
import { DBusWireError } from './signature.ts';

export const MESSAGE_TYPES = { methodCall: 1, methodReturn: 2, error: 3, signal: 4 } as const;
export type MessageType = (typeof MESSAGE_TYPES)[keyof typeof MESSAGE_TYPES];

export const FLAGS = { noReplyExpected: 0x1, noAutoStart: 0x2, allowInteractiveAuthorization: 0x4 } as const;

/** Header field codes and the type each carries. */
const FIELDS = {
  path: [1, 'o'],
  interface: [2, 's'],
  member: [3, 's'],
  errorName: [4, 's'],
  replySerial: [5, 'u'],
  destination: [6, 's'],
  sender: [7, 's'],
  signature: [8, 'g'],
  unixFds: [9, 'u'],
} as const;
type FieldName = keyof typeof FIELDS;

/** The spec's largest message: 128 MiB. */
export const MAX_MESSAGE_BYTES = 1 << 27;
const FIXED_HEADER_BYTES = 16;

export interface DBusMessage {
  type: MessageType;
  flags: number;
  serial: number;
  path?: string;
  interface?: string;
  member?: string;
  errorName?: string;
  replySerial?: number;
  destination?: string;
  sender?: string;
  /** The body's signature; '' for an empty body. */
  signature: string;
  body: DBusValue[];
}

export type DecodedMessage = { ok: true; message: DBusMessage; endianness: Endianness } | { ok: false; reason: string };

const pad8 = (length: number) => (8 - (length % 8)) % 8;

/** Encodes a message. Throws DBusWireError when a value does not fit its type (a bug in the caller, not outside data). */
export function encodeMessage(message: DBusMessage, endianness: Endianness = 'little'): Buffer {
  const body = new Writer(endianness);
  body.write(message.signature, message.body);
  const bodyBytes = body.bytes();

  const header = new Writer(endianness);
  header.write('yyyyuu', [endianness === 'little' ? 0x6c : 0x42, message.type, message.flags, 1, bodyBytes.length, message.serial]);
  const fields: DBusValue[] = [];
  for (const name of Object.keys(FIELDS) as FieldName[]) {
    const [code, signature] = FIELDS[name];
    const value = name === 'signature' ? (message.signature === '' ? undefined : message.signature) : name === 'unixFds' ? undefined : message[name];
    if (value !== undefined) fields.push([code, { signature, value }]);
  }
  header.write('a(yv)', [fields]);
  header.align(8);
  return Buffer.concat([header.bytes(), bodyBytes]);
}

/**
 * How many bytes the message at the start of `buffer` takes, once its first 16 bytes are there;
 * null while fewer have arrived; a reason when the header is not D-Bus at all.
 */
export function messageLength(buffer: Buffer): number | null | { reason: string } {
  if (buffer.length < FIXED_HEADER_BYTES) return null;
  const endianness = endiannessOf(buffer[0]);
  if (endianness === null) return { reason: `byte order mark 0x${(buffer[0] ?? 0).toString(16)} is neither 'l' nor 'B'` };
  const read = (at: number) => (endianness === 'little' ? buffer.readUInt32LE(at) : buffer.readUInt32BE(at));
  const bodyLength = read(4);
  const fieldsLength = read(12);
  const total = FIXED_HEADER_BYTES + fieldsLength + pad8(fieldsLength) + bodyLength;
  if (total > MAX_MESSAGE_BYTES) return { reason: `a message of ${total} bytes is over the 128 MiB limit` };
  return total;
}

/** Decodes one whole message (exactly `messageLength` bytes). */
export function decodeMessage(buffer: Buffer): DecodedMessage {
  try {
    return decodeOrThrow(buffer);
  } catch (error) {
    if (error instanceof DBusWireError) return { ok: false, reason: error.message };
    throw error;
  }
}

function endiannessOf(mark: number | undefined): Endianness | null {
  if (mark === 0x6c) return 'little';
  if (mark === 0x42) return 'big';
  return null;
}

function decodeOrThrow(buffer: Buffer): DecodedMessage {
  const endianness = endiannessOf(buffer[0]);
  if (endianness === null) throw new DBusWireError('not a D-Bus message (bad byte order mark)');
  const reader = new Reader(buffer, endianness);
  const [, type, flags, version, bodyLength, serial, fields] = reader.read('yyyyuua(yv)') as [number, number, number, number, number, number, DBusValue[]];
  if (version !== 1) throw new DBusWireError(`protocol version ${version}, not 1`);
  if (type < 1 || type > 4) throw new DBusWireError(`unknown message type ${type}`);
  if (serial === 0) throw new DBusWireError('a message with serial 0');
  reader.align(8);
  const bodyStart = reader.offset;
  if (bodyStart + bodyLength !== buffer.length) throw new DBusWireError(`the body should be ${bodyLength} bytes, ${buffer.length - bodyStart} arrived`);

  const message: DBusMessage = { type: type as MessageType, flags, serial, signature: '', body: [] };
  for (const field of fields) {
    const [code, variant] = field as [number, DBusValue];
    const entry = Object.entries(FIELDS).find(([, [fieldCode]]) => fieldCode === code);
    if (entry === undefined) continue; // unknown fields are ignored, as the spec asks
    const [name, [, signature]] = entry as [FieldName, (typeof FIELDS)[FieldName]];
    if (!isVariant(variant) || variant.signature !== signature) throw new DBusWireError(`header field ${name} is not of type ${signature}`);
    if (name === 'unixFds') continue;
    if (name === 'replySerial') message.replySerial = variant.value as number;
    else message[name] = variant.value as string;
  }
  message.body = decodeValues(message.signature, buffer.subarray(bodyStart), endianness);
  checkRequiredFields(message);
  return { ok: true, message, endianness };
}

/** The fields each type must carry (spec § Message Types). */
function checkRequiredFields(message: DBusMessage): void {
  const missing = (field: string) => new DBusWireError(`a message of type ${message.type} without ${field}`);
  if (message.type === MESSAGE_TYPES.methodCall && (message.path === undefined || message.member === undefined)) throw missing('path or member');
  if (message.type === MESSAGE_TYPES.signal && (message.path === undefined || message.member === undefined || message.interface === undefined)) throw missing('path, interface or member');
  if (message.type === MESSAGE_TYPES.error && (message.errorName === undefined || message.replySerial === undefined)) throw missing('error name or reply serial');
  if (message.type === MESSAGE_TYPES.methodReturn && message.replySerial === undefined) throw missing('reply serial');
}
