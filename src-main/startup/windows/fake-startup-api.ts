/**
 * `StartupApi` over an in-memory registry, for tests: keys by hive, view and path (case-insensitive,
 * as the registry's), hives that refuse writes (HKLM for a user who is not elevated), an environment
 * for `%VAR%`, the Startup folders, and version resources built as Windows stores them.
 */
import { buildVersionInfo } from '../../collector/platform/win32/win32-fixtures.ts';
import type { Win32Result } from '../../control/win32/win32-api.ts';
import { WIN32_ERROR } from '../../control/win32/win32-errors.ts';
import { REG_TYPE, type RegistryHive, type RegistryKeyPath, type RegistryValue, type StartupApi, type StartupFolder } from './startup-api.ts';

const keyOf = (key: RegistryKeyPath) => `${key.hive}|${key.view}|${key.subKey.toLowerCase()}`;

export class FakeStartupApi implements StartupApi {
  /** key → value name (lower case) → value. */
  readonly keys = new Map<string, Map<string, RegistryValue>>();
  /** Hives whose writes answer ERROR_ACCESS_DENIED. */
  readonly deniedWrites = new Set<RegistryHive>();
  /** Keys whose reads answer this error. */
  readonly failedReads = new Map<string, number>();
  environment: Record<string, string> = {};
  folders: Partial<Record<StartupFolder, string>> = {};
  /** path → CompanyName. */
  readonly publishers = new Map<string, string>();
  readonly writes: { key: RegistryKeyPath; name: string; data: Uint8Array }[] = [];

  setValue(key: RegistryKeyPath, name: string, type: number, data: Uint8Array): void {
    const values = this.keys.get(keyOf(key)) ?? new Map<string, RegistryValue>();
    values.set(name.toLowerCase(), { name, type, data });
    this.keys.set(keyOf(key), values);
  }

  /** A REG_SZ (or REG_EXPAND_SZ) value, stored NUL-terminated as Windows stores it. */
  setString(key: RegistryKeyPath, name: string, text: string, type: number = REG_TYPE.SZ): void {
    this.setValue(key, name, type, Uint8Array.from(Buffer.from(`${text}\0`, 'utf16le')));
  }

  value(key: RegistryKeyPath, name: string): RegistryValue | undefined {
    return this.keys.get(keyOf(key))?.get(name.toLowerCase());
  }

  failRead(key: RegistryKeyPath, error: number): void {
    this.failedReads.set(keyOf(key), error);
  }

  readValues(key: RegistryKeyPath): Win32Result<RegistryValue[]> {
    const failed = this.failedReads.get(keyOf(key));
    if (failed !== undefined) return { ok: false, error: failed };
    const values = this.keys.get(keyOf(key));
    return values ? { ok: true, value: [...values.values()].map((v) => ({ ...v, data: Uint8Array.from(v.data) })) } : { ok: false, error: WIN32_ERROR.FILE_NOT_FOUND };
  }

  writeBinaryValue(key: RegistryKeyPath, name: string, data: Uint8Array): Win32Result<void> {
    if (this.deniedWrites.has(key.hive)) return { ok: false, error: WIN32_ERROR.ACCESS_DENIED };
    this.writes.push({ key, name, data: Uint8Array.from(data) });
    this.setValue(key, name, REG_TYPE.BINARY, Uint8Array.from(data));
    return { ok: true, value: undefined };
  }

  expandEnvironment(text: string): string {
    return text.replace(/%([^%]+)%/g, (whole, name: string) => this.environment[name.toLowerCase()] ?? whole);
  }

  startupFolder(folder: StartupFolder): string | null {
    return this.folders[folder] ?? null;
  }

  fileVersionInfoSize(path: string): number {
    const publisher = this.publishers.get(path);
    return publisher === undefined ? 0 : this.versionInfo(publisher).length;
  }

  fileVersionInfo(path: string, buffer: Buffer): boolean {
    const publisher = this.publishers.get(path);
    if (publisher === undefined) return false;
    this.versionInfo(publisher).copy(buffer);
    return true;
  }

  private versionInfo(publisher: string): Buffer {
    return buildVersionInfo({ '040904b0': { CompanyName: publisher, FileDescription: 'An app' } }, [[0x0409, 1200]]);
  }
}
