/**
 * Login sessions on Linux: systemd-logind's D-Bus API on the system bus (org.freedesktop.login1(5)):
 * ListSessions, then each session's org.freedesktop.login1.Session properties (GetAll, many in
 * flight at once). No bus, or no logind on it: `unavailableReason`. The mapping is pure, in
 * logind-session-properties.ts.
 */
import { systemBusAddress } from '../../dbus/address.ts';
import { CALLS_IN_FLIGHT, createBusClient, mapInFlight } from '../../dbus/bus-client.ts';
import { isServiceMissing } from '../../dbus/dbus-errors.ts';
import type { SessionsListing, SessionsPlatform } from '../sessions-platform.ts';
import { LOGIND_NOT_RUNNING, parseListSessions, parseSessionProperties, toUserSession } from './logind-session-properties.ts';

const LOGIN = 'org.freedesktop.login1';

export interface LogindSessionsOptions {
  /** The bus's address; default DBUS_SYSTEM_BUS_ADDRESS, else the system bus's standard socket. */
  address?: string;
}

export function createLogindSessions(options: LogindSessionsOptions = {}): SessionsPlatform {
  const bus = createBusClient(options.address ?? systemBusAddress());
  return {
    async list(): Promise<SessionsListing> {
      const reply = await bus.call({ destination: LOGIN, path: '/org/freedesktop/login1', interface: 'org.freedesktop.login1.Manager', member: 'ListSessions' });
      if (!reply.ok) return { sessions: [], unavailableReason: isServiceMissing(reply.errorName) ? LOGIND_NOT_RUNNING : `systemd-logind could not be read: ${reply.message || reply.errorName}` };
      const listed = parseListSessions(reply.body);
      if (listed === null) return { sessions: [], unavailableReason: `systemd-logind answered ListSessions with "${reply.signature}", not a list of sessions` };
      const sessions = await mapInFlight(listed, CALLS_IN_FLIGHT, async (session) => {
        const read = await bus.getAll(LOGIN, session.path, 'org.freedesktop.login1.Session');
        return toUserSession(session, read.ok ? parseSessionProperties(read.properties) : null);
      });
      return { sessions, unavailableReason: null };
    },
    close: () => bus.close(),
  };
}
