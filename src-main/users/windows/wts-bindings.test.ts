import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { stubKoffi } from '../../test-support/stub-koffi.ts';
import { bindWtsApi } from './wts-bindings.ts';
import { wtsString } from './wts-fixtures.ts';

// The real koffi gives the Buffers' addresses and decodes them, as it decodes the memory WTS allocates.
const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');

/** WTS_SESSION_INFOW items (x64, 24 bytes: SessionId, the WinStation name's pointer, State), names pooled after them. */
function sessionInfoArray(sessions: readonly { id: number; station: string | null; state: number }[]): Buffer {
  const buffer = Buffer.alloc(sessions.length * 24 + 256);
  const base = koffi.address(buffer);
  let pool = sessions.length * 24;
  sessions.forEach((s, i) => {
    buffer.writeUInt32LE(s.id, i * 24);
    if (s.station !== null) {
      buffer.writeBigUInt64LE(base + BigInt(pool), i * 24 + 8);
      pool += buffer.write(`${s.station}\u0000`, pool, 'utf16le');
    }
    buffer.writeInt32LE(s.state, i * 24 + 16);
  });
  return buffer;
}

/** wtsapi32 as JavaScript: what each call hands out, and what was given back to WTSFreeMemory. */
function boundWith(wtsapi32: Record<string, (...args: never[]) => unknown>) {
  const freed: unknown[] = [];
  let lastError = 0;
  const setError = (error: number) => {
    lastError = error;
    return 0;
  };
  const { koffi: stand } = stubKoffi({
    'kernel32.dll': { GetLastError: () => lastError },
    'wtsapi32.dll': { WTSFreeMemory: (memory: unknown) => void freed.push(memory), ...wtsapi32 },
  });
  return { api: bindWtsApi(stand), freed, setError };
}

describe('bindWtsApi (over a stand-in koffi whose wtsapi32 is JavaScript)', () => {
  it('WTSEnumerateSessionsW: decodes each WTS_SESSION_INFOW, then gives the memory back (Wine lists none)', () => {
    const memory = sessionInfoArray([
      { id: 0, station: 'Services', state: 4 },
      { id: 1, station: 'Console', state: 0 },
      { id: 65536, station: null, state: 6 },
    ]);
    const { api, freed } = boundWith({
      WTSEnumerateSessionsW: (_server: unknown, reserved: number, version: number, info: unknown[], count: number[]) => {
        expect([reserved, version]).toEqual([0, 1]);
        info[0] = memory;
        count[0] = 3;
        return 1;
      },
    });
    expect(api.enumerateSessions()).toEqual({
      ok: true,
      value: [
        { id: 0, station: 'Services', connectState: 4 },
        { id: 1, station: 'Console', connectState: 0 },
        { id: 65536, station: '', connectState: 6 },
      ],
    });
    expect(freed).toEqual([memory]);
  });

  it('a failing enumeration answers its error', () => {
    const { api, setError } = boundWith({ WTSEnumerateSessionsW: () => setError(5) });
    expect(api.enumerateSessions()).toEqual({ ok: false, error: 5 });
  });

  it('WTSQuerySessionInformationW: copies the answer out before giving its memory back', () => {
    const memory = Buffer.from(wtsString('alice'));
    const { api, freed } = boundWith({
      WTSQuerySessionInformationW: (_server: unknown, session: number, infoClass: number, answer: unknown[], bytes: number[]) => {
        expect([session, infoClass]).toEqual([1, 5]);
        answer[0] = memory;
        bytes[0] = memory.length;
        return 1;
      },
    });
    const answer = api.querySession(1, 5);
    memory.fill(0); // what WTSFreeMemory would let be overwritten
    expect(answer).toEqual({ ok: true, value: Uint8Array.from(wtsString('alice')) });
    expect(freed).toEqual([memory]);
  });
});
