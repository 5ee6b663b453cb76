/**
 * Test support: a scripted message bus on a unix socket, for the D-Bus client's tests of what the
 * reference dbus-daemon never does on cue. It authenticates whoever asks (or answers `authReply`),
 * answers Hello with ":1.7", and hands every other call to `answer`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeMessage, encodeMessage, messageLength, MESSAGE_TYPES, type DBusMessage } from '../dbus/message.ts';

export type Answer = (call: DBusMessage, socket: Socket) => void;

const cleanups: (() => void)[] = [];
/** Closes every scripted bus started so far (call it in afterEach). */
export function closeScriptedBuses(): void {
  for (const cleanup of cleanups.splice(0)) cleanup();
}

export async function scriptedBus(answer: Answer, authReply = 'OK 0123456789abcdef0123456789abcdef\r\n'): Promise<{ address: string; authLines: string[]; connections: () => number }> {
  const dir = mkdtempSync(join(tmpdir(), 'scripted-bus-'));
  const path = join(dir, 'socket');
  const authLines: string[] = [];
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    let buffered = Buffer.alloc(0);
    let isBinary = false;
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (!isBinary) {
        const end = buffered.indexOf('\r\n');
        if (end < 0) return;
        const line = buffered.subarray(0, end).toString('ascii');
        buffered = buffered.subarray(end + 2);
        authLines.push(line);
        if (line === 'BEGIN') isBinary = true;
        else socket.write(authReply);
      }
      for (;;) {
        const length = messageLength(buffered);
        if (typeof length !== 'number' || buffered.length < length) return;
        const decoded = decodeMessage(buffered.subarray(0, length));
        buffered = buffered.subarray(length);
        if (!decoded.ok) throw new Error(decoded.reason);
        const call = decoded.message;
        if (call.member === 'Hello') socket.write(encodeMessage(reply(call, 's', [':1.7'])));
        else answer(call, socket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  cleanups.push(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { address: `unix:path=${path}`, authLines, connections: () => connections };
}

let serial = 100;
export const nextSerial = (): number => serial++;
/** A method return to `call`. */
export const reply = (call: DBusMessage, signature: string, body: DBusMessage['body']): DBusMessage => ({ type: MESSAGE_TYPES.methodReturn, flags: 0, serial: serial++, replySerial: call.serial, signature, body });
