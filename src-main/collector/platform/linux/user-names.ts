/**
 * uid → user name from `/etc/passwd`, read once and again (at most every 30 s) when a uid is
 * unknown. A uid with no name shows as its number.
 */
import fs from 'node:fs';
import { parsePasswd } from './proc-parse.ts';

const REREAD_AFTER_MS = 30_000;

export class UserNames {
  private names = new Map<number, string>();
  private readAtMs = -Infinity;

  private readonly passwdPath: string;
  private readonly nowMs: () => number;

  constructor(passwdPath = '/etc/passwd', nowMs: () => number = () => performance.now()) {
    this.passwdPath = passwdPath;
    this.nowMs = nowMs;
  }

  nameOf(uid: number): string {
    let name = this.names.get(uid);
    if (name === undefined && this.nowMs() - this.readAtMs >= REREAD_AFTER_MS) {
      this.readAtMs = this.nowMs();
      try {
        this.names = parsePasswd(fs.readFileSync(this.passwdPath, 'utf8'));
      } catch {
        // no passwd file (minimal containers): numbers it is
      }
      name = this.names.get(uid);
    }
    return name ?? String(uid);
  }
}
