/**
 * Records the replies the Services and Users adapters read, byte for byte as the bus delivers
 * them, into src-main/test-support/dbus-recordings/*.hex (the fixtures of the adapters' recorded-reply
 * tests). `dbus-monitor --binary` (libdbus, not this project's codec) captures them off a private
 * bus with the systemd/logind stand-in of test-support/fake-system-bus.ts:
 *   node scripts/record-dbus-replies.ts
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectToBus, type MethodCall } from '../src-main/dbus/connection.ts';
import { decodeMessage, messageLength, MESSAGE_TYPES } from '../src-main/dbus/message.ts';
import { startFakeSystemBus } from '../src-main/test-support/fake-system-bus.ts';

const OUT = join(import.meta.dirname, '..', 'src-main', 'test-support', 'dbus-recordings');
const SYSTEMD = 'org.freedesktop.systemd1';
const manager = (member: string, signature = '', body: string[] = []): MethodCall => ({ destination: SYSTEMD, path: '/org/freedesktop/systemd1', interface: `${SYSTEMD}.Manager`, member, signature, body });
const getAll = (destination: string, path: string, interfaceName: string): MethodCall => ({ destination, path, interface: 'org.freedesktop.DBus.Properties', member: 'GetAll', signature: 's', body: [interfaceName] });

/** The file each reply is kept in, in the order they are asked. */
const recordings: [string, MethodCall][] = [
  ['list-units', manager('ListUnits')],
  ['unit-properties-ssh', getAll(SYSTEMD, '/org/freedesktop/systemd1/unit/ssh_2eservice', `${SYSTEMD}.Unit`)],
  ['service-properties-ssh', getAll(SYSTEMD, '/org/freedesktop/systemd1/unit/ssh_2eservice', `${SYSTEMD}.Service`)],
  ['stop-refused-by-polkit', manager('StopUnit', 'ss', ['bluetooth.service', 'replace'])],
  ['no-such-unit', manager('GetUnit', 's', ['nope.service'])],
  ['list-sessions', { destination: 'org.freedesktop.login1', path: '/org/freedesktop/login1', interface: 'org.freedesktop.login1.Manager', member: 'ListSessions' }],
  ['session-properties-c3', getAll('org.freedesktop.login1', '/org/freedesktop/login1/session/c3', 'org.freedesktop.login1.Session')],
  ['no-systemd', { destination: 'org.freedesktop.nothing', path: '/', interface: 'org.freedesktop.nothing.Manager', member: 'ListUnits' }],
];

const bus = await startFakeSystemBus();
const captureDir = mkdtempSync(join(tmpdir(), 'dbus-capture-'));
const capture = join(captureDir, 'capture.bin');
mkdirSync(OUT, { recursive: true });
const captureFd = openSync(capture, 'w');
const monitor = spawn('dbus-monitor', ['--address', bus.address, '--binary'], { stdio: ['ignore', captureFd, 'inherit'] });
await new Promise((resolve) => setTimeout(resolve, 1000)); // until it has become a monitor
const connected = await connectToBus(bus.address);
if (!connected.ok) throw new Error(connected.reason);
const serials: number[] = [];
for (const [, call] of recordings) {
  await connected.connection.call(call);
  serials.push(serials.length + 2); // Hello was serial 1; each call takes the next
}
await new Promise((resolve) => setTimeout(resolve, 500)); // until the monitor has written the last reply
monitor.kill('SIGTERM');
await new Promise((resolve) => monitor.once('exit', resolve));
closeSync(captureFd);
connected.connection.close();
await bus.stop();

let stream = readFileSync(capture);
const replies = new Map<number, Buffer>();
while (stream.length > 0) {
  const length = messageLength(stream);
  if (typeof length !== 'number') throw new Error('the capture is not a stream of D-Bus messages');
  const bytes = stream.subarray(0, length);
  const decoded = decodeMessage(bytes);
  if (decoded.ok && decoded.message.destination === connected.connection.uniqueName && decoded.message.type !== MESSAGE_TYPES.signal && decoded.message.replySerial !== undefined) {
    replies.set(decoded.message.replySerial, bytes);
  }
  stream = stream.subarray(length);
}
rmSync(captureDir, { recursive: true, force: true });
recordings.forEach(([file], index) => {
  const bytes = replies.get(serials[index] ?? 0);
  if (bytes === undefined) throw new Error(`no reply to ${file} was captured`);
  const lines = bytes.toString('hex').match(/.{1,64}/g) ?? [];
  writeFileSync(join(OUT, `${file}.hex`), `${lines.join('\n')}\n`);
  console.log(`${file}.hex: ${bytes.length} bytes`);
});
