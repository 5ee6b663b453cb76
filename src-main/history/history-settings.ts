/**
 * History's settings (query.ts `HistorySettings`), kept in the store (`setting`, one JSON value)
 * so they hold for whichever host writes next, and applied by the writer as identities are first
 * written: a command line is recorded only where the settings allow it (own processes: the host's
 * user name compared with the row's user; every other account, or an unknown one: the others').
 */
import { currentUserName } from '../core/current-user.ts';
import type { DatabaseSync } from 'node:sqlite';
import { DEFAULT_HISTORY_SETTINGS, type HistorySettings } from '../../src-shared/query.ts';
import type { IdentityRecord } from './history-recorder.ts';

const SETTINGS_SCHEMA = 'CREATE TABLE IF NOT EXISTS setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);';
const KEY = 'history';

/** Whether `user` (a ProcessRow's, "DOMAIN\\name" on Windows) is `ownUser`. */
export function isOwnUser(user: string | null, ownUser: string | null): boolean {
  if (user === null || ownUser === null) return false;
  return user === ownUser || user.endsWith(`\\${ownUser}`);
}

/** The command line to record of `identity` under `settings`: as it is, or null. */
export function recordedCommandLine(identity: Pick<IdentityRecord, 'user' | 'commandLine'>, settings: HistorySettings, ownUser: string | null): string | null {
  const isAllowed = isOwnUser(identity.user, ownUser) ? settings.isRecordingOwnCommandLines : settings.isRecordingOthersCommandLines;
  return isAllowed ? identity.commandLine : null;
}

/** The settings a stored value holds (what is missing or not a boolean: the default). */
export function settingsOf(stored: unknown): HistorySettings {
  const value = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const flag = (key: keyof HistorySettings) => (typeof value[key] === 'boolean' ? value[key] : DEFAULT_HISTORY_SETTINGS[key]);
  return { isRecordingOwnCommandLines: flag('isRecordingOwnCommandLines'), isRecordingOthersCommandLines: flag('isRecordingOthersCommandLines') };
}


export class HistorySettingsStore {
  private readonly db: DatabaseSync;
  private readonly ownUser: string | null;
  private value: HistorySettings;

  constructor(db: DatabaseSync, ownUser: string | null = currentUserName()) {
    this.db = db;
    this.ownUser = ownUser;
    db.exec(SETTINGS_SCHEMA);
    const row = db.prepare('SELECT value FROM setting WHERE key = ?').get(KEY);
    let stored: unknown = null;
    try {
      stored = row ? JSON.parse(String(row['value'])) : null;
    } catch {
      // A damaged value: the defaults, rewritten at the next change.
    }
    this.value = settingsOf(stored);
  }

  get(): HistorySettings {
    return { ...this.value };
  }

  /**
   * Changes what `patch` names; the rest stays. Turning a kind of command line off also forgets
   * those already recorded (overwritten in place: `secure_delete`, then the WAL checkpointed), so
   * "off" means none is kept, not only none from now on.
   */
  set(patch: Partial<HistorySettings>): HistorySettings {
    const changed = Object.fromEntries(Object.entries(patch).filter(([, value]) => typeof value === 'boolean'));
    this.value = settingsOf({ ...this.value, ...changed });
    this.db.prepare('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)').run(KEY, JSON.stringify(this.value));
    if (!this.value.isRecordingOwnCommandLines || !this.value.isRecordingOthersCommandLines) this.forgetCommandLines();
    return this.get();
  }

  /** Sets to null every recorded command line the settings no longer allow. */
  private forgetCommandLines(): void {
    const db = this.db;
    const forget = db.prepare('UPDATE identity SET command_line = NULL WHERE id = ?');
    const rows = db.prepare('SELECT id, user, command_line FROM identity WHERE command_line IS NOT NULL').all();
    const ids = rows.filter((r) => this.commandLineOf({ user: typeof r['user'] === 'string' ? r['user'] : null, commandLine: String(r['command_line']) }) === null).map((r) => Number(r['id']));
    if (ids.length === 0) return;
    db.exec('PRAGMA secure_delete = ON');
    try {
      db.exec('BEGIN');
      for (const id of ids) forget.run(id);
      db.exec('COMMIT');
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      db.exec('PRAGMA secure_delete = OFF');
    }
  }

  commandLineOf(identity: Pick<IdentityRecord, 'user' | 'commandLine'>): string | null {
    return recordedCommandLine(identity, this.value, this.ownUser);
  }
}
