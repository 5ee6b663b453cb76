/**
 * Windows' login sessions through WTS (wtsapi32, koffi): every session WTSEnumerateSessionsW lists
 * (session 0 of the services, the console, remote desktop sessions, listeners), each with its user
 * (WTSUserName: the bare account name, as the Processes tab names users), client name, WinStation
 * and logon time (WTSSessionInfo's LogonTime). The bindings load on first use; where they can't,
 * the page says why. docs/definitions.md § Sessions on Windows.
 */
import type { UserSession } from '../../../src-shared/users.ts';
import type { SessionsPlatform } from '../sessions-platform.ts';
import type { WtsApi, WtsSessionEntry } from './wts-api.ts';
import { loadWtsApi } from './wts-bindings.ts';
import { parseWtsInfo, userSession, WTS_INFO_CLASS, WTSINFO_BYTES, wtsText } from './wts-info.ts';

export interface WindowsSessionsOptions {
  /** The WTS calls; by default koffi's bindings, loaded on first use (tests pass a fake). */
  api?: () => WtsApi;
}

/** One session as the page shows it; a figure WTS does not answer (Wine 8 answers few) is null. */
export function describeSession(api: WtsApi, entry: WtsSessionEntry): UserSession {
  const text = (infoClass: number) => {
    const answer = api.querySession(entry.id, infoClass);
    return answer.ok ? wtsText(answer.value) : null;
  };
  const info = api.querySession(entry.id, WTS_INFO_CLASS.SESSION_INFO);
  return userSession({
    id: entry.id,
    station: entry.station.trim() === '' ? null : entry.station,
    connectState: entry.connectState,
    userName: text(WTS_INFO_CLASS.USER_NAME),
    clientName: text(WTS_INFO_CLASS.CLIENT_NAME),
    logonAtMs: info.ok && info.value.length >= WTSINFO_BYTES ? parseWtsInfo(info.value).logonAtMs : null,
  });
}

export function createWindowsSessions(options: WindowsSessionsOptions = {}): SessionsPlatform {
  const load = options.api ?? loadWtsApi;
  let loaded: { api: WtsApi } | { problem: string } | undefined;
  return {
    list: async () => {
      if (!loaded) {
        try {
          loaded = { api: load() };
        } catch (error) {
          loaded = { problem: `Windows' sessions could not be read: ${error instanceof Error ? error.message : String(error)}` };
        }
      }
      if ('problem' in loaded) return { sessions: [], unavailableReason: loaded.problem };
      const api = loaded.api;
      const entries = api.enumerateSessions();
      if (!entries.ok) return { sessions: [], unavailableReason: `Windows did not list its sessions (Windows error ${entries.error})` };
      return { sessions: entries.value.map((entry) => describeSession(api, entry)), unavailableReason: null };
    },
    close: () => {},
  };
}
