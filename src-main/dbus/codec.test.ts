import { describe, expect, it } from 'vitest';
import { decodeValues, encodeValues, type DBusValue, type Endianness } from './codec.ts';
import { parseSignature, signatureOf } from './signature.ts';
import { hex } from '../test-support/dbus-wire-fixtures.ts';

/** Each row: a signature, its values, and the bytes the spec puts on the wire for them, written by hand. */
const cases: { what: string; signature: string; values: DBusValue[]; endianness: Endianness; bytes: Buffer }[] = [
  { what: 'BYTE', signature: 'y', values: [0x2a], endianness: 'little', bytes: hex('2a') },
  { what: 'BOOLEAN is a u32 0 or 1', signature: 'b', values: [true], endianness: 'little', bytes: hex('01 00 00 00') },
  { what: 'BOOLEAN, big-endian', signature: 'b', values: [true], endianness: 'big', bytes: hex('00 00 00 01') },
  { what: 'INT16', signature: 'n', values: [-2], endianness: 'little', bytes: hex('fe ff') },
  { what: 'INT16, big-endian', signature: 'n', values: [-2], endianness: 'big', bytes: hex('ff fe') },
  { what: 'UINT16', signature: 'q', values: [0x1234], endianness: 'little', bytes: hex('34 12') },
  { what: 'INT32', signature: 'i', values: [-1], endianness: 'little', bytes: hex('ff ff ff ff') },
  { what: 'UINT32', signature: 'u', values: [0x01020304], endianness: 'little', bytes: hex('04 03 02 01') },
  { what: 'UINT32, big-endian', signature: 'u', values: [0x01020304], endianness: 'big', bytes: hex('01 02 03 04') },
  { what: 'INT64', signature: 'x', values: [-2n], endianness: 'little', bytes: hex('fe ff ff ff ff ff ff ff') },
  { what: 'UINT64', signature: 't', values: [0x0102030405060708n], endianness: 'little', bytes: hex('08 07 06 05 04 03 02 01') },
  { what: 'UINT64, big-endian', signature: 't', values: [0x0102030405060708n], endianness: 'big', bytes: hex('01 02 03 04 05 06 07 08') },
  { what: 'DOUBLE (IEEE 754: 1.5 is 0x3ff8000000000000)', signature: 'd', values: [1.5], endianness: 'little', bytes: hex('00 00 00 00 00 00 f8 3f') },
  { what: 'STRING: u32 length, UTF-8 bytes, NUL', signature: 's', values: ['ab'], endianness: 'little', bytes: hex('02 00 00 00', '61 62', '00') },
  { what: 'STRING with a 2-byte UTF-8 character (length counts bytes)', signature: 's', values: ['é'], endianness: 'little', bytes: hex('02 00 00 00', 'c3 a9', '00') },
  { what: 'OBJECT_PATH', signature: 'o', values: ['/'], endianness: 'little', bytes: hex('01 00 00 00', '2f', '00') },
  { what: 'SIGNATURE: one length byte, ASCII, NUL', signature: 'g', values: ['as'], endianness: 'little', bytes: hex('02', '61 73', '00') },
  { what: 'padding to the next value\'s alignment', signature: 'yu', values: [1, 2], endianness: 'little', bytes: hex('01', '00 00 00', '02 00 00 00') },
  { what: 'empty ARRAY of bytes', signature: 'ay', values: [[]], endianness: 'little', bytes: hex('00 00 00 00') },
  {
    what: 'empty ARRAY of UINT64 still pads to 8 after its length',
    signature: 'at',
    values: [[]],
    endianness: 'little',
    bytes: hex('00 00 00 00', /* pad to 8 */ '00 00 00 00'),
  },
  {
    what: 'ARRAY length excludes the padding before the first element',
    signature: 'at',
    values: [[5n]],
    endianness: 'little',
    bytes: hex('08 00 00 00', /* pad */ '00 00 00 00', '05 00 00 00 00 00 00 00'),
  },
  {
    what: 'STRUCT aligns to 8',
    signature: 'y(us)',
    values: [9, [1, 'x']],
    endianness: 'little',
    bytes: hex('09', /* pad to 8 */ '00 00 00 00 00 00 00', /* u */ '01 00 00 00', /* s */ '01 00 00 00 78 00'),
  },
  {
    what: 'DICT a{sv}: entries align to 8, a VARIANT is its signature then its value',
    signature: 'a{sv}',
    values: [new Map<string, DBusValue>([['A', { signature: 'u', value: 7 }]])],
    endianness: 'little',
    bytes: hex(
      '10 00 00 00', // array length: 16 bytes of entries (8..24)
      '00 00 00 00', // pad to 8
      '01 00 00 00 41 00', // key "A" (8..14)
      '01 75 00', // variant signature "u" (14..17)
      '00 00 00', // pad to 4
      '07 00 00 00', // value 7 (20..24)
    ),
  },
  {
    what: 'ARRAY of STRUCT (so), big-endian',
    signature: 'a(so)',
    values: [[['x', '/a']]],
    endianness: 'big',
    bytes: hex(
      '00 00 00 0f', // array length: 15 bytes (8..23)
      '00 00 00 00', // pad to 8 for the struct
      '00 00 00 01 78 00', // "x" (8..14)
      '00 00', // pad to 4
      '00 00 00 02 2f 61 00', // "/a" (16..23)
    ),
  },
  {
    what: 'VARIANT holding a STRUCT (uo), as systemd\'s Job property',
    signature: 'v',
    values: [{ signature: '(uo)', value: [0, '/'] }],
    endianness: 'little',
    bytes: hex('04 28 75 6f 29 00', /* pad to 8 */ '00 00', '00 00 00 00', '01 00 00 00 2f 00'),
  },
];

