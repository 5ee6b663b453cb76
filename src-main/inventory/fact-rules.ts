/**
 * The small rules every fact goes through: which values count as "reported" (systeminformation
 * fills the gaps it cannot read with "", 0, -1, "-" or a firmware placeholder, never null) and the
 * plain-words reasons a fact is missing. Pure.
 */
import { known, missing, type Fact } from '../../src-shared/inventory.ts';

export const REASON = {
  virtualMachine: 'Not reported by this virtual machine',
  machine: 'Not reported by this machine',
  admin: 'Needs administrator rights',
  noFileSystem: 'No mounted file system on this disk',
  noDriverDate: 'Linux drivers carry no date',
  noDescription: 'Linux gives network interfaces no description',
  noSharedMemory: 'Not reported by systeminformation',
  callFailed: (call: string, error: string) => `The ${call} read failed: ${error}`,
} as const;

/** Text firmware writes where the OEM left a field empty: not a value. */
const PLACEHOLDERS = new Set(['', '-', 'n/a', 'none', 'unknown', 'default string', 'to be filled by o.e.m.', 'system manufacturer', 'system product name', 'not specified', 'o.e.m.']);

export function isReportedText(value: string | null | undefined): value is string {
  return typeof value === 'string' && !PLACEHOLDERS.has(value.trim().toLowerCase());
}

export function isPositive(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

export function textFact(value: string | null | undefined, reason: string): Fact<string> {
  return isReportedText(value) ? known(value.trim(), 'systeminformation') : missing(reason);
}

export function positiveFact(value: number | null | undefined, reason: string): Fact<number> {
  return isPositive(value) ? known(value, 'systeminformation') : missing(reason);
}

export function boolFact(value: boolean | null | undefined, reason: string): Fact<boolean> {
  return typeof value === 'boolean' ? known(value, 'systeminformation') : missing(reason);
}

/** The adapter's exact figure where it has one, else systeminformation's. */
export function preferAdapter<T>(adapter: T | null | undefined, fallback: Fact<T>): Fact<T> {
  return adapter === null || adapter === undefined ? fallback : known(adapter, 'adapter');
}
