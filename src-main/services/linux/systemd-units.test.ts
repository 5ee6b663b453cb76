import { describe, expect, it } from 'vitest';
import { isServiceMissing } from '../../dbus/dbus-errors.ts';
import { recordedProperties, recordedReply } from '../../test-support/dbus-recordings.ts';
import {
  failureOfDBusError,
  isListedService,
  jobOutcome,
  needsConfirmation,
  parseJobPath,
  parseListUnitFiles,
  parseListUnits,
  parseServiceProperties,
  parseUnitProperties,
  runningDependents,
  serviceState,
  startTypeOf,
  timedOut,
  toServiceFacts,
  unloadedServiceFacts,
  type ListedUnit,
} from './systemd-units.ts';

const unit = (overrides: Partial<ListedUnit> = {}): ListedUnit => ({
  name: 'ssh.service',
  description: 'OpenBSD Secure Shell server',
  loadState: 'loaded',
  activeState: 'active',
  subState: 'running',
  path: '/org/freedesktop/systemd1/unit/ssh_2eservice',
  ...overrides,
});

describe('systemd replies recorded off a bus', () => {
  it('reads ListUnits (a(ssssssouso)) and keeps the services that exist', () => {
    const reply = recordedReply('list-units');
    expect(reply.signature).toBe('a(ssssssouso)');
    const units = parseListUnits(reply.body);
    expect(units?.[0]).toEqual(unit());
    expect(units?.filter(isListedService).map((listed) => listed.name)).toEqual([
      'ssh.service',
      'postgresql.service',
      'app-backend.service',
      'bluetooth.service',
      'stuck.service',
      'rsync.service',
      'broken.service',
    ]);
  });

  it('reads a service\'s Unit and Service properties (GetAll) into its row', () => {
    const row = toServiceFacts(unit(), parseUnitProperties(recordedProperties('unit-properties-ssh')), parseServiceProperties(recordedProperties('service-properties-ssh')));
    expect(row).toEqual({
      name: 'ssh.service',
      displayName: 'OpenBSD Secure Shell server',
      description: null,
      state: 'running',
      subState: 'running',
      startType: 'enabled',
      startTypeDetail: null,
      pid: 26442,
      group: 'system.slice',
      canStop: true,
    });
  });

  it('reads the unit\'s pending job, (0, "/") when there is none', () => {
    expect(parseUnitProperties(recordedProperties('unit-properties-ssh')).Job).toEqual([0, '/']);
    expect(parseJobPath(recordedProperties('unit-properties-ssh').Job ?? '')).toBe('/');
    expect(parseJobPath([104, '/org/freedesktop/systemd1/job/104'])).toBe('/org/freedesktop/systemd1/job/104');
    expect(parseJobPath('/')).toBeNull();
  });

  it('turns polkit\'s refusal into ACCESS_DENIED with its reason', () => {
    const reply = recordedReply('stop-refused-by-polkit');
    expect(reply.errorName).toBe('org.freedesktop.DBus.Error.InteractiveAuthorizationRequired');
    expect(failureOfDBusError('stop', 'bluetooth.service', reply.errorName ?? '', String(reply.body[0]))).toEqual({
      ok: false,
      code: 'ACCESS_DENIED',
      message: 'Not allowed to stop bluetooth.service: Interactive authentication required. (systemd asked polkit, which refused; an administrator or root may)',
    });
  });

  it('turns NoSuchUnit into NOT_FOUND', () => {
    const reply = recordedReply('no-such-unit');
    expect(failureOfDBusError('stop', 'nope.service', reply.errorName ?? '', String(reply.body[0]))).toEqual({ ok: false, code: 'NOT_FOUND', message: 'No service named nope.service is loaded' });
  });

  it('knows the bus\'s answer when nobody owns the name: systemd is not running', () => {
    const reply = recordedReply('no-systemd');
    expect(reply.errorName).toBe('org.freedesktop.DBus.Error.ServiceUnknown');
    expect(isServiceMissing(reply.errorName ?? '')).toBe(true);
    expect(failureOfDBusError('restart', 'ssh.service', reply.errorName ?? '', '')).toEqual({ ok: false, code: 'UNSUPPORTED', message: 'systemd is not running on this machine' });
  });

  it('refuses a body of another shape', () => {
    expect(parseListUnits([[['ssh.service', 'x']]])).toBeNull();
    expect(parseListUnits([])).toBeNull();
  });
});