describe('D-Bus values on the wire', () => {
  it.each(cases)('decodes $what', ({ signature, values, endianness, bytes }) => {
    expect(decodeValues(signature, bytes, endianness)).toEqual(values);
  });

  it.each(cases)('encodes $what', ({ signature, values, endianness, bytes }) => {
    expect(encodeValues(signature, values, endianness).toString('hex')).toBe(bytes.toString('hex'));
  });

  it.each([
    { what: 'a BOOLEAN other than 0 or 1', signature: 'b', bytes: hex('02 00 00 00'), error: /boolean must be 0 or 1/ },
    { what: 'a STRING without its NUL', signature: 's', bytes: hex('02 00 00 00 61 62 61'), error: /not NUL-terminated/ },
    { what: 'a STRING with a NUL inside', signature: 's', bytes: hex('02 00 00 00 61 00 00'), error: /contains NUL/ },
    { what: 'a STRING that is not UTF-8', signature: 's', bytes: hex('01 00 00 00 ff 00'), error: /UTF-8/ },
    { what: 'a STRING longer than the message', signature: 's', bytes: hex('ff 00 00 00 61 00'), error: /ends inside a value/ },
    { what: 'an ARRAY running past the message', signature: 'ay', bytes: hex('08 00 00 00 01 02'), error: /past the end/ },
    { what: 'an ARRAY whose last element runs past its length', signature: 'au', bytes: hex('02 00 00 00 01 00 00 00'), error: /past its stated length/ },
    { what: 'an ARRAY over 64 MiB', signature: 'ay', bytes: hex('01 00 00 04'), error: /64 MiB/ },
    { what: 'a VARIANT whose signature holds two types', signature: 'v', bytes: hex('02 75 75 00 01 00 00 00 01 00 00 00'), error: /single complete type/ },
    { what: 'bytes left over', signature: 'y', bytes: hex('01 02'), error: /1 bytes left/ },
  ])('refuses $what', ({ signature, bytes, error }) => {
    expect(() => decodeValues(signature, bytes)).toThrow(error);
  });

  it('refuses values that do not fit their type when encoding', () => {
    expect(() => encodeValues('u', ['1'])).toThrow(/cannot be written/);
    expect(() => encodeValues('a{sv}', [[]])).toThrow(/cannot be written/);
    expect(() => encodeValues('(us)', [[1]])).toThrow(/cannot be written/);
    expect(() => encodeValues('s', ['a\0b'])).toThrow(/NUL/);
    expect(() => encodeValues('su', ['a'])).toThrow(/needs 2 values/);
  });
});

describe('D-Bus signatures', () => {
  it.each(['a(ssssssouso)', 'a{sv}', 'a(susso)', '(uo)', 'aa{sa(yv)}', 'ybnqiuxtdsogv'])('reads %s back to the same text', (signature) => {
    expect(parseSignature(signature).map(signatureOf).join('')).toBe(signature);
  });

  it.each([
    { signature: 'a', error: /ends inside a type/ },
    { signature: '(us', error: /unclosed struct/ },
    { signature: '()', error: /empty struct/ },
    { signature: 'a{vs}', error: /key must be a basic type/ },
    { signature: 'a{sss}', error: /exactly a key and a value/ },
    { signature: '{sv}', error: /not a type/ },
    { signature: 'h', error: /not a type/ },
    { signature: `${'a'.repeat(33)}y`, error: /32 deep/ },
    { signature: 'y'.repeat(256), error: /longer than 255/ },
  ])('refuses "$signature"', ({ signature, error }) => {
    expect(() => parseSignature(signature)).toThrow(error);
  });
});
