import { describe, expect, it } from 'vitest';
import { parseServiceList, servicesByPid } from './service-list.ts';
import { buildServiceList } from './win32-fixtures.ts';

const SERVICE_RUNNING = 4;
const SERVICE_STOPPED = 1;

const recorded = [
  { name: 'nsi', displayName: 'Network Store Interface Service', pid: 1840, state: SERVICE_RUNNING },
  { name: 'Dnscache', displayName: 'DNS Client', pid: 1840, state: SERVICE_RUNNING },
  { name: 'Spooler', displayName: 'Print Spooler', pid: 3212, state: SERVICE_RUNNING },
  { name: 'WSearch', displayName: 'Windows Search', pid: 0, state: SERVICE_STOPPED },
  { name: 'LanmanWorkstation', displayName: 'Workstation', pid: 1840, state: SERVICE_RUNNING },
];

describe('parseServiceList', () => {
  it('reads each 56-byte ENUM_SERVICE_STATUS_PROCESSW: names through pointers, state and pid', () => {
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
