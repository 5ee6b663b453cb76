/**
 * The login sessions, read at most every `maxAgeMs`: a D-Bus round trip per session (logind) or a
 * WTS enumeration per query would otherwise be paid each time a page or script asks for the Users
 * view and the startup impact. Callers that ask while a read is under way share it; a read that
 * throws (a bug in an adapter) is not kept.
 */
import type { SessionsListing, SessionsPlatform } from './sessions-platform.ts';

/** How long a list of sessions is answered from memory: a session opens or closes rarely, and a page sees it a few seconds late. */
export const SESSIONS_MAX_AGE_MS = 5_000;

export interface CachedSessionsOptions {
  maxAgeMs?: number;
  /** A monotonic clock, ms; tests pass their own. */
  nowMs?: () => number;
}

export function cachedSessions(platform: SessionsPlatform, options: CachedSessionsOptions = {}): SessionsPlatform {
  const maxAgeMs = options.maxAgeMs ?? SESSIONS_MAX_AGE_MS;
  const nowMs = options.nowMs ?? (() => performance.now());
  let cached: { readAtMs: number; listing: Promise<SessionsListing> } | null = null;
  return {
    list: () => {
      if (cached && nowMs() - cached.readAtMs < maxAgeMs) return cached.listing;
      const entry = { readAtMs: nowMs(), listing: platform.list() };
      cached = entry;
      entry.listing.catch(() => {
        if (cached === entry) cached = null;
      });
      return entry.listing;
    },
    close: () => {
      cached = null;
      platform.close();
    },
  };
}
