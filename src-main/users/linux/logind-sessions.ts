/** Linux sessions through systemd-logind's D-Bus API. STUB until implemented. */
import { unsupportedSessions, type SessionsPlatform } from '../sessions-platform.ts';

export function createLogindSessions(): SessionsPlatform {
  return unsupportedSessions('not implemented yet');
}
