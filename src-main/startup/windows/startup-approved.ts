/**
 * The `StartupApproved` values Task Manager keeps beside each startup entry (Windows 8 and later),
 * under `HKCU|HKLM\Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\{Run, Run32,
 * StartupFolder}`, named like the Run value or the Startup folder's file. Pure.
 *
 * Layout (REG_BINARY, 12 bytes): a 4-byte little-endian flag, then at offset 4 the FILETIME (8 bytes,
 * little-endian, 100 ns since 1601 UTC) of the last change, zero when none was recorded. Microsoft
 * does not document this value; what is relied on here was observed by people who traced Task
 * Manager and is consistent across them:
 * - superuser.com/questions/1766797 (Task Manager traced enabling and disabling an entry): enabled
 *   `02 00 00 00` + zeros, disabled `03 00 00 00` + the FILETIME of the change;
 * - superuser.com/questions/1098450: an entry holding `06 00 00 00 …` became `07 00 00 00` + a
 *   FILETIME when disabled — so other flags occur, and what they mean is not documented.
 * So 2 is enabled and 3 disabled, the two values Task Manager writes; any other flag (6, 7, a value
 * shorter than the flag) is `unknown`, never shown as enabled, with the flag in `statusDetail`.
 * An entry with no StartupApproved value at all runs at login: enabled.
 */
import type { StartupStatus } from '../../../src-shared/startup.ts';
import { filetimeToEpochMs } from '../../collector/compute/start-time.ts';
import { epochMsToFileTime } from '../../control/win32/filetime.ts';

/** The flag Task Manager writes to enable an entry. */
export const APPROVED_ENABLED = 2;
/** The flag Task Manager writes to disable an entry. */
export const APPROVED_DISABLED = 3;
/** Bytes of a value as Task Manager writes it: the flag, then the FILETIME. */
export const APPROVED_VALUE_BYTES = 12;
const FLAG_BYTES = 4;

export interface ApprovedState {
  status: StartupStatus;
  /** Why the status is what it is when it is not plain (an unknown flag), else null. */
  statusDetail: string | null;
  /** The change's time (ms since 1970), null when the value records none (zero, absent, before 1970). */
  changedAtMs: number | null;
}

const hex = (value: number) => `0x${value.toString(16).toUpperCase().padStart(2, '0')}`;

/** The state an entry's StartupApproved value says; `null` (no value) is enabled. */
export function decodeStartupApproved(bytes: Uint8Array | null): ApprovedState {
  if (bytes === null) return { status: 'enabled', statusDetail: null, changedAtMs: null };
  if (bytes.length < FLAG_BYTES) {
    return { status: 'unknown', statusDetail: `its StartupApproved value is ${bytes.length} bytes long, too short to hold the 4-byte flag`, changedAtMs: null };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flag = view.getUint32(0, true);
  const changedAtMs = bytes.length >= FLAG_BYTES + 8 ? filetimeToEpochMs(view.getBigUint64(FLAG_BYTES, true)) : null;
  if (flag === APPROVED_ENABLED) return { status: 'enabled', statusDetail: null, changedAtMs };
  if (flag === APPROVED_DISABLED) return { status: 'disabled', statusDetail: null, changedAtMs };
  return {
    status: 'unknown',
    statusDetail: `its StartupApproved flag is ${hex(flag)}, not one Task Manager writes (0x02 enabled, 0x03 disabled), so whether it starts is not known`,
    changedAtMs,
  };
}

/**
 * The 12 bytes Task Manager writes: to disable, flag 3 and the FILETIME of `nowMs`; to enable, flag 2
 * and a zero time (the trace cited above: `02 00 00 00` + eight zero bytes).
 */
export function encodeStartupApproved(isEnabled: boolean, nowMs: number): Uint8Array {
  const bytes = new Uint8Array(APPROVED_VALUE_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, isEnabled ? APPROVED_ENABLED : APPROVED_DISABLED, true);
  if (!isEnabled) view.setBigUint64(FLAG_BYTES, epochMsToFileTime(Math.floor(nowMs)), true);
  return bytes;
}
