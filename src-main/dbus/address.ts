/**
 * D-Bus server addresses (spec § Server Addresses): `unix:path=/run/dbus/system_bus_socket`,
 * several separated by ';' (tried in order), values percent-escaped. Only the unix transport is
 * read (`path=` and Linux's `abstract=`); others are skipped. Pure.
 */

/** Where the system bus listens when DBUS_SYSTEM_BUS_ADDRESS does not say (the spec's default). */
export const DEFAULT_SYSTEM_BUS_ADDRESS = 'unix:path=/var/run/dbus/system_bus_socket';

/** The system bus's address: DBUS_SYSTEM_BUS_ADDRESS, the standard variable, else the default. */
export function systemBusAddress(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.DBUS_SYSTEM_BUS_ADDRESS;
  return fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv : DEFAULT_SYSTEM_BUS_ADDRESS;
}

/** A socket node:net can connect to: a file path, or an abstract name (a leading NUL). */
export interface SocketTarget {
  path: string;
}

/** The unix sockets an address names, in order; empty when it names none this client can use. */
export function socketTargets(address: string): SocketTarget[] {
  const targets: SocketTarget[] = [];
  for (const entry of address.split(';')) {
    const colon = entry.indexOf(':');
    if (colon < 0 || entry.slice(0, colon) !== 'unix') continue;
    const keys = new Map<string, string>();
    for (const pair of entry.slice(colon + 1).split(',')) {
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const value = unescape(pair.slice(equals + 1));
      if (value !== null) keys.set(pair.slice(0, equals), value);
    }
    const path = keys.get('path');
    const abstract = keys.get('abstract');
    if (path !== undefined) targets.push({ path });
    else if (abstract !== undefined) targets.push({ path: `\0${abstract}` });
  }
  return targets;
}

function unescape(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
