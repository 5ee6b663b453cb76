/** Windows services through the Service Control Manager (koffi). STUB until implemented. */
import { unsupportedServices, type ServicesPlatform } from '../services-platform.ts';

export function createWindowsServices(): ServicesPlatform {
  return unsupportedServices('not implemented yet');
}
