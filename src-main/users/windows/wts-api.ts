/**
 * The WTS calls (wtsapi32) the Users page makes, as plain TypeScript: wts-bindings.ts implements
 * them with koffi on Windows; tests give a fake, so windows-sessions.ts runs and is tested on Linux.
 * Each call answers a value: the result, or the Win32 error it failed with.
 */
import type { Win32Result } from '../../control/win32/win32-api.ts';

/** One WTS_SESSION_INFOW of WTSEnumerateSessionsW. */
export interface WtsSessionEntry {
  id: number;
  /** pWinStationName ("Console", "RDP-Tcp#0", "Services"). */
  station: string;
  /** WTS_CONNECTSTATE_CLASS. */
  connectState: number;
}

export interface WtsApi {
  /** WTSEnumerateSessionsW on this machine (WTS_CURRENT_SERVER_HANDLE); Wine 8 answers none. */
  enumerateSessions(): Win32Result<WtsSessionEntry[]>;
  /** WTSQuerySessionInformationW's answer, copied out before WTSFreeMemory. */
  querySession(sessionId: number, infoClass: number): Win32Result<Uint8Array>;
}
