import { describe, expect, it } from 'vitest';
import { parseServiceList, servicesByPid } from './service-list.ts';
import { FakeWin32Api, emptyMachine } from './fake-win32-api.ts';
import { buildServiceList } from './win32-fixtures.ts';
import { queryServiceEntries, SERVICE_ACTIVE, SERVICE_STATE_ALL } from './win32-queries.ts';

const SERVICE_RUNNING = 4;
const SERVICE_STOPPED = 1;

const SHARE = 0x20;
const OWN = 0x10;
const STOP = 0x1;
const recorded = [
  { name: 'nsi', displayName: 'Network Store Interface Service', pid: 1840, state: SERVICE_RUNNING, serviceType: SHARE, controlsAccepted: STOP },
  { name: 'Dnscache', displayName: 'DNS Client', pid: 1840, state: SERVICE_RUNNING, serviceType: SHARE, controlsAccepted: 0 },
  { name: 'Spooler', displayName: 'Print Spooler', pid: 3212, state: SERVICE_RUNNING, serviceType: OWN | 0x100, controlsAccepted: STOP | 0x4 },
  { name: 'WSearch', displayName: 'Windows Search', pid: 0, state: SERVICE_STOPPED, serviceType: OWN, controlsAccepted: 0 },
  { name: 'LanmanWorkstation', displayName: 'Workstation', pid: 1840, state: SERVICE_RUNNING, serviceType: SHARE, controlsAccepted: STOP },
];

describe('parseServiceList', () => {
  it('reads each 56-byte ENUM_SERVICE_STATUS_PROCESSW: names through pointers, type, state, accepted controls and pid', () => {
    const built = buildServiceList(recorded);
    expect(parseServiceList(built.bytes, built.baseAddress, built.length, recorded.length)).toEqual(recorded);
  });

  it('refuses a count past the buffer', () => {
    const built = buildServiceList(recorded.slice(0, 1));
    expect(() => parseServiceList(built.bytes, built.baseAddress, 56, 2)).toThrow(RangeError);
  });
});

describe('servicesByPid', () => {
  it('groups running services by their host process, sorted by name; stopped ones (pid 0) are left out', () => {
    expect([...servicesByPid(recorded)]).toEqual([
      [1840, ['Dnscache', 'LanmanWorkstation', 'nsi']],
      [3212, ['Spooler']],
    ]);
  });
});

describe('queryServiceEntries', () => {
  it('lists stopped services too with SERVICE_STATE_ALL, only the others with SERVICE_ACTIVE, and closes the manager', () => {
    const api = new FakeWin32Api(emptyMachine({ services: recorded }));
    const all = queryServiceEntries(api, SERVICE_STATE_ALL);
    expect(all.ok && all.entries.map((s) => s.name)).toEqual(['nsi', 'Dnscache', 'Spooler', 'WSearch', 'LanmanWorkstation']);
    const active = queryServiceEntries(api, SERVICE_ACTIVE);
    expect(active.ok && active.entries.map((s) => s.name)).toEqual(['nsi', 'Dnscache', 'Spooler', 'LanmanWorkstation']);
    expect(api.openHandles.size).toBe(0);
  });

  it("answers the Service Control Manager's error when it refuses to open", () => {
    expect(queryServiceEntries(new FakeWin32Api(emptyMachine({ services: null })), SERVICE_STATE_ALL)).toEqual({ ok: false, error: 5 });
  });
});
