/**
 * Search of the Processes table. Pure. A row matches when the query is found in its PID (as a
 * prefix), its command line or its user (case-insensitive substring), or fuzzily in its name:
 * the query's characters in order, not necessarily adjacent ("chr" finds "chromium",
 * "gnmsh" finds "gnome-shell").
 */
import type { ProcessRow } from '../../../src-shared/snapshot.ts';

export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase();
}

/** `query` must be normalised (normalizeQuery). An empty query matches everything. */
export function matchesSearch(row: ProcessRow, query: string): boolean {
  if (query === '') return true;
  if (String(row.pid).startsWith(query)) return true;
  if (isFuzzyMatch(row.name.toLowerCase(), query)) return true;
  if (row.user !== null && row.user.toLowerCase().includes(query)) return true;
  return row.commandLine !== null && row.commandLine.toLowerCase().includes(query);
}

/** True when every character of `query` appears in `text`, in order. */
export function isFuzzyMatch(text: string, query: string): boolean {
  let at = 0;
  for (const char of query) {
    at = text.indexOf(char, at);
    if (at < 0) return false;
    at += 1;
  }
  return true;
}
