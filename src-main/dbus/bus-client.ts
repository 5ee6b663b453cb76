/**
 * One lazily opened connection to a bus, shared by an adapter's calls and reopened when it is
 * lost (the bus restarted), plus what the adapters need on top of a bare call: a service's
 * properties (org.freedesktop.DBus.Properties.GetAll, variants unwrapped) and many calls in
 * flight at once, at most CALLS_IN_FLIGHT, under dbus-daemon's limit of 128 pending replies per
 * connection (its `max_replies_per_connection`), so 200 units are read in a few round trips, not 200.
 */
import { isVariant, type DBusValue } from './codec.ts';
import { NO_SERVER } from './dbus-errors.ts';
import { connectToBus, type BusConnection, type CallOutcome, type ConnectOptions, type MethodCall } from './connection.ts';


export const CALLS_IN_FLIGHT = 64;


export type PropertyOutcome = { ok: true; value: DBusValue } | { ok: false; errorName: string; message: string };
export type PropertiesOutcome = { ok: true; properties: Record<string, DBusValue> } | { ok: false; errorName: string; message: string };

export interface BusClient {
  call(call: MethodCall): Promise<CallOutcome>;
  /** One property (org.freedesktop.DBus.Properties.Get), its variant unwrapped. */
  get(destination: string, path: string, interfaceName: string, property: string): Promise<PropertyOutcome>;
  /** Every property of an interface (org.freedesktop.DBus.Properties.GetAll), variants unwrapped. */
  getAll(destination: string, path: string, interfaceName: string): Promise<PropertiesOutcome>;
  close(): void;
}

export function createBusClient(address: string, options: ConnectOptions = {}): BusClient {
  let connection: BusConnection | null = null;
  let connecting: Promise<BusConnection | { reason: string }> | null = null;
  let isClosed = false;

  const connected = async (): Promise<BusConnection | { reason: string }> => {
    if (connection?.isOpen === true) return connection;
    connecting ??= connectToBus(address, options).then((result) => {
      connecting = null;
      if (!result.ok) return { reason: result.reason };
      if (isClosed) {
        result.connection.close();
        return { reason: 'the bus client was closed' };
      }
      connection = result.connection;
      return connection;
    });
    return connecting;
  };

  const call = async (request: MethodCall): Promise<CallOutcome> => {
    const bus = await connected();
    if ('reason' in bus) return { ok: false, errorName: NO_SERVER, message: bus.reason };
    return bus.call(request);
  };

  return {
    call,
    async get(destination, path, interfaceName, property) {
      const reply = await call({ destination, path, interface: 'org.freedesktop.DBus.Properties', member: 'Get', signature: 'ss', body: [interfaceName, property] });
      if (!reply.ok) return reply;
      const [variant] = reply.body;
      if (reply.signature !== 'v' || !isVariant(variant)) return { ok: false, errorName: 'org.freedesktop.DBus.Error.InvalidSignature', message: `Get answered "${reply.signature}", not v` };
      return { ok: true, value: variant.value };
    },
    async getAll(destination, path, interfaceName) {
      const reply = await call({ destination, path, interface: 'org.freedesktop.DBus.Properties', member: 'GetAll', signature: 's', body: [interfaceName] });
      if (!reply.ok) return reply;
      const [dict] = reply.body;
      if (reply.signature !== 'a{sv}' || !(dict instanceof Map)) return { ok: false, errorName: 'org.freedesktop.DBus.Error.InvalidSignature', message: `GetAll answered "${reply.signature}", not a{sv}` };
      const properties: Record<string, DBusValue> = {};
      for (const [key, value] of dict) if (typeof key === 'string' && isVariant(value)) properties[key] = value.value;
      return { ok: true, properties };
    },
    close() {
      isClosed = true;
      connection?.close();
      connection = null;
    },
  };
}

/** Maps items through an async function with at most `limit` running at once, keeping their order. */
export async function mapInFlight<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
