import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { stubKoffi } from '../../test-support/stub-koffi.ts';
import { bindScmApi, withGrowingBuffer } from './scm-bindings.ts';
import { buildDependentServices, buildServiceConfig } from './scm-fixtures.ts';

const ERROR_INSUFFICIENT_BUFFER = 122;

/** A call that needs `neededBytes` and says so, as QueryServiceConfigW does; records each buffer size. */
function callNeeding(neededBytes: number, error = ERROR_INSUFFICIENT_BUFFER) {
  const sizes: number[] = [];
  let last = 0;
  const call = (buffer: Buffer, needed: [number]) => {
    sizes.push(buffer.length);
    if (buffer.length >= neededBytes) return true;
    needed[0] = neededBytes;
    last = error;
    return false;
  };
  return { call, sizes, lastError: () => last };
}

describe('withGrowingBuffer', () => {
  it('answers the first buffer when it is large enough', () => {
    const c = callNeeding(64);
    const filled = withGrowingBuffer(1024, 8192, ERROR_INSUFFICIENT_BUFFER, c.call, c.lastError);
    expect(filled.ok && filled.value.length).toBe(1024);
    expect(c.sizes).toEqual([1024]);
  });

  it('calls again with the size asked for', () => {
    const c = callNeeding(3000);
    const filled = withGrowingBuffer(1024, 8192, ERROR_INSUFFICIENT_BUFFER, c.call, c.lastError);
    expect(filled.ok && filled.value.length).toBe(3000);
    expect(c.sizes).toEqual([1024, 3000]);
  });

  it('refuses a size past the documented largest answer', () => {
    const c = callNeeding(9000);
    expect(withGrowingBuffer(1024, 8192, ERROR_INSUFFICIENT_BUFFER, c.call, c.lastError)).toEqual({ ok: false, error: ERROR_INSUFFICIENT_BUFFER });
    expect(c.sizes).toEqual([1024]);
  });

  it('answers any other error as it is, without calling again', () => {
    const c = callNeeding(3000, 5);
    expect(withGrowingBuffer(1024, 8192, ERROR_INSUFFICIENT_BUFFER, c.call, c.lastError)).toEqual({ ok: false, error: 5 });
    expect(c.sizes).toEqual([1024]);
  });
});

describe('bindScmApi (over a stand-in koffi whose advapi32 is JavaScript)', () => {
  // The real koffi gives the Buffers' addresses, so the stand-in writes real pointers into them.
  const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
  const unusedSampler = { openServiceManager: () => null, enumServices: () => false, closeServiceHandle: () => undefined, addressOf: () => 0n, lastError: () => 0 };

  function boundWith(advapi32: Record<string, (...args: never[]) => unknown>) {
    let lastError = 0;
    const setError = (error: number) => {
      lastError = error;
      return 0;
    };
    const { koffi: stand } = stubKoffi({ 'kernel32.dll': { GetLastError: () => lastError }, 'advapi32.dll': { OpenSCManagerW: () => ({}), OpenServiceW: () => ({}), ...advapi32 } });
    const api = bindScmApi(stand, unusedSampler);
    const manager = api.openManager(1);
    if (!manager.ok) throw new Error('OpenSCManagerW');
    const service = api.openService(manager.value, 'Spooler', 0xff);
    if (!service.ok) throw new Error('OpenServiceW');
    return { api, service: service.value, setError };
  }

  it('EnumDependentServicesW: a buffer too small is grown to the size asked, then its items are read (Wine never lists any)', () => {
    const dependents = [
      { name: 'Fax', displayName: 'Fax', state: 4 },
      { name: 'PrintNotify', displayName: 'Printer Extensions and Notifications', state: 4 },
    ];
    const sizes: number[] = [];
    const { api, service, setError } = boundWith({
      EnumDependentServicesW: ((_h: unknown, state: number, buffer: Buffer, size: number, needed: number[], returned: number[]) => {
        sizes.push(size);
        expect(state).toBe(1); // SERVICE_ACTIVE: running dependents only
        const built = buildDependentServices(dependents, koffi.address(buffer));
        if (size < built.length + 8192) {
          needed[0] = built.length + 8192;
          return setError(234); // ERROR_MORE_DATA
        }
        built.bytes.copy(buffer);
        returned[0] = dependents.length;
        return 1;
      }),
    });
    expect(api.activeDependents(service)).toEqual({ ok: true, value: dependents });
    expect(sizes).toHaveLength(2);
    expect(sizes[1]).toBeGreaterThan(sizes[0] ?? 0);
  });

  it('QueryServiceConfigW: grows on ERROR_INSUFFICIENT_BUFFER and reads the answer; a refusal is its error', () => {
    const path = `C:\\Program Files\\${'Long Folder\\'.repeat(100)}service.exe`;
    const { api, service, setError } = boundWith({
      QueryServiceConfigW: ((_h: unknown, buffer: Buffer, size: number, needed: number[]) => {
        const built = buildServiceConfig({ serviceType: 0x10, startType: 2, binaryPath: path, loadOrderGroup: null }, koffi.address(buffer));
        if (size < built.length) {
          needed[0] = built.length;
          return setError(ERROR_INSUFFICIENT_BUFFER);
        }
        built.bytes.copy(buffer);
        return 1;
      }),
      QueryServiceConfig2W: () => setError(5),
    });
    expect(api.config(service)).toEqual({ ok: true, value: { serviceType: 0x10, startType: 2, binaryPath: path, loadOrderGroup: '' } });
    expect(api.description(service)).toEqual({ ok: false, error: 5 });
  });
});
