import { describe, expect, it } from 'vitest';
import type { UserSession } from '../../src-shared/users.ts';
import { cachedSessions } from './cached-sessions.ts';
import type { SessionsListing, SessionsPlatform } from './sessions-platform.ts';

const session = (id: string): UserSession => ({ id, user: 'alice', state: 'active', clientName: null, station: null, loginAtMs: null });

/** A platform that answers a new session list on each read, and counts reads and closes. */
function countingPlatform(read: (count: number) => Promise<SessionsListing> = async (count) => ({ sessions: [session(String(count))], unavailableReason: null })) {
  const counts = { reads: 0, closes: 0 };
  const platform: SessionsPlatform = {
    list: () => read(++counts.reads),
    close: () => void (counts.closes += 1),
  };
  return { platform, counts };
}

describe('cachedSessions', () => {
  it('answers from memory for maxAgeMs, then reads again', async () => {
    let nowMs = 0;
    const { platform, counts } = countingPlatform();
    const cached = cachedSessions(platform, { maxAgeMs: 5_000, nowMs: () => nowMs });
    expect((await cached.list()).sessions).toEqual([session('1')]);
    nowMs = 4_999;
    expect((await cached.list()).sessions).toEqual([session('1')]);
    nowMs = 5_000;
    expect((await cached.list()).sessions).toEqual([session('2')]);
    expect(counts.reads).toBe(2);
  });

  it('shares a read under way between callers', async () => {
    let release: (listing: SessionsListing) => void = () => {};
    const { platform, counts } = countingPlatform(() => new Promise((resolve) => (release = resolve)));
    const cached = cachedSessions(platform, { nowMs: () => 0 });
    const both = Promise.all([cached.list(), cached.list()]);
    release({ sessions: [session('only')], unavailableReason: null });
    expect((await both).map((listing) => listing.sessions)).toEqual([[session('only')], [session('only')]]);
    expect(counts.reads).toBe(1);
  });

  it('does not keep a read that failed: the next caller reads again', async () => {
    const { platform, counts } = countingPlatform(async (count) => {
      if (count === 1) throw new Error('adapter bug');
      return { sessions: [], unavailableReason: null };
    });
    const cached = cachedSessions(platform, { nowMs: () => 0 });
    await expect(cached.list()).rejects.toThrow('adapter bug');
    expect(await cached.list()).toEqual({ sessions: [], unavailableReason: null });
    expect(counts.reads).toBe(2);
  });

  it('closes the platform, and reads afresh if asked after', async () => {
    const { platform, counts } = countingPlatform();
    const cached = cachedSessions(platform, { nowMs: () => 0 });
    await cached.list();
    cached.close();
    expect(counts.closes).toBe(1);
    expect((await cached.list()).sessions).toEqual([session('2')]);
  });
});
