import { describe, expect, it } from 'vitest';
import type { ProcessRow } from '../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { serviceFactsFixture } from '../test-support/system-page-fixtures.ts';
import { createServicesService, linkServiceProcesses } from './services-service.ts';
import { unsupportedServices, type ServiceFacts, type ServicesPlatform } from './services-platform.ts';

const facts = serviceFactsFixture;

describe('linkServiceProcesses', () => {
  it.each<[string, ServiceFacts[], ProcessRow[], (number | null)[]]>([
    ['a service’s process in the snapshot: its start time', [facts({ pid: 812 })], [processRow({ pid: 812, startTimeMs: 5_000 })], [5_000]],
    ['not running (no pid): null', [facts({ pid: null, state: 'stopped' })], [processRow({ pid: 812, startTimeMs: 5_000 })], [null]],
    ['its pid is not in the snapshot (started since, or the collector is down): null', [facts({ pid: 900 })], [processRow({ pid: 812 })], [null]],
    ['no snapshot at all: every start time null', [facts({ pid: 812 }), facts({ name: 'cron.service', pid: 813 })], [], [null, null]],
    [
      'several services in one process (svchost) share its start time; the order is kept',
      [facts({ name: 'b', pid: 4 }), facts({ name: 'a', pid: 4 }), facts({ name: 'c', pid: 7 })],
      [processRow({ pid: 7, startTimeMs: 70 }), processRow({ pid: 4, startTimeMs: 40 })],
      [40, 40, 70],
    ],
    ['no services', [], [processRow({ pid: 4 })], []],
  ])('%s', (_name, services, processes, expected) => {
    const rows = linkServiceProcesses(services, processes);
    expect(rows.map((row) => row.startTimeMs)).toEqual(expected);
    expect(rows.map(({ startTimeMs: _linked, ...rest }) => rest)).toEqual(services);
  });
});

describe('createServicesService', () => {
  const platformListing = (services: ServiceFacts[], unavailableReason: string | null = null): ServicesPlatform => ({
    ...unsupportedServices('unused'),
    list: async () => ({ services, unavailableReason }),
  });

  it('answers the platform’s services linked to the latest snapshot, read fresh each time', async () => {
    let latest = snapshot({ processes: [processRow({ pid: 812, startTimeMs: 1_234 })] });
    const service = createServicesService({ platform: platformListing([facts()]), latest: () => latest });
    expect(await service.view()).toEqual({ ok: true, value: { services: [{ ...facts(), startTimeMs: 1_234 }], unavailableReason: null } });
    latest = snapshot({ processes: [processRow({ pid: 812, startTimeMs: 9_999 })] });
    expect(await service.view()).toMatchObject({ ok: true, value: { services: [{ startTimeMs: 9_999 }] } });
  });

  it('answers while the collector is down: the services, their start times unknown', async () => {
    const service = createServicesService({ platform: platformListing([facts()]), latest: () => null });
    expect(await service.view()).toEqual({ ok: true, value: { services: [{ ...facts(), startTimeMs: null }], unavailableReason: null } });
  });

  it('passes on why none can be listed (no systemd)', async () => {
    const service = createServicesService({ platform: unsupportedServices('systemd is not running on this machine'), latest: () => null });
    expect(await service.view()).toEqual({ ok: true, value: { services: [], unavailableReason: 'systemd is not running on this machine' } });
  });
});
