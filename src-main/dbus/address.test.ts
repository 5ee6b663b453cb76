import { describe, expect, it } from 'vitest';
import { DEFAULT_SYSTEM_BUS_ADDRESS, socketTargets, systemBusAddress } from './address.ts';

describe('D-Bus addresses', () => {
  it.each([
    { address: 'unix:path=/var/run/dbus/system_bus_socket', targets: [{ path: '/var/run/dbus/system_bus_socket' }] },
    { address: 'unix:path=/tmp/my%20bus,guid=0123', targets: [{ path: '/tmp/my bus' }] },
    { address: 'unix:abstract=/tmp/dbus-XYZ', targets: [{ path: '\0/tmp/dbus-XYZ' }] },
    { address: 'tcp:host=localhost,port=1;unix:path=/run/b', targets: [{ path: '/run/b' }] },
    { address: 'unix:path=/a;unix:path=/b', targets: [{ path: '/a' }, { path: '/b' }] },
    { address: 'tcp:host=localhost,port=1', targets: [] },
    { address: 'unix:tmpdir=/tmp', targets: [] },
    { address: '', targets: [] },
  ])('reads "$address"', ({ address, targets }) => {
    expect(socketTargets(address)).toEqual(targets);
  });

  it('takes DBUS_SYSTEM_BUS_ADDRESS, else the spec default', () => {
    expect(systemBusAddress({ DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/x' })).toBe('unix:path=/x');
    expect(systemBusAddress({ DBUS_SYSTEM_BUS_ADDRESS: ' ' })).toBe(DEFAULT_SYSTEM_BUS_ADDRESS);
    expect(systemBusAddress({})).toBe('unix:path=/var/run/dbus/system_bus_socket');
  });
});
