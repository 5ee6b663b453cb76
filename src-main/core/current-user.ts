/**
 * The account this process runs as, by the name a process row's `user` carries (Windows rows say
 * "DOMAIN\\name": compare with history-settings.ts `isOwnUser`), or null when the OS has no name
 * for it (a container's user without a passwd line): then every process counts as another's.
 */
import os from 'node:os';

export function currentUserName(): string | null {
  try {
    return os.userInfo().username;
  } catch {
    return null;
  }
}
