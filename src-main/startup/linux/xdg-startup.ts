/** Linux's startup entries: XDG autostart. STUB until implemented. */
import type { StartupPlatform } from '../startup-platform.ts';
import { unsupportedStartup } from '../startup-platform.ts';

export function createXdgStartup(): StartupPlatform {
  return unsupportedStartup('not implemented yet');
}
