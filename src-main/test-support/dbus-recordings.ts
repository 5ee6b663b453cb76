/**
 * Test support: the D-Bus replies in dbus-recordings/*.hex, captured byte for byte off a bus by
 * scripts/record-dbus-replies.ts (dbus-monitor, libdbus's encoding), decoded by this project's codec.
 */
import { readFileSync } from 'node:fs';
import { decodeMessage, type DBusMessage } from '../dbus/message.ts';

export type Recording =
  | 'list-units'
  | 'unit-properties-ssh'
  | 'service-properties-ssh'
  | 'stop-refused-by-polkit'
  | 'no-such-unit'
  | 'list-sessions'
  | 'session-properties-c3'
  | 'no-systemd';

export function recordedBytes(name: Recording): Buffer {
  return Buffer.from(readFileSync(new URL(`./dbus-recordings/${name}.hex`, import.meta.url), 'utf8').replace(/\s+/g, ''), 'hex');
}

export function recordedReply(name: Recording): DBusMessage {
  const decoded = decodeMessage(recordedBytes(name));
  if (!decoded.ok) throw new Error(`the recording ${name} does not decode: ${decoded.reason}`);
  return decoded.message;
}

/** A GetAll reply's a{sv}, its variants unwrapped (as BusClient.getAll gives it). */
export function recordedProperties(name: Recording): Record<string, DBusMessage['body'][number]> {
  const [dict] = recordedReply(name).body;
  if (!(dict instanceof Map)) throw new Error(`the recording ${name} is not a GetAll reply`);
  const properties: Record<string, DBusMessage['body'][number]> = {};
  for (const [key, variant] of dict) if (typeof key === 'string' && typeof variant === 'object' && 'value' in variant) properties[key] = variant.value;
  return properties;
}
