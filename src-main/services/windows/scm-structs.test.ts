import { describe, expect, it } from 'vitest';
import { buildDependentServices, buildServiceConfig, buildServiceDescription, buildServiceStatusProcess } from './scm-fixtures.ts';
import { parseDelayedAutoStart, parseDependentServices, parseServiceConfig, parseServiceDescription, parseServiceStatusProcess } from './scm-structs.ts';

describe('parseServiceConfig', () => {
  it('reads the type, start type, binary path and load-order group of QUERY_SERVICE_CONFIGW', () => {
    const built = buildServiceConfig({ serviceType: 0x20, startType: 2, binaryPath: 'C:\\WINDOWS\\system32\\svchost.exe -k netsvcs -p', loadOrderGroup: '' });
    expect(parseServiceConfig(built.bytes, built.baseAddress, built.length)).toEqual({
      serviceType: 0x20,
      startType: 2,
      binaryPath: 'C:\\WINDOWS\\system32\\svchost.exe -k netsvcs -p',
      loadOrderGroup: '',
    });
  });

  it('reads null pointers as empty strings', () => {
    const built = buildServiceConfig({ serviceType: 0x10, startType: 3, binaryPath: null, loadOrderGroup: null });
    expect(parseServiceConfig(built.bytes, built.baseAddress, built.length)).toMatchObject({ binaryPath: '', loadOrderGroup: '' });
  });

  it('refuses a string pointer outside the buffer', () => {
    const built = buildServiceConfig({ serviceType: 0x10, startType: 3, binaryPath: 'x.exe', loadOrderGroup: null });
    expect(() => parseServiceConfig(built.bytes, built.baseAddress + 0x10_0000n, built.length)).toThrow(RangeError);
  });
});

describe('parseServiceDescription', () => {
  it.each([
    ['Manages print jobs.', 'Manages print jobs.'],
    ['  padded  ', 'padded'],
    ['', null],
    [null, null],
  ])('%j → %j', (text, expected) => {
    const built = buildServiceDescription(text);
    expect(parseServiceDescription(built.bytes, built.baseAddress, built.length)).toBe(expected);
  });
});

describe('parseDelayedAutoStart', () => {
  it('reads the BOOL of SERVICE_DELAYED_AUTO_START_INFO', () => {
    expect(parseDelayedAutoStart(Buffer.from([1, 0, 0, 0]))).toBe(true);
    expect(parseDelayedAutoStart(Buffer.from([0, 0, 0, 0]))).toBe(false);
  });
});

describe('parseServiceStatusProcess', () => {
  it('reads the nine DWORDs of SERVICE_STATUS_PROCESS', () => {
    const status = { serviceType: 0x110, state: 3, controlsAccepted: 5, win32ExitCode: 1066, serviceSpecificExitCode: 42, checkPoint: 7, waitHintMs: 10_000, pid: 280 };
    expect(parseServiceStatusProcess(buildServiceStatusProcess(status))).toEqual(status);
  });
});

describe('parseDependentServices', () => {
  it('reads each 48-byte ENUM_SERVICE_STATUSW, in the order given (the order to stop them)', () => {
    const dependents = [
      { name: 'Fax', displayName: 'Fax', state: 4 },
      { name: 'PrintWorkflowUserSvc_3f1a2', displayName: 'PrintWorkflow_3f1a2', state: 4 },
    ];
    const built = buildDependentServices(dependents);
    expect(parseDependentServices(built.bytes, built.baseAddress, built.length, 2)).toEqual(dependents);
  });

  it('names a dependent without a display name by its short name', () => {
    const built = buildDependentServices([{ name: 'Fax', displayName: '', state: 4 }]);
    expect(parseDependentServices(built.bytes, built.baseAddress, built.length, 1)).toEqual([{ name: 'Fax', displayName: 'Fax', state: 4 }]);
  });

  it('refuses a count past the buffer', () => {
    const built = buildDependentServices([{ name: 'Fax', displayName: 'Fax', state: 4 }]);
    expect(() => parseDependentServices(built.bytes, built.baseAddress, 48, 2)).toThrow(RangeError);
  });
});
