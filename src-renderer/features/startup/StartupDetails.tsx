/**
 * The focused startup entry's details under the table: where it is kept, why its status is what it
 * is, when it was last enabled or disabled, whether changing it needs the administrator, and its
 * impact's reason or login (what the grid's cells hold in tooltips, for the keyboard and a reader).
 */
import type { StartupEntry } from '../../../src-shared/startup.ts';
import { formatCount, formatDateTime } from '../../format.ts';
import { startupStrings as text } from './startup-strings.ts';

export function startupDetails(entry: StartupEntry): string[] {
  const { impact } = entry;
  return [
    text.keptAt(entry.locationPath),
    ...(entry.statusDetail ? [text.statusDetail(entry.statusDetail)] : []),
    ...(entry.changedAtMs !== null ? [text.changedAt(formatDateTime(entry.changedAtMs))] : []),
    ...(entry.needsElevation ? [text.elevationNote] : []),
    impact.state === 'notMeasured' ? text.impactReason(impact.reason) : text.measuredAt(formatDateTime(impact.loginAtMs), formatCount(impact.processCount)),
  ];
}

export function StartupDetails({ entry }: { entry: StartupEntry }) {
  return (
    <p className="page-details" aria-label={text.detailsLabel}>
      <strong>{entry.name}</strong> {startupDetails(entry).join(' ')}
    </p>
  );
}
