/**
 * The Apps tab's strings, in their own module so they load with the tab (a lazy chunk), not with
 * the first script; App history names apps and processes the same way.
 */
export const appsStrings = {
  appCategories: { app: 'Apps', background: 'Background processes', system: 'System processes' },
  /** `appCount` formatted (formatCount). */
  appGroupHeading: (category: string, appCount: string) => `${category} (${appCount})`,
  /** An app of several processes, as Task Manager names it: "sleep (1,900)". */
  appNameWithCount: (name: string, count: string) => `${name} (${count})`,
  appMemberName: (name: string, pid: number) => `${name} (PID ${pid})`,
  appsNameDefinition: 'The app, with how many processes it has when more than one, or one of its processes with its PID.',
  appsSumNote: 'For an app, the sum over its processes.',
  appsProcessesColumn: 'Processes',
  appsProcessesDefinition: 'How many processes the app has.',
  appsEmpty: 'No apps to show yet.',
  appsNoMatch: 'No app or process matches the search.',
  appsStatusDefinition: 'Not responding: one of the app’s windows has not answered for 5 seconds (Windows). Suspended: every thread of the process is suspended.',
  notResponding: 'Not responding',
} as const;
