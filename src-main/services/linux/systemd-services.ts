/** systemd services through its D-Bus API. STUB until implemented. */
import { unsupportedServices, type ServicesPlatform } from '../services-platform.ts';

export function createSystemdServices(): ServicesPlatform {
  return unsupportedServices('not implemented yet');
}
