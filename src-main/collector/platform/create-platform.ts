/**
 * The platform adapter for this OS. Windows and macOS adapters come with their own issues; until
 * then those platforms get a clear error instead of wrong numbers.
 */
import { LinuxPlatform } from './linux/linux-platform.ts';
import type { PlatformSampler, StartTimeBasis } from './platform.ts';

export function createPlatform(options: {
  intervalMs: number;
  includeLoopback: boolean;
  startTimeBasis?: StartTimeBasis | null;
}): PlatformSampler {
  switch (process.platform) {
    case 'linux':
      return new LinuxPlatform(options);
    default:
      throw new Error(`sampling is not implemented on ${process.platform} yet`);
  }
}
