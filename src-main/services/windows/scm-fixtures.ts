/**
 * Test support: the Service Control Manager's buffers as Windows fills them (x64 layouts from
 * winsvc.h, offsets written out literally so they check the parsers' tables), strings pooled after
 * the fixed part and reached through pointers.
 */
import { ByteWriter, FIXTURE_BASE_ADDRESS } from '../../collector/platform/win32/win32-fixtures.ts';
import type { DependentService, ServiceConfig, ServiceStatus } from './scm-structs.ts';

type Built = { bytes: Buffer; baseAddress: bigint; length: number };

const poolBytes = (texts: readonly (string | null)[]) => texts.reduce((n, t) => n + (t === null ? 0 : Buffer.byteLength(t, 'utf16le') + 16), 0);

/** QUERY_SERVICE_CONFIGW; `binaryPath` / `loadOrderGroup` null write null pointers. */
export function buildServiceConfig(
  config: Omit<ServiceConfig, 'binaryPath' | 'loadOrderGroup'> & { binaryPath: string | null; loadOrderGroup: string | null; displayName?: string },
  baseAddress = FIXTURE_BASE_ADDRESS,
): Built {
  const texts = [config.binaryPath, config.loadOrderGroup, '', 'LocalSystem', config.displayName ?? 'Display'];
  const w = new ByteWriter(64 + poolBytes(texts), 64, baseAddress);
  w.u32(0x00, config.serviceType);
  w.u32(0x04, config.startType);
  w.u32(0x08, 1); // SERVICE_ERROR_NORMAL
  w.wideString(0x10, config.binaryPath);
  w.wideString(0x18, config.loadOrderGroup);
  w.u32(0x20, 0);
  w.wideString(0x28, ''); // lpDependencies: an empty double-NUL list
  w.wideString(0x30, 'LocalSystem');
  w.wideString(0x38, config.displayName ?? 'Display');
  return { bytes: w.bytes, baseAddress: w.baseAddress, length: w.usedBytes };
}

/** SERVICE_DESCRIPTIONW. */
export function buildServiceDescription(description: string | null): Built {
  const w = new ByteWriter(8 + poolBytes([description]), 8);
  w.wideString(0, description);
  return { bytes: w.bytes, baseAddress: w.baseAddress, length: w.usedBytes };
}

/** SERVICE_STATUS_PROCESS (36 bytes). */
export function buildServiceStatusProcess(status: ServiceStatus): Buffer {
  const w = new ByteWriter(36, 36);
  w.u32(0x00, status.serviceType);
  w.u32(0x04, status.state);
  w.u32(0x08, status.controlsAccepted);
  w.u32(0x0c, status.win32ExitCode);
  w.u32(0x10, status.serviceSpecificExitCode);
  w.u32(0x14, status.checkPoint);
  w.u32(0x18, status.waitHintMs);
  w.u32(0x1c, status.pid);
  w.u32(0x20, 0); // dwServiceFlags
  return w.bytes;
}

/** ENUM_SERVICE_STATUSW items (48 bytes each) as EnumDependentServicesW fills them. */
export function buildDependentServices(services: readonly DependentService[], baseAddress = FIXTURE_BASE_ADDRESS): Built {
  const fixed = services.length * 48;
  const w = new ByteWriter(fixed + poolBytes(services.flatMap((s) => [s.name, s.displayName])), fixed, baseAddress);
  services.forEach((s, i) => {
    const at = i * 48;
    w.wideString(at, s.name);
    w.wideString(at + 0x08, s.displayName);
    w.u32(at + 0x10, 0x20); // SERVICE_WIN32_SHARE_PROCESS
    w.u32(at + 0x14, s.state);
    w.u32(at + 0x18, 0x1); // SERVICE_ACCEPT_STOP
  });
  return { bytes: w.bytes, baseAddress: w.baseAddress, length: w.usedBytes };
}