describe('systemd states in the page\'s terms', () => {
  it.each([
    ['active', 'running'],
    ['reloading', 'running'],
    ['inactive', 'stopped'],
    ['activating', 'starting'],
    ['deactivating', 'stopping'],
    ['failed', 'failed'],
    ['maintenance', 'unknown'],
  ] as const)('ActiveState %s is %s', (activeState, state) => {
    expect(serviceState(activeState)).toBe(state);
  });

  it.each([
    ['enabled', { startType: 'enabled', startTypeDetail: null }],
    ['disabled', { startType: 'disabled', startTypeDetail: null }],
    ['static', { startType: 'static', startTypeDetail: null }],
    ['masked', { startType: 'masked', startTypeDetail: null }],
    ['indirect', { startType: 'other', startTypeDetail: 'indirect' }],
    ['enabled-runtime', { startType: 'other', startTypeDetail: 'enabled-runtime' }],
    ['', { startType: 'other', startTypeDetail: null }],
    [undefined, { startType: 'other', startTypeDetail: null }],
  ] as const)('UnitFileState %j is %j', (unitFileState, expected) => {
    expect(startTypeOf(unitFileState)).toEqual(expected);
  });

  it('keeps what ListUnits said when the properties could not be read (the unit went away)', () => {
    expect(toServiceFacts(unit({ description: '', activeState: 'inactive', subState: 'dead' }), null, null)).toEqual({
      name: 'ssh.service',
      displayName: 'ssh.service',
      description: null,
      state: 'stopped',
      subState: 'dead',
      startType: 'other',
      startTypeDetail: null,
      pid: null,
      group: null,
      canStop: false,
    });
  });

  it('ignores a property of an unexpected type rather than failing the row', () => {
    expect(parseUnitProperties({ CanStop: 'yes', UnitFileState: 'enabled' })).toEqual({ CanStop: undefined, UnitFileState: 'enabled' });
  });

  it.each([
    { what: 'MainPID 0 is no process', main: 0, pid: null },
    { what: 'a MainPID is the process', main: 812, pid: 812 },
  ])('$what', ({ main, pid }) => {
    expect(toServiceFacts(unit(), null, { MainPID: main, Slice: '' })).toMatchObject({ pid, group: null });
  });

  it('names only the dependents that are running, once each, sorted', () => {
    const states = new Map([
      ['web.service', 'active'],
      ['api.service', 'activating'],
      ['old.service', 'inactive'],
      ['going.service', 'deactivating'],
    ]);
    expect(runningDependents({ RequiredBy: ['web.service', 'old.service', 'api.service'], BoundBy: ['web.service', 'going.service', 'unloaded.service'] }, states)).toEqual(['api.service', 'web.service']);
    expect(runningDependents({}, states)).toEqual([]);
  });
});

