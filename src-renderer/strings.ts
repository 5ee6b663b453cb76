/** User-facing strings, in one place for translation. */
export const strings = {
  title: 'Task Manager',
  noToken: 'This page needs the link the host printed (it ends with #token=…).',
  cpu: 'CPU',
  memory: 'Memory',
  processes: 'Processes',
  name: 'Name',
  pid: 'PID',
  unknown: '—',
  collectorState: {
    starting: 'Starting the collector',
    up: 'Live',
    down: 'The collector is down',
    stopped: 'The collector is stopped',
  },
} as const;
