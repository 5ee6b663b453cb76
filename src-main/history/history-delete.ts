/**
 * "Delete history" (commands.ts `deleteHistory`): `everything` empties every table of the store but
 * its settings; `usage` the per-minute and per-hour usage behind App history and top consumers.
 * With SQLite's `secure_delete` on while it deletes (freed content is overwritten with zeros), then
 * every free page given back (`incremental_vacuum`) and the WAL checkpointed and truncated, so the
 * deleted rows linger neither in free pages nor in the log.
 */
import type { DatabaseSync } from 'node:sqlite';
import { USAGE_TABLES } from './history-usage-db.ts';

/** Tables `everything` keeps: the settings, and SQLite's own. */
const KEPT = new Set(['setting', 'sqlite_sequence', 'sqlite_stat1']);

/** Deletes the rows of `scope` (the caller resets what it holds in memory). */
export function deleteHistoryRows(db: DatabaseSync, scope: 'everything' | 'usage'): void {
  const tables =
    scope === 'usage'
      ? [...USAGE_TABLES]
      : db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
          .all()
          .map((row) => String(row['name']))
          .filter((name) => !KEPT.has(name));
  db.exec('PRAGMA secure_delete = ON');
  try {
    db.exec('BEGIN');
    try {
      for (const table of tables) db.exec(`DELETE FROM "${table}"`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    db.exec('PRAGMA incremental_vacuum');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    db.exec('PRAGMA secure_delete = OFF');
  }
}
