import { describe, expect, it } from 'vitest';
import { decodeStartupApproved, encodeStartupApproved } from './startup-approved.ts';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));

describe('decodeStartupApproved (a StartupApproved value as Task Manager reads it)', () => {
  it.each([
    // Task Manager's enabled value: flag 2, no time recorded.
    { name: 'enabled, no time', value: '02000000 0000000000000000', status: 'enabled', changedAtMs: null, detail: null },
    // Disabled by Task Manager on 2023-02-08 14:20:53.362 UTC (the bytes published in superuser.com/questions/1766797).
    { name: 'disabled, with the time of the change', value: '03000000 d40d438dc83bd901', status: 'disabled', changedAtMs: 1_675_866_053_362, detail: null },
    // Enabled again, with the time of that change.
    { name: 'enabled, with a time', value: '02000000 d40d438dc83bd901', status: 'enabled', changedAtMs: 1_675_866_053_362, detail: null },
    // The 06 → 07 pair seen in superuser.com/questions/1098450: not values this app can vouch for.
    { name: 'flag 6: unknown, never enabled', value: '06000000 0000000000000000', status: 'unknown', changedAtMs: null, detail: /0x06/ },
    { name: 'flag 7: unknown, with its time', value: '07000000 71c933ae16d9d101', status: 'unknown', changedAtMs: 1_467_981_960_559, detail: /0x07/ },
    { name: 'flag 0: unknown', value: '00000000 0000000000000000', status: 'unknown', changedAtMs: null, detail: /0x00/ },
    // The flag is 4 bytes: 02 in a higher byte is not 2.
    { name: 'flag 0x0200: unknown', value: '00020000 0000000000000000', status: 'unknown', changedAtMs: null, detail: /0x200/ },
    // A value cut short after the flag: the flag still reads, no time.
    { name: 'only the flag', value: '03000000', status: 'disabled', changedAtMs: null, detail: null },
    { name: 'too short for the flag', value: '0300', status: 'unknown', changedAtMs: null, detail: /2 bytes/ },
    { name: 'empty', value: '', status: 'unknown', changedAtMs: null, detail: /0 bytes/ },
  ])('$name', ({ value, status, changedAtMs, detail }) => {
    const state = decodeStartupApproved(bytes(value));
    expect(state.status).toBe(status);
    expect(state.changedAtMs).toBe(changedAtMs);
    if (detail === null) expect(state.statusDetail).toBeNull();
    else expect(state.statusDetail).toMatch(detail);
  });

  it('reads no value as enabled (an entry nobody has switched runs at login)', () => {
    expect(decodeStartupApproved(null)).toEqual({ status: 'enabled', statusDetail: null, changedAtMs: null });
  });

  it('reads a value inside a larger buffer at its own offset', () => {
    const buffer = bytes('ffff 03000000 d40d438dc83bd901');
    expect(decodeStartupApproved(buffer.subarray(2)).status).toBe('disabled');
  });
});

describe('encodeStartupApproved (what Task Manager writes)', () => {
  // 2023-02-08 14:20:53.362 UTC is FILETIME 0x01D93BC88D430D20 (the ms, without the 100-ns remainder Windows' own clock adds).
  it('writes flag 3 and the FILETIME of now to disable: 12 bytes', () => {
    expect(Buffer.from(encodeStartupApproved(false, 1_675_866_053_362)).toString('hex')).toBe('03000000200d438dc83bd901');
  });

  it('writes flag 2 and a zero time to enable, as the trace of Task Manager shows', () => {
    expect(Buffer.from(encodeStartupApproved(true, 1_675_866_053_362)).toString('hex')).toBe('020000000000000000000000');
  });

  it('round-trips through the decoder', () => {
    expect(decodeStartupApproved(encodeStartupApproved(false, 1_796_472_000_123))).toEqual({ status: 'disabled', statusDetail: null, changedAtMs: 1_796_472_000_123 });
    expect(decodeStartupApproved(encodeStartupApproved(true, 1_796_472_000_123))).toEqual({ status: 'enabled', statusDetail: null, changedAtMs: null });
  });
});
