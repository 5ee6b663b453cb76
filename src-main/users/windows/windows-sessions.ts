/** Windows' sessions through WTS (koffi). STUB until implemented. */
import { unsupportedSessions, type SessionsPlatform } from '../sessions-platform.ts';

export function createWindowsSessions(): SessionsPlatform {
  return unsupportedSessions('not implemented yet');
}
