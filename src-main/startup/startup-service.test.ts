import { describe, expect, it } from 'vitest';
import type { AnyQueryResult, HistoryStatus } from '../../src-shared/query.ts';
import { DEFAULT_HISTORY_SETTINGS } from '../../src-shared/query.ts';
import type { CommandResult } from '../../src-shared/results.ts';
import type { StartupView } from '../../src-shared/startup.ts';
import type { HistoryReadQuery, HistorySource } from '../history/history-source.ts';
import type { SessionsListing, SessionsPlatform } from '../users/sessions-platform.ts';
import type { StartupFacts, StartupPlatform } from './startup-platform.ts';
import { createStartupService } from './startup-service.ts';

const M = 60_000;
const T = 1_700_000_040_000;
const LOGIN = T + 20_000;

const facts = (id: string, exePath: string | null): StartupFacts => ({
  id,
  name: id,
  publisher: null,
  command: exePath ?? '',
  exePath,
  location: 'autostartUser',
  locationPath: `/home/ann/.config/autostart/${id}`,
  status: 'enabled',
  statusDetail: null,
  changedAtMs: null,
  needsElevation: false,
});

function fakePlatform(entries: StartupFacts[]): StartupPlatform & { calls: string[] } {
  const calls: string[] = [];
  const done = async (what: string): Promise<CommandResult> => {
    calls.push(what);
    return { ok: true };
  };
  return {
    calls,
    list: async () => ({ entries, notes: ['a note'], unavailableReason: null }),
    setEnabled: (id, enabled) => done(`setEnabled ${id} ${enabled}`),
    openLocation: (id) => done(`openLocation ${id}`),
    openProperties: (id) => done(`openProperties ${id}`),
  };
}

const sessions = (listing: SessionsListing): SessionsPlatform => ({ list: async () => listing, close: () => {} });
const annAt = (loginAtMs: number) => sessions({ sessions: [{ id: '2', user: 'ann', state: 'active', clientName: null, station: 'seat0', loginAtMs }], unavailableReason: null });

/** History that recorded [T − 1 h, now) without a break, /usr/bin/foo using 1.2 s of CPU after the login; it counts the reads. */
function fakeHistory(): HistorySource & { reads: HistoryReadQuery[] } {
  const reads: HistoryReadQuery[] = [];
  const status: HistoryStatus = { state: 'recording', reason: null, oldestMs: T - 60 * M, newestMs: null, bytes: null, dir: null, notice: null, settings: DEFAULT_HISTORY_SETTINGS };
  return {
    reads,
    status: async () => status,
    read: async (query): Promise<AnyQueryResult> => {
      reads.push(query);
      if (query.kind === 'historyEvents') return { ok: true, kind: 'historyEvents', value: { fromMs: query.fromMs, toMs: query.toMs, events: [], isTruncated: false } };
      if (query.kind !== 'appHistory') throw new Error(`unexpected ${query.kind}`);
      const usage = { cpuPercentMean: 0, memoryPeakBytes: null, memoryMeanBytes: null, diskReadBytes: 8_192, diskWriteBytes: 0, gpuTimeMs: null, netRxBytes: null, netTxBytes: null };
      return {
        ok: true,
        kind: 'appHistory',
        value: { fromMs: query.fromMs, toMs: query.toMs, recordedMs: query.toMs - query.fromMs, apps: [], executables: [{ kind: 'executable', name: 'foo', exePath: '/usr/bin/foo', processCount: 2, cpuTimeMs: 1_200, ...usage }] },
      };
    },
  };
}

async function viewOf(service: { view(): Promise<{ ok: true; value: StartupView } | { ok: false }> }): Promise<StartupView> {
  const answer = await service.view();
  if (!answer.ok) throw new Error('no view');
  return answer.value;
}

describe('the startup service', () => {
  it('adds each entry’s impact at the current login, and reads history once per login', async () => {
    const history = fakeHistory();
    let nowMs = T + 10 * M;
    const service = createStartupService({ platform: fakePlatform([facts('foo', '/usr/bin/foo'), facts('quiet', '/usr/bin/quiet')]), sessions: annAt(LOGIN), history, currentUser: () => 'ann', now: () => nowMs });
    const view = await viewOf(service);
    expect(view.entries.map((e) => [e.id, e.impact])).toEqual([
      ['foo', { state: 'measured', loginAtMs: LOGIN, cpuTimeMs: 1_200, diskBytes: 8_192, processCount: 2 }],
      ['quiet', { state: 'measured', loginAtMs: LOGIN, cpuTimeMs: 0, diskBytes: 0, processCount: 0 }],
    ]);
    expect(view.notes).toEqual(['a note']);
    expect(history.reads.map((q) => q.kind)).toEqual(['appHistory', 'historyEvents', 'historyEvents']);
    expect(history.reads[0]).toEqual({ kind: 'appHistory', fromMs: T, toMs: T + 2 * M });

    nowMs += 60 * M;
    await viewOf(service);
    expect(history.reads).toHaveLength(3);
  });

  it('asks again while the first minute is still being recorded, and keeps the answer once it is past', async () => {
    const history = fakeHistory();
    let nowMs = LOGIN + 30_000;
    const service = createStartupService({ platform: fakePlatform([facts('foo', '/usr/bin/foo')]), sessions: annAt(LOGIN), history, currentUser: () => 'ann', now: () => nowMs });
    expect((await viewOf(service)).entries[0]?.impact).toMatchObject({ state: 'notMeasured', reason: expect.stringMatching(/^not measured yet/) });
    expect(history.reads).toHaveLength(0);
    nowMs = T + 3 * M;
    expect((await viewOf(service)).entries[0]?.impact.state).toBe('measured');
  });

  it.each([
    ['no history on this host', { history: undefined }, 'history is not recorded by this host, so nothing was measured'],
    ['no sessions on this machine', { sessions: sessions({ sessions: [], unavailableReason: 'systemd-logind is not running on this machine' }) }, 'the login time is unknown: systemd-logind is not running on this machine'],
    ['no active session of the user', { currentUser: () => 'bob' }, 'the login time is unknown: no active session of bob with its login time is listed'],
    ['an account without a name', { currentUser: () => null }, 'the login time is unknown: this account has no name the system lists sessions by'],
  ])('%s: every impact is Not measured with the reason', async (_, over, reason) => {
    const service = createStartupService({ platform: fakePlatform([facts('foo', '/usr/bin/foo')]), sessions: annAt(LOGIN), history: fakeHistory(), currentUser: () => 'ann', now: () => T + 10 * M, ...over });
    expect((await viewOf(service)).entries[0]?.impact).toEqual({ state: 'notMeasured', reason });
  });

  it('passes the commands to the adapter', async () => {
    const platform = fakePlatform([]);
    const service = createStartupService({ platform, sessions: annAt(LOGIN), currentUser: () => 'ann' });
    await service.setEnabled('a', false);
    await service.openLocation('b');
    await service.openProperties('c');
    expect(platform.calls).toEqual(['setEnabled a false', 'openLocation b', 'openProperties c']);
  });

  it('an adapter that throws is INTERNAL with its message, not a crash', async () => {
    const platform = { ...fakePlatform([]), list: () => Promise.reject(new Error('boom')) };
    const service = createStartupService({ platform, sessions: annAt(LOGIN), currentUser: () => 'ann' });
    expect(await service.view()).toEqual({ ok: false, code: 'INTERNAL', message: 'the startup apps could not be read: boom' });
  });
});
