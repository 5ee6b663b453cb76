/**
 * The transport against a scripted bus on a unix socket: what the reference dbus-daemon never
 * does on cue (answers out of order, big-endian, a byte at a time, a signal in between, never,
 * or a refusal). The real daemon is exercised by the adapters' integration tests.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeScriptedBuses, nextSerial, reply, scriptedBus } from '../test-support/scripted-bus.ts';
import { connectToBus } from './connection.ts';
import { encodeMessage, MESSAGE_TYPES, type DBusMessage } from './message.ts';

afterEach(closeScriptedBuses);

const call = (member: string, timeoutMs?: number) => ({ destination: 'org.example', path: '/', interface: 'org.example.Thing', member, timeoutMs });

describe('the bus connection', () => {
  it('authenticates as this uid with EXTERNAL (hex of its decimal digits) and takes the name Hello gives', async () => {
    const bus = await scriptedBus(() => {});
    const connected = await connectToBus(bus.address, { uid: 1000 });
    expect(connected.ok && connected.connection.uniqueName).toBe(':1.7');
    expect(bus.authLines).toEqual(['\0AUTH EXTERNAL 31303030', 'BEGIN']);
    if (connected.ok) connected.connection.close();
  });

  it('matches answers to calls by reply serial, whatever their order, byte order or chunking, and skips signals', async () => {
    const held: DBusMessage[] = [];
    const bus = await scriptedBus((message, socket) => {
      held.push(message);
      if (held.length < 2) return;
      const [first, second] = held as [DBusMessage, DBusMessage];
      const signal: DBusMessage = { type: MESSAGE_TYPES.signal, flags: 0, serial: nextSerial(), path: '/', interface: 'org.example.Thing', member: 'Changed', signature: '', body: [] };
      // The second call's answer first, big-endian, then a signal, then the first's, a byte at a time.
      const bytes = Buffer.concat([encodeMessage(reply(second, 's', ['second']), 'big'), encodeMessage(signal), encodeMessage(reply(first, 'u', [1]))]);
      for (const byte of bytes) socket.write(Buffer.from([byte]));
    });
    const connected = await connectToBus(bus.address);
    if (!connected.ok) throw new Error(connected.reason);
    const answers = await Promise.all([connected.connection.call(call('First')), connected.connection.call(call('Second'))]);
    expect(answers).toEqual([
      { ok: true, signature: 'u', body: [1] },
      { ok: true, signature: 's', body: ['second'] },
    ]);
    connected.connection.close();
  });

  it('answers an error with its name and message', async () => {
    const bus = await scriptedBus((message, socket) =>
      socket.write(encodeMessage({ type: MESSAGE_TYPES.error, flags: 0, serial: nextSerial(), replySerial: message.serial, errorName: 'org.example.Error.Nope', signature: 's', body: ['not today'] })),
    );
    const connected = await connectToBus(bus.address);
    if (!connected.ok) throw new Error(connected.reason);
    expect(await connected.connection.call(call('Refused'))).toEqual({ ok: false, errorName: 'org.example.Error.Nope', message: 'not today' });
    connected.connection.close();
  });

  it('gives up on a call that is never answered (NoReply) and stays usable', async () => {
    const bus = await scriptedBus((message, socket) => {
      if (message.member === 'Echo') socket.write(encodeMessage(reply(message, 's', ['echo'])));
    });
    const connected = await connectToBus(bus.address);
    if (!connected.ok) throw new Error(connected.reason);
    expect(await connected.connection.call(call('Ignored', 50))).toEqual({ ok: false, errorName: 'org.freedesktop.DBus.Error.NoReply', message: 'org.example did not answer Ignored within 50 ms' });
    expect(await connected.connection.call(call('Echo'))).toEqual({ ok: true, signature: 's', body: ['echo'] });
    connected.connection.close();
  });

  it('fails the calls in flight when the bus goes away, and every later one', async () => {
    const bus = await scriptedBus((_message, socket) => socket.destroy());
    const connected = await connectToBus(bus.address);
    if (!connected.ok) throw new Error(connected.reason);
    expect(await connected.connection.call(call('Crash'))).toMatchObject({ ok: false, errorName: 'org.freedesktop.DBus.Error.Disconnected' });
    expect(connected.connection.isOpen).toBe(false);
    expect(await connected.connection.call(call('After'))).toMatchObject({ ok: false, errorName: 'org.freedesktop.DBus.Error.Disconnected' });
  });

  it('ends the connection on a message it cannot read, rather than guess where the next begins', async () => {
    const bus = await scriptedBus((_message, socket) => socket.write(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')));
    const connected = await connectToBus(bus.address);
    if (!connected.ok) throw new Error(connected.reason);
    const answer = await connected.connection.call(call('Confused'));
    expect(answer).toMatchObject({ ok: false, errorName: 'org.freedesktop.DBus.Error.Disconnected' });
    expect(answer.ok === false && answer.message).toMatch(/could not read/);
  });

  it('says why it could not connect: refused authentication, no socket', async () => {
    const refusing = await scriptedBus(() => {}, 'REJECTED EXTERNAL\r\n');
    expect(await connectToBus(refusing.address, { uid: 1000 })).toEqual({ ok: false, reason: 'the bus refused authentication as uid 1000 (REJECTED EXTERNAL)' });
    expect(await connectToBus('unix:path=/nonexistent/socket')).toEqual({ ok: false, reason: 'cannot connect to /nonexistent/socket (ENOENT)' });
    expect(await connectToBus('tcp:host=localhost,port=1')).toEqual({ ok: false, reason: '"tcp:host=localhost,port=1" names no unix socket' });
  });
});
