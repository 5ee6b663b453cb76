/**
 * The seam between the Users page and the OS's login sessions: Windows (windows/windows-sessions.ts:
 * WTS through koffi) and Linux (linux/logind-sessions.ts: systemd-logind's D-Bus API).
 * users-service.ts sums the latest snapshot's processes by user (src-shared/users-grouping.ts) and
 * adds these sessions.
 */
import type { UserSession } from '../../src-shared/users.ts';
import { createWindowsSessions } from './windows/windows-sessions.ts';
import { createLogindSessions } from './linux/logind-sessions.ts';

export interface SessionsListing {
  sessions: UserSession[];
  /** Why none can be listed ("systemd-logind is not running on this machine"), else null. */
  unavailableReason: string | null;
}

export interface SessionsPlatform {
  list(): Promise<SessionsListing>;
  close(): void;
}

export function createSessionsPlatform(platform: NodeJS.Platform = process.platform): SessionsPlatform {
  if (platform === 'win32') return createWindowsSessions();
  if (platform === 'linux') return createLogindSessions();
  return unsupportedSessions(`sessions are read on Windows and Linux only, not on ${platform}`);
}

export function unsupportedSessions(reason: string): SessionsPlatform {
  return { list: async () => ({ sessions: [], unavailableReason: reason }), close: () => {} };
}