describe('command results in plain words', () => {
  it.each([
    { errorName: 'org.freedesktop.DBus.Error.AccessDenied', code: 'ACCESS_DENIED' },
    { errorName: 'org.freedesktop.PolicyKit1.Error.NotAuthorized', code: 'ACCESS_DENIED' },
    { errorName: 'org.freedesktop.DBus.Error.UnknownObject', code: 'NOT_FOUND' },
    { errorName: 'org.freedesktop.DBus.Error.NoServer', code: 'UNSUPPORTED' },
    { errorName: 'org.freedesktop.DBus.Error.NoReply', code: 'TIMED_OUT' },
    { errorName: 'org.freedesktop.systemd1.UnitMasked', code: 'INTERNAL' },
  ])('$errorName is $code', ({ errorName, code }) => {
    expect(failureOfDBusError('start', 'x.service', errorName, 'because')).toMatchObject({ ok: false, code });
  });

  it('names the dependents when a stop must be confirmed', () => {
    expect(needsConfirmation('restart', 'postgresql.service', ['app-backend.service', 'web.service'])).toEqual({
      ok: false,
      code: 'NEEDS_CONFIRMATION',
      message: 'Restarting postgresql.service also stops the running services that need it: app-backend.service, web.service. Confirm to restart it anyway.',
    });
  });

  it.each([
    { action: 'stop', activeState: 'inactive', ok: true },
    { action: 'stop', activeState: 'failed', ok: true },
    { action: 'stop', activeState: 'active', ok: false },
    { action: 'start', activeState: 'active', ok: true },
    { action: 'restart', activeState: 'reloading', ok: true },
    { action: 'start', activeState: 'failed', ok: false },
    { action: 'restart', activeState: 'inactive', ok: false },
  ] as const)('a finished $action job that left the unit $activeState is ok: $ok', ({ action, activeState, ok }) => {
    expect(jobOutcome(action, 'x.service', activeState, 'sub') === null).toBe(ok);
  });

  it('says how long it waited, and that nothing was killed', () => {
    expect(timedOut('stop', 'x.service', 30_000).message).toBe('x.service did not stop within 30 s: it is still stopping and was not killed');
    expect(timedOut('start', 'x.service', 500).message).toBe('x.service did not start within 500 ms: systemd is still working on it');
  });
});

describe('service unit files systemd has not loaded (ListUnitFiles)', () => {
  it('reads a(ss) and refuses anything else', () => {
    expect(parseListUnitFiles([[['/usr/lib/systemd/system/unused.service', 'disabled']]])).toEqual([{ path: '/usr/lib/systemd/system/unused.service', state: 'disabled' }]);
    expect(parseListUnitFiles([[]])).toEqual([]);
    expect(parseListUnitFiles([[['/usr/lib/systemd/system/unused.service']]])).toBeNull();
    expect(parseListUnitFiles(['/usr/lib/systemd/system/unused.service'])).toBeNull();
  });

  const stopped = { description: null, state: 'stopped', subState: 'dead', pid: null, group: null, canStop: false };
  it.each([
    ['a disabled service', '/usr/lib/systemd/system/unused.service', 'disabled', [{ ...stopped, name: 'unused.service', displayName: 'unused.service', startType: 'disabled', startTypeDetail: null }]],
    ['an enabled one', '/etc/systemd/system/cups.service', 'enabled', [{ ...stopped, name: 'cups.service', displayName: 'cups.service', startType: 'enabled', startTypeDetail: null }]],
    ['a static one', '/usr/lib/systemd/system/fsck@x.service', 'static', [{ ...stopped, name: 'fsck@x.service', displayName: 'fsck@x.service', startType: 'static', startTypeDetail: null }]],
    ['a masked one (its file is /dev/null, its name the link\'s)', '/etc/systemd/system/nfs.service', 'masked', [{ ...stopped, name: 'nfs.service', displayName: 'nfs.service', startType: 'masked', startTypeDetail: null }]],
    ['another state, kept in words', '/run/systemd/generator/x.service', 'generated', [{ ...stopped, name: 'x.service', displayName: 'x.service', startType: 'other', startTypeDetail: 'generated' }]],
    ['a template', '/usr/lib/systemd/system/getty@.service', 'enabled', []],
    ['another name of a unit (alias)', '/etc/systemd/system/dbus-org.freedesktop.timesync1.service', 'alias', []],
    ['a unit of another type', '/usr/lib/systemd/system/foo.socket', 'enabled', []],
    ['one ListUnits already listed', '/usr/lib/systemd/system/ssh.service', 'enabled', []],
    ['a name systemd would refuse', '/usr/lib/systemd/system/a b.service', 'disabled', []],
  ])('%s', (_case, path, state, expected) => {
    expect(unloadedServiceFacts([{ path, state }], new Set(['ssh.service']))).toEqual(expected);
  });

  it('lists a name found in two folders once', () => {
    const files = [{ path: '/etc/systemd/system/unused.service', state: 'disabled' }, { path: '/usr/lib/systemd/system/unused.service', state: 'disabled' }];
    expect(unloadedServiceFacts(files, new Set()).map((row) => row.name)).toEqual(['unused.service']);
  });
});
