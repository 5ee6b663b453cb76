/**
 * The Users tab's strings, in their own module so they load with the tab (a lazy chunk), not with
 * the first script.
 */
import type { SessionState } from '../../../src-shared/users.ts';

export const usersStrings = {
  tableName: 'Users',
  toolbar: 'Users tools',
  columns: { user: 'User', status: 'Status', cpu: 'CPU', memory: 'Memory', disk: 'Disk', network: 'Network', gpu: 'GPU' },
  definitions: {
    user: 'The account, with how many processes it runs; opened, its processes. Unknown: processes whose owner this app may not read (not elevated).',
    status: 'The states of the account’s login sessions (Windows: WTS; Linux: systemd-logind).',
    sum: 'For a user, the sum over their processes, as in the Processes tab.',
  },
  unknownUser: 'Unknown',
  /** A user row: "alice (42)", `count` formatted. */
  userName: (user: string, count: string) => `${user} (${count})`,
  sessionStates: {
    active: 'Active',
    connected: 'Connected',
    disconnected: 'Disconnected',
    idle: 'Idle',
    listening: 'Listening',
    online: 'Online',
    closing: 'Closing',
    other: 'Other',
  } satisfies Record<SessionState, string>,
  expand: 'Expand',
  collapse: 'Collapse',
  goToDetails: 'Go to details',
  noProcesses: 'None of these processes runs any more.',
  empty: 'No processes to show yet.',
  noMatch: 'No user or process matches the search.',
  searchPlaceholder: 'Search user, process name or PID',
  sessionsLabel: (user: string) => `Sessions of ${user}`,
  noSessions: (user: string) => `${user} has no login session open.`,
  /** One session: its id and state, then what is known of it. */
  session: (id: string, state: string) => `Session ${id}: ${state}`,
  station: (station: string) => `on ${station}`,
  client: (client: string) => `from ${client}`,
  loggedIn: (when: string) => `logged in ${when}`,
} as const;
