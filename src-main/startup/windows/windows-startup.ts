/** Windows' startup entries: the registry's Run keys, StartupApproved and the Startup folders (koffi). STUB until implemented. */
import type { StartupPlatform } from '../startup-platform.ts';
import { unsupportedStartup } from '../startup-platform.ts';

export function createWindowsStartup(): StartupPlatform {
  return unsupportedStartup('not implemented yet');
}
