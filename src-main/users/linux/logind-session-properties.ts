/**
 * systemd-logind's sessions read into the Users page's terms (pure; the adapter is
 * logind-sessions.ts). ListSessions' `a(susso)` and the org.freedesktop.login1.Session properties
 * (org.freedesktop.login1(5)) are parsed by schemas; a property a logind lacks is unknown.
 */
import { z } from 'zod';
import type { SessionState, UserSession } from '../../../src-shared/users.ts';
import type { DBusValue } from '../../dbus/codec.ts';

export const LOGIND_NOT_RUNNING = 'systemd-logind is not running on this machine';

/** One row of ListSessions: session id, uid, user name, seat id, object path. */
export interface ListedSession {
  id: string;
  uid: number;
  user: string;
  seat: string;
  path: string;
}

const listSessionsSchema = z.tuple([z.array(z.tuple([z.string(), z.number(), z.string(), z.string(), z.string()]))]);

/** ListSessions' body (signature a(susso)), or null when it is not that. */
export function parseListSessions(body: DBusValue[]): ListedSession[] | null {
  const parsed = listSessionsSchema.safeParse(body);
  if (!parsed.success) return null;
  return parsed.data[0].map(([id, uid, user, seat, path]) => ({ id, uid, user, seat, path }));
}

const sessionPropertiesSchema = z.object({
  Id: z.string().optional().catch(undefined),
  Name: z.string().optional().catch(undefined),
  State: z.string().optional().catch(undefined),
  Remote: z.boolean().optional().catch(undefined),
  RemoteHost: z.string().optional().catch(undefined),
  /** (seat id, seat path); ('', '/') when the session has no seat (ssh, a service). */
  Seat: z.tuple([z.string(), z.string()]).optional().catch(undefined),
  TTY: z.string().optional().catch(undefined),
  /** When the session began: µs since the epoch (CLOCK_REALTIME), 0 when unknown. */
  Timestamp: z.bigint().optional().catch(undefined),
});
export type SessionProperties = z.infer<typeof sessionPropertiesSchema>;

export const parseSessionProperties = (properties: Record<string, DBusValue>): SessionProperties => sessionPropertiesSchema.parse(properties);

const STATES: Record<string, SessionState> = { active: 'active', online: 'online', closing: 'closing' };

const nonEmpty = (text: string | undefined): string | null => (text === undefined || text === '' ? null : text);

/** A session from its ListSessions row and its properties (null where GetAll failed: it closed meanwhile). */
export function toUserSession(listed: ListedSession, properties: SessionProperties | null): UserSession {
  const timestampUs = properties?.Timestamp;
  return {
    id: properties?.Id ?? listed.id,
    user: nonEmpty(properties?.Name ?? listed.user),
    state: STATES[properties?.State ?? ''] ?? 'other',
    // RemoteHost is the remote computer (an ssh client's address); only a remote session has one.
    clientName: properties?.Remote === false ? null : nonEmpty(properties?.RemoteHost),
    // The terminal says most ("tty2", "pts/0"); a graphical session has none, only its seat ("seat0").
    station: nonEmpty(properties?.TTY) ?? nonEmpty(properties?.Seat?.[0] ?? listed.seat),
    loginAtMs: timestampUs === undefined || timestampUs === 0n ? null : Number(timestampUs / 1000n),
  };
}
