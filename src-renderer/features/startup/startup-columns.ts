/**
 * The Startup apps table: Name, Publisher, Status, Startup impact, Needs administrator, Location,
 * Command; what each cell says and sorts by, and the search over them. Startup impact is measured
 * or "Not measured" with its reason (the cell's tooltip), never a guess; it sorts by CPU time,
 * unmeasured last. Pure.
 */
import type { StartupEntry, StartupImpact } from '../../../src-shared/startup.ts';
import { collator } from '../../components/compare-values.ts';
import { searchRows, type TableColumn } from '../../components/table-model.ts';
import { formatBytes, formatCount } from '../../format.ts';
import { startupStrings as text } from './startup-strings.ts';

/** A CPU time as a person reads it: "350 ms", "1.2 s", "75 s". */
export function formatCpuMs(ms: number): string {
  return ms < 1000 ? text.milliseconds(formatCount(ms)) : text.seconds((ms / 1000).toFixed(1));
}

export function impactText(impact: StartupImpact): string {
  if (impact.state === 'notMeasured') return text.notMeasured;
  if (impact.processCount === 0) return text.didNotRun;
  return text.impact(formatCpuMs(impact.cpuTimeMs), formatBytes(impact.diskBytes));
}

const valueOf = (impact: StartupImpact): number | null => (impact.state === 'measured' ? impact.cpuTimeMs : null);

export const STARTUP_COLUMNS: readonly TableColumn<StartupEntry>[] = [
  { id: 'name', label: text.columns.name, definition: text.definitions.name, isNumeric: false, width: 200, text: (e) => e.name, sortValue: (e) => e.name },
  {
    id: 'publisher',
    label: text.columns.publisher,
    definition: text.definitions.publisher,
    isNumeric: false,
    width: 150,
    text: (e) => e.publisher ?? '',
    sortValue: (e) => e.publisher,
  },
  {
    id: 'status',
    label: text.columns.status,
    definition: text.definitions.status,
    isNumeric: false,
    width: 90,
    text: (e) => text.statuses[e.status],
    title: (e) => e.statusDetail ?? undefined,
    sortValue: (e) => text.statuses[e.status],
  },
  {
    id: 'impact',
    label: text.columns.impact,
    definition: text.definitions.impact,
    isNumeric: true,
    width: 170,
    text: (e) => impactText(e.impact),
    title: (e) => (e.impact.state === 'notMeasured' ? e.impact.reason : undefined),
    sortValue: (e) => valueOf(e.impact),
  },
  {
    id: 'elevation',
    label: text.columns.elevation,
    definition: text.definitions.elevation,
    isNumeric: false,
    width: 150,
    text: (e) => (e.needsElevation ? text.needsElevation : ''),
    sortValue: (e) => (e.needsElevation ? text.needsElevation : null),
  },
  {
    id: 'location',
    label: text.columns.location,
    definition: text.definitions.location,
    isNumeric: false,
    width: 170,
    text: (e) => text.locations[e.location],
    title: (e) => e.locationPath,
    sortValue: (e) => text.locations[e.location],
  },
  { id: 'command', label: text.columns.command, definition: text.definitions.command, isNumeric: false, width: 320, text: (e) => e.command, sortValue: (e) => e.command },
];

/** Equal rows keep one order: by name, then id (unique). */
export const byName = (a: StartupEntry, b: StartupEntry) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id);

export const searchStartup = (entries: readonly StartupEntry[], query: string) => searchRows(entries, query, (e) => [e.name, e.publisher, e.command, e.locationPath]);
