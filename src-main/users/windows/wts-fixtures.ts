/**
 * Test support: WTS's answers as Windows gives them: WTSINFOW (x64, 216 bytes, offsets written out
 * literally so they check wts-info.ts's table) and UTF-16 strings with their NUL.
 */
import { epochMsToFileTime } from '../../control/win32/filetime.ts';

/** A string answer (WTSUserName, WTSClientName): UTF-16LE with its terminating NUL. */
export function wtsString(text: string): Uint8Array {
  return Buffer.from(`${text}\u0000`, 'utf16le');
}

/** WTSINFOW; `logonAtMs` null writes a LogonTime of 0 (nobody logged on). */
export function buildWtsInfo(info: { state: number; sessionId: number; station: string; domain: string; user: string; logonAtMs: number | null }): Uint8Array {
  const bytes = Buffer.alloc(216);
  bytes.writeUInt32LE(info.state, 0x00);
  bytes.writeUInt32LE(info.sessionId, 0x04);
  bytes.writeUInt32LE(123_456, 0x08); // IncomingBytes: traffic the page does not show
  bytes.write(info.station.slice(0, 31), 0x20, 'utf16le');
  bytes.write(info.domain.slice(0, 16), 0x60, 'utf16le');
  bytes.write(info.user.slice(0, 20), 0x82, 'utf16le');
  const logon = info.logonAtMs === null ? 0n : epochMsToFileTime(info.logonAtMs);
  bytes.writeBigUInt64LE(logon, 0xb0); // ConnectTime: the same moment
  bytes.writeBigUInt64LE(logon, 0xc8); // LogonTime
  bytes.writeBigUInt64LE(epochMsToFileTime(1_780_000_000_000), 0xd0); // CurrentTime
  return bytes;
}
