import { describe, expect, it } from 'vitest';
import { serviceFacts, serviceGroup, serviceStartType, serviceState, UNREADABLE_CONFIG, type ServiceConfigFacts } from './service-facts.ts';

describe('serviceState', () => {
  it.each([
    [1, 'stopped'],
    [2, 'starting'],
    [3, 'stopping'],
    [4, 'running'],
    [5, 'resuming'],
    [6, 'pausing'],
    [7, 'paused'],
    [0, 'unknown'],
    [8, 'unknown'],
  ])('dwCurrentState %i is %s', (state, expected) => {
    expect(serviceState(state)).toBe(expected);
  });
});

describe('serviceStartType', () => {
  it.each([
    [0, false, 'boot', null],
    [1, false, 'system', null],
    [2, false, 'automatic', null],
    [2, true, 'automaticDelayed', null],
    [3, false, 'manual', null],
    // The delayed flag means nothing unless the service starts automatically.
    [3, true, 'manual', null],
    [4, false, 'disabled', null],
    [9, false, 'other', 'start type 9'],
  ])('dwStartType %i (delayed %s) is %s', (startType, isDelayed, expected, detail) => {
    expect(serviceStartType(startType, isDelayed)).toEqual({ startType: expected, startTypeDetail: detail });
  });
});

describe('serviceGroup', () => {
  it.each([
    ['C:\\WINDOWS\\system32\\svchost.exe -k netsvcs -p', '', 'netsvcs'],
    ['C:\\WINDOWS\\System32\\svchost.exe -k LocalServiceNetworkRestricted -p', '', 'LocalServiceNetworkRestricted'],
    ['"C:\\Windows\\System32\\SVCHOST.EXE" -k "imgsvc"', '', 'imgsvc'],
    ['C:\\Windows\\system32\\svchost.exe /k DcomLaunch', '', 'DcomLaunch'],
    ['%SystemRoot%\\system32\\svchost.exe -k LocalSystemNetworkRestricted -p -s TrkWks', '', 'LocalSystemNetworkRestricted'],
    // svchost without -k, or -k without a group: the load-order group, if any.
    ['C:\\Windows\\system32\\svchost.exe', 'NetworkProvider', 'NetworkProvider'],
    ['C:\\Windows\\system32\\svchost.exe -k', '', null],
    // Not svchost: a -k in another program's arguments is not a group.
    ['C:\\Windows\\system32\\spoolsv.exe', 'SpoolerGroup', 'SpoolerGroup'],
    ['"C:\\Program Files\\Tool\\tool.exe" -k fast', '', null],
    ['C:\\Windows\\System32\\not-svchost.exe -k netsvcs', '  ', null],
    ['', '', null],
  ])('%s (load-order group %j) → %j', (binaryPath, loadOrderGroup, expected) => {
    expect(serviceGroup(binaryPath, loadOrderGroup)).toBe(expected);
  });
});

describe('serviceFacts', () => {
  const entry = { name: 'Spooler', displayName: 'Print Spooler', pid: 3212, state: 4, serviceType: 0x110, controlsAccepted: 0x5 };
  const config: ServiceConfigFacts = {
    startType: 2,
    isDelayedAutoStart: false,
    binaryPath: 'C:\\Windows\\System32\\spoolsv.exe',
    loadOrderGroup: 'SpoolerGroup',
    description: 'Loads files to memory for later printing',
  };

  it('makes the row of a running service from its entry and configuration', () => {
    expect(serviceFacts(entry, config)).toEqual({
      name: 'Spooler',
      displayName: 'Print Spooler',
      description: 'Loads files to memory for later printing',
      state: 'running',
      subState: null,
      startType: 'automatic',
      startTypeDetail: null,
      pid: 3212,
      group: 'SpoolerGroup',
      canStop: true,
    });
  });

  it('a stopped service has no pid (0) and can not be stopped (it accepts no controls)', () => {
    expect(serviceFacts({ ...entry, state: 1, pid: 0, controlsAccepted: 0 }, config)).toMatchObject({ state: 'stopped', pid: null, canStop: false });
  });

  it('a running service that refuses SERVICE_CONTROL_STOP can not be stopped', () => {
    expect(serviceFacts({ ...entry, controlsAccepted: 0x4 }, config).canStop).toBe(false);
  });

  it('where the configuration may not be read, the start type is other (with why) and there is no description or group', () => {
    expect(serviceFacts(entry, null)).toMatchObject({ startType: 'other', startTypeDetail: UNREADABLE_CONFIG, description: null, group: null });
  });

  it('a service without a display name shows its name', () => {
    expect(serviceFacts({ ...entry, displayName: '' }, config).displayName).toBe('Spooler');
  });
});
