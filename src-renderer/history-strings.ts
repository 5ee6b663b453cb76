/**
 * The history's strings (Performance ranges, the chart cursor, Settings → History), apart from
 * strings.ts: only the lazily loaded Performance tab and Settings use them, so the first script
 * does not carry them.
 */
export const historyStrings = {
  range: 'Chart range',
  ranges: { live: 'Live', '1h': '1 hour', '24h': '24 hours', '7d': '7 days', '30d': '30 days' },
  off: 'History is off on this host',
  nothing: 'Nothing recorded in this range',
  loading: 'Reading history…',
  failed: (message: string) => `History could not be read: ${message}`,
  /** The chart cursor's readout: the moment and the figures there. */
  cursor: (time: string, figures: string) => `${time}: ${figures}`,
  cursorHint: 'Arrow keys move the cursor, Enter shows the processes of that moment',
  /** The cursor line under a chart, before the pointer or a key has put it anywhere. */
  cursorIdle: 'Point at the chart to read a moment; click it to see its processes',
  cursorLabel: (chart: string) => `${chart}: cursor`,
  /** What each chart's series is called in the cursor's readout. */
  series: {
    total: 'Total',
    kernel: 'Kernel',
    used: 'In use',
    read: 'Read',
    write: 'Write',
    active: 'Active time',
    send: 'Send',
    receive: 'Receive',
    utilization: 'Utilisation',
  } as Readonly<Record<string, string>>,
  status: 'History',
  states: { recording: 'Recording', off: 'Off', paused: 'Paused', readOnly: 'Read only' },
  statusReason: (state: string, reason: string) => `${state}: ${reason}`,
  held: (from: string, to: string) => `Held from ${from} to ${to}`,
  empty: 'Nothing recorded yet',
  size: (size: string) => `On disk: ${size}`,
  statusFailed: (message: string) => `History status could not be read: ${message}`,
  folder: (dir: string) => `Folder: ${dir}`,
  recordOwnCommandLines: 'Record command lines of my processes',
  recordOthersCommandLines: 'Record command lines of other accounts’ processes',
  othersHint: 'Other accounts’ command lines can hold their passwords and tokens.',
  deleteAll: 'Delete all history…',
  deleteTitle: 'Delete all history?',
  deleteText: 'Every recorded figure, process, command line and event is deleted and overwritten on disk. This can’t be undone.',
  deleteConfirm: 'Delete all history',
  deleted: 'All history was deleted.',
  refused: (message: string) => `History could not be changed: ${message}`,
} as const;
