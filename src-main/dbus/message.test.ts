import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, messageLength, MESSAGE_TYPES, type DBusMessage } from './message.ts';
import { ascii, hex } from '../test-support/dbus-wire-fixtures.ts';

/** The Hello every connection starts with, as the spec lays it out (little-endian, no body). */
const helloBytes = hex(
  '6c', // 'l': little-endian
  '01', // METHOD_CALL
  '00', // no flags
  '01', // protocol version 1
  '00 00 00 00', // body length 0
  '01 00 00 00', // serial 1
  '6d 00 00 00', // header fields: 109 bytes (16..125)
  '01', '01 6f 00', '15 00 00 00', ascii('/org/freedesktop/DBus'), '00', // PATH (o), 21 chars (16..46)
  '00 00', // pad to 8
  '02', '01 73 00', '14 00 00 00', ascii('org.freedesktop.DBus'), '00', // INTERFACE (s), 20 chars (48..77)
  '00 00 00', // pad to 8
  '03', '01 73 00', '05 00 00 00', ascii('Hello'), '00', // MEMBER (s) (80..94)
  '00 00', // pad to 8
  '06', '01 73 00', '14 00 00 00', ascii('org.freedesktop.DBus'), '00', // DESTINATION (s) (96..125)
  '00 00 00', // pad the header to 8 (128); no body
);
const hello: DBusMessage = {
  type: MESSAGE_TYPES.methodCall,
  flags: 0,
  serial: 1,
  path: '/org/freedesktop/DBus',
  interface: 'org.freedesktop.DBus',
  member: 'Hello',
  destination: 'org.freedesktop.DBus',
  signature: '',
  body: [],
};

/** A reply to call 5 carrying the string "ok". */
const replyBytes = hex(
  '6c 02 00 01', // little-endian, METHOD_RETURN, no flags, version 1
  '07 00 00 00', // body: 7 bytes
  '09 00 00 00', // serial 9
  '0f 00 00 00', // header fields: 15 bytes (16..31)
  '05', '01 75 00', '05 00 00 00', // REPLY_SERIAL (u) 5 (16..24)
  '08', '01 67 00', '01 73 00', // SIGNATURE (g) "s" (24..31)
  '00', // pad to 8
  '02 00 00 00', ascii('ok'), '00', // body: "ok"
);
const reply: DBusMessage = { type: MESSAGE_TYPES.methodReturn, flags: 0, serial: 9, replySerial: 5, signature: 's', body: ['ok'] };

/** systemd's answer to StopUnit("foo.service") when no such unit is loaded, big-endian (as a big-endian machine sends it). */
const errorBytes = hex(
  '42 03 00 01', // 'B': big-endian, ERROR, no flags, version 1
  '00 00 00 21', // body: 33 bytes
  '00 00 00 0a', // serial 10
  '00 00 00 3f', // header fields: 63 bytes (16..79)
  '04', '01 73 00', '00 00 00 23', ascii('org.freedesktop.systemd1.NoSuchUnit'), '00', // ERROR_NAME (s), 35 chars (16..60)
  '00 00 00 00', // pad to 8
  '05', '01 75 00', '00 00 00 02', // REPLY_SERIAL (u) 2 (64..72)
  '08', '01 67 00', '01 73 00', // SIGNATURE (g) "s" (72..79)
  '00', // pad to 8
  '00 00 00 1c', ascii('Unit foo.service not loaded.'), '00', // body: the message, 28 chars
);
const error: DBusMessage = {
  type: MESSAGE_TYPES.error,
  flags: 0,
  serial: 10,
  errorName: 'org.freedesktop.systemd1.NoSuchUnit',
  replySerial: 2,
  signature: 's',
  body: ['Unit foo.service not loaded.'],
};

describe('D-Bus messages', () => {
  it.each([
    { what: 'a method call (Hello)', bytes: helloBytes, message: hello, endianness: 'little' as const },
    { what: 'a method return', bytes: replyBytes, message: reply, endianness: 'little' as const },
    { what: 'a big-endian error', bytes: errorBytes, message: error, endianness: 'big' as const },
  ])('decodes and encodes $what byte for byte', ({ bytes, message, endianness }) => {
    expect(messageLength(bytes)).toBe(bytes.length);
    expect(decodeMessage(bytes)).toEqual({ ok: true, message, endianness });
    expect(encodeMessage(message, endianness).toString('hex')).toBe(bytes.toString('hex'));
  });

  it('waits for the 16 bytes that say how long a message is', () => {
    expect(messageLength(replyBytes.subarray(0, 15))).toBeNull();
    expect(messageLength(replyBytes.subarray(0, 16))).toBe(replyBytes.length);
  });

  it('says when a stream is not D-Bus at all', () => {
    expect(messageLength(Buffer.from('HTTP/1.1 200 OK\r\n\r\n'))).toEqual({ reason: expect.stringMatching(/byte order mark/) });
  });

  it.each([
    { what: 'a version other than 1', bytes: Buffer.concat([replyBytes.subarray(0, 3), hex('02'), replyBytes.subarray(4)]), reason: /version 2/ },
    { what: 'an unknown message type', bytes: Buffer.concat([replyBytes.subarray(0, 1), hex('07'), replyBytes.subarray(2)]), reason: /unknown message type 7/ },
    { what: 'a reply without its reply serial', bytes: hex('6c 02 00 01', '00 00 00 00', '01 00 00 00', '00 00 00 00'), reason: /without reply serial/ },
    { what: 'a header field of the wrong type', bytes: Buffer.concat([replyBytes.subarray(0, 18), hex('69'), replyBytes.subarray(19)]), reason: /replySerial is not of type u/ },
    { what: 'a body shorter than stated', bytes: replyBytes.subarray(0, replyBytes.length - 1), reason: /body should be 7 bytes/ },
  ])('refuses $what as a value, not an exception', ({ bytes, reason }) => {
    const decoded = decodeMessage(bytes);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toMatch(reason);
  });

  it('skips header fields it does not know, as the spec asks', () => {
    const withUnknownField = hex(
      '6c 02 00 01', '00 00 00 00', '03 00 00 00', '0d 00 00 00', // no body, serial 3, 13 bytes of fields (16..29)
      '05', '01 75 00', '01 00 00 00', // REPLY_SERIAL 1
      '7f', '01 79 00', '2a', // field 127 (unknown), a BYTE (24..29)
      '00 00 00', // pad to 8
    );
    const decoded = decodeMessage(withUnknownField);
    expect(decoded).toEqual({ ok: true, endianness: 'little', message: { type: MESSAGE_TYPES.methodReturn, flags: 0, serial: 3, replySerial: 1, signature: '', body: [] } });
  });
});
