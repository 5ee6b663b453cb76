/**
 * The history's strings (Performance ranges, the chart cursor, Settings → History), apart from
 * strings.ts: only the lazily loaded Performance tab and Settings use them, so the first script
 * does not carry them.
 */
export const historyStrings = {
  range: 'Chart range',
  /** A zoomed chart's span: "15 minutes to 03:15:00" (its labels read "…, last 15 minutes to 03:15:00"). */
  zoomed: (widthMs: number, to: string) => `${spanText(widthMs)} to ${to}`,
  resetZoom: 'Reset zoom',
  /** What a big chart's keys and pointer do in a past range (its cursor's description). */
  zoomHelp:
    'Arrow keys move the cursor, Enter shows the processes of that moment. + and − zoom around the cursor, Shift+arrow keys pan, 0 resets the zoom. With a pointer: drag across the chart to zoom into that span, Shift+drag pans, the wheel zooms.',
  /** Opens Top consumers over the span the charts show. */
  topOfRange: 'What used this range?',
  exportRange: 'Export this range',
  exportRangeCsv: 'This range as CSV',
  exportRangeJsonl: 'This range as JSON Lines',
  exportFailed: (message: string) => `The range could not be exported: ${message}`,
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

/** A span in the largest unit that keeps it at least 2: "90 seconds", "15 minutes", "36 hours", "3 days". */
export function spanText(ms: number): string {
  const sec = ms / 1000;
  if (sec < 120) return `${Math.round(sec)} seconds`;
  if (sec < 7_200) return `${Math.round(sec / 60)} minutes`;
  if (sec < 172_800) return `${Math.round(sec / 3_600)} hours`;
  return `${Math.round(sec / 86_400)} days`;
}
