/**
 * The views only the desktop app shows (App.tsx loads them there, as one chunk; a browser view of
 * the headless host never does): the elevation banner, the machine switcher and the bar that names
 * the machine shown.
 */
export { MachineBar } from './features/machines/MachineBar.tsx';
export { MachineSwitcher } from './features/machines/MachineSwitcher.tsx';
export { ElevationBanner } from './features/shell/ElevationBanner.tsx';
