/**
 * The desktop app's Settings section's strings, in their own module so they load with that
 * section (a lazy chunk, never loaded in a browser), not with the first script.
 */
export const desktopStrings = {
  legend: 'Desktop',
  alwaysOnTop: 'Always on top',
  minimizeToTray: 'Hide to the tray when minimised',
  startElevated: 'Always start as administrator (no UAC prompt)',
  startAtLogin: 'Start when I log in',
  replaceTaskManager: 'Open this app for Ctrl+Shift+Esc (replace Windows Task Manager)',
  replacedByOther: 'Another program replaces Windows Task Manager now; turning this on would take its place.',
  needsElevation: 'needs administrator',
  openWindowsTaskManager: 'Open Windows Task Manager',
  refused: (message: string) => `The setting could not be changed: ${message}`,
} as const;
