/**
 * Users (the contract): one row per user with the sums of their processes' figures, and the login
 * sessions where the OS has them (Windows: WTS; Linux: systemd-logind). The rows are grouped by the
 * pure `groupProcessesByUser` (users-grouping.ts), the same function for main's `users` query and
 * the page's live rows. Definitions: docs/definitions.md § Users.
 */
import type { ProcessIdentity } from './snapshot.ts';

/** A session's state, in one vocabulary (WTS_CONNECTSTATE_CLASS; logind's State: active, online, closing). */
export const SESSION_STATES = ['active', 'connected', 'disconnected', 'idle', 'listening', 'online', 'closing', 'other'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export interface UserSession {
  /** Windows' session id ("1"); logind's session id ("c2", "3"). */
  id: string;
  /** The account the session belongs to, as process rows name users; null for a session with nobody logged on. */
  user: string | null;
  state: SessionState;
  /** WTS's client name (the remote computer of an RDP session); logind's RemoteHost; null when local or unknown. */
  clientName: string | null;
  /** WTS's WinStation name ("Console", "RDP-Tcp#0"); logind's seat or TTY; null when unknown. */
  station: string | null;
  /** When the user logged on (WTS's LogonTime; logind's Timestamp), ms since the epoch; null when unknown. */
  loginAtMs: number | null;
}

/**
 * One user's processes, summed (each figure as the Processes tab's: CPU is a share of the whole
 * machine). A figure is null when it is null for every member (unknown on this machine), else
 * the sum of the members' known values. `user` null is the "Unknown" row: processes whose owner
 * this app may not read (not elevated).
 */
export interface UserRow {
  user: string | null;
  processCount: number;
  cpuPercent: number | null;
  memoryBytes: number | null;
  /** Read + write. */
  diskBytesPerSec: number | null;
  /** Received + sent. */
  networkBytesPerSec: number | null;
  gpuPercent: number | null;
  members: ProcessIdentity[];
  /** This user's sessions (by `user`), empty where the OS has none or none is open. */
  sessions: UserSession[];
}

export interface UsersView {
  /** The snapshot the sums are from. */
  takenAtMs: number;
  users: UserRow[];
  /** Every session, including those with no user (a login screen). */
  sessions: UserSession[];
  /** Why sessions are not listed ("systemd-logind is not running on this machine"), else null. */
  sessionsUnavailableReason: string | null;
}
