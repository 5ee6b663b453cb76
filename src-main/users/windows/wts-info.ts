/**
 * Windows' login sessions as WTS (wtsapi32) describes them, in the contract's words. Pure: the
 * answers of WTSQuerySessionInformationW are bytes (a UTF-16 string, or a WTSINFOW), read here.
 */
import type { SessionState, UserSession } from '../../../src-shared/users.ts';
import { filetimeToEpochMs } from '../../collector/compute/start-time.ts';
import { readUtf16z, StructReader } from '../../collector/platform/win32/struct-reader.ts';

/** WTS_INFO_CLASS values asked (wtsapi32.h). */
export const WTS_INFO_CLASS = { USER_NAME: 5, WIN_STATION_NAME: 6, DOMAIN_NAME: 7, CONNECT_STATE: 8, CLIENT_NAME: 10, SESSION_INFO: 24 } as const;

/** WTS_CONNECTSTATE_CLASS, by value (WTSActive 0 … WTSInit 9). */
const STATES: Record<number, SessionState> = {
  0: 'active',
  1: 'connected',
  // WTSConnectQuery 2, WTSShadow 3: passing states with no word of their own in the contract.
  4: 'disconnected',
  5: 'idle',
  6: 'listening',
  // WTSReset 7, WTSDown 8, WTSInit 9: other.
};

export function sessionState(connectState: number): SessionState {
  return STATES[connectState] ?? 'other';
}

/** A string answer (WTSUserName, WTSClientName, …): UTF-16 with its NUL; null when empty. */
export function wtsText(bytes: Uint8Array): string | null {
  const text = readUtf16z(bytes, 0, bytes.length - (bytes.length % 2)).trim();
  return text === '' ? null : text;
}

/**
 * WTSINFOW (x64, 216 bytes): State 0x00, SessionId 0x04, six traffic counters 0x08–0x1f,
 * WinStationName WCHAR[32] 0x20, Domain WCHAR[17] 0x60, UserName WCHAR[21] 0x82, then the
 * LARGE_INTEGER times, aligned to 8: ConnectTime 0xb0, DisconnectTime 0xb8, LastInputTime 0xc0,
 * LogonTime 0xc8, CurrentTime 0xd0.
 */
export const WTSINFO_BYTES = 216;

export interface WtsInfo {
  state: number;
  sessionId: number;
  /** When the user logged on, ms since 1970; null when nobody has (a FILETIME of 0). */
  logonAtMs: number | null;
}

export function parseWtsInfo(bytes: Uint8Array): WtsInfo {
  const r = new StructReader(bytes, 0n, WTSINFO_BYTES);
  return { state: r.u32(0x00), sessionId: r.u32(0x04), logonAtMs: filetimeToEpochMs(r.u64Big(0xc8)) };
}

/** What was read of one session; each figure null where WTS did not answer it. */
export interface WtsSessionFacts {
  id: number;
  station: string | null;
  connectState: number;
  userName: string | null;
  clientName: string | null;
  logonAtMs: number | null;
}

/**
 * The contract's session. `user` is the bare account name (`alice`), as the Processes tab names a
 * process's user (LookupAccountSidW's name, without the domain), so a user's row finds its sessions.
 */
export function userSession(facts: WtsSessionFacts): UserSession {
  return {
    id: String(facts.id),
    user: facts.userName,
    state: sessionState(facts.connectState),
    clientName: facts.clientName,
    station: facts.station,
    loginAtMs: facts.userName === null ? null : facts.logonAtMs,
  };
}
