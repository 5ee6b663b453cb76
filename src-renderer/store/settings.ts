/**
 * What a user chooses and expects to find again: update speed, CPU % mode, chart window, the
 * Processes table's columns, sort and view. Pure definitions and validation of stored values (a
 * stored value from an older version or another hand is checked, never trusted).
 */
export const UPDATE_SPEEDS = ['fast', 'normal', 'slow', 'paused'] as const;
export type UpdateSpeed = (typeof UPDATE_SPEEDS)[number];
/** Task Manager's update speeds, in ms between snapshots (paused: none). */
export const UPDATE_SPEED_MS: Record<Exclude<UpdateSpeed, 'paused'>, number> = { fast: 500, normal: 1000, slow: 4000 };

/** Whole machine (0–100 for all cores, as Task Manager) or per core (× cores, as htop). */
export const CPU_MODES = ['machine', 'perCore'] as const;
export type CpuMode = (typeof CPU_MODES)[number];

export const HISTORY_WINDOWS_SEC = [60, 300] as const;
export type HistoryWindowSec = (typeof HISTORY_WINDOWS_SEC)[number];

export const COLUMN_IDS = [
  'name',
  'pid',
  'status',
  'cpu',
  'memory',
  'disk',
  'network',
  'gpu',
  'user',
  'threads',
  'parentPid',
  'priority',
  'handles',
  'workingSet',
  'commit',
  'ioRead',
  'ioWrite',
  'gpuMemory',
  'efficiencyMode',
  'startTime',
  'description',
  'publisher',
  'services',
  'path',
  'commandLine',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export type SortDirection = 'ascending' | 'descending';

/** The Apps table's columns (features/apps/app-columns.ts), for its own sort. */
export const APP_COLUMN_IDS = ['name', 'status', 'cpu', 'memory', 'disk', 'gpu', 'processes'] as const;
export type AppColumnId = (typeof APP_COLUMN_IDS)[number];
export type ViewMode = 'flat' | 'tree';
/**
 * The window's tabs, in their order (App history: per-app use over a past range, as Task Manager's;
 * Startup apps, Services and Users as Task Manager's pages of those names).
 */
export const TAB_IDS = ['processes', 'apps', 'performance', 'appHistory', 'startup', 'services', 'users'] as const;
export type TabId = (typeof TAB_IDS)[number];

export interface Settings {
  updateSpeed: UpdateSpeed;
  cpuMode: CpuMode;
  historyWindowSec: HistoryWindowSec;
  visibleColumns: ColumnId[];
  columnWidths: Partial<Record<ColumnId, number>>;
  sort: { column: ColumnId; direction: SortDirection };
  /** The Apps table sorts the apps within each group, and an app's processes, by this. */
  appsSort: { column: AppColumnId; direction: SortDirection };
  viewMode: ViewMode;
  activeTab: TabId;
  /**
   * Columns the user turned on in the Columns menu: shown even where this host can't fill them (a column the host
   * can't fill is off unless chosen here, so a default column such as GPU stays off on a machine without one).
   */
  chosenColumns: ColumnId[];
  /** The user's choice: the Processes tab's details panel is open (it still closes itself in a narrow window). */
  isDetailsPanelOpen: boolean;
  /** Processes tree nodes the user closed (row keys, `pid:startTimeMs`); every other node is open. */
  collapsedProcesses: string[];
  /** Scroll to the selected process when a re-sort moves it out of view. */
  keepSelectionInView: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  updateSpeed: 'normal',
  cpuMode: 'machine',
  historyWindowSec: 60,
  visibleColumns: ['name', 'pid', 'status', 'cpu', 'memory', 'disk', 'network', 'gpu', 'user'],
  columnWidths: {},
  sort: { column: 'cpu', direction: 'descending' },
  appsSort: { column: 'cpu', direction: 'descending' },
  viewMode: 'flat',
  activeTab: 'processes',
  chosenColumns: [],
  isDetailsPanelOpen: true,
  collapsedProcesses: [],
  keepSelectionInView: false,
};

/** At most this many collapsed nodes are remembered (the newest): keys of exited processes pile up. */
export const MAX_COLLAPSED_PROCESSES = 1000;

export const MIN_COLUMN_WIDTH = 48;
export const MAX_COLUMN_WIDTH = 1200;

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

/** Stored settings, checked field by field; anything missing or wrong falls back to the default. */
export function parseStoredSettings(value: unknown): Settings {
  const stored = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const sort = typeof stored['sort'] === 'object' && stored['sort'] !== null ? (stored['sort'] as Record<string, unknown>) : {};
  // Each column once (a column shown twice would be two cells with one React key).
  const visible = Array.isArray(stored['visibleColumns'])
    ? [...new Set(stored['visibleColumns'].filter((c): c is ColumnId => isOneOf(COLUMN_IDS, c)))]
    : DEFAULT_SETTINGS.visibleColumns;
  const widths: Partial<Record<ColumnId, number>> = {};
  const storedWidths = stored['columnWidths'];
  if (typeof storedWidths === 'object' && storedWidths !== null) {
    for (const [key, width] of Object.entries(storedWidths)) {
      if (isOneOf(COLUMN_IDS, key) && typeof width === 'number' && width >= MIN_COLUMN_WIDTH && width <= MAX_COLUMN_WIDTH) widths[key] = width;
    }
  }
  const historyWindowSec = stored['historyWindowSec'];
  const appsSort = typeof stored['appsSort'] === 'object' && stored['appsSort'] !== null ? (stored['appsSort'] as Record<string, unknown>) : {};
  const chosen = Array.isArray(stored['chosenColumns'])
    ? [...new Set(stored['chosenColumns'].filter((c): c is ColumnId => isOneOf(COLUMN_IDS, c)))]
    : DEFAULT_SETTINGS.chosenColumns;
  const collapsed = Array.isArray(stored['collapsedProcesses'])
    ? [...new Set(stored['collapsedProcesses'].filter((key): key is string => typeof key === 'string' && /^\d+:\d+$/.test(key)))]
    : [];
  return {
    updateSpeed: isOneOf(UPDATE_SPEEDS, stored['updateSpeed']) ? stored['updateSpeed'] : DEFAULT_SETTINGS.updateSpeed,
    cpuMode: isOneOf(CPU_MODES, stored['cpuMode']) ? stored['cpuMode'] : DEFAULT_SETTINGS.cpuMode,
    historyWindowSec: historyWindowSec === 60 || historyWindowSec === 300 ? historyWindowSec : DEFAULT_SETTINGS.historyWindowSec,
    visibleColumns: visible.includes('name') ? visible : ['name', ...visible],
    columnWidths: widths,
    sort: {
      column: isOneOf(COLUMN_IDS, sort['column']) ? sort['column'] : DEFAULT_SETTINGS.sort.column,
      direction: sort['direction'] === 'ascending' || sort['direction'] === 'descending' ? sort['direction'] : DEFAULT_SETTINGS.sort.direction,
    },
    appsSort: {
      column: isOneOf(APP_COLUMN_IDS, appsSort['column']) ? appsSort['column'] : DEFAULT_SETTINGS.appsSort.column,
      direction: appsSort['direction'] === 'ascending' || appsSort['direction'] === 'descending' ? appsSort['direction'] : DEFAULT_SETTINGS.appsSort.direction,
    },
    viewMode: stored['viewMode'] === 'tree' ? 'tree' : 'flat',
    activeTab: isOneOf(TAB_IDS, stored['activeTab']) ? stored['activeTab'] : DEFAULT_SETTINGS.activeTab,
    chosenColumns: chosen,
    isDetailsPanelOpen: typeof stored['isDetailsPanelOpen'] === 'boolean' ? stored['isDetailsPanelOpen'] : DEFAULT_SETTINGS.isDetailsPanelOpen,
    collapsedProcesses: collapsed.slice(-MAX_COLLAPSED_PROCESSES),
    keepSelectionInView: stored['keepSelectionInView'] === true,
  };
}
